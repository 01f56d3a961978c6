package declared

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"privdiff/catalog"
)

// Prose names SDKs in enumerations:
//
//	我們會接入第三方SDK,包括移動一鍵登錄SDK、電信一鍵登錄SDK(Android端、iOS端)為您實現…
//	個性化推薦功能通過小米PUSH(Android端)、OPPO PUSH(Android端)、MobPush(Android端)實現。
//	我們會接入百度地圖(Android端、iOS端)SDK,用于展現地圖
//
// A sentence is read only when it speaks of SDKs (or marks platforms); its
// items are split at list punctuation and at the verbs that introduce a
// list, and an item is an SDK when it ends in "SDK", carries a platform
// marking, or is a name the catalog knows.

// itemBreaks split a sentence into list items.
// itemBreakIndex reads it.
var itemBreaks = lazyRegexp(`[、,;:()\[\]【】“”"《》「」]|以及|包括|包含|通过|接入|集成|嵌入|使用|采用|引入|实现|例如|比如|其中|如下|以下|和|及|与|或|由|向|为您|用于|来自|提供`)

// sdkSentence tells the sentences worth splitting.
var sdkSentence = lazyRegexp(`sdk|软件开发工具包|android端|ios端|安卓端|框架|based on|built with`)

// frameworkPattern finds app frameworks the policy says the app is built
// on: "我们的产品基于flutter开发", "uni-app框架会申请…".
var frameworkPattern = lazyRegexp(`(?:基于|采用|使用|built with|based on)\s*([a-z][a-z0-9.\- ]{1,30}?)\s*(?:框架)?\s*(?:开发|构建|framework)|([a-z][a-z0-9.\-]{1,30})\s*框架`)

// genericName are words that name a kind of SDK, not one: 第三方push SDK,
// 相关SDK, 统计SDK.
var genericName = map[string]bool{
	"": true, "push": true, "推送": true, "统计": true, "广告": true, "支付": true, "分享": true,
	"登录": true, "地图": true, "定位": true, "安全": true, "相关": true, "其他": true, "第三方": true,
	"合作方": true, "开发": true, "工具": true, "工具包": true, "开发包": true, "软件": true, "插件": true,
	"服务": true, "app": true, "应用": true, "类似": true, "同类": true, "该": true, "此": true, "上述": true,
	"这些": true, "各": true, "部分": true, "所有": true, "任何": true, "相应": true, "对应": true,
	"第三方push": true, "关联方": true, "合作伙伴": true, "服务商": true, "供应商": true, "其他第三方": true, "the": true, "third-party": true, "third party": true, "these": true, "our": true,
	"厂商": true, "手机厂商": true, "系统": true, "其": true, "本": true, "前述": true, "更多": true,
}

// leadingWords are dropped from the front of an item: 第三方微信SDK, 的高德SDK.
var leadingWords = []string{"我们的", "我们", "会", "可能", "将", "已", "了", "的", "第三方", "上述", "相关",
	"该", "此", "这些", "以下", "其他", "各", "具体", "本", "等", "the ", "a ", "an ", "our "}

func (f *sdkFinder) prose() {
	d := f.d
	listIntro := false // the lines that follow are items of an SDK list
	for i := range d.lines {
		l := &d.lines[i]
		if f.tableRow[i] || f.inBlock[i] || f.linkLabel[i] || l.blank() {
			continue
		}
		// A heading is numbered too ("## Data we do not collect") but ends
		// the list before it.
		titleEnd := 0
		if st := l.numbering(); st > 0 && listIntro && !l.heading() {
			if f.listItem(l, i, st) {
				continue
			}
		} else {
			listIntro = sdkListIntro(l.norm)
			if st > 0 {
				titleEnd = f.numberedTitle(i, st)
			}
		}
		for _, sent := range sentences(l.norm) {
			if sent[1] <= titleEnd {
				continue
			}
			sent[0] = max(sent[0], titleEnd)
			s := l.norm[sent[0]:sent[1]]
			if sdkSentence().MatchString(s) {
				f.vendorSDK(l, i, sent[0], sent[1])
				f.sentence(l, i, sent[0], sent[1])
			} else {
				f.frameworks(l, i, sent[0], sent[1])
			}
		}
	}
}

