package declared

import (
	"sort"
	"strings"

	"privdiff/catalog"
)

// Policies name permissions by their constants in several ways; the text
// is folded to lower case, so each match is read back as written:
//
//	android.permission.CAMERA                     full name
//	com.google.android.gms.permission.AD_ID       another namespace
//	net.example.app.DYNAMIC_RECEIVER_PERMISSION   an app's own permission
//	READ_PHONE_STATE / INSTALL_SHORTCUT           without the prefix
//	&lt;uses-permission android:name="…"/&gt;     inside escaped manifest XML
//	* INTERNET：用于访问网络                        one word, as a label
var (
	constantPattern = lazyRegexp(`\b[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*\.permission\.[a-z][a-z0-9_]*|\b[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\.[a-z0-9_]*_permission\b|\b[a-z]+(?:_[a-z0-9]+)+\b`)
	upperSnake      = lazyRegexp(`^[A-Z][A-Z0-9_]*$`) // isUpperSnake reads it
)

// constantSpan is one constant found in a folded line: its span and its
// full name.
type constantSpan struct {
	a, b int
	name string
}

// lineConstants returns the constants written in the line, in order.
func lineConstants(l *docLine) []constantSpan {
	var out []constantSpan
	for _, loc := range constantMatches(l.norm) {
		if name := resolveConstant(l.norm[loc[0]:loc[1]], l.written(loc[0], loc[1])); name != "" {
			out = append(out, constantSpan{loc[0], loc[1], name})
		}
	}
	full := len(out)
	in := spanIndex(out[:full])
	if !hasUpperASCII(l.orig) {
		// A one-word constant is written in capitals (upperSnake): a line
		// without one has none, and most lines have none.
		return sortedSpans(out)
	}
	for _, loc := range oneWordConstants(l.norm) {
		written := l.written(loc[0], loc[1])
		if !isUpperSnake(written) || in(loc[0]) {
			continue
		}
		name, ok := catalog.PermissionNamed(written)
		if !ok || !strings.HasPrefix(name, "android.permission.") {
			continue
		}
		rest := strings.TrimLeft(l.norm[loc[1]:], " *")
		if full == 0 && !strings.HasPrefix(rest, ":") {
			continue
		}
		out = append(out, constantSpan{loc[0], loc[1], name})
	}
	return sortedSpans(out)
}

// oneWordConstants finds INTERNET, VIBRATE, CAMERA: platform constants of
// one word count only written in capitals as a label or beside other
// constants. It returns the spans of the words of three letters or more
// standing alone, as `\b[a-z]{3,}\b` would (TestOneWordConstants), without
// the backtracker's cost on long English lines.
func oneWordConstants(s string) [][]int {
	var out [][]int
	for i := 0; i < len(s); {
		if !isLowerASCII(s[i]) || i > 0 && isWordByte(s[i-1]) {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && isLowerASCII(s[j]) {
			j++
		}
		if j-i >= 3 && (j == len(s) || !isWordByte(s[j])) {
			out = append(out, []int{i, j})
		}
		i = j
	}
	return out
}

func isLowerASCII(c byte) bool { return 'a' <= c && c <= 'z' }

// isWordByte is a word character for \b: an ASCII letter, digit or _.
func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

func sortedSpans(out []constantSpan) []constantSpan {
	sort.SliceStable(out, func(i, j int) bool { return out[i].a < out[j].a })
	return out
}

func hasUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// spanIndex returns a test of whether an offset falls in one of the
// constants, for offsets asked in increasing order: one pass over both,
// however long the line.
func spanIndex(cs []constantSpan) func(at int) bool {
	next := 0
	return func(at int) bool {
		for next < len(cs) && cs[next].b <= at {
			next++
		}
		return next < len(cs) && at >= cs[next].a
	}
}

// resolveConstant turns a constant as matched (folded) and as written into
// its full name, or "" when it names no permission. A name in another
// namespace written in capitals counts as written (Play services' and apps'
// own permissions); an android.permission one must be the platform's, or be
// one cut short by a character or two.
func resolveConstant(folded, written string) string {
	if len(written) != len(folded) {
		written = folded
	}
	dot := strings.LastIndexByte(written, '.')
	prefix, last := written[:dot+1], written[dot+1:]
	switch {
	case strings.Contains(folded, ".permission."):
		name := prefix + strings.ToUpper(last)
		if catalog.PermissionWords().Known(name) {
			return name
		}
		if prefix == "android.permission." {
			// A name the platform does not declare is a slip; the words
			// beside it say what is meant.
			if full, ok := catalog.PermissionCompleting(name); ok && len(last) >= 8 {
				return full
			}
			return ""
		}
		if upperSnake().MatchString(last) {
			return prefix + last
		}
	case dot >= 0:
		if upperSnake().MatchString(last) {
			return written
		}
	default:
		if name, ok := catalog.PermissionNamed(strings.ToUpper(folded)); ok {
			return name
		}
	}
	return ""
}
