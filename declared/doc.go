package declared

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"privdiff/catalog"
)

// doc is the policy text prepared for matching. Every extractor works on
// folded lines (Simplified, lower-case ASCII, half-width punctuation) and
// maps what it finds back to the original text, so names and purposes are
// reported as written — in Traditional characters where the policy uses
// them.
type doc struct {
	lines []docLine
	// denied caches negatedItems: the SDK, permission and data-type
	// readers all skip those lines.
	denied []bool
}

type docLine struct {
	orig string
	norm string
	// shifts maps offsets of norm back to orig: from the character of norm
	// at shifts[k].norm on, each character starts shifts[k].orig -
	// shifts[k].norm bytes further in orig, until the next shift (before
	// the first, at the same offset). Folding changes the length of few
	// characters (full-width punctuation, invalid bytes), so this costs a
	// fraction of a byte per byte where an offset per byte cost eight.
	shifts []posShift
	// numberingEnd caches stripNumbering(norm) once numberingKnown, and
	// isHeading headingLine once headingKnown: the SDK, permission and
	// data-type readers each ask them of every line. Eight bytes a line;
	// caching more (the sentences) cost a large policy more memory than
	// it saved time.
	numberingEnd                            int32
	numberingKnown, headingKnown, isHeading bool
}

type posShift struct{ norm, orig int32 }

// heading is headingLine(l), computed once.
func (l *docLine) heading() bool {
	if !l.headingKnown {
		l.isHeading, l.headingKnown = headingLine(l), true
	}
	return l.isHeading
}

// numbering is stripNumbering(l.norm), computed once.
func (l *docLine) numbering() int {
	if !l.numberingKnown {
		l.numberingEnd, l.numberingKnown = int32(stripNumbering(l.norm)), true
	}
	return int(l.numberingEnd)
}

// newDoc folds every line into one shared string and one shared slice of
// shifts: a line costs no allocation of its own, and the folded text about
// as many bytes as the original.
func newDoc(lines []string) *doc {
	total := 0
	for _, l := range lines {
		total += len(l)
	}
	var b strings.Builder
	b.Grow(total)
	var shifts []posShift
	type ends struct{ norm, shifts int }
	end := make([]ends, len(lines))
	for i, l := range lines {
		shifts = appendFolded(&b, shifts, l)
		end[i] = ends{b.Len(), len(shifts)}
	}
	norm := b.String()
	d := &doc{lines: make([]docLine, len(lines))}
	prev := ends{}
	for i, l := range lines {
		e := end[i]
		d.lines[i] = docLine{orig: l, norm: norm[prev.norm:e.norm], shifts: shifts[prev.shifts:e.shifts:e.shifts]}
		prev = e
	}
	return d
}

// foldLine folds one line on its own.
func foldLine(orig string) docLine {
	var b strings.Builder
	b.Grow(len(orig))
	shifts := appendFolded(&b, nil, orig)
	return docLine{orig: orig, norm: b.String(), shifts: shifts}
}

// appendFolded writes orig folded character by character to b and appends
// its shifts, with offsets from the line's start. catalog.ToSimplified maps
// characters one to one, so the folded line has the original's characters
// in the same order.
func appendFolded(b *strings.Builder, shifts []posShift, orig string) []posShift {
	simp := catalog.ToSimplified(orig)
	same := simp == orig // most lines: nothing to simplify
	if !same && utf8.RuneCountInString(simp) != utf8.RuneCountInString(orig) {
		simp, same = orig, true
	}
	lineStart := b.Len()
	marks := emphasisMarks(orig)
	delta := 0 // the last shift's norm - orig, 0 before the first
	j := 0
	for i := 0; i < len(orig); {
		{
			// A run of characters folding keeps, each as long as the
			// original, is written at once: no shift starts inside it.
			// Runs stop at * and _, which emphasis marks blank.
			e, f := i, j
			if same {
				j = i // simp is orig
				e = foldKeepsUpTo(orig, i)
				f = e
			} else {
				e, f = simplifiedKeptUpTo(orig, simp, i, j)
			}
			if e > i {
				if at := b.Len() - lineStart; at-i != delta {
					shifts = append(shifts, posShift{int32(at), int32(i)})
					delta = at - i
				}
				b.WriteString(simp[j:f])
				i, j = e, f
				if i == len(orig) {
					break
				}
			}
		}
		s, n := rune(orig[i]), 1
		if s >= utf8.RuneSelf {
			s, n = catalog.NextRune(orig, i)
		}
		if !same {
			var m int
			s, m = utf8.DecodeRuneInString(simp[j:])
			j += m
		}
		s = foldRune(s)
		if marks != nil && marks[i] {
			s = ' '
		}
		if at := b.Len() - lineStart; at-i != delta {
			shifts = append(shifts, posShift{int32(at), int32(i)})
			delta = at - i
		}
		if s < utf8.RuneSelf {
			b.WriteByte(byte(s))
		} else {
			b.WriteRune(s)
		}
		i += n
	}
	return shifts
}

