package declared

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"privdiff/catalog"
)

// The line readers that take bytes where they took characters, checked
// against the character-by-character code they replace (kept here as the
// reference) on every line of the policies the tests carry and on edges.

var byteReaderEdges = []string{"", "a", "A。b", "a. b.c", "a.", "。", "\xe3\x80", "\xe3\x80\x82\xff", "\xef\xbf\xbd",
	"ＳＤＫ：微信", "**友盟SDK**", "__x__", "\t繁體字測試", "https://a.b/c 友盟", "a\xffb\xe4c", "READ_PHONE_STATE", "ǅ"}

func TestByteReadersMatchRuneReaders(t *testing.T) {
	lines := append([]string{}, byteReaderEdges...)
	lines = append(lines, carriedPolicyTextLines(t)...)
	for _, orig := range lines {
		checkByteReaders(t, orig)
	}
}

func checkByteReaders(t *testing.T, orig string) {
	t.Helper()
	var got, want strings.Builder
	gotShifts := appendFolded(&got, nil, orig)
	wantShifts := appendFoldedByRune(&want, nil, orig)
	if got.String() != want.String() || fmt.Sprint(gotShifts) != fmt.Sprint(wantShifts) {
		t.Fatalf("appendFolded(%q) = %q %v, want %q %v", orig, got.String(), gotShifts, want.String(), wantShifts)
	}
	norm := got.String()
	for _, s := range []string{orig, norm} {
		for from := 0; from <= len(s); {
			end, next := sentenceEnd(s, from)
			if wantEnd, wantNext := sentenceEndByRune(s, from); end != wantEnd || next != wantNext {
				t.Fatalf("sentenceEnd(%q, %d) = %d, %d, want %d, %d", s, from, end, next, wantEnd, wantNext)
			}
			if next == len(s) {
				break
			}
			from = next
		}
		for _, offsets := range []bool{false, true} {
			if got, want := compactOf(s, offsets), compactOfByRune(s, offsets); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("compactOf(%q, %v) = %v, want %v", s, offsets, got, want)
			}
		}
	}
	l := foldLine(orig)
	h, la, tr := l.scripts()
	if wh, wla, wtr := scriptsByRune(&l); h != wh || la != wla || tr != wtr {
		t.Fatalf("scripts(%q) = %d, %d, %d, want %d, %d, %d", orig, h, la, tr, wh, wla, wtr)
	}
}

func FuzzByteReaders(f *testing.F) {
	for _, s := range byteReaderEdges {
		f.Add(s)
	}
	f.Fuzz(checkByteReaders)
}

func appendFoldedByRune(b *strings.Builder, shifts []posShift, orig string) []posShift {
	simp := catalog.ToSimplified(orig)
	if utf8.RuneCountInString(simp) != utf8.RuneCountInString(orig) {
		simp = orig
	}
	lineStart, first := b.Len(), len(shifts)
	marks := emphasisMarks(orig)
	j := 0
	for i := range orig {
		s, n := utf8.DecodeRuneInString(simp[j:])
		j += n
		s = foldRune(s)
		if marks != nil && marks[i] {
			s = ' '
		}
		at := b.Len() - lineStart
		last := posShift{}
		if len(shifts) > first {
			last = shifts[len(shifts)-1]
		}
		if at-i != int(last.norm-last.orig) {
			shifts = append(shifts, posShift{int32(at), int32(i)})
		}
		b.WriteRune(s)
	}
	return shifts
}

func compactOfByRune(norm string, offsets bool) compactLine {
	var c compactLine
	var key []byte
	urls := urlPattern().FindAllStringIndex(norm, -1)
	for i, r := range norm {
		inURL := false
		for _, u := range urls {
			inURL = inURL || u[0] <= i && i < u[1]
		}
		if inURL || leftOutOfKey(r) {
			continue
		}
		n := utf8.RuneLen(r)
		if r == utf8.RuneError {
			n = 1
		}
		key = append(key, norm[i:i+n]...)
		for k := 0; offsets && k < n; k++ {
			c.start = append(c.start, int32(i))
			c.end = append(c.end, int32(i+n))
		}
	}
	c.key = string(key)
	return c
}

// sentenceEndByRune is sentenceEnd read character by character.
func sentenceEndByRune(norm string, from int) (end, next int) {
	for i, r := range norm[from:] {
		i += from
		if r == '。' || r == ';' || r == '!' || r == '?' || (r == '.' && i+1 < len(norm) && norm[i+1] == ' ') {
			return i, i + utf8.RuneLen(r)
		}
	}
	return len(norm), len(norm)
}

// scriptsByRune is docLine.scripts read character by character.
func scriptsByRune(l *docLine) (han, latin, traditional int) {
	j := 0
	for _, r := range l.orig {
		n, size := utf8.DecodeRuneInString(l.norm[j:])
		j += size
		if unicode.Is(unicode.Han, r) {
			han++
			if n != r {
				traditional++
			}
		} else if r < 0x80 && unicode.IsLetter(r) {
			latin++
		}
	}
	return han, latin, traditional
}