// vendorSDKPattern finds an SDK named by its maker: "我们会接入高德的SDK",
// "集成了腾讯的SDK".
var vendorSDKPattern = lazyRegexp(`(?:接入|集成|嵌入|采用|引入|使用)了?\s*([^\s,;:()、。的]{2,12}?)\s*的\s*(?:sdk|软件开发工具包)`)

// vendorSDK adds the SDKs a sentence names only by their maker, when the
// maker is a brand the vocabulary or the catalog knows (not "合作伙伴的SDK",
// "这些公司的SDK"). A brand that makes several SDKs stays a name without a
// catalog entry: the sentence does not say which.
func (f *sdkFinder) vendorSDK(l *docLine, line, from, to int) {
	s := l.norm[from:to]
	v := mentionWords()
	for _, m := range vendorSDKPattern().FindAllStringSubmatchIndex(s, -1) {
		a, b := m[2], m[3]
		name := s[a:b]
		_, known := catalog.LookupSDK(name)
		if !known && !v.common[catalog.NormalizeName(name)] && !slices.Contains(v.BrandPrefixes, name) {
			continue
		}
		if negatedBefore(s, m[0], v) {
			continue
		}
		f.add(SDK{Name: l.written(from+a, from+b), Purpose: prosePurpose(l, from, to, b), Line: line + 1}, true)
	}
}

// packageName matches a Java package written as a library's name
// ("com.arialyy.aria"): three lower-case parts or more.
var packageName = lazyRegexp(`^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*){2,}$`)

// numberedMarker matches a list marker that numbers its item: (2), 2、,
// 二、, ②.
var numberedMarker = lazyRegexp(`[0-9一二三四五六七八九十①-⑳]`)

// maxTitleLines bounds how far the text of a numbered item is read after
// its title.
const maxTitleLines = 4

// numberedTitle reads the title of a numbered item "（2）百度SDK：为了…" or
// "（18）com.arialyy.aria：为了…" on line i (numbering ends at st): the title
// before the colon names one SDK however short. It returns the offset just
// past the colon when it added an SDK, else 0, so the title is not read
// again as prose (和彩云SDK is one name, not "and 彩云SDK").
func (f *sdkFinder) numberedTitle(i, st int) int {
	l := &f.d.lines[i]
	k := strings.IndexByte(l.norm[st:], ':')
	if k <= 0 || runesOver(l.norm[st:st+k], 30) {
		return 0
	}
	if !numberedMarker().MatchString(l.norm[:st]) {
		// A bullet is no numbered item.
		return 0
	}
	a, b := st, st+k
	for a < b && strings.ContainsRune(" .、)]】“\"'《*_`", rune(l.norm[a])) {
		a++
	}
	for b > a && strings.ContainsRune(" ,、;。”\"'》*_`", rune(l.norm[b-1])) {
		b--
	}
	title, written := l.norm[a:b], l.written(a, b)
	if strings.ContainsAny(title, "、,/;()") && !packageName().MatchString(written) {
		return 0
	}
	// A common word the catalog knows (微信, 支付宝) titles a login or
	// payment method as often as an SDK.
	_, known := catalog.LookupSDK(title)
	known = known && !mentionWords().common[catalog.NormalizeName(title)]
	pkg := packageName().MatchString(written) && !strings.HasPrefix(written, "android.")
	if !known && !pkg && !titleName(title, f.alone(i, st+k+1, title)) {
		return 0
	}
	f.add(SDK{Name: written, Purpose: prosePurpose(l, st+k+1, len(l.norm), 0), Line: i + 1}, true)
	return st + k + 1
}

