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
