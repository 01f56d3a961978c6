package declared

import (
	"strings"
	"unicode/utf8"
)

// role is what a table column or a block label holds about an SDK.
type role int

const (
	roleNone role = iota
	roleName
	roleVendor
	rolePurpose
	roleData
	roleLink
	rolePlatform
	// roleOther is a recognised label that says nothing the report keeps
	// (收集方式, 信息处理方式, 保存期限).
	roleOther
)

// roleSuffixes are the endings of column headers and block labels, in
// folded form ("SDK名称", "第三方机构名称", "收集个人信息类型", "官网链接",
// "Purpose of use"). The longest matching ending decides, so 机构名称 is a
// vendor although 名称 alone is a name.
var roleSuffixes = map[role][]string{
	roleName: {"名称", "名字", "sdk", "sdk名称", "产品", "产品名称", "第三方", "第三方sdk", "合作方", "sdk name",
		"name", "third party", "third-party", "library", "sdk/library"},
	roleVendor: {"提供商", "提供方", "服务商", "服务方", "运营方", "公司", "公司名称", "主体", "主体名称", "机构",
		"机构名称", "开发者", "开发商", "厂商", "第三方名称", "合作方名称", "第三方主体", "所属公司", "vendor",
		"company", "provider", "developer", "owner"},
	rolePurpose: {"目的", "用途", "功能", "场景", "描述", "服务类型", "服务内容", "使用场景", "业务场景", "作用",
		"功能说明", "用途和目的", "目的和用途", "purpose", "purposes", "usage", "use", "function", "description"},
	roleData: {"类型", "范围", "数据", "字段", "个人信息", "收集信息", "收集的信息", "共享信息", "信息种类", "权限",
		"data", "data collected", "information", "personal information", "data types", "collected data",
		"information collected", "permissions"},
	roleLink: {"链接", "网址", "官网", "网站", "隐私政策", "隐私协议", "隐私权政策", "隐私声明", "隐私条款",
		"官方链接", "link", "links", "url", "website", "privacy policy", "policy"},
	rolePlatform: {"平台", "适用平台", "操作系统", "适用系统", "platform", "platforms", "os"},
	roleOther: {"方式", "期限", "时间", "地点", "地区", "措施", "处理方式", "收集方式", "存储地点", "保存期限",
		"共享方式", "传输方式", "method", "retention"},
}

// roleOf classifies a header or label by its longest known ending. A
// header of two parts ("产品/类型") is what its first part says, and the
// name of a data item ("共享信息名称") holds data, not a name.
func roleOf(label string) role {
	label = strings.TrimSpace(strings.Trim(strings.TrimSpace(label), "*_#`"))
	if first, _, ok := strings.Cut(label, "/"); ok && strings.TrimSpace(first) != "" {
		if r := roleOf(first); r != roleNone {
			return r
		}
	}
	// English puts the head noun first: "Purpose of using SDK" is a
	// purpose and "Data collected by SDK" is data, though both end in SDK.
	if head, ok := englishHead(label); ok {
		if r := roleOf(head); r != roleNone {
			return r
		}
	}
	for _, suf := range []string{"名称", "名字"} {
		if pre, ok := strings.CutSuffix(label, suf); ok && (strings.HasSuffix(pre, "信息") || strings.HasSuffix(pre, "数据")) {
			return roleData
		}
	}
	best, bestLen := roleNone, 0
	for r, sufs := range roleSuffixes {
		for _, s := range sufs {
			if len(s) > bestLen && strings.HasSuffix(label, s) {
				// An English word must stand alone: "use" ends "house".
				if s[0] < utf8.RuneSelf && len(label) > len(s) {
					c := label[len(label)-len(s)-1]
					if c >= 'a' && c <= 'z' {
						continue
					}
				}
				best, bestLen = r, len(s)
			}
		}
	}
	return best
}

// isHeaderWord reports a folded cell that is nothing but a header word
// of role r ("sdk", "sdk name", "名称").
func isHeaderWord(norm string, r role) bool {
	norm = strings.TrimSpace(norm)
	for _, w := range roleSuffixes[r] {
		if norm == w {
			return true
		}
	}
	return false
}

// englishHead cuts an English label before its first preposition or
// participle phrase ("purpose of using sdk" → "purpose").
func englishHead(label string) (string, bool) {
	for _, w := range []string{" of ", " by ", " for ", " from ", " used ", " with "} {
		if i := strings.Index(label, w); i > 0 {
			return strings.TrimSpace(label[:i]), true
		}
	}
	return "", false
}

