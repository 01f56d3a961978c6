package declared

import (
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
	// pos maps each byte offset of norm (and len(norm)) to the offset of
	// the original character it came from.
	pos []int
}

func newDoc(lines []string) *doc {
	d := &doc{lines: make([]docLine, len(lines))}
	for i, l := range lines {
		d.lines[i] = foldLine(l)
	}
	return d
}

// foldLine folds one line character by character. catalog.ToSimplified
// maps characters one to one, so the folded line has the original's
// characters in the same order.
func foldLine(orig string) docLine {
	simp := catalog.ToSimplified(orig)
	if utf8.RuneCountInString(simp) != utf8.RuneCountInString(orig) {
		simp = orig
	}
	var b strings.Builder
	b.Grow(len(orig))
	pos := make([]int, 0, len(orig)+1)
	marks := emphasisMarks(orig)
	j := 0
	for i := range orig {
		s, n := utf8.DecodeRuneInString(simp[j:])
		j += n
		s = foldRune(s)
		if marks != nil && marks[i] {
			s = ' '
		}
		before := b.Len()
		b.WriteRune(s)
		for k := before; k < b.Len(); k++ {
			pos = append(pos, i)
		}
	}
	pos = append(pos, len(orig))
	return docLine{orig: orig, norm: b.String(), pos: pos}
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
	return strings.TrimSpace(l.orig[l.pos[a]:l.pos[b]])
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
		j := 0
		for _, r := range l.orig {
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
	}
	switch {
	case han*3 < latin:
		return "en"
	case traditional >= 10 && traditional*100 >= han*4:
		return "zh-Hant"
	}
	return "zh-Hans"
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
		if utf8.RuneCountInString(l) < 40 || strings.ContainsRune(".!?。!?;;)]}\"'”’」』>》】…", last) {
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