// foldKeepsUpTo returns the end of the run of characters from s[i:] that
// appendFolded writes unchanged: no upper-case ASCII, tab, no-break space,
// ideographic space or full-width form, no invalid byte, and no * or _
// (emphasis marks).
func foldKeepsUpTo(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' || c == '\t' || c == '*' || c == '_' {
				return i
			}
			i++
			continue
		}
		if catalog.IdeographAt(s, i) != 0 {
			i += 3
			continue
		}
		r, n := catalog.NextRune(s, i)
		if r == utf8.RuneError && n == 1 || foldRune(r) != r {
			return i
		}
		i += n
	}
	return i
}

// simplifiedKeptUpTo is foldKeepsUpTo for a line whose Simplified form
// simp differs from orig: the run from orig[i:] and simp[j:] of characters
// folding keeps whose Simplified form is as long as the original (a
// Traditional ideograph and its Simplified one are three bytes each). It
// returns the ends of the run in orig and in simp.
func simplifiedKeptUpTo(orig, simp string, i, j int) (int, int) {
	for i < len(orig) && j < len(simp) {
		r, m := rune(simp[j]), 1
		if r >= utf8.RuneSelf {
			r, m = catalog.NextRune(simp, j)
		}
		if r == utf8.RuneError && m == 1 || foldRune(r) != r || r == '*' || r == '_' {
			break
		}
		n := 1
		if orig[i] >= utf8.RuneSelf {
			_, n = catalog.NextRune(orig, i)
		}
		if n != m {
			break
		}
		i, j = i+n, j+m
	}
	return i, j
}

// origOffset returns the offset in orig of the character of norm that
// byte k of norm is part of (len(orig) for len(norm)).
func (l *docLine) origOffset(k int) int {
	if k >= len(l.norm) {
		return len(l.orig)
	}
	for k > 0 && !utf8.RuneStart(l.norm[k]) {
		k--
	}
	i := sort.Search(len(l.shifts), func(i int) bool { return int(l.shifts[i].norm) > k })
	if i == 0 {
		return k
	}
	sh := l.shifts[i-1]
	return int(sh.orig) + k - int(sh.norm)
}

// emphasisMarks finds Markdown emphasis in a line, so that no rule sees it
// and no name keeps it: the asterisks of "*   **微信开放平台 SDK**" but the
// first, which is a bullet, and runs of two or more underscores at a word's
// edge ("__友盟SDK__", not READ_PHONE_STATE). The folded line has a space
// for each, so offsets and the original text stay in step. nil when the
// line has none.
func emphasisMarks(orig string) []bool {
	if !strings.ContainsAny(orig, "*_") {
		return nil
	}
	var marks []bool
	mark := func(a, b int) {
		if marks == nil {
			marks = make([]bool, len(orig))
		}
		for k := a; k < b; k++ {
			marks[k] = true
		}
	}
	word := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	lead := len(orig) - len(strings.TrimLeft(orig, " \t"))
	for i := 0; i < len(orig); {
		c := orig[i]
		if c != '*' && c != '_' {
			i++
			continue
		}
		j := i
		for j < len(orig) && orig[j] == c {
			j++
		}
		switch {
		case c == '*' && i == lead && j-i == 1 && (j == len(orig) || orig[j] == ' ' || orig[j] == '\t'):
			// "* item": a bullet.
		case c == '*':
			mark(i, j)
		case j-i >= 2 && (i == 0 || !word(orig[i-1]) || j == len(orig) || !word(orig[j])):
			mark(i, j)
		}
		i = j
	}
	return marks
}

// foldRune turns full-width ASCII forms (（），：ＳＤＫ) into ASCII, the
// ideographic space into a space and upper-case ASCII into lower case.
func foldRune(r rune) rune {
	switch {
	case r >= 0xff01 && r <= 0xff5e:
		r -= 0xfee0
	case r == 0x3000 || r == '\t' || r == 0xa0:
		return ' '
	}
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return r
}