// alone reports whether the text of a numbered item, from offset at of
// line i to the next numbered line, names no SDK but its title: "（21）支付
// SDK：…我们使用了支付SDK" means one SDK, "（1）推送SDK：…小米、华为手机厂商
// Push SDK" a kind of several.
func (f *sdkFinder) alone(i, at int, title string) bool {
	var text strings.Builder
	text.WriteString(f.d.lines[i].norm[at:])
	for j := i + 1; j < len(f.d.lines) && j <= i+maxTitleLines; j++ {
		l := &f.d.lines[j]
		if l.blank() || l.numbering() > 0 {
			break
		}
		text.WriteString(l.norm)
	}
	t := text.String()
	if strings.Count(t, "sdk") != strings.Count(t, title) {
		return false
	}
	return len(catalog.FindSDKNames(compactKey(t))) == 0
}

// sdkListIntro reports a line that announces a list of SDKs: "我们接入的
// 第三方SDK如下:", "Our app integrates the following third-party SDKs:".
func sdkListIntro(norm string) bool {
	t := strings.TrimSpace(norm)
	if !(strings.HasSuffix(t, ":") || strings.HasPrefix(strings.TrimLeft(t, "# "), "第三方") && !runesOver(t, 30)) || !sdkSentence().MatchString(t) {
		return false
	}
	// "This app does not use the following third-party SDKs:" lists what
	// the app does not embed.
	return !mentionWords().negations.in(lastSentence(t))
}

// listItem reads one item of an SDK list, "- Google AdMob (advertising;
// advertising ID)": its name is the text before the first bracket or
// colon, and counts when it ends in SDK or the catalog knows it.
func (f *sdkFinder) listItem(l *docLine, line, start int) bool {
	s := l.norm
	end := len(s)
	if k := strings.IndexAny(s[start:], "(:;,[【—–"); k >= 0 {
		end = start + k
	}
	if k := strings.Index(s[start:end], " - "); k >= 0 {
		end = start + k
	}
	a, b := start, end
	for a < b && s[a] == ' ' {
		a++
	}
	for b > a && s[b-1] == ' ' {
		b--
	}
	name := s[a:b]
	if n := utf8.RuneCountInString(name); n < 2 || n > 40 || mentionWords().negations.in(name) {
		// "- We do not use Google Analytics." is left to the sentence reader.
		return false
	}
	_, known := f.lookupWithin(name)
	if !known && !(sdkSuffixEnd(name) > 0 && properName(name)) {
		return false
	}
	f.add(SDK{
		Name:    l.written(a, b),
		Purpose: strings.Trim(l.written(end, len(s)), " ()（）:;"),
		Line:    line + 1,
	}, true)
	return true
}

// mayEndSentence holds the bytes a sentence end starts with.
var mayEndSentence = [256]bool{';': true, '!': true, '?': true, '.': true, 0xe3: true} // 0xe3: 。

// sentenceEnd finds the first sentence end in norm at or after from: its
// offset and the offset after it, or len(norm) twice. The ends are ASCII
// or 。, whose leading byte starts a character wherever it is: bytes are
// read, not characters.
func sentenceEnd(norm string, from int) (end, next int) {
	for i := from; i < len(norm); i++ {
		if !mayEndSentence[norm[i]] {
			continue
		}
		switch norm[i] {
		case ';', '!', '?':
			return i, i + 1
		case '.':
			if i+1 < len(norm) && norm[i+1] == ' ' {
				return i, i + 1
			}
		default:
			if strings.HasPrefix(norm[i:], "。") {
				return i, i + len("。")
			}
		}
	}
	return len(norm), len(norm)
}

