package declared

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"privdiff/catalog"
)

// Permission statements come in a few shapes, all read with the words of
// catalog/data/permission-words.json:
//
//	相机权限，用于拍摄房源图片              a word followed by 权限
//	需要调用您设备的相机/相册权限以获取…    several words sharing one 权限
//	读写日历、精确定位、唤醒锁定            phrases that name a permission alone
//	开启您的地理位置(位置信息)、相机(摄像头)  words after 开启/授权
//	6、手机/电话权限:  /  11、录制音频        numbered headings, purpose on the next line
//	android.permission.CAMERA: 用于…       constants

// enableVerbs are the verbs that put the words after them in a permission
// context: "开启您的地理位置、相机、相册".
var enableVerbs = []string{"开启", "授权", "申请", "调用", "打开", "允许", "access to", "grant", "request"}

// offCues mark the "how to turn permissions off" clauses and the negated
// ones ("我们不会申请您的通讯录权限", "您禁用了这两项权限"), which justify
// nothing.
var offCues = []string{"关闭", "撤回", "撤销", "取消授权", "禁用", "停用", "turn off", "revoke", "disable",
	"不会", "不申请", "未申请", "没有申请",
	"不需要", "无需", "不涉及", "do not request", "does not request", "never request", "don't request", "not ask for",
	"does not require", "do not require", "doesn't require", "don't require", "does not need", "do not need", "not required"}

var (
	// Markdown emphasis may close around the word alone: "_内存卡_权限",
	// "**相机**权限", "**相机**、**相册**权限"; a word in brackets may be
	// the alias of the term before them: "通话(电话)权限".
	permissionWord = lazyRegexp("^[\\s*_`]*(?:\\)[\\s*_`]*)?(?:\\([^()]{0,16}\\)[\\s*_`]*)?(?:权限|permissions?\\b)")
	listJoin       = lazyRegexp("^[\\s*_`]*(?:\\([^()]{0,16}\\)[\\s*_`]*)?(?:[/、,]|和|及|与|或|以及|and|or)[\\s*_`]*$")
)

type permFinder struct {
	d     *doc
	vocab *catalog.PermissionVocabulary
	out   []Permission
	seen  map[string]bool
	// otherPlatform is set under a title for another platform only ("iOS
	// 权限说明"), up to the next heading or platform title: the words there
	// name no Android permission.
	otherPlatform bool
	// otherInItem is set when that title is a bare bracketed marker inside
	// an item ("[iOS]" under "17）SDK名称：…"): it holds for that item only,
	// up to the next numbered line.
	otherInItem bool
}

// platformTitle reports a short line that names a platform and no
// permission ("iOS 操作系统应用使用权限", "Android 端"); other is true when
// the platform is not Android. "相册权限(iOS系统)" is a statement, no title.
func (f *permFinder) platformTitle(norm string) (other, ok bool) {
	t := strings.TrimSpace(norm)
	if runesOver(t, 30) || strings.ContainsAny(t, "。:") {
		return false, false
	}
	android := containsAny(t, []string{"android", "安卓"})
	foreign := containsAny(t, f.vocab.NotAndroid)
	if !android && !foreign {
		return false, false
	}
	if len(f.vocab.Words.FindAll(t)) > 0 {
		return false, false
	}
	return foreign && !android, true
}

