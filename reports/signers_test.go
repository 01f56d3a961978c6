package reports

import (
	"bytes"
	"io"
	"privdiff/diff"
	"reflect"
	"strings"
	"testing"

	"privdiff/apk"
)

func TestDeveloper(t *testing.T) {
	tests := []struct {
		subject, want string
	}{
		{"CN=Hevin Liu,OU=Community,O=JiGuang,L=ShenZhen,ST=GuangDong,C=CN", "JiGuang"},
		{"CN=simsun", "simsun"},
		{"CN=OldLauncher,OU=Unknown,O=Unknown,L=Unknown,ST=Unknown,C=CN", "OldLauncher"},
		{`CN=Test Dev,O=Acme\, Inc.,C=US`, "Acme, Inc."},
		{"CN=Test Dev,O=测试公司,C=CN", "测试公司"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := developer([]apk.Signer{{Subject: tt.subject}}); got != tt.want {
			t.Errorf("developer(%q) = %q, want %q", tt.subject, got, tt.want)
		}
	}
	if got := developer(nil); got != "" {
		t.Errorf("developer(nil) = %q", got)
	}
}

func TestSignerLinesJoinSchemesOfOneCertificate(t *testing.T) {
	s := []apk.Signer{
		{Scheme: "v2", Subject: "CN=a", SHA256: "aa", NotBefore: "2016-01-06T23:09:35Z", NotAfter: "2040-12-30T23:09:35Z"},
		{Scheme: "v1", Subject: "CN=a", SHA256: "aa", NotBefore: "2016-01-06T23:09:35Z", NotAfter: "2040-12-30T23:09:35Z"},
		{Scheme: "v1", Subject: "CN=b", SHA256: "bb", NotBefore: "2020-01-01T00:00:00Z", NotAfter: "2021-01-01T00:00:00Z"},
	}
	want := []string{"v2+v1 CN=a · SHA-256 aa · 2016-01-06 – 2040-12-30", "v1 CN=b · SHA-256 bb · 2020-01-01 – 2021-01-01"}
	if got := signerLines(s); !reflect.DeepEqual(got, want) {
		t.Errorf("signerLines = %q, want %q", got, want)
	}
}

// TestSignersInReports checks that every human format names the developer
// and the certificate fingerprint, in both languages.
func TestSignersInReports(t *testing.T) {
	a := &diff.Audit{App: apk.App{Package: "com.example", Signers: []apk.Signer{
		{Scheme: "v2", Subject: "CN=Hevin Liu,O=JiGuang,C=CN", SHA256: "e7b8", NotBefore: "2016-11-08T05:14:14Z", NotAfter: "2041-11-02T05:14:14Z"},
	}}}
	for _, lang := range []string{"en", "zh"} {
		a.Lang = lang
		for name, write := range map[string]func(io.Writer, *diff.Audit) error{
			"table": AuditTable, "markdown": AuditMarkdown, "html": AuditHTML,
		} {
			var b bytes.Buffer
			if err := write(&b, a); err != nil {
				t.Fatalf("%s %s: %v", lang, name, err)
			}
			for _, want := range []string{textFor(lang).Developer, "JiGuang", "SHA-256 e7b8", "2041-11-02"} {
				if !strings.Contains(b.String(), want) {
					t.Errorf("%s %s report lacks %q", lang, name, want)
				}
			}
		}
	}
}
