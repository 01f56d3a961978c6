package declared

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"privdiff/catalog"
)

// The catalog is the dictionary: every name and alias it knows is looked
// for over every line in one pass (catalog.FindSDKNames), so a known SDK is
// found however the policy writes it — a link text, "we use the Unity Ads
// SDK", "推送通知消息（华为推送SDK）", "神策及友盟的SDK", a bare name under an
// SDK heading. Whether a name found declares an SDK is a question of scope:
//
//   - its sentence speaks of SDKs or third parties (a cue word), or the line
//     is an item of a list whose heading or intro line does;
//   - no negation comes before it in its clause ("没有…SDK", "does not
//     include …, such as Google Analytics");
//   - a name that is also an everyday word or a company (微信, 支付宝, Google,
//     an open-source library named like a word) counts only written as an
//     SDK ("微信SDK") or as a list item of its own under an SDK heading.
//
// Tables and label blocks are left to their readers, which see columns.

// compactLine is a folded line without spaces and punctuation, the form
// catalog names are matched in, with the offsets of each byte in norm.
type compactLine struct {
	key   string
	start []int32 // start[k]: offset in norm of the character key[k] is part of
	end   []int32 // end[k]: offset in norm just after that character
}

func compact(norm string) compactLine { return compactOf(norm, true) }

// compactKey is compact's key alone, for a caller that maps nothing back:
// the offsets cost sixteen bytes per byte of the line.
func compactKey(norm string) string { return compactOf(norm, false).key }

func compactOf(norm string, offsets bool) compactLine {
	var c compactLine
	var b strings.Builder
	b.Grow(len(norm))
	if offsets {
		c.start, c.end = make([]int32, 0, len(norm)), make([]int32, 0, len(norm))
	}
	// A link's address is no mention: "firebase" in firebase.google.com.
	urls := urlPattern().FindAllStringIndex(norm, -1)
	// kept is the run of characters kept, written at once. U+FFFD and
	// invalid bytes are symbols, left out.
	kept := 0
	for i := 0; i < len(norm); {
		r, n := rune(norm[i]), 1
		if r >= utf8.RuneSelf {
			r, n = catalog.NextRune(norm, i)
		}
		for len(urls) > 0 && urls[0][1] <= i {
			urls = urls[1:]
		}
		if len(urls) > 0 && urls[0][0] <= i || leftOutOfKey(r) {
			b.WriteString(norm[kept:i])
			i += n
			kept = i
			continue
		}
		if offsets {
			for k := 0; k < n; k++ {
				c.start = append(c.start, int32(i))
				c.end = append(c.end, int32(i+n))
			}
		}
		i += n
	}
	b.WriteString(norm[kept:])
	c.key = b.String()
	return c
}

// leftOutOfKey tells the characters compactOf drops: spaces, punctuation,
// symbols and controls. ASCII is answered from a table and the CJK
// ideographs (letters, kept) at once: the Unicode tables cost more than the
// rest of compactOf on Chinese text.
func leftOutOfKey(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return asciiLeftOutOfKey[r]
	case r >= cjkFirst && r <= cjkLast:
		return false
	}
	return notInKey(r)
}

// The CJK Unified Ideographs block: all letters (TestLeftOutOfKey).
const cjkFirst, cjkLast = 0x4E00, 0x9FFF

func notInKey(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}

var asciiLeftOutOfKey = func() (t [utf8.RuneSelf]bool) {
	for r := range t {
		t[r] = notInKey(rune(r))
	}
	return t
}()

// mentionVocab is the vocabulary in the forms the matcher uses.
type mentionVocab struct {
	*catalog.MentionWords
	common map[string]bool
	weak   map[string]bool
	// feature holds FeatureWords, folded as names are.
	feature []string
	// negations, cues and pushCues are Negations, Cues and PushCues,
	// asked of every line.
	negations, cues, pushCues *wordSet
}

// weakName reports a catalog name, folded, that declares nothing on its
// own: a common word or company, or a phrase made only of feature words.
func (v *mentionVocab) weakName(key string) bool {
	return v.common[key] || madeOf(key, v.feature)
}

