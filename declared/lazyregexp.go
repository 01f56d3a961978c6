package declared

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// lazyPatterns lists every pattern declared with lazyRegexp, so a test can
// compile them all without reading a policy.
var lazyPatterns []string

// lazyRegexp compiles its pattern on first use rather than at package init:
// privdiff version, scan and catalog never read a policy, and compiling the
// policy patterns at start-up cost each of them about a millisecond.
func lazyRegexp(pattern string) func() *prefiltered {
	lazyPatterns = append(lazyPatterns, pattern)
	return sync.OnceValue(func() *prefiltered { return newPrefiltered(pattern) })
}

// prefiltered is a regexp that first asks whether the text holds one of the
// literal words every match of the pattern contains (read from the
// pattern's syntax tree: `(更新|生效|发布)…\d{4}` needs 更新, 生效 or 发布). Most
// lines of a policy hold none, and answering them with strings.Contains
// instead of Go's backtracker made extraction several times faster. The
// answers are the regexp's own: a text without the words cannot match.
//
// The regexp itself is compiled only when a text first passes the
// prefilter: a policy that never speaks of dates or frameworks does not
// pay for compiling their patterns.
type prefiltered struct {
	pattern string
	re      func() *regexp.Regexp
	// needs are the sets of words every match holds one of each:
	// `(关闭|撤回)…(权限|permission)` needs 关闭 or 撤回, and 权限 or
	// permission. None: the pattern can match without any literal.
	needs []wordNeed
	// needByte is a set of ASCII bytes one of which every match holds as
	// well (the digits of `\d{4}`); needAny says whether there is one.
	needByte [256 / 32]uint32
	needAny  bool
}

// A wordNeed is one set of words a match holds one of.
type wordNeed struct {
	words []literal
	fold  bool     // some are compared ignoring case
	set   *wordSet // the words in one pass, when they are several exact ones
}

// maxNeeds bounds the sets of words checked per text.
const maxNeeds = 2

func newPrefiltered(pattern string) *prefiltered {
	needs, ok := generatedNeeds(pattern)
	if !ok {
		needs = readNeeds(pattern) // a pattern added since prefilters_gen.go was written
	}
	p := &prefiltered{pattern: pattern,
		re: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })}
	for _, words := range needs.words {
		n := wordNeed{words: words}
		var exact []string
		for _, l := range words {
			n.fold = n.fold || l.fold
			exact = append(exact, l.text)
		}
		if !n.fold && len(exact) >= 3 {
			n.set = newWordSet(exact)
		}
		p.needs = append(p.needs, n)
	}
	for i := 0; i < len(needs.bytes); i++ {
		p.needAny = true
		p.needByte[needs.bytes[i]/32] |= 1 << (needs.bytes[i] % 32)
	}
	return p
}

// patternNeeds is what every match of a pattern holds, read from its
// syntax tree: a word of each of words (requiredLiteralSets) and one of
// bytes (requiredByte; "" for none). go test -update writes those of every
// lazyRegexp pattern into prefilters_gen.go, so a process does not parse
// each pattern to learn them (and again to compile it).
type patternNeeds struct {
	pattern string
	words   [][]literal
	bytes   string
}

// generatedNeeds returns the needs prefilters_gen.go holds for pattern.
func generatedNeeds(pattern string) (patternNeeds, bool) {
	i, ok := slices.BinarySearchFunc(generatedPrefilters, pattern, func(n patternNeeds, p string) int { return strings.Compare(n.pattern, p) })
	if !ok {
		return patternNeeds{}, false
	}
	return generatedPrefilters[i], true
}

// readNeeds reads a pattern's needs from its syntax tree.
func readNeeds(pattern string) patternNeeds {
	tree, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		regexp.MustCompile(pattern) // panics, as a bad pattern always did
	}
	needs := patternNeeds{pattern: pattern, words: requiredLiteralSets(tree)}
	needs.bytes, _ = requiredByte(tree)
	return needs
}

// requiredLiteralSets returns sets of words every match of re holds one of
// each: the best of requiredLiterals for a pattern, and up to maxNeeds of
// its parts' for a sequence, the rarest first.
func requiredLiteralSets(re *syntax.Regexp) [][]literal {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	var sets [][]literal
	if re.Op == syntax.OpConcat {
		for _, sub := range re.Sub {
			if l, ok := requiredLiterals(sub); ok {
				sets = append(sets, l)
			}
		}
		sort.SliceStable(sets, func(i, j int) bool { return betterLiterals(sets[i], sets[j]) })
		return sets[:min(len(sets), maxNeeds)]
	}
	if l, ok := requiredLiterals(re); ok {
		sets = append(sets, l)
	}
	return sets
}

