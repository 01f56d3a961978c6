package reports

import (
	"bytes"
	"strings"
	"testing"

	"privdiff/apk"
	"privdiff/declared"
)

// TestChineseTables: with zh, the scan and policy tables have Chinese
// titles and headers and name data types in Chinese; with en, as before.
func TestChineseTables(t *testing.T) {
	pol, err := declared.ReadFile("../testdata/seeds/002_ee72fda53e159623.txt")
	if err != nil {
		t.Fatal(err)
	}
	obs, err := apk.ScanFile("../testdata/pairs/yuekuan/app.apk", apk.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, lang string
		write      func(*bytes.Buffer, string) error
		want, not  []string
	}{
		{"policy", "zh", func(b *bytes.Buffer, l string) error { return PolicyTableIn(b, pol, l) },
			[]string{"第三方 SDK（", "权限说明（", "数据类型（", "原文"}, []string{"Permission statements", "as written"}},
		{"policy", "en", func(b *bytes.Buffer, l string) error { return PolicyTableIn(b, pol, l) },
			[]string{"Permission statements", "Data types ("}, []string{"权限说明"}},
		{"scan", "zh", func(b *bytes.Buffer, l string) error { return ScanTableIn(b, obs, l) },
			[]string{"应用名称", "开发者", "敏感接口调用", "│ Android ID"}, []string{"Sensitive API calls", "android-id"}},
		{"scan", "en", func(b *bytes.Buffer, l string) error { return ScanTableIn(b, obs, l) },
			[]string{"Sensitive API calls", "android-id"}, []string{"敏感接口调用"}},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := tt.write(&b, tt.lang); err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s %s lacks %q", tt.name, tt.lang, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(b.String(), n) {
				t.Errorf("%s %s has %q", tt.name, tt.lang, n)
			}
		}
	}
}
