package declared

import (
	"fmt"
	"regexp"
	"testing"
)

// oneWordConstant is the pattern oneWordConstants implements.
var oneWordConstant = regexp.MustCompile(`\b[a-z]{3,}\b`)

// TestOneWordConstants checks oneWordConstants against the pattern it
// implements, on every line of the policies the tests carry and on edges.
func TestOneWordConstants(t *testing.T) {
	lines := []string{"", "ab", "abc", "abc1", "_abc", "abc_", "1abc", "abcé", "éabc", "a bc def ghij",
		"camera:相机", "read_phone_state internet", "xAbcd abcD", "abc\xffdef"}
	lines = append(lines, carriedPolicyLines(t)...)
	words := 0
	for _, s := range lines {
		got, want := oneWordConstants(s), oneWordConstant.FindAllStringIndex(s, -1)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%q: %v, want %v", s, got, want)
		}
		words += len(got)
	}
	if words < 1000 {
		t.Errorf("only %d words found", words)
	}
}

func FuzzOneWordConstants(f *testing.F) {
	for _, s := range []string{"abc", "read_phone_state INTERNET", "é abc_d 1xyz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, want := oneWordConstants(s), oneWordConstant.FindAllStringIndex(s, -1)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%q: %v, want %v", s, got, want)
		}
	})
}