// sentences splits a folded line at sentence ends.
//
// A "sentence" longer than maxSentence bytes (a list of thousands of items,
// or garbage) is cut into pieces at a comma or list mark, so that the work
// per word, which looks at the rest of its sentence, stays bounded.
func sentences(norm string) [][2]int {
	var out [][2]int
	start := 0
	emit := func(end int) {
		for end-start > maxSentence {
			cut := start + maxSentence
			for cut > start && !utf8.RuneStart(norm[cut]) {
				cut--
			}
			if k := strings.LastIndexAny(norm[start+maxSentence/2:cut], ",、;"); k >= 0 {
				cut = start + maxSentence/2 + k
			}
			out = append(out, [2]int{start, cut})
			start = cut
		}
		if end > start {
			out = append(out, [2]int{start, end})
		}
	}
	for end, next := sentenceEnd(norm, 0); end < len(norm); end, next = sentenceEnd(norm, next) {
		emit(end)
		start = next
	}
	emit(len(norm))
	return out
}

// maxSentence bounds a sentence: real ones are a few hundred bytes.
const maxSentence = 2048

type proseItem struct {
	a, b      int
	platforms []string
	joined    bool // follows the item before it after a list separator
}

// sentence reads the SDKs of one sentence norm[from:to] of line l.
func (f *sdkFinder) sentence(l *docLine, line, from, to int) {
	s := l.norm[from:to]
	var items []proseItem
	pos := 0
	addItem := func(a, b int) {
		for a < b && (s[a] == ' ' || s[a] == '#') {
			a++
		}
		for b > a && s[b-1] == ' ' {
			b--
		}
		// An item right after a list separator shares a trailing marking:
		// "移动一键登录SDK、联通一键登录SDK(Android端、iOS端)".
		joined := false
		if n := len(items); n > 0 {
			gap := strings.TrimSpace(s[items[n-1].b:a])
			joined = gap == "、" || gap == "/" || gap == "和" || gap == "及" || gap == "与"
		}
		items = append(items, proseItem{a: a, b: b, joined: joined})
	}
	for pos < len(s) {
		// A platform marking belongs to the item before it.
		if s[pos] == '(' || strings.HasPrefix(s[pos:], "[") || strings.HasPrefix(s[pos:], "【") {
			if m := platformMark().FindStringSubmatchIndex(s[pos:]); m != nil {
				if len(items) > 0 {
					marked := platformsIn(s[pos+m[2] : pos+m[3]])
					for k := len(items) - 1; k >= 0; k-- {
						it := &items[k]
						if k < len(items)-1 && len(it.platforms) > 0 {
							break
						}
						it.platforms = append(it.platforms, marked...)
						if !it.joined {
							break
						}
					}
					// 百度地图(Android端、iOS端)SDK: the SDK after the mark
					// ends the name.
					rest := s[pos+m[1]:]
					if strings.HasPrefix(strings.TrimLeft(rest, " "), "sdk") {
						pos += m[1] + strings.Index(rest, "sdk") + 3
						continue
					}
				}
				pos += m[1]
				continue
			}
		}
		loc := itemBreakIndex(s[pos:])
		if loc == nil {
			addItem(pos, len(s))
			break
		}
		if loc[0] > 0 {
			addItem(pos, pos+loc[0])
		}
		if br := s[pos+loc[0] : pos+loc[1]]; loc[0] > 0 && (br == "(" || br == "[" || br == "【") {
			// Stop at the bracket so that a platform marking is seen.
			pos += loc[0]
			continue
		}
		pos += loc[1]
	}
	v := mentionWords()
	// An enumeration is a run of items joined by list marks; one that
	// holds an item ending in SDK is a list of SDKs, so an ordinary phrase
	// in it is one: "包括微信SDK、QQ分享、微博分享SDK".
	run := make([]int, len(items))
	runHasSDK := map[int]bool{}
	for k, it := range items {
		if k > 0 {
			run[k] = run[k-1]
			if !it.joined {
				run[k]++
			}
		}
		if strings.Contains(s[it.a:it.b], "sdk") {
			runHasSDK[run[k]] = true
		}
	}
	for k, it := range items {
		a, b := it.a, it.b
		// Cut what follows an "SDK" inside the item: 身份验证SDK并提供服务.
		if k := strings.Index(s[a:b], "sdk"); k >= 0 {
			b = min(b, afterSDK(s, a+k+3))
			it.platforms = append(it.platforms, forPlatforms(s[a+k+3:b])...)
		}
		a = skipLeadingWords(s, a, b)
		if negatedBefore(s, a, v) {
			// "本应用没有接入广告SDK,也没有使用友盟".
			continue
		}
		if spans := possessiveNames(s, items, k, b, v); spans != nil {
			for _, sp := range spans {
				f.add(SDK{
					Name:    l.written(from+sp[0], from+sp[1]),
					Purpose: prosePurpose(l, from, to, b),
					Line:    line + 1,
				}, true)
			}
			continue
		}
		a = catalogNameStart(l, from, a, b)
		name := s[a:b]
		n := utf8.RuneCountInString(name)
		if n < 2 || n > 40 || strings.ContainsAny(name, "您们") {
			continue
		}
		_, known := catalog.LookupSDK(name)
		if !known && !properName(name) && !(titleOnly(l, from+a, from+b) && properNameOf(name, 2)) {
			continue
		}
		if !(sdkSuffixEnd(name) > 0 || len(it.platforms) > 0 || known) {
			continue
		}
		if sdkSuffixEnd(name) == 0 && len(it.platforms) == 0 && !runHasSDK[run[k]] && v.weakName(catalog.NormalizeName(name)) {
			// "来实现身份验证": a catalog alias that is an ordinary phrase.
			continue
		}
		f.add(SDK{
			Name:      l.written(from+a, from+b),
			Purpose:   prosePurpose(l, from, to, a),
			DataTypes: proseData(l, from, to, b),
			Line:      line + 1,
			Platforms: uniq(it.platforms),
		}, true)
	}
	f.frameworks(l, line, from, to)
}