func findPermissionsWithRows(d *doc, rows []permissionRow) []Permission {
	f := &permFinder{d: d, vocab: catalog.PermissionWords(), seen: map[string]bool{}}
	tableRows := map[int]permissionRow{}
	for _, r := range rows {
		tableRows[r.line] = r
	}
	section := false // under a heading about permissions
	listed := false  // in the list items after "需要获取您设备的以下权限:"
	// afterIntro is set on the lines right after such an intro (and any
	// bracketed platform marker under it): an unnumbered line there is the
	// list itself, "获取权限：⏎访问互联网、网络状态、安装应用".
	afterIntro := false
	negated := negatedItems(d)
	for i := range d.lines {
		l := &d.lines[i]
		if l.blank() || negated[i] {
			continue
		}
		heading := isHeading(l.norm)
		if other, ok := f.platformTitle(l.norm); ok {
			f.otherPlatform = other
			f.otherInItem = other && bracketedMarker(l.norm)
		} else if heading || f.otherInItem && l.numbering() > 0 {
			f.otherPlatform, f.otherInItem = false, false
		}
		if r, ok := tableRows[i]; ok {
			f.row(l, i, r)
			continue
		}
		marker, intro := bracketedMarker(l.norm), listIntro(l.norm)
		if heading || f.title(l.norm) && !marker {
			section = containsAny(l.norm, permissionNouns)
			listed, afterIntro = false, false
		} else if l.numbering() == 0 && !intro && !marker && !afterIntro {
			listed = false
		}
		f.line(l, i, section, listed)
		switch {
		case intro:
			listed, afterIntro = true, true
		case marker && afterIntro:
			// "获取权限：⏎[Android]⏎访问互联网、网络状态": the platform
			// marker keeps the intro's list open for the line after it.
		default:
			if afterIntro && l.numbering() == 0 {
				listed = false
			}
			afterIntro = false
		}
	}
	sort.SliceStable(f.out, func(a, b int) bool { return f.out[a].Line < f.out[b].Line })
	return f.out
}

var permissionNouns = []string{"权限", "permission"}

// bracketedMarker reports a line that is only a bracketed word, "[iOS]",
// "【iOS】", "(iOS)": a marker inside an item, not a section title.
func bracketedMarker(norm string) bool {
	t := strings.TrimSpace(norm)
	for _, p := range [][2]string{{"[", "]"}, {"【", "】"}, {"(", ")"}} {
		if strings.HasPrefix(t, p[0]) && strings.HasSuffix(t, p[1]) && !strings.Contains(t[len(p[0]):len(t)-len(p[1])], p[0]) {
			return true
		}
	}
	return false
}

// title reports an unnumbered heading, as HTML pages write them: a short
// line that is no sentence, no list item and no label of permission words
// ("权限说明", "联系我们", "Permissions"; not "相机").
func (f *permFinder) title(norm string) bool {
	t := strings.TrimSpace(strings.Trim(strings.TrimSpace(norm), "*_#`"))
	if t == "" || runesOver(t, 20) || strings.ContainsAny(t, "。.:;,!?()|") || stripNumbering(norm) > 0 {
		return false
	}
	return !f.onlyPermissionWords(t)
}

// listIntro reports a line that announces a list of permissions: "我们需要
// 获取您设备的以下权限", "您使用服务时我们可能获取如下信息及权限:", "The app
// requests the following permissions:".
func listIntro(norm string) bool {
	t := strings.TrimRight(strings.TrimSpace(norm), " *")
	if !containsAny(t, permissionNouns) {
		return false
	}
	return strings.HasSuffix(t, ":") || containsAny(t, []string{"以下权限", "如下权限", "下列权限", "following permission"})
}

// row reads a permission table row: its name cell is the permission. A
// constant in the cell is what the row names; its words only describe it
// ("读取存储空间 android.permission.READ_EXTERNAL_STORAGE").
func (f *permFinder) row(l *docLine, i int, r permissionRow) {
	cell := l.norm[r.nameStart:r.nameEnd]
	var perms []string
	for _, c := range lineConstants(l) {
		if c.a >= r.nameStart && c.b <= r.nameEnd {
			perms = append(perms, c.name)
		}
	}
	if len(perms) == 0 {
		for _, m := range f.vocab.Words.FindAll(cell) {
			perms = append(perms, m.Value.Permissions...)
		}
		if len(perms) == 0 {
			return
		}
	}
	if f.otherPlatform || f.notAndroid(cell, 0, len(cell)) {
		perms = nil
	}
	perms = f.extras(cell, 0, len(cell), perms, r.purpose)
	f.add(Permission{Text: l.written(r.nameStart, r.nameEnd), Permissions: perms, Purpose: r.purpose, Line: i + 1})
}

