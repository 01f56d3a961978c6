package declared

import (
	"regexp"
	"testing"
)

// TestLazyPatternsCompile compiles every lazily compiled pattern, so a typo
// fails here rather than on the first policy that reaches it.
func TestLazyPatternsCompile(t *testing.T) {
	if len(lazyPatterns) == 0 {
		t.Fatal("no pattern registered")
	}
	for _, p := range lazyPatterns {
		if _, err := regexp.Compile(p); err != nil {
			t.Errorf("%q: %v", p, err)
		}
	}
}