// skipLeadingWords moves a past the words in front of an item's name:
// 第三方微信SDK, 的高德SDK.
func skipLeadingWords(s string, a, b int) int {
	for changed := true; changed; {
		changed = false
		for _, w := range leadingWords {
			if strings.HasPrefix(s[a:b], w) {
				a += len(w)
				changed = true
			}
		}
		for a < b && s[a] == ' ' {
			a++
			changed = true
		}
	}
	return a
}

// possessiveNames reads "A及B的SDK": item k (cut at end) ends in 的SDK after
// a name, and the items joined to it before are names too — "接入腾讯刷脸认证
// 及百度OCR识别的SDK" names two SDKs. It returns the spans in s of the names
// the catalog does not know (the dictionary pass finds the others), nil
// when item k is no such item or one of its names is not one an owner
// gives ("我们合作伙伴的SDK", "其他公司的SDK").
func possessiveNames(s string, items []proseItem, k, end int, v *mentionVocab) [][2]int {
	it := items[k]
	t := strings.TrimRight(s[it.a:end], " ")
	var core string
	for _, suf := range []string{"的sdks", "的sdk", "的 sdk"} {
		if c, ok := strings.CutSuffix(t, suf); ok {
			core = c
			break
		}
	}
	if core == "" {
		return nil
	}
	a := skipLeadingWords(s, it.a, it.a+len(core))
	spans := [][2]int{{a, it.a + len(core)}}
	for j := k; j > 0 && items[j].joined; j-- {
		p := items[j-1]
		spans = append([][2]int{{skipLeadingWords(s, p.a, p.b), p.b}}, spans...)
	}
	unknown := [][2]int{}
	for _, sp := range spans {
		if !ownedName(s[sp[0]:sp[1]], v) {
			return nil
		}
		// A name the catalog knows is left to the dictionary pass, which
		// merges it with the SDK's own entry ("友盟" into 友盟统计SDK).
		if _, ok := catalog.LookupSDK(s[sp[0]:sp[1]]); !ok {
			unknown = append(unknown, sp)
		}
	}
	return unknown
}