func (f *permFinder) add(p Permission) {
	p.Permissions = sortedUniq(p.Permissions)
	key := p.Text + "\x00" + strings.Join(p.Permissions, ",") + "\x00" + strconv.Itoa(p.Line) + "\x00" + p.Purpose
	if f.seen[key] || p.Text == "" {
		return
	}
	f.seen[key] = true
	f.out = append(f.out, p)
}

func (f *permFinder) line(l *docLine, i int, section, listed bool) {
	heading := false
	st := l.numbering()
	if st > 0 && !runesOver(l.norm, 60) && !strings.Contains(l.norm, "。") {
		heading = true
	}
	labelEnd := -1
	if section || listed {
		labelEnd = f.nameLabel(l.norm, st, section)
	}
	lineConsts := lineConstants(l)
	next := 0 // first constant not before the sentence: both are in order
	// A list item or table-like line that writes constants names exactly
	// those: its words describe them ("允许程序读取通话记录 <uses-permission
	// android:name="android.permission.READ_CONTACTS"/>").
	wordsCount := len(lineConsts) == 0 || (st == 0 && runesOver(l.norm, 120))
	for _, sent := range sentences(l.norm) {
		s := l.norm[sent[0]:sent[1]]
		// One sentence that says 定位, 位置 and 位置信息 justifies location
		// once: later words for the same constants add nothing.
		said := map[string]bool{}
		var constants []constantSpan
		for next < len(lineConsts) && lineConsts[next].a < sent[1] {
			if c := lineConsts[next]; c.a >= sent[0] && c.b <= sent[1] {
				constants = append(constants, constantSpan{c.a - sent[0], c.b - sent[0], c.name})
			}
			next++
		}
		var ms []catalog.WordMatch[catalog.PermissionWord]
		if wordsCount {
			ms = f.vocab.Words.FindAll(s)
		}
		// A word inside a constant (contacts in READ_CONTACTS) is the
		// constant's, read below; a word used as a verb ("通知我们删除") is
		// none.
		inConst := spanIndex(constants)
		ms = slices.DeleteFunc(ms, func(m catalog.WordMatch[catalog.PermissionWord]) bool {
			return inConst(m.Start) || usedOtherwise(s[m.End:], m.Value.NotBefore)
		})
		// Group words joined by 、/和 that share one 权限: 相机/相册权限.
		// runEnd[k] is the last word of the list that starts at word k,
		// found once for the sentence.
		runEnd := make([]int, len(ms))
		for k := len(ms) - 1; k >= 0; k-- {
			runEnd[k] = k
			if k+1 < len(ms) && listJoin().MatchString(s[ms[k].End:ms[k+1].Start]) {
				runEnd[k] = runEnd[k+1]
			}
		}
		listEnd, labels := -1, 0
		for k := 0; k < len(ms); {
			j := runEnd[k]
			group := ms[k : j+1]
			end := group[len(group)-1].End
			suffix := permissionSuffix(s[end:])
			if k > listEnd {
				// Android's own names among the words of the list.
				listEnd, labels = j, 0
				for _, m := range group {
					if m.Value.Bare {
						labels++
					}
				}
			}
			if suffix == nil && len(group) > 1 {
				// Without a shared 权限 each word of a list is its own
				// statement: "读写日历、精确定位、唤醒锁定".
				j = k
				group = ms[k : k+1]
				end = group[0].End
				suffix = permissionSuffix(s[end:])
			}
			first := k
			k = j + 1
			var perms []string
			bare := false
			for _, m := range group {
				perms = append(perms, m.Value.Permissions...)
				bare = bare || m.Value.Bare
			}
			if len(perms) == 0 || offBefore(s[:group[0].Start]) {
				continue
			}
			textStart, textEnd := group[0].Start, end
			if suffix != nil {
				textEnd = end + suffix[1]
				textStart = aliasedTerm(s, textStart, s[end:textEnd])
				if textStart < group[0].Start && wordEndsAt(ms, s, textStart, group[0].Start) {
					// A gloss of a permission word, which states it:
					// "相册(存储)权限".
					continue
				}
			}
			switch {
			case suffix != nil:
			case bare:
			case labels >= 2:
				// A list of Android's own names names permissions
				// throughout: "网络访问、获取WiFi状态、读取电话状态".
			case sent[0]+group[0].Start < labelEnd:
			case glossOfPermission(s, ms, group[0].Start):
			case parenDepth(s[:group[0].Start]) == 0 && governed(s, ms, first):
				// Words after 开启 each count on their own: keep a bracketed
				// gloss with them ("相机(摄像头)").
				if g := glossAfter(s[end:]); g > 0 {
					textEnd = end + g
				}
			default:
				continue
			}
			if f.otherPlatform || f.notAndroid(s, group[0].Start, textEnd) {
				perms = nil
			}
			purpose := f.purpose(l, i, sent[0], sent[1], sent[0]+group[0].Start, sent[0]+textEnd, heading)
			perms = f.extras(s, textStart, textEnd, perms, purpose)
			key := strings.Join(sortedUniq(perms), ",")
			if said[key] && key != "" {
				continue
			}
			said[key] = true
			f.add(Permission{
				Text:        trimMarkup(l.written(sent[0]+textStart, sent[0]+textEnd)),
				Permissions: perms,
				Purpose:     purpose,
				Line:        i + 1,
			})
		}
		f.actions(l, i, sent, s, heading, said)
		for _, c := range constants {
			if offBefore(s[:c.a]) {
				continue
			}
			f.add(Permission{
				Text:        l.written(sent[0]+c.a, sent[0]+c.b),
				Permissions: []string{c.name},
				Purpose:     f.purpose(l, i, sent[0], sent[1], sent[0]+c.a, sent[0]+c.b, heading),
				Line:        i + 1,
			})
		}
	}
}