// holdsNeededByte reports whether s holds one of needByte.
func (p *prefiltered) holdsNeededByte(s string) bool {
	for i := 0; i < len(s); i++ {
		if p.needByte[s[i]/32]&(1<<(s[i]%32)) != 0 {
			return true
		}
	}
	return false
}

func (p *prefiltered) String() string { return p.pattern }

// mayMatch reports whether s holds one of the words every match needs.
func (p *prefiltered) mayMatch(s string) bool {
	may := p.holdsNeeded(s)
	if prefilterSaid != nil {
		prefilterSaid(p, s, may)
	}
	return may
}

// prefilterSaid, set by tests, is told every answer of the prefilter, so a
// test can check it against the regexp on every text extraction reads.
var prefilterSaid func(p *prefiltered, s string, mayMatch bool)

func (p *prefiltered) holdsNeeded(s string) bool {
	if p.needAny && !p.holdsNeededByte(s) {
		return false
	}
	for _, n := range p.needs {
		if !n.in(s) {
			return false
		}
	}
	return true
}

// in reports whether s holds one of the words.
func (n wordNeed) in(s string) bool {
	if n.set != nil {
		return n.set.in(s)
	}
	// (?i)k also matches the Kelvin sign, (?i)s the long s: with one in
	// the text, the words compared by ASCII case alone prove nothing.
	foldsOutside := n.fold && (strings.Contains(s, "\u212a") || strings.Contains(s, "\u017f"))
	for _, l := range n.words {
		switch {
		case !l.fold:
			if strings.Contains(s, l.text) {
				return true
			}
		case foldsOutside || containsFoldASCII(s, l.text):
			return true
		}
	}
	return false
}

func (p *prefiltered) MatchString(s string) bool {
	return p.mayMatch(s) && p.re().MatchString(s)
}

func (p *prefiltered) FindString(s string) string {
	if !p.mayMatch(s) {
		return ""
	}
	return p.re().FindString(s)
}

func (p *prefiltered) FindStringIndex(s string) []int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.re().FindStringIndex(s)
}

func (p *prefiltered) FindStringSubmatch(s string) []string {
	if !p.mayMatch(s) {
		return nil
	}
	return p.re().FindStringSubmatch(s)
}

func (p *prefiltered) FindStringSubmatchIndex(s string) []int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.re().FindStringSubmatchIndex(s)
}

func (p *prefiltered) FindAllString(s string, n int) []string {
	if !p.mayMatch(s) {
		return nil
	}
	return p.re().FindAllString(s, n)
}

func (p *prefiltered) FindAllStringIndex(s string, n int) [][]int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.re().FindAllStringIndex(s, n)
}

func (p *prefiltered) FindAllStringSubmatch(s string, n int) [][]string {
	if !p.mayMatch(s) {
		return nil
	}
	return p.re().FindAllStringSubmatch(s, n)
}

func (p *prefiltered) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.re().FindAllStringSubmatchIndex(s, n)
}

func (p *prefiltered) ReplaceAllString(s, repl string) string {
	if !p.mayMatch(s) {
		return s
	}
	return p.re().ReplaceAllString(s, repl)
}

// Regexp is the compiled pattern, for what the prefilter does not answer.
func (p *prefiltered) Regexp() *regexp.Regexp { return p.re() }

func (p *prefiltered) ReplaceAllStringFunc(s string, repl func(string) string) string {
	if !p.mayMatch(s) {
		return s
	}
	return p.re().ReplaceAllStringFunc(s, repl)
}

// A literal is a word a match contains, compared exactly or, under (?i),
// ignoring ASCII case.
type literal struct {
	text string // ASCII letters in lower case when fold
	fold bool
}

// maxLiterals bounds the words checked per text: more, and checking them
// costs about what the regexp does.
const maxLiterals = 24

// maxClassLiterals is the widest character class taken as literals ([:：]).
const maxClassLiterals = 4

// maxRepeats bounds the copies of a repeated literal taken as one word.
const maxRepeats = 8