// ownedName reports a name written without "SDK" that still names one
// product: the catalog knows it, or it carries a vendor's brand in front or
// Latin letters ("腾讯刷脸认证", "百度OCR身份证识别"), and it is no ordinary
// phrase.
func ownedName(name string, v *mentionVocab) bool {
	n := utf8.RuneCountInString(name)
	if n < 3 || n > 30 || strings.ContainsAny(name, "您们的/") || strings.Contains(name, "第三方") {
		return false
	}
	key := catalog.NormalizeName(name)
	if v.weakName(key) || genericName[key] {
		return false
	}
	if _, ok := catalog.LookupSDK(name); ok {
		return true
	}
	for _, p := range v.BrandPrefixes {
		if strings.HasPrefix(name, p) && len(name) > len(p) {
			return true
		}
	}
	return strings.IndexFunc(name, func(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) }) >= 0
}

// catalogNameStart moves the start of a prose item s[a:b] (offsets in the
// sentence that starts at from) to the catalog name that ends it, so the
// words in front are not taken for part of the name: "uses the Unity Ads
// SDK", "合作伙伴极光Push SDK". The item is unchanged when no catalog name
// runs to its end.
func catalogNameStart(l *docLine, from, a, b int) int {
	c := compact(l.norm[from+a : from+b])
	hits := catalog.FindSDKNames(c.key)
	if len(hits) == 0 {
		return a
	}
	first := hits[0]
	start := from + a + int(c.start[first.Start])
	if start == from+a || !wordBounded(l.norm, start, from+a+int(c.end[first.End-1])) {
		return a
	}
	ns, ne := nameSpan(l.norm, start, from+a+int(c.end[first.End-1]), mentionWords())
	if ne < from+b {
		return a
	}
	return ns - from
}

// frameworks adds the app frameworks a sentence names ("基于flutter开发",
// "uni-app框架"), keeping 框架 when the policy writes it.
func (f *sdkFinder) frameworks(l *docLine, line, from, to int) {
	s := l.norm[from:to]
	for _, m := range frameworkPattern().FindAllStringSubmatchIndex(s, -1) {
		a, b := m[2], m[3]
		if a < 0 {
			a, b = m[4], m[5]
		}
		name := strings.TrimSpace(s[a:b])
		if _, ok := catalog.LookupSDK(name); !ok {
			continue
		}
		if strings.HasPrefix(s[b:], "框架") {
			b += len("框架")
		}
		f.add(SDK{Name: l.written(from+a, from+b), Line: line + 1}, true)
	}
}

// properName reports whether a prose phrase ending in SDK can be one
// SDK's name rather than a description of some: "授权合作伙伴的SDK", "应用/
// SDK", "APP第三方SDK", "优化SDK与极光服务器" are not names. A name the catalog
// does not know must be a noun phrase of its own: no possessive 的, no
// slash-joined alternatives, and a core of at least three characters or
// with Latin letters (a two-character Chinese core is more often a verb).
func properName(name string) bool { return properNameOf(name, 3) }

// properNameOf is properName with the shortest Chinese core it accepts: a
// numbered title that is only a name ("（4）七牛SDK") holds no verb, so two
// characters are a name there.
func properNameOf(name string, minCore int) bool {
	core, ok := sdkCore(name)
	// "通知类SDK", "广告类SDK": 类 makes a kind of SDK.
	if !ok || genericName[core] || strings.HasSuffix(core, "类") {
		return false
	}
	if strings.IndexFunc(core, func(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) }) >= 0 {
		return true
	}
	return utf8.RuneCountInString(core) >= minCore
}

// titleOnly reports a numbered line that holds nothing but norm[a:b] (and
// a platform marking): "（4）七牛SDK".
func titleOnly(l *docLine, a, b int) bool {
	st := l.numbering()
	if st == 0 || st > a {
		return false
	}
	return strings.Trim(l.norm[st:a], " .、:)]】") == "" && strings.TrimSpace(l.norm[b:]) == ""
}