// madeOf reports whether key is a run of words, each one of words
// ("身份"+"验证"). Names are short, so the table is small.
func madeOf(key string, words []string) bool {
	if key == "" || len(key) > 120 {
		return false
	}
	ok := make([]bool, len(key)+1)
	ok[0] = true
	for i := 0; i < len(key); i++ {
		if !ok[i] {
			continue
		}
		for _, w := range words {
			if w != "" && strings.HasPrefix(key[i:], w) {
				ok[i+len(w)] = true
			}
		}
	}
	return ok[len(key)]
}

// mentionWords is built once per process: batch reads several policies at
// once, and a vocabulary built by each without a lock raced (one read the
// maps another was still filling).
var mentionWords = sync.OnceValue(func() *mentionVocab {
	w := catalog.SDKMentionWords()
	v := &mentionVocab{MentionWords: w, common: map[string]bool{}, weak: map[string]bool{},
		negations: newWordSet(w.Negations), cues: newWordSet(w.Cues), pushCues: newWordSet(w.PushCues)}
	for _, n := range w.CommonNames {
		v.common[catalog.NormalizeName(n)] = true
	}
	for _, fw := range w.FeatureWords {
		v.feature = append(v.feature, catalog.NormalizeName(fw))
	}
	for _, c := range w.WeakCategories {
		v.weak[c] = true
	}
	return v
})

// negatedBefore reports whether the clause of s that holds offset at says
// "not" before at. A clause ends at , ; : and a clause that starts with an
// elaboration ("such as", "例如") belongs to the one before it.
func negatedBefore(s string, at int, v *mentionVocab) bool {
	start := 0
	if k := strings.LastIndexAny(s[max(0, at-negationReach):at], ",;:"); k >= 0 {
		k += max(0, at-negationReach)
		start = k + 1
		for start > 0 {
			head := strings.TrimLeft(s[start:at], " ")
			elaborates := false
			for _, e := range v.Elaborations {
				if strings.HasPrefix(head, e) {
					elaborates = true
				}
			}
			if !elaborates {
				break
			}
			prev := strings.LastIndexAny(s[max(0, at-negationReach):start-1], ",;:")
			if prev < 0 {
				start = max(0, at-negationReach)
				break
			}
			start = max(0, at-negationReach) + prev + 1
		}
	}
	// A negation governs the words near it: look back a phrase, not a
	// whole run-on list (which would also make long lines quadratic).
	start = max(start, at-negationReach)
	return v.negations.in(s[start:at])
}

// negationReach is how far before a name, in bytes, a negation counts.
const negationReach = 240

// listItem reports a line that can be an item of a list: numbered or
// bulleted, or short and without a sentence's end.
func listItem(l *docLine) bool {
	if l.numbering() > 0 {
		return true
	}
	t := strings.TrimSpace(l.norm)
	return !runesOver(t, 60) && !strings.ContainsAny(t, "。")
}

// headingLine reports a Markdown heading or a line numbered with a Chinese
// numeral ("三、", "(二)"), which opens a section of its own.
func headingLine(l *docLine) bool {
	t := strings.TrimSpace(l.norm)
	if strings.HasPrefix(t, "#") {
		return true
	}
	end := numberingEnd(t)
	if end < 0 {
		return false
	}
	m := t[:end]
	return strings.ContainsAny(m, "一二三四五六七八九十") && !runesOver(t, 40)
}

// mentions adds the catalog names the text declares outside tables and
// label blocks.
func (f *sdkFinder) mentions() {
	d := f.d
	v := mentionWords()
	scope := false // the lines are items under an SDK heading or intro line
	carry := ""    // the unfinished sentence the line before ended with
	for i := range d.lines {
		l := &d.lines[i]
		if l.blank() {
			carry = ""
			continue
		}
		if f.tableRow[i] || f.inBlock[i] || f.linkLabel[i] || f.blockBody[i] {
			scope = false
			continue
		}
		item := listItem(l)
		key := compactKey(l.norm)
		hits := catalog.FindSDKNames(key)
		switch {
		case l.heading():
			scope = v.cues.in(l.norm) && !v.negations.in(l.norm)
		case !item:
			// An intro line: "我们接入的第三方SDK如下:", "Link to the
			// privacy policy of third-party service providers used by the app".
			// Its last sentence introduces the list: "We do not collect
			// any data. Anyway, the app relies on these services:".
			last := lastSentence(l.norm)
			scope = v.cues.in(last) && !v.negations.in(last)
		case item && len(hits) == 0 && v.cues.in(l.norm) && !v.negations.in(l.norm):
			// A short heading: "第三方SDK列表".
			scope = true
		}
		if l.numbering() > 0 || l.heading() {
			carry = ""
		}
		f.lineMentions(l, i, item && scope, carry, v, hits)
		carry = unfinished(carry, l.norm)
	}
}