// requiredLiterals returns words one of which every match of re contains,
// or false when the pattern can match without any (an empty match, .*,
// a wide class).
func requiredLiterals(re *syntax.Regexp) ([]literal, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		fold := re.Flags&syntax.FoldCase != 0
		if fold && !foldableASCII(re.Rune) {
			return nil, false
		}
		word := string(re.Rune)
		if fold {
			word = strings.Map(func(r rune) rune {
				if r < utf8.RuneSelf {
					return rune(lowerASCII(byte(r)))
				}
				return r
			}, word)
		}
		return []literal{{word, fold}}, true
	case syntax.OpCharClass:
		var lits []literal
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(lits) == maxClassLiterals {
					return nil, false
				}
				lits = append(lits, literal{text: string(r)})
			}
		}
		return lits, len(lits) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return requiredLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min < 1 {
			return nil, false
		}
		lits, ok := requiredLiterals(re.Sub[0])
		if ok && re.Sub[0].Op == syntax.OpLiteral && re.Min > 1 {
			// -{3,} holds "---": a table's rule, where a line with one
			// dash has none.
			lits = []literal{{strings.Repeat(lits[0].text, min(re.Min, maxRepeats)), lits[0].fold}}
		}
		return lits, ok
	case syntax.OpAlternate:
		var lits []literal
		for _, sub := range re.Sub {
			l, ok := requiredLiterals(sub)
			if !ok || len(lits)+len(l) > maxLiterals {
				return nil, false
			}
			lits = append(lits, l...)
		}
		return lits, true
	case syntax.OpConcat:
		// Any part's words will do; the longest shortest word is the
		// rarest.
		var best []literal
		found := false
		for _, sub := range re.Sub {
			l, ok := requiredLiterals(sub)
			if ok && (!found || betterLiterals(l, best)) {
				best, found = l, true
			}
		}
		return best, found
	}
	return nil, false
}

// requiredByte returns a set of ASCII bytes one of which every match of re
// contains, the smallest it finds, or false when there is none: an ASCII
// character or a class of them (\d, [a-z]) that the match cannot skip.
func requiredByte(re *syntax.Regexp) (string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return "", false
		}
		for _, r := range re.Rune {
			if r < utf8.RuneSelf {
				return string(r), true
			}
		}
		return "", false
	case syntax.OpCharClass:
		var b []byte
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1] >= utf8.RuneSelf {
				return "", false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				b = append(b, byte(r))
			}
		}
		return string(b), len(b) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return requiredByte(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min < 1 {
			return "", false
		}
		return requiredByte(re.Sub[0])
	case syntax.OpAlternate:
		var all string
		for _, sub := range re.Sub {
			b, ok := requiredByte(sub)
			if !ok {
				return "", false
			}
			all += b
		}
		return all, true
	case syntax.OpConcat:
		best, found := "", false
		for _, sub := range re.Sub {
			if b, ok := requiredByte(sub); ok && (!found || len(b) < len(best)) {
				best, found = b, true
			}
		}
		return best, found
	}
	return "", false
}

// betterLiterals prefers the set whose shortest word is longer, then the
// smaller set.
func betterLiterals(a, b []literal) bool {
	if sa, sb := shortest(a), shortest(b); sa != sb {
		return sa > sb
	}
	return len(a) < len(b)
}

func shortest(lits []literal) int {
	n := -1
	for _, l := range lits {
		if n < 0 || len(l.text) < n {
			n = len(l.text)
		}
	}
	return n
}

// foldableASCII reports whether a case-insensitive literal can be compared
// by folding ASCII letters only: its other runes have no other case.
func foldableASCII(runes []rune) bool {
	for _, r := range runes {
		if r >= utf8.RuneSelf && unicode.SimpleFold(r) != r {
			return false
		}
	}
	return true
}

// containsFoldASCII reports whether s holds word with its ASCII letters in
// either case. It jumps between the occurrences of word's first byte in
// either case with IndexByte, keeping the next of each, so it reads s once.
func containsFoldASCII(s, word string) bool {
	if word == "" {
		return true
	}
	lower, upper := lowerASCII(word[0]), upperASCII(word[0])
	nextLower, nextUpper := -1, -1 // positions not yet searched for
	for i := 0; i+len(word) <= len(s); i++ {
		if nextLower < i {
			nextLower = indexByteFrom(s, lower, i)
		}
		if nextUpper < i {
			nextUpper = indexByteFrom(s, upper, i)
		}
		i = min(nextLower, nextUpper)
		if i+len(word) > len(s) {
			return false
		}
		if equalASCIIFold(s[i:i+len(word)], word) {
			return true
		}
	}
	return false
}

// indexByteFrom is the index of c in s at or after from, or len(s).
func indexByteFrom(s string, c byte, from int) int {
	if k := strings.IndexByte(s[from:], c); k >= 0 {
		return from + k
	}
	return len(s)
}