// nameLabel returns where the label of a line under a permissions heading
// or in a list of permissions ends, or -1: the text before the colon of a
// list item ("- Camera: used to scan QR codes", "· 相机: 扫码"), or, when it
// is made of permission words only, of any line ("电话、联系人、通话记录:用于
// 拨号", "**Camera, Microphone**", "* 录音").
func (f *permFinder) nameLabel(norm string, st int, section bool) int {
	end := len(norm)
	if k := strings.IndexByte(norm[st:], ':'); k >= 0 {
		end = st + k
	}
	if runesOver(norm[st:end], 40) {
		return -1
	}
	if section && st > 0 && end < len(norm) && end > st {
		return end
	}
	if f.onlyPermissionWords(norm[st:end]) {
		return end
	}
	return -1
}

// onlyPermissionWords reports a label that names permissions and little
// else: "通知、悬浮窗、后台运行和开机启动", "Camera, Microphone", "手机振动".
// A few other characters are allowed (手机, 您的); a phrase such as "位置信息
// 的使用规则" is not a name.
func (f *permFinder) onlyPermissionWords(label string) bool {
	ms := f.vocab.Words.FindAll(label)
	if len(ms) == 0 {
		return false
	}
	var g gap
	pos := 0
	for _, m := range ms {
		g.read(label[pos:m.Start])
		pos = m.End
	}
	rest := label[pos:]
	if loc := permissionSuffix(rest); loc != nil {
		rest = rest[loc[1]:]
	}
	g.read(rest)
	return g.other <= 4
}

// gap counts the characters between permission words that are neither
// marks nor inside brackets, and notices a clause end.
type gap struct {
	other, depth int
	clauseEnd    bool
	// afterComma counts the other characters since the last comma: a comma
	// between two permission words joins a list ("麦克风,拨号功能"), one
	// before other words ends a clause ("未经允许,您不得收集、储存").
	afterComma int
	comma      bool
}

func (g *gap) read(s string) {
	for _, r := range s {
		switch {
		case r == ':' || r == ';' || r == '。':
			g.clauseEnd = true
		case r == '(' || r == '[':
			g.depth++
		case r == ')' || r == ']':
			g.depth = max(0, g.depth-1)
		case r == ',' && g.depth == 0:
			g.comma, g.afterComma = true, 0
		case g.depth > 0, strings.ContainsRune(labelPunct, r):
		default:
			g.other++
			g.afterComma++
		}
	}
}

// labelPunct are the marks and joiners around the words of a label.
const labelPunct = " *_#`、,/&和及与或以等"

