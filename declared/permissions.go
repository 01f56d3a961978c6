package declared

import (
	"regexp"
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

// enableCues make a sentence's permission words count without 权限.
var enableCues = append([]string{"权限", "permission"}, enableVerbs...)

// enableVerbs are the verbs that put the words after them in a permission
// context: "开启您的地理位置、相机、相册".
var enableVerbs = []string{"开启", "授权", "申请", "调用", "打开", "允许", "access to", "grant", "request"}

// offCues mark the "how to turn permissions off" sentences, which justify
// nothing.
var offCues = []string{"关闭", "撤回", "撤销", "取消授权", "turn off", "revoke", "disable"}

var (
	constantPattern = regexp.MustCompile(`android\.permission\.[a-z_]+|\b[a-z]+(?:_[a-z]+)+\b`)
	permissionWord  = regexp.MustCompile(`^\s*(?:\([^()]{0,16}\)\s*)?(?:权限|permissions?\b)`)
	listJoin        = regexp.MustCompile(`^\s*(?:\([^()]{0,16}\)\s*)?(?:[/、,]|和|及|与|或|以及|and|or)\s*$`)
)

type permFinder struct {
	d     *doc
	vocab *catalog.PermissionVocabulary
	out   []Permission
	seen  map[string]bool
}

func findPermissionsWithRows(d *doc, rows []permissionRow) []Permission {
	f := &permFinder{d: d, vocab: catalog.PermissionWords(), seen: map[string]bool{}}
	tableRows := map[int]permissionRow{}
	for _, r := range rows {
		tableRows[r.line] = r
	}
	section := false // under a heading about permissions
	for i := range d.lines {
		l := &d.lines[i]
		if l.blank() {
			continue
		}
		if r, ok := tableRows[i]; ok {
			f.row(l, i, r)
			continue
		}
		if isHeading(l.norm) {
			section = containsAny(l.norm, []string{"权限", "permission"})
		}
		f.line(l, i, section)
	}
	sort.SliceStable(f.out, func(a, b int) bool { return f.out[a].Line < f.out[b].Line })
	return f.out
}

// row reads a permission table row: its name cell is the permission.
func (f *permFinder) row(l *docLine, i int, r permissionRow) {
	ms := f.vocab.Words.FindAll(l.norm[r.nameStart:r.nameEnd])
	var perms []string
	for _, m := range ms {
		perms = append(perms, m.Value.Permissions...)
	}
	for _, c := range constantPattern.FindAllString(l.norm[r.nameStart:r.nameEnd], -1) {
		perms = append(perms, constant(c)...)
	}
	if len(perms) == 0 {
		return
	}
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

// constant turns a constant as written into its full name, if the platform
// declares it.
func constant(c string) []string {
	name := strings.ToUpper(c)
	if !strings.HasPrefix(name, "ANDROID.PERMISSION.") {
		name = "android.permission." + name
	} else {
		name = "android.permission." + name[len("ANDROID.PERMISSION."):]
	}
	if _, ok := catalog.Permission(name); !ok {
		return nil
	}
	return []string{name}
}

func (f *permFinder) line(l *docLine, i int, section bool) {
	heading := false
	st := stripNumbering(l.norm)
	if st > 0 && utf8.RuneCountInString(l.norm) <= 60 && !strings.Contains(l.norm, "。") {
		heading = true
	}
	// Under a permissions heading a list item's label names a permission:
	// "- Camera: used to scan QR codes", "· 相机: 扫码".
	labelEnd := -1
	if section && st > 0 {
		if k := strings.IndexByte(l.norm, ':'); k > st && utf8.RuneCountInString(l.norm[st:k]) <= 40 {
			labelEnd = k
		}
	}
	for _, sent := range sentences(l.norm) {
		s := l.norm[sent[0]:sent[1]]
		cued := containsAny(s, enableCues)
		// One sentence that says 定位, 位置 and 位置信息 justifies location
		// once: later words for the same constants add nothing.
		said := map[string]bool{}
		constants := constantPattern.FindAllStringIndex(s, -1)
		ms := f.vocab.Words.FindAll(s)
		// A word inside a constant (contacts in READ_CONTACTS) is the
		// constant's, read below.
		ms = slices.DeleteFunc(ms, func(m catalog.WordMatch[catalog.PermissionWord]) bool {
			return inSpans(constants, m.Start)
		})
		// Group words joined by 、/和 that share one 权限: 相机/相册权限.
		for k := 0; k < len(ms); {
			j := k
			for j+1 < len(ms) && listJoin.MatchString(s[ms[j].End:ms[j+1].Start]) {
				j++
			}
			group := ms[k : j+1]
			end := group[len(group)-1].End
			suffix := permissionWord.FindStringIndex(s[end:])
			if suffix == nil && len(group) > 1 {
				// Without a shared 权限 each word of a list is its own
				// statement: "读写日历、精确定位、唤醒锁定".
				j = k
				group = ms[k : k+1]
				end = group[0].End
				suffix = permissionWord.FindStringIndex(s[end:])
			}
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
			textEnd := end
			if suffix != nil {
				textEnd = end + suffix[1]
			}
			switch {
			case suffix != nil:
			case bare:
			case sent[0]+group[0].Start < labelEnd:
			case glossOfBare(s, ms, group[0].Start):
			case cued && parenDepth(s[:group[0].Start]) == 0 && cueBefore(s[:group[0].Start]):
				// Words after 开启 each count on their own: keep a bracketed
				// gloss with them ("相机(摄像头)").
				if g := glossAfter(s[end:]); g > 0 {
					textEnd = end + g
				}
			default:
				continue
			}
			if f.notAndroid(s, group[0].Start, textEnd) {
				perms = nil
			}
			perms = f.extras(s, group[0].Start, textEnd, perms)
			key := strings.Join(sortedUniq(perms), ",")
			if said[key] && key != "" {
				continue
			}
			said[key] = true
			purpose := f.purpose(l, i, sent[0], sent[1], sent[0]+group[0].Start, sent[0]+textEnd, heading)
			f.add(Permission{
				Text:        l.written(sent[0]+group[0].Start, sent[0]+textEnd),
				Permissions: perms,
				Purpose:     purpose,
				Line:        i + 1,
			})
		}
		for _, loc := range constants {
			perms := constant(s[loc[0]:loc[1]])
			if len(perms) == 0 {
				continue
			}
			f.add(Permission{
				Text:        l.written(sent[0]+loc[0], sent[0]+loc[1]),
				Permissions: perms,
				Purpose:     f.purpose(l, i, sent[0], sent[1], sent[0]+loc[0], sent[0]+loc[1], heading),
				Line:        i + 1,
			})
		}
	}
}

// cueWindow is how far before a word an enabling verb may stand: "开启您的
// 地理位置、相机、相册、麦克风,拨号功能" names five permissions after one verb,
// while a cue at the start of a long sentence says nothing of a word at its
// end.
const cueWindow = 48

// cueBefore reports an enabling verb shortly before the end of s. 权限
// itself is no such verb: in "相册权限(iOS系统)以上传照片" the photos are the
// purpose.
func cueBefore(s string) bool {
	r := []rune(s)
	if len(r) > cueWindow {
		s = string(r[len(r)-cueWindow:])
	}
	return containsAny(s, enableVerbs)
}

// offBefore reports a word in a "how to turn it off" clause ("您可以在设置中
// 关闭相机权限"), which justifies nothing. Only the word's own clause counts:
// "手机屏幕关闭后" inside a gloss does not turn the rest of a list off.
func offBefore(s string) bool {
	if k := strings.LastIndexAny(s, ",;:、"); k >= 0 {
		s = s[k+1:]
	}
	return containsAny(s, offCues)
}

// glossOfBare reports a word inside the brackets that follow a permission
// label: "获取设备信息(包含mac、设备ID、本机手机号)" requests what it lists.
func glossOfBare(s string, ms []catalog.WordMatch[catalog.PermissionWord], at int) bool {
	open := strings.LastIndexByte(s[:at], '(')
	if open < 0 || parenDepth(s[open:at]) != 1 {
		return false
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

// listed reports a word in a list of permission words: "读写日历、精确定位、
// 唤醒锁定".
func listed(group []catalog.WordMatch[catalog.PermissionWord]) bool {
	return len(group) > 1
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
	return utf8.RuneCountInString(t) <= 30 && !strings.ContainsAny(t, "。.:;,")
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
// photos also needs READ_MEDIA_IMAGES.
func (f *permFinder) extras(s string, a, b int, perms []string) []string {
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
	// Stop at the next permission statement of the sentence.
	end := to
	for _, m := range f.vocab.Words.FindAll(s[rest:to]) {
		if permissionWord.MatchString(s[rest+m.End : to]) {
			end = rest + m.Start
			if k := strings.LastIndexAny(s[rest:end], ",、"); k >= 0 {
				end = rest + k
			}
			break
		}
	}
	after := strings.TrimSpace(l.written(rest, end))
	if utf8.RuneCountInString(after) >= 4 && !strings.HasPrefix(s[rest:], "权限") {
		return clip(after)
	}
	if heading {
		if j := f.d.nextNonBlank(i); j >= 0 && stripNumbering(f.d.lines[j].norm) == 0 {
			return clip(strings.TrimSpace(f.d.lines[j].orig))
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
	before := strings.TrimSpace(l.written(start, a))
	if utf8.RuneCountInString(before) >= 4 {
		return clip(before)
	}
	return ""
}

func clip(s string) string {
	if utf8.RuneCountInString(s) <= 200 {
		return s
	}
	r := []rune(s)
	return string(r[:200]) + "…"
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