// lastSentence returns the last sentence of a folded line.
func lastSentence(norm string) string {
	ss := sentences(norm)
	if len(ss) == 0 {
		return ""
	}
	last := ss[len(ss)-1]
	return norm[last[0]:last[1]]
}

// unfinished returns the text after a line's last sentence end when the
// line ends mid-sentence, as wrapped Markdown paragraphs do:
//
//	This app does not include any advertisement libraries or any 3rd party tracking code,
//	such as Google Analytics.
func unfinished(carry, norm string) string {
	t := strings.TrimRight(norm, " ")
	if t == "" || strings.ContainsRune(".。!?;:", rune(t[len(t)-1])) {
		return ""
	}
	ss := sentences(t)
	last := ss[len(ss)-1]
	if len(ss) > 1 || last[0] > 0 {
		carry = ""
	}
	if len(carry)+last[1]-last[0] > maxSentence/2 {
		return ""
	}
	return carry + t[last[0]:last[1]] + " "
}

// lineMentions adds the SDKs one line declares, given the catalog names
// found in its compactKey.
func (f *sdkFinder) lineMentions(l *docLine, line int, inList bool, carry string, v *mentionVocab, hits []catalog.NameHit) {
	f.pushMakers(l, line, v)
	if len(hits) == 0 {
		return
	}
	// The offsets back to norm cost sixteen bytes per byte: only for the
	// few lines with a name.
	c := compact(l.norm)
	sents := sentences(l.norm)
	if len(sents) == 0 {
		return
	}
	itemStart := l.numbering()
	for itemStart < len(l.norm) && strings.ContainsRune(" *`[“\"'《", rune(l.norm[itemStart])) {
		itemStart++
	}
	cuedSent, cued := [2]int{-1, -1}, false
	for _, h := range hits {
		a, b := int(c.start[h.Start]), int(c.end[h.End-1])
		if !wordBounded(l.norm, a, b) {
			continue
		}
		sdk, ok := catalog.SDKByID(h.ID)
		if !ok {
			continue
		}
		// Hits come in text order: walk the sentences along with them.
		for len(sents) > 1 && sents[0][1] <= a {
			sents = sents[1:]
		}
		sent := sents[0]
		if sent != cuedSent {
			cuedSent, cued = sent, v.cues.in(l.norm[sent[0]:sent[1]])
			if sent[0] == 0 && carry != "" {
				cued = cued || v.cues.in(carry)
			}
		}
		s := l.norm[sent[0]:sent[1]]
		prefix := ""
		if sent[0] == 0 {
			prefix = carry
		}
		if negatedBefore(prefix+s, len(prefix)+a-sent[0], v) {
			continue
		}
		a, b = nameSpan(l.norm, a, b, v)
		name := l.norm[a:b]
		weak := v.weakName(catalog.NormalizeName(l.norm[c.start[h.Start]:c.end[h.End-1]])) || v.weak[sdk.Category]
		switch {
		case sdkSuffixEnd(name) > 0 && (cued || inList):
		case !weak && (cued || inList):
		case weak && inList && a == itemStart && nameOnly(l.norm[b:]):
		default:
			continue
		}
		id := sdk.ID
		var platforms []string
		if m := sdkForPlatformEnd().FindStringIndex(name); m != nil {
			// "Maps SDK for iOS".
			platforms = platformsIn(name[m[0]:])
		}
		f.add(SDK{
			Name:      l.written(a, b),
			Purpose:   prosePurpose(l, sent[0], sent[1], min(b, sent[1])-sent[0]),
			Line:      line + 1,
			Platforms: platforms,
			CatalogID: &id,
		}, true)
	}
}

// wordBounded reports that norm[a:b] is not glued to Latin letters or
// digits on either side ("bugly" in "buglyx" is not Bugly); "sdk" may
// follow ("buglysdk").
func wordBounded(norm string, a, b int) bool {
	isWord := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
	if a > 0 && isWord(norm[a-1]) && isWord(norm[a]) {
		return false
	}
	if b < len(norm) && isWord(norm[b]) && isWord(norm[b-1]) {
		rest := norm[b:]
		return strings.HasPrefix(rest, "sdk") && (len(rest) == 3 || !isWord(rest[3]) || strings.HasPrefix(rest, "sdks"))
	}
	return true
}