// usedOtherwise reports a word followed by what makes it something else:
// 通知 followed by 我们 is the verb "to notify".
func usedOtherwise(after string, notBefore []string) bool {
	after = strings.TrimLeft(after, " ")
	for _, w := range notBefore {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}

// cueWindow is how far before a word an enabling verb may stand: "开启您的
// 地理位置、相机、相册、麦克风,拨号功能" names five permissions after one verb,
// while a cue at the start of a long sentence says nothing of a word at its
// end.
const cueWindow = 48

// maxCueGap is how many characters other than permission words, brackets
// and list marks may stand between an enabling verb and its word: "开启您
// 设备的相机" but not "申请删除您的个人信息,我们还将同时通知".
const maxCueGap = 8

// governed reports the word ms[at] as the object of an enabling verb
// (开启, 授权, 调用, access to): between them stand only other permission
// words, brackets, list marks and a few words (您的, 设备的). 权限 itself is
// no such verb: in "相册权限(iOS系统)以上传照片" the photos are the purpose.
func governed(s string, ms []catalog.WordMatch[catalog.PermissionWord], at int) bool {
	start := ms[at].Start
	from := start
	for n := 0; n < cueWindow && from > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:from])
		from -= size
	}
	window := s[from:start]
	cueEnd := -1
	for _, v := range enableVerbs {
		if k := strings.LastIndex(window, v); k >= 0 && from+k+len(v) > cueEnd {
			cueEnd = from + k + len(v)
		}
	}
	if cueEnd < 0 {
		return false
	}
	// Each stretch between the verb and the word, or between two words
	// of its list, may hold a few other characters ("程序访问您的网络状态、
	// 读取设备外部存储"), but no clause end and no purpose ("以提供消息通知").
	var g gap
	ok := func(stretch string) bool {
		g.other = 0
		g.read(stretch)
		return !g.clauseEnd && !(g.comma && g.afterComma > 0) && g.other <= maxCueGap && !containsAny(stretch, purposeLinks)
	}
	pos := cueEnd
	// Only the words after the verb matter; the window keeps them few.
	first := sort.Search(at, func(j int) bool { return ms[j].Start >= cueEnd })
	for _, m := range ms[first:at] {
		if m.Start >= pos {
			if !ok(s[pos:m.Start]) {
				return false
			}
			pos = m.End
		}
	}
	return ok(s[pos:start])
}

// purposeLinks introduce what a permission is for: a word after them is
// the purpose, not one more permission ("访问电话状态以提供消息通知的服务").
var purposeLinks = []string{"以便", "以提供", "以实现", "以保证", "用于", "为了", "从而", "for "}

// offBefore reports a word in a "how to turn it off" clause ("您可以在设置中
// 关闭相机权限"), which justifies nothing. Only the word's own clause counts:
// "手机屏幕关闭后" inside a gloss does not turn the rest of a list off.
func offBefore(s string) bool {
	// A clause is short: look no further back than offWindow bytes.
	if len(s) > offWindow {
		s = s[len(s)-offWindow:]
	}
	if k := strings.LastIndexAny(s, ",;:、"); k >= 0 {
		s = s[k+1:]
	}
	return containsAny(s, offCues)
}

// permissionSuffix finds 权限 or "permission" right after a word, maybe
// after a short gloss ("相机(摄像头)权限"). It looks at the next bytes only:
// the regexp's cost grows with the text it is given.
func permissionSuffix(s string) []int {
	if len(s) > 96 {
		s = s[:96]
	}
	return permissionWord().FindStringIndex(s)
}

// aliasedTerm returns where the statement of a word starts: at the word,
// or, when the word is a bracketed alias ("通话(电话)权限"), at the term it
// glosses, so the statement reads as written.
func aliasedTerm(s string, start int, suffix string) int {
	if !strings.HasPrefix(strings.TrimLeft(suffix, " *_`"), ")") {
		return start
	}
	open := strings.LastIndexByte(s[:start], '(')
	if open < 0 || start-open > 8 {
		return start
	}
	k := open
	for n := 0; n < 8 && k > 0; n++ {
		r, size := utf8.DecodeLastRuneInString(s[:k])
		if strings.ContainsRune(",;:、。 的", r) {
			break
		}
		k -= size
	}
	return k
}