// titleName reports whether the title of a numbered item, "（2）百度SDK：…",
// names an SDK: the title position makes a short core a name (百度SDK,
// 热云SDK), so it need only not be a fragment or a word that says whose or
// which SDKs (这些SDK, 第三方SDK). A kind of service (统计SDK) counts only
// when kind is true: the caller has other evidence that one SDK is meant.
func titleName(name string, kind bool) bool {
	core, ok := sdkCore(name)
	if !ok || core == "" || sdkSuffixEnd(name) == 0 || strings.HasSuffix(core, "类") {
		return false
	}
	return !genericName[core] || (kind && kindWords[core])
}

// kindWords are the generic names that say what service an SDK gives
// (统计, 支付) rather than whose or which SDKs are meant (这些, 相关).
var kindWords = map[string]bool{"push": true, "推送": true, "统计": true, "广告": true, "支付": true,
	"分享": true, "登录": true, "地图": true, "定位": true, "安全": true}

// sdkCore strips "SDK" and "第三方" from a name and reports false for a
// phrase that cannot be a name: 第三方 after something ("我们的第三方SDK"), a
// possessive 的, slash-joined alternatives or a fragment word.
func sdkCore(name string) (string, bool) {
	core := strings.TrimSpace(name)
	// "格隆汇第三方SDK", "我们的第三方SDK": 第三方 after something is a
	// description of whose SDKs they are.
	if k := strings.Index(core, "第三方"); k > 0 {
		return "", false
	}
	if m := sdkForPlatformEnd().FindStringIndex(core); m != nil {
		core = core[:m[0]] + "sdk"
	}
	for _, suf := range []string{"软件开发工具包", "sdks", "sdk"} {
		core = strings.TrimSpace(strings.TrimSuffix(core, suf))
	}
	for _, w := range []string{"第三方", "third-party", "third party"} {
		core = strings.ReplaceAll(core, w, "")
	}
	for _, pre := range []string{"app", "应用"} {
		core = strings.TrimPrefix(core, pre)
	}
	core = strings.TrimSpace(core)
	if strings.ContainsAny(core, "的/") || containsAny(core+" ", mentionWords().FragmentWords) {
		return "", false
	}
	return core, true
}

// purposeCues introduce what an SDK is used for in prose.
var purposeCues = []string{"为您实现", "为您提供", "用于", "以便", "以实现", "用来", "帮助", "to provide", "for "}

// prosePurpose finds the purpose of an SDK named in a sentence: the phrase
// after a purpose cue that follows the name, or the subject before
// "通过…实现" ("支付功能通过支付宝SDK实现").
func prosePurpose(l *docLine, from, to, at int) string {
	s := l.norm[from:to]
	best := -1
	for _, c := range purposeCues {
		if k := strings.Index(s[at:], c); k >= 0 && (best < 0 || at+k < best) {
			best = at + k
		}
	}
	if best >= 0 {
		end := len(s)
		if k := strings.IndexAny(s[best:], ",;"); k >= 0 {
			end = best + k
		}
		return l.written(from+best, from+end)
	}
	if k := strings.Index(s, "通过"); k > 0 && k < at {
		return l.written(from, from+k)
	}
	return ""
}

// proseData reads the data list after "收集" in the sentence of an SDK:
// "将由其收集您的运营商信息、IP地址、SIM卡状态,此类信息…".
func proseData(l *docLine, from, to, at int) []string {
	s := l.norm[from:to]
	k := strings.Index(s[at:], "收集")
	if k < 0 {
		return nil
	}
	a := at + k + len("收集")
	for _, w := range []string{"并使用", "使用", "您的", "的"} {
		if strings.HasPrefix(s[a:], w) {
			a += len(w)
		}
	}
	end := len(s)
	depth := 0
	for i, r := range s[a:] {
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case ',':
			if depth <= 0 {
				end = a + i
			}
		}
		if end != len(s) {
			break
		}
	}
	return splitList(l.written(from+a, from+end))
}
