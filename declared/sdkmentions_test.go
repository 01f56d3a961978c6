package declared

import (
	"testing"
	"unicode"
)

// TestLeftOutOfKey checks the fast answers of leftOutOfKey against the
// Unicode tables for every rune.
func TestLeftOutOfKey(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := leftOutOfKey(r), notInKey(r); got != want {
			t.Fatalf("leftOutOfKey(%U) = %v, want %v", r, got, want)
		}
	}
}

// TestProseWeight checks proseWeight's fast answers against the Unicode
// tables for every rune.
func TestProseWeight(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := 0
		switch {
		case unicode.Is(unicode.Han, r):
			want = 3
		case unicode.IsLetter(r):
			want = 1
		}
		if got := proseWeight(r); got != want {
			t.Fatalf("proseWeight(%U) = %d, want %d", r, got, want)
		}
	}
}
