package declared

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// patternScanEdges are texts at the edges of the patterns read by hand.
var patternScanEdges = []string{"", " ", "#", "# ", "###### h", "####### h", "#\t", "-", "* x", "•", "· 1", "►x",
	"(1)", "( 12 ).x", "(1234)", "(12a)", "(一)", "(一二三四)", "(一", "1", "1.", "1.2.3、x", "1.2345", "1234",
	"12.a", "1 . x", "1)", "1:", "一、", "十一二三", "①", "⑳.", "⑴", "a", "a.", "ab", "z)", "A.", "\v1", "\r\n 1",
	"\xff1", "1\xff", "(\xff)", "、", "和和", "以下和", "以", "为", "为您", "x,y", "【a】", "“a”", "abc_def",
	"android.permission.camera", ":", " :", "  : x", "a :b", "a: b\nc", "a:\n b", "a\n: b", "\ta\t:\t",
	"一二三四五六七八九十一二三四五六七八九十一二三四:x", "一二三四五六七八九十一二三四五六七八九十一二三四五:x", "a::b", "名称 : 微信 : SDK", "()", "(a)(b)", "((a)", "(a", "a)", "【安卓】", "【a)", "(【a】)", "[x]y[z]",
	"(0123456789012345678901234567890123456789)", "(01234567890123456789012345678901234567890)", "(\xff)", "(\xe3\x80)", "A", "A1_", "_A", "1A", "READ_PHONE_STATE", "CAMERA\n", "CAMERA ", "ÀB", "a.b_permission", "a.permission.b", "sdk(android端)和", "\xe3\x80", "以\xff及"}

// TestPatternScansMatchPatterns checks every scan of patternscans.go
// against the pattern it reads, on the edges and on every line of the
// policies the tests carry; itemBreakIndex on every rest of a line it is
// asked of, as sentence walks one.
func TestPatternScansMatchPatterns(t *testing.T) {
	lines := append(append([]string{}, patternScanEdges...), carriedPolicyLines(t)...)
	numbered, breaks, constants := 0, 0, 0
	for _, s := range lines {
		checkPatternScans(t, s)
		if numberingEnd(s) >= 0 {
			numbered++
		}
		if itemBreakIndex(s) != nil {
			breaks++
		}
		if constantMatches(s) != nil {
			constants++
		}
	}
	if numbered < 1000 || breaks < 1000 || constants < 50 {
		t.Errorf("only %d numbered lines, %d with a break and %d with a constant", numbered, breaks, constants)
	}
}

func checkPatternScans(t *testing.T, s string) {
	t.Helper()
	want := -1
	if loc := numbering().FindStringIndex(s); loc != nil {
		want = loc[1]
	}
	if got := numberingEnd(s); got != want {
		t.Fatalf("numberingEnd(%q) = %d, want %d", s, got, want)
	}
	for pos := 0; pos <= len(s); {
		got, want := itemBreakIndex(s[pos:]), itemBreaks().FindStringIndex(s[pos:])
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("itemBreakIndex(%q) = %v, want %v", s[pos:], got, want)
		}
		if got == nil {
			break
		}
		pos += got[1]
	}
	want = -1
	wantValue := -1
	if m := labelLine().FindStringSubmatchIndex(s); m != nil {
		want, wantValue = m[3], m[4]
	}
	if end, value, ok := labelSplit(s); !ok && want >= 0 || ok && (end != want || value != wantValue) {
		t.Fatalf("labelSplit(%q) = %d, %d, %v, want %d, %d", s, end, value, ok, want, wantValue)
	}
	if got, want := bracketedIndex(s), bracketed().FindStringIndex(s); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("bracketedIndex(%q) = %v, want %v", s, got, want)
	}
	mark := func(b string) string { return "<" + b + ">" }
	if got, want := replaceBracketed(s, mark), bracketed().Regexp().ReplaceAllStringFunc(s, mark); got != want {
		t.Fatalf("replaceBracketed(%q) = %q, want %q", s, got, want)
	}
	for _, n := range []int{0, 1, 2, 12, 30, 60} {
		if got, want := runesOver(s, n), utf8.RuneCountInString(s) > n; got != want {
			t.Fatalf("runesOver(%q, %d) = %v, want %v", s, n, got, want)
		}
	}
	for _, w := range []string{s, strings.ToUpper(s)} {
		if got, want := isUpperSnake(w), upperSnake().MatchString(w); got != want {
			t.Fatalf("isUpperSnake(%q) = %v, want %v", w, got, want)
		}
	}
	if got, want := constantMatches(s), constantPattern().FindAllStringIndex(s, -1); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("constantMatches(%q) = %v, want %v", s, got, want)
	}
}

func FuzzPatternScans(f *testing.F) {
	for _, s := range patternScanEdges {
		f.Add(s)
	}
	f.Fuzz(checkPatternScans)
}