// written returns the original text of norm[a:b], trimmed.
func (l *docLine) written(a, b int) string {
	if a < 0 {
		a = 0
	}
	if b > len(l.norm) {
		b = len(l.norm)
	}
	if a >= b {
		return ""
	}
	return strings.TrimSpace(l.orig[l.origOffset(a):l.origOffset(b)])
}

// blank reports whether the line has no visible text.
func (l *docLine) blank() bool { return strings.TrimSpace(l.norm) == "" }

// nextNonBlank returns the index of the first non-blank line after i, or -1.
func (d *doc) nextNonBlank(i int) int {
	for j := i + 1; j < len(d.lines); j++ {
		if !d.lines[j].blank() {
			return j
		}
	}
	return -1
}

// language tells Simplified Chinese, Traditional Chinese and English apart:
// English has few ideographs; Traditional text has many characters that the
// OpenCC table folds to a different Simplified one.
func (d *doc) language() string {
	han, latin, traditional := 0, 0, 0
	for _, l := range d.lines {
		h, la, t := l.scripts()
		han, latin, traditional = han+h, latin+la, traditional+t
	}
	switch {
	case han*3 < latin:
		return "en"
	case traditional >= 10 && traditional*100 >= han*4:
		return "zh-Hant"
	}
	return "zh-Hans"
}

// scripts counts the line's Han characters, ASCII letters, and Han
// characters that folding changed (Traditional ones).
func (l *docLine) scripts() (han, latin, traditional int) {
	j := 0
	for i := 0; i < len(l.orig); {
		if c := l.orig[i]; c < utf8.RuneSelf && j < len(l.norm) && l.norm[j] < utf8.RuneSelf {
			// ASCII, in step: neither Han nor Traditional.
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
				latin++
			}
			i++
			j++
			continue
		}
		if r := catalog.IdeographAt(l.orig, i); r != 0 {
			han++
			if !strings.HasPrefix(l.norm[j:], l.orig[i:i+3]) {
				n, size := utf8.DecodeRuneInString(l.norm[j:])
				j += size - 3
				if n != r {
					traditional++
				}
			}
			i += 3
			j += 3
			continue
		}
		r, rsize := catalog.NextRune(l.orig, i)
		i += rsize
		// foldRune maps one character to one character, so the
		// folded line can be walked in step with the original.
		n, size := utf8.DecodeRuneInString(l.norm[j:])
		j += size
		switch {
		case unicode.Is(unicode.Han, r):
			han++
			if n != r {
				traditional++
			}
		case r < 0x80 && unicode.IsLetter(r):
			latin++
		}
	}
	return han, latin, traditional
}

// truncation warns when the text stops in the middle of a sentence: the
// last line is long prose without closing punctuation, as when a page was
// cut off by a download limit or a copy-paste.
func (d *doc) truncation() string {
	for i := len(d.lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(d.lines[i].norm)
		if l == "" {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(l)
		if !runesOver(l, 39) || strings.ContainsRune(".!?。!?;;)]}\"'”’」』>》】…", last) {
			return ""
		}
		if strings.Contains(l, "|") || endsWithAddress(l) {
			return ""
		}
		return "text looks truncated: the last line (" + strconv.Itoa(i+1) + ") ends mid-sentence"
	}
	return ""
}

// endsWithAddress reports a line whose last word is a web or e-mail
// address ("隐私政策链接:https://…", "contact us at a@b.org"): a link
// closes a line as a full stop does, so the text is not cut off there.
func endsWithAddress(l string) bool {
	for _, scheme := range []string{"http://", "https://", "www."} {
		if i := strings.LastIndex(l, scheme); i >= 0 && !strings.Contains(l[i:], " ") {
			return true
		}
	}
	// The e-mail address is the ASCII run after the last space, colon or
	// ideograph.
	word := l[strings.LastIndexAny(l, " :")+1:]
	if k := strings.LastIndexFunc(word, func(r rune) bool { return r >= utf8.RuneSelf }); k >= 0 {
		_, size := utf8.DecodeRuneInString(word[k:])
		word = word[k+size:]
	}
	at := strings.IndexByte(word, '@')
	return at > 0 && strings.Contains(word[at:], ".") && !strings.HasSuffix(word, ".")
}