// wordEndsAt reports a word of ms between a and the bracket before b.
func wordEndsAt(ms []catalog.WordMatch[catalog.PermissionWord], s string, a, b int) bool {
	open := strings.LastIndexByte(s[:b], '(')
	for _, m := range ms {
		if m.Start >= a && m.End <= open && strings.Trim(s[m.End:open], " *_`") == "" {
			return true
		}
	}
	return false
}

// offWindow bounds how far back offBefore looks for its clause.
const offWindow = 180

// glossOfPermission reports a word inside the brackets that follow a
// permission label or the word 权限: "获取设备信息(包含mac、设备ID、本机手机
// 号)" and "获取相关权限(包括但不限于相机、相册、麦克风)" request what they list.
func glossOfPermission(s string, ms []catalog.WordMatch[catalog.PermissionWord], at int) bool {
	open := strings.LastIndexByte(s[:at], '(')
	if open < 0 || parenDepth(s[open:at]) != 1 {
		return false
	}
	before := strings.TrimRight(s[:open], " ")
	if strings.HasSuffix(before, "权限") || strings.HasSuffix(before, "permission") || strings.HasSuffix(before, "permissions") {
		return true
	}
	for _, m := range ms {
		if m.End == open && m.Value.Bare {
			return true
		}
	}
	return false
}

// parenDepth is the number of brackets open at the end of s: a word inside
// "(位置信息包括WiFi地址、蓝牙信息)" glosses data, it requests nothing.
func parenDepth(s string) int {
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			if depth > 0 {
				depth--
			}
		}
	}
	return depth
}

// isHeading reports a section title: a Markdown heading, or a short
// numbered line that is no sentence ("三、我们如何使用权限", "## Permissions").
func isHeading(norm string) bool {
	t := strings.TrimSpace(norm)
	if strings.HasPrefix(t, "#") {
		return true
	}
	st := stripNumbering(t)
	if st == 0 || strings.HasPrefix(t, "-") || strings.HasPrefix(t, "*") || strings.HasPrefix(t, "•") {
		return false
	}
	return !runesOver(t, 30) && !strings.ContainsAny(t[st:], "。.:;,")
}

// glossAfter returns the length of a bracketed gloss right after a word.
func glossAfter(s string) int {
	if !strings.HasPrefix(s, "(") {
		return 0
	}
	if k := strings.IndexByte(s, ')'); k > 0 && k < 40 {
		return k + 1
	}
	return 0
}

// notAndroid reports a permission marked for another platform:
// "相册权限(iOS系统)", "iOS: 相册权限".
func (f *permFinder) notAndroid(s string, a, b int) bool {
	after := s[b:]
	if strings.HasPrefix(after, "(") {
		if k := strings.IndexByte(after, ')'); k > 0 {
			mark := after[:k]
			if containsAny(mark, f.vocab.NotAndroid) && !strings.Contains(mark, "android") {
				return true
			}
		}
	}
	inside := s[a:b]
	if containsAny(inside, f.vocab.NotAndroid) && !strings.Contains(inside, "android") {
		return true
	}
	before := s[max(0, a-12):a]
	return containsAny(before, f.vocab.NotAndroid) && !strings.Contains(before, "android")
}

// extras adds the constants a sentence's wording implies: 存储权限 for
// photos also needs READ_MEDIA_IMAGES; and drops those its clause or
// purpose rules out: 短信权限 only to read a verification code sends none.
func (f *permFinder) extras(s string, a, b int, perms []string, purpose string) []string {
	have := map[string]bool{}
	for _, p := range perms {
		have[p] = true
	}
	clause := s[a:b]
	if k := strings.LastIndexAny(s[:a], ",;、"); k >= 0 {
		clause = s[k+1 : b]
	} else {
		clause = s[:b]
	}
	if k := strings.IndexAny(s[b:], ",;、"); k >= 0 {
		clause += s[b : b+k]
	} else {
		clause += s[b:]
	}
	for _, x := range f.vocab.Extras {
		scope := s
		if x.Clause {
			scope = clause
		}
		if have[x.Has] && containsAny(scope, x.If) {
			perms = append(perms, x.Add...)
		}
	}
	said := clause + "\n" + catalog.FoldWord(purpose)
	for _, x := range f.vocab.Narrowing {
		if have[x.Has] && containsAny(said, x.If) && !containsAny(said, x.Unless) {
			perms = slices.DeleteFunc(perms, func(p string) bool { return slices.Contains(x.Drop, p) })
		}
	}
	return perms
}

