package catalog

import (
	"strings"
	"testing"
)

func TestToSimplified(t *testing.T) {
	tests := []struct{ in, want string }{
		{"華為推送", "华为推送"},
		{"騰訊雲", "腾讯云"},
		{"聯通一鍵登錄", "联通一键登录"},
		{"個人信息", "个人信息"},
		{"乾淨", "干净"}, // one-to-many: OpenCC's first candidate
		{"已是简体", "已是简体"},
		{"ASCII only", "ASCII only"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := ToSimplified(tt.in); got != tt.want {
			t.Errorf("ToSimplified(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if n := len(t2s()); n < 2500 {
		t.Errorf("t2s has %d mappings, want the full OpenCC character table", n)
	}
}

// TestToSimplifiedUnchanged checks the text ToSimplified returns as is
// against a character-by-character conversion, on text that needs none,
// text that needs some, and invalid bytes.
func TestToSimplifiedUnchanged(t *testing.T) {
	slow := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if simple, ok := t2s()[r]; ok {
				r = simple
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	for _, s := range []string{"简体中文", "華為", "abc華", "中\xff文", "\uFFFD", "𠀀𡁜", "隐私政策 privacy"} {
		if got, want := ToSimplified(s), slow(s); got != want {
			t.Errorf("ToSimplified(%q) = %q, want %q", s, got, want)
		}
	}
	for r := range t2s() {
		if !needsSimplifying(string(r), t2s()) {
			t.Fatalf("%q maps to %q but is passed", r, t2s()[r])
		}
	}
}
