package declared

import (
	"strings"
	"unicode/utf8"
)

// Developers' policies name libraries as code in a Markdown list, grouped
// by what each one uses:
//
//	- Used by `Play services`:
//	  - `Play services measurement`:
//	    - android.permission.INTERNET
//	- Used by `androidx.core`:
//	  - com.example.DYNAMIC_RECEIVER_NOT_EXPORTED_PERMISSION
//
// A list item that is only a code-formatted name (and a colon) names a
// library when an owner lead ("used by", "由") stands before the name, or
// when the item it is nested in has one, or when the heading or intro line
// over its list speaks of third parties or libraries. An item whose own
// nested items are such names is a group (`Play services`), not a library.
// The catalog need not know the name.

// codeItem matches "- Used by `androidx.core`:" and "  - `okhttp`".
var codeItem = lazyRegexp("^(\\s*)[-*+•]\\s+([^`]{0,24}?)\\s*`([^`]{2,60})`\\s*:?\\s*$")

// snakeConstant is a code span that is a constant, not a library:
// `ACCESS_FINE_LOCATION`.
var snakeConstant = lazyRegexp(`^[a-z0-9]+(?:_[a-z0-9]+)+$`)

type codeItemLine struct {
	indent int
	lead   string // the owner lead before the name, "" when none
	a, b   int    // the name in the folded line
}

// parseCodeItem reads a line that is a code-formatted list item, when its
// words before the name are nothing or an owner lead.
func parseCodeItem(l *docLine, v *mentionVocab) (codeItemLine, bool) {
	if !strings.Contains(l.norm, "`") {
		return codeItemLine{}, false
	}
	m := codeItem().FindStringSubmatchIndex(l.norm)
	if m == nil {
		return codeItemLine{}, false
	}
	it := codeItemLine{indent: m[3] - m[2], lead: strings.TrimSpace(l.norm[m[4]:m[5]]), a: m[6], b: m[7]}
	for it.a < it.b && l.norm[it.a] == ' ' {
		it.a++
	}
	for it.b > it.a && l.norm[it.b-1] == ' ' {
		it.b--
	}
	if it.lead != "" && !isOwnerLead(it.lead, v) {
		return codeItemLine{}, false
	}
	name := l.norm[it.a:it.b]
	if utf8.RuneCountInString(name) < 2 || strings.Contains(name, "permission") || urlPattern().MatchString(name) ||
		snakeConstant().MatchString(name) || strings.Count(name, " ") > 5 ||
		strings.IndexFunc(name, func(r rune) bool { return r >= 'a' && r <= 'z' || r > utf8.RuneSelf }) < 0 {
		return codeItemLine{}, false
	}
	return it, true
}

func isOwnerLead(lead string, v *mentionVocab) bool {
	for _, w := range v.OwnerLeads {
		if lead == w {
			return true
		}
	}
	return false
}

// codeNames adds the libraries named as code-formatted list items.
func (f *sdkFinder) codeNames() {
	d := f.d
	v := mentionWords()
	for i := range d.lines {
		if f.tableRow[i] || f.inBlock[i] || f.blockBody[i] {
			continue
		}
		l := &d.lines[i]
		it, ok := parseCodeItem(l, v)
		if !ok || f.codeGroup(i, it, v) {
			continue
		}
		if it.lead == "" && !f.codeScope(i, it.indent, v) {
			continue
		}
		f.add(SDK{Name: l.written(it.a, it.b), Line: i + 1}, false)
	}
}

// codeGroup reports an item whose first nested item is itself a
// code-formatted name: "Used by `Play services`:" over its libraries.
func (f *sdkFinder) codeGroup(i int, it codeItemLine, v *mentionVocab) bool {
	j := f.d.nextNonBlank(i)
	if j < 0 {
		return false
	}
	next, ok := parseCodeItem(&f.d.lines[j], v)
	return ok && next.lead == "" && next.indent > it.indent
}

// codeScopeReach bounds how far back, in lines, an item's parent is looked
// for, so a long list costs a bounded amount per item.
const codeScopeReach = 64

// codeScope reports whether the item at line i (indented by indent) sits in
// a list of libraries: its parent item has an owner lead, or its parent
// item, heading or intro line speaks of third parties or libraries.
func (f *sdkFinder) codeScope(i, indent int, v *mentionVocab) bool {
	cued := func(l *docLine) bool {
		return v.cues.in(l.norm) && !v.negations.in(l.norm)
	}
	for j := i - 1; j >= 0 && i-j <= codeScopeReach; j-- {
		l := &f.d.lines[j]
		if l.blank() {
			continue
		}
		if l.heading() {
			return cued(l)
		}
		ind := len(l.norm) - len(strings.TrimLeft(l.norm, " "))
		bullet := l.numbering() > 0
		if ind < indent || (!bullet && ind <= indent) {
			if p, ok := parseCodeItem(l, v); ok {
				return p.lead != ""
			}
			return cued(l)
		}
	}
	return false
}