// nameOnly reports that what follows a name on its line leaves it a name
// of its own: nothing, a bracket, a colon, a dash or a link.
func nameOnly(rest string) bool {
	t := strings.TrimLeft(rest, " *]“”\"'》")
	return t == "" || strings.ContainsRune("(:-–—|,、;", rune(t[0]))
}

// nameSpan widens a catalog name found at norm[a:b] to the name as
// written: a vendor word in front ("Google Firebase", "腾讯Bugly") and the
// rest of the name up to a trailing SDK ("友盟统计分享SDK", "Unity Ads SDK"),
// but not past a list word or mark ("神策及友盟的SDK" stays 神策).
func nameSpan(norm string, a, b int, v *mentionVocab) (int, int) {
	for _, p := range v.BrandPrefixes {
		pre := strings.TrimRight(norm[:a], " ")
		if strings.HasSuffix(pre, p) && !strings.HasPrefix(norm[a:], p) {
			at := len(pre) - len(p)
			if wordBounded(norm, at, len(pre)) || at == 0 {
				a = at
				break
			}
		}
	}
	rest := norm[b:]
	limit := 0
	for i, r := range rest {
		if utf8.RuneCountInString(rest[:i]) > 12 {
			break
		}
		if strings.HasPrefix(rest[i:], "sdk") {
			seg := rest[:i]
			if itemBreakIndex(seg) != nil || strings.ContainsAny(seg, "的,;:。()") {
				break
			}
			limit = afterSDK(rest, i+3)
			break
		}
		if unicode.IsPunct(r) && r != '-' && r != '.' {
			break
		}
	}
	return a, b + limit
}

// makerJoins are what stands between makers of one list: 华为/小米、OPPO或vivo.
var makerJoins = []string{"", "/", "、", ",", "和", "及", "与", "或", "and", "or"}

// companyShortName is what may stand between two makers of a list that
// names each by its company and short name: "华为技术有限公司(华为)、小米科技
// 有限责任公司(小米)和…": the rest of a company name, a closing bracket, a
// join, then an opening bracket.
var companyShortName = lazyRegexp(`^\)?\s*(?:、|,|和|及|与|或|and |or )?\s*[^\s,;.。、()]*(?:公司|集团)\s*\($|^\)\s*(?:、|,|和|及|与|或|and|or)?\s*$`)

// makerGap reports whether gap joins two makers of one list.
func makerGap(gap string) bool {
	gap = strings.TrimSpace(gap)
	return slices.Contains(makerJoins, gap) || companyShortName().MatchString(gap)
}

// pushMakers adds the push channels of phone makers listed in a push
// sentence: "使用华为/小米/OPPO/VIVO手机的，厂商Push SDK会…". Two makers or more
// in a row make the list; one maker alone is more often the phone.
func (f *sdkFinder) pushMakers(l *docLine, line int, v *mentionVocab) {
	if !v.pushCues.in(l.norm) {
		return // nor does any of its sentences hold a cue
	}
	for _, sent := range sentences(l.norm) {
		s := l.norm[sent[0]:sent[1]]
		if !v.pushCues.in(s) {
			continue
		}
		type found struct {
			a, b int
			id   string
		}
		var run []found
		flush := func() {
			if len(run) >= 2 {
				for _, m := range run {
					if negatedBefore(s, m.a, v) {
						continue
					}
					id := m.id
					f.add(SDK{Name: l.written(sent[0]+m.a, sent[0]+m.b), Line: line + 1, CatalogID: &id,
						Purpose: prosePurpose(l, sent[0], sent[1], m.b)}, true)
				}
			}
			run = run[:0]
		}
		for i := 0; i < len(s); {
			matched := false
			for w, id := range v.PushMakers {
				if strings.HasPrefix(s[i:], w) && wordBounded(s, i, i+len(w)) {
					if n := len(run); n > 0 {
						if !makerGap(s[run[n-1].b:i]) {
							flush()
						}
					}
					run = append(run, found{i, i + len(w), id})
					i += len(w)
					matched = true
					break
				}
			}
			if !matched {
				_, n := utf8.DecodeRuneInString(s[i:])
				i += n
			}
		}
		flush()
	}
}
