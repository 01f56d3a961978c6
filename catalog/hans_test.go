package catalog

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// t2s reads data/t2s.txt into a map, the reference the generated
// Simplifier is checked against.
func t2s() map[rune]rune {
	f, err := os.Open("data/t2s.txt")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	m := map[rune]rune{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if from, to, ok := strings.Cut(sc.Text(), "\t"); ok && !strings.HasPrefix(from, "#") {
			r, _ := utf8.DecodeRuneInString(from)
			m[r], _ = utf8.DecodeRuneInString(to)
		}
	}
	return m
}

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
	m := t2s()
	for r, simple := range m {
		if !generatedSimplifier.changes(string(r)) {
			t.Fatalf("%q maps to %q but is passed", r, simple)
		}
		if got := ToSimplified(string(r)); got != string(simple) {
			t.Fatalf("ToSimplified(%q) = %q, want %q", r, got, simple)
		}
	}
	// Every character the table does not map is kept.
	for r := rune(0x80); r < 0x30000; r++ {
		if _, mapped := m[r]; !mapped && (r < 0xD800 || r > 0xDFFF) && r != utf8.RuneError {
			if got, ok := generatedSimplifier.simplified(r); ok || got != r {
				t.Fatalf("%q is not in t2s.txt but maps to %q", r, got)
			}
		}
	}
}
