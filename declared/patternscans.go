package declared

import (
	"strings"
	"unicode/utf8"

	"privdiff/catalog"
)

// The patterns asked of every line or every item of a sentence, read by
// hand: Go's backtracker clears a bit per byte and instruction on every
// call, which cost more than the rest of the line's reading. Each scan
// returns exactly what its pattern's leftmost-first match would
// (TestPatternScansMatchPatterns compares them on every line of the
// policies the tests carry, FuzzPatternScans on any text).

// numberingEnd is where numbering's match at the start of s ends, or -1
// when s starts with no list marker. The pattern's pieces follow one
// another without overlap (a space is never a marker, a digit never a
// numeral), so its greedy first choices are its match.
func numberingEnd(s string) int {
	i := skipPatternSpace(s, 0)
	if i == len(s) {
		return -1
	}
	switch c := s[i]; {
	case c == '#':
		// #{1,6}\s+
		j := i
		for j < len(s) && s[j] == '#' && j-i < 6 {
			j++
		}
		k := skipPatternSpace(s, j)
		if k == j {
			return -1
		}
		return k
	case c == '-' || c == '*':
		return skipPatternSpace(s, i+1)
	case c == '(':
		// \(\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*\)
		j := skipPatternSpace(s, i+1)
		n := asciiDigits(s, j, 3)
		if n == 0 {
			n = chineseNumerals(s, j, 3)
		}
		if n == 0 {
			return -1
		}
		j = skipPatternSpace(s, j+n)
		if j == len(s) || s[j] != ')' {
			return -1
		}
		return numberingTail(s, j+1)
	case c >= '0' && c <= '9':
		// \d{1,3}(?:\.\d{1,3})*
		j := i + asciiDigits(s, i, 3)
		for j < len(s) && s[j] == '.' {
			n := asciiDigits(s, j+1, 3)
			if n == 0 {
				break
			}
			j += 1 + n
		}
		return numberingTail(s, j)
	case c >= 'a' && c <= 'z':
		return numberingTail(s, i+1)
	case c < utf8.RuneSelf:
		return -1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	switch {
	case strings.ContainsRune("•·●○■□◆◇▪►", r):
		return skipPatternSpace(s, i+size)
	case r >= '①' && r <= '⑳':
		return numberingTail(s, i+size)
	}
	if n := chineseNumerals(s, i, 3); n > 0 {
		return numberingTail(s, i+n)
	}
	return -1
}

// numberingTail reads numbering's `\s*(?:[.、:)]\s*)?` from i.
func numberingTail(s string, i int) int {
	i = skipPatternSpace(s, i)
	if i < len(s) {
		switch {
		case s[i] == '.' || s[i] == ':' || s[i] == ')':
			return skipPatternSpace(s, i+1)
		case strings.HasPrefix(s[i:], "、"):
			return skipPatternSpace(s, i+len("、"))
		}
	}
	return i
}

// skipPatternSpace skips what a pattern's \s matches: ASCII white space
// but the vertical tab.
func skipPatternSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// asciiDigits is how many bytes the ASCII digits from i take, at most max.
func asciiDigits(s string, i, max int) int {
	n := 0
	for n < max && i+n < len(s) && s[i+n] >= '0' && s[i+n] <= '9' {
		n++
	}
	return n
}

// chineseNumerals is how many bytes the Chinese numerals 一 to 十 from i
// take, at most max of them.
func chineseNumerals(s string, i, max int) int {
	j := i
	for k := 0; k < max && j < len(s); k++ {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !strings.ContainsRune("一二三四五六七八九十", r) {
			break
		}
		j += size
	}
	return j - i
}

// itemBreakWords are itemBreaks' alternatives of more than one byte, by
// their first byte. None is a prefix of another and no word starts with a
// one-byte break, so at most one matches at any offset.
var itemBreakWords = func() (t [256][]string) {
	for _, w := range []string{"、", "【", "】", "“", "”", "《", "》", "「", "」",
		"以及", "包括", "包含", "通过", "接入", "集成", "嵌入", "使用", "采用", "引入", "实现", "例如", "比如", "其中",
		"如下", "以下", "和", "及", "与", "或", "由", "向", "为您", "用于", "来自", "提供"} {
		t[w[0]] = append(t[w[0]], w)
	}
	return t
}()

// isItemBreakByte tells itemBreaks' one-byte alternatives.
func isItemBreakByte(c byte) bool {
	switch c {
	case ',', ';', ':', '(', ')', '[', ']', '"':
		return true
	}
	return false
}

// itemBreakIndex is itemBreaks().FindStringIndex(s): the first list mark
// or joining word of s, or nil. Every alternative starts with an ASCII or a
// leading byte, which starts a character wherever it is, so the offsets
// tried byte by byte are those the pattern tries.
func itemBreakIndex(s string) []int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isItemBreakByte(c) {
			return []int{i, i + 1}
		}
		for _, w := range itemBreakWords[c] {
			if strings.HasPrefix(s[i:], w) {
				return []int{i, i + len(w)}
			}
		}
	}
	return nil
}

