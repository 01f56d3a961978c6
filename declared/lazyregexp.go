package declared

import (
	"regexp"
	"sync"
)

// lazyPatterns lists every pattern declared with lazyRegexp, so a test can
// compile them all without reading a policy.
var lazyPatterns []string

// lazyRegexp compiles its pattern on first use rather than at package init:
// privdiff version, scan and catalog never read a policy, and compiling the
// policy patterns at start-up cost each of them about a millisecond.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	lazyPatterns = append(lazyPatterns, pattern)
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