// numbering matches the markers in front of list items and headings:
// (1). 1. 1、 1) 一、 (一) ① - • and Markdown headings and bullets.
// numberingEnd reads it.
var numbering = lazyRegexp(`^\s*(?:#{1,6}\s+|[-*•·●○■□◆◇▪►]\s*|(?:\(\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*\)|\d{1,3}(?:\.\d{1,3})*|[一二三四五六七八九十]{1,3}|[①-⑳]|[a-z])\s*(?:[.、:)]\s*)?)`)

// numberingStyle names the kind of marker a line starts with, so list
// items of one list can be told from other lines: "(1)." and "(2)." share a
// style, "业务功能:" has none.
func numberingStyle(s string) string {
	end := numberingEnd(s)
	if end < 0 {
		return ""
	}
	m := strings.TrimSpace(s[:end])
	var b strings.Builder
	for _, r := range m {
		switch {
		case r >= '0' && r <= '9', strings.ContainsRune("一二三四五六七八九十", r), r >= '①' && r <= '⑳':
			if !strings.HasSuffix(b.String(), "n") {
				b.WriteByte('n')
			}
		case r >= 'a' && r <= 'z':
			b.WriteByte('a')
		case r == ' ':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// stripNumbering removes a leading list marker; it returns the offset where
// the item's own text starts. A bare letter counts only before a
// punctuation mark ("a." but not "alipay").
func stripNumbering(s string) int {
	end := numberingEnd(s)
	if end < 0 {
		return 0
	}
	m := strings.TrimSpace(s[:end])
	if len(m) == 1 && m[0] >= 'a' && m[0] <= 'z' {
		return 0
	}
	if m != "" && m[0] >= '0' && m[0] <= '9' && !strings.ContainsAny(m, ".、:)") && end < len(s) {
		// "360加固" is a name, not item 360.
		c := s[end]
		if c != ' ' {
			return 0
		}
	}
	return end
}

// labelLine matches "label: value" and "label:" lines of block-form SDK lists
// ("使用目的:提供支付服务", "收集数据类型:"). labelSplit reads it.
var labelLine = lazyRegexp(`^([^:]{1,24}?)\s*:\s*(.*)$`)

// label reports a block label: its role, its text and the value after the
// colon (empty when the value follows on the next lines).
func label(norm string) (r role, valueStart int, ok bool) {
	start := stripNumbering(norm)
	rest := norm[start:]
	nameEnd, value, ok := labelSplit(rest)
	if !ok {
		return roleNone, 0, false
	}
	name := rest[:nameEnd]
	if strings.ContainsAny(name, ",,。;;()") || utf8.RuneCountInString(name) > 16 {
		return roleNone, 0, false
	}
	// "http://…" is a value, not a label called "http".
	if strings.HasSuffix(name, "http") || strings.HasSuffix(name, "https") {
		return roleNone, 0, false
	}
	r = roleOf(name)
	if r == roleNone {
		return roleNone, 0, false
	}
	return r, start + value, true
}

// platformMark matches a bracketed platform marking after an SDK name:
// "(Android端、iOS端)", "(仅iOS)", "(安卓版)".
var platformMark = lazyRegexp(`^\s*[(\[【]\s*((?:仅|仅限|only\s*)?(?:android|ios|安卓|苹果|iphone)\s*(?:端|系统|版|平台|客户端|sdk)?(?:\s*(?:[、/,和及与]|and)\s*(?:android|ios|安卓|苹果|iphone)\s*(?:端|系统|版|平台|客户端|sdk)?)*(?:\s*only)?)\s*[)\]】]`)

// platformsIn returns "android" and/or "ios" for the platforms a marking
// names.
func platformsIn(mark string) []string {
	var out []string
	if strings.Contains(mark, "android") || strings.Contains(mark, "安卓") {
		out = append(out, "android")
	}
	if strings.Contains(mark, "ios") || strings.Contains(mark, "苹果") || strings.Contains(mark, "iphone") {
		out = append(out, "ios")
	}
	return out
}

// urlPattern finds a link in a cell or label value.
var urlPattern = lazyRegexp(`(?i)(?:https?://|www\.)[^\s|,，;；)）】"“”<>]+`)