// constantMatches is constantPattern().FindAllStringIndex(s, -1), asked
// only of a text that holds ".permission." or an underscore, which each of
// its alternatives does.
func constantMatches(s string) [][]int {
	if strings.IndexByte(s, '_') < 0 && !strings.Contains(s, ".permission.") {
		return nil
	}
	return constantPattern().FindAllStringIndex(s, -1)
}

// labelSplit reads labelLine's match of s: where its label (group 1)
// ends and its value (group 2) starts. The label runs to the first colon,
// without the white space before it (lazily, but one character at least);
// the value starts after the white space that follows.
func labelSplit(s string) (nameEnd, value int, ok bool) {
	k := strings.IndexByte(s, ':')
	if k <= 0 {
		return 0, 0, false
	}
	nameEnd = len(strings.TrimRight(s[:k], " \t\n\f\r"))
	if nameEnd == 0 {
		nameEnd = 1 // a white space character: one byte
	}
	if runesOver(s[:nameEnd], 24) {
		return 0, 0, false
	}
	value = skipPatternSpace(s, k+1)
	if strings.IndexByte(s[value:], '\n') >= 0 {
		return 0, 0, false // (.*)$ cannot cross a line end
	}
	return nameEnd, value, true
}

// bracketedIndex is bracketed().FindStringIndex(s): the first opening
// bracket followed, within 40 characters that are no bracket, by a closing
// one. The run of other characters is taken whole, so no shorter one can
// end at a closing bracket instead.
func bracketedIndex(s string) []int {
	for p := 0; p < len(s); p++ {
		switch {
		case s[p] == '(' || s[p] == '[':
		case s[p] == "【"[0] && strings.HasPrefix(s[p:], "【"):
		default:
			continue
		}
		i := s[p:]
		_, open := utf8.DecodeRuneInString(i)
		i = i[open:]
		for k := 0; k < 40 && i != "" && !startsWithBracket(i); k++ {
			_, n := utf8.DecodeRuneInString(i)
			i = i[n:]
		}
		switch {
		case strings.HasPrefix(i, ")") || strings.HasPrefix(i, "]"):
			return []int{p, len(s) - len(i) + 1}
		case strings.HasPrefix(i, "】"):
			return []int{p, len(s) - len(i) + len("】")}
		}
	}
	return nil
}

// startsWithBracket reports whether s starts with one of ()[]【】.
func startsWithBracket(s string) bool {
	switch s[0] {
	case '(', ')', '[', ']':
		return true
	case "【"[0]:
		return strings.HasPrefix(s, "【") || strings.HasPrefix(s, "】")
	}
	return false
}

// replaceBracketed is bracketed().ReplaceAllStringFunc(s, repl).
func replaceBracketed(s string, repl func(string) string) string {
	if bracketedIndex(s) == nil {
		return s // most lines: no copy
	}
	var b strings.Builder
	last := 0
	for last < len(s) {
		loc := bracketedIndex(s[last:])
		if loc == nil {
			break
		}
		b.WriteString(s[last : last+loc[0]])
		b.WriteString(repl(s[last+loc[0] : last+loc[1]]))
		last += loc[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// isUpperSnake is upperSnake().MatchString(s): a capital, then capitals,
// digits and underscores only.
func isUpperSnake(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// runesOver is utf8.RuneCountInString(s) > n, read no further than the
// n+1st character: the lines asked whether they are short are often long.
func runesOver(s string, n int) bool {
	if len(s) <= n {
		return false // a character takes a byte at least
	}
	for i := 0; i < len(s); n-- {
		if n < 0 {
			return true
		}
		if s[i] < utf8.RuneSelf {
			i++
		} else {
			_, size := catalog.NextRune(s, i)
			i += size
		}
	}
	return n < 0
}