// purpose finds why a permission is used: the clause after it ("相机权限，
// 主要目的为拍摄房源图片"), else the clause before it ("在您上传头像时，需要
// 调用您设备的相机权限"), else for a heading the next line.
func (f *permFinder) purpose(l *docLine, i, from, to, a, b int, heading bool) string {
	s := l.norm
	rest := b
	for rest < to && strings.ContainsRune(" ,:、)", rune(s[rest])) {
		rest++
	}
	// Stop at the next permission statement of the sentence. A purpose is
	// clipped to maxPurpose characters, so no more of the sentence is read
	// (a sentence of a thousand constants costs each only its own window).
	end := to
	if end-rest > 3*maxPurpose {
		end = rest + 3*maxPurpose
		for end > rest && !utf8.RuneStart(s[end]) {
			end--
		}
	}
	to = end
	for _, m := range f.vocab.Words.FindAll(s[rest:to]) {
		if permissionSuffix(s[rest+m.End:to]) != nil {
			end = rest + m.Start
			if k := strings.LastIndexAny(s[rest:end], ",、"); k >= 0 {
				end = rest + k
			}
			break
		}
	}
	after := trimMarkup(l.written(rest, end))
	if utf8.RuneCountInString(after) >= 4 && !strings.HasPrefix(s[rest:], "权限") {
		return clip(after)
	}
	if heading {
		// A heading that ends with a colon announces what follows, list
		// item or not ("需要访问您的短信权限:" / "- 注册时读取验证码").
		announces := strings.HasSuffix(strings.TrimSpace(s), ":")
		if j := f.d.nextNonBlank(i); j >= 0 && (announces || f.d.lines[j].numbering() == 0) {
			next := f.d.lines[j]
			if st := next.numbering(); st > 0 && (!announces || numbered(next.norm[:st])) {
				return ""
			} else if st > 0 {
				return clip(trimMarkup(next.written(st, len(next.norm))))
			}
			return clip(strings.TrimSpace(next.orig))
		}
	}
	start := from
	if k := strings.LastIndexAny(s[from:a], ",;"); k >= 0 {
		start = from + k + 1
		// Use the clause before when the permission's own clause is only
		// "需要调用您设备的".
		if k2 := strings.LastIndexAny(s[from:from+k], ",;"); utf8.RuneCountInString(s[start:a]) < 12 && k2 >= 0 {
			start = from + k2 + 1
		}
	}
	before := trimMarkup(l.written(start, a))
	if utf8.RuneCountInString(before) >= 4 {
		return clip(before)
	}
	return ""
}

// trimMarkup drops the Markdown emphasis left at the ends of a span cut
// out of a line ("_通话(电话)_权限" reads "通话(电话)_权限").
func trimMarkup(s string) string { return strings.Trim(s, " *_`") }

// numbered reports an item mark with a number or letter ("12.", "(3)"),
// not a bullet ("-", "*", "•").
func numbered(mark string) bool {
	return strings.ContainsFunc(mark, func(r rune) bool { return r > ' ' && !strings.ContainsRune("-*•·+", r) })
}

// maxPurpose is the most characters of a purpose a statement keeps.
const maxPurpose = 200

func clip(s string) string {
	if utf8.RuneCountInString(s) <= maxPurpose {
		return s
	}
	r := []rune(s)
	return string(r[:maxPurpose]) + "…"
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func sortedUniq(ss []string) []string {
	out := uniq(ss)
	sort.Strings(out)
	if out == nil {
		out = []string{}
	}
	return out
}
