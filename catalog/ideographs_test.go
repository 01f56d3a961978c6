package catalog

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestIdeographsAreHan checks what IdeographAt's callers rely on: every
// character of U+4E00–U+9FFF is Han, a letter without case that no
// folding changes, and IdeographAt reads them as the decoder does.
func TestIdeographsAreHan(t *testing.T) {
	for r := rune(cjkFirst); r <= cjkLast; r++ {
		if !unicode.Is(unicode.Han, r) || !unicode.IsLetter(r) || unicode.ToLower(r) != r || unicode.IsSpace(r) {
			t.Fatalf("%U is not a Han letter without case", r)
		}
	}
	for lead := 0xe0; lead <= 0xef; lead++ {
		for b1 := 0; b1 <= 0xff; b1++ {
			for b2 := 0; b2 <= 0xff; b2 += 3 {
				s := string([]byte{byte(lead), byte(b1), byte(b2)})
				r, _ := utf8.DecodeRuneInString(s)
				want := rune(0)
				if r >= cjkFirst && r <= cjkLast {
					want = r
				}
				if got := IdeographAt(s, 0); got != want {
					t.Fatalf("IdeographAt(%q) = %U, want %U", s, got, want)
				}
				for _, text := range []string{s, s[:2], "a" + s, s + "a"} {
					for i := range len(text) {
						if text[i] < utf8.RuneSelf {
							continue
						}
						r, n := NextRune(text, i)
						if wr, wn := utf8.DecodeRuneInString(text[i:]); r != wr || n != wn {
							t.Fatalf("NextRune(%q, %d) = %U, %d, want %U, %d", text, i, r, n, wr, wn)
						}
					}
				}
			}
		}
	}
}

// TestHasSpace checks hasSpace against the Unicode test it stands for, on
// every character of the Basic Multilingual Plane and on invalid bytes.
func TestHasSpace(t *testing.T) {
	texts := []string{"", "\xff", "a\xe4\xb8", "数据 类型", "数据\u3000类型", "android id"}
	for r := rune(0); r < 0x10000; r++ {
		texts = append(texts, "数"+string(r)+"x")
	}
	for _, s := range texts {
		if got, want := hasSpace(s), strings.IndexFunc(s, unicode.IsSpace) >= 0; got != want {
			t.Fatalf("hasSpace(%q) = %v, want %v", s, got, want)
		}
	}
}
