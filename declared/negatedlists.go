package declared

import "strings"

// negatedListCues mark a line that introduces a list of what the app does
// NOT do or no longer does: "This app does not collect:", "我们不会收集以下
// 信息：", "Removed permissions (v1.5):". The items that follow declare
// nothing.
var negatedListCues = append([]string{"not collect", "not request", "not use", "not access", "no longer",
	"removed", "已移除", "已删除", "不再", "未使用", "不会使用", "不会请求",
	"不使用", "不接入", "不集成", "不嵌入", "未接入", "未集成", "没有接入", "没有使用"}, negations...)

// negatedItems marks the list items that follow a negated list intro, up
// to the first line that is no list item (blank lines do not end the list).
func negatedItems(d *doc) []bool {
	if d.denied != nil {
		return d.denied
	}
	out := make([]bool, len(d.lines))
	d.denied = out
	in := false
	for i := range d.lines {
		l := &d.lines[i]
		if l.blank() {
			continue
		}
		if in && listItemLine(l.norm) {
			out[i] = true
			continue
		}
		in = negatedListIntro(l.norm)
	}
	return out
}

// negatedListIntro reports a line whose last clause introduces a list
// (ends in a colon or says "the following") and negates collecting or
// requesting what it lists; a negation earlier in a long line ("当您不需要
// 使用特定功能时…我们可能收集如下信息:") does not reach the list.
func negatedListIntro(norm string) bool {
	t := strings.TrimRight(strings.TrimSpace(norm), " *_#`")
	if !strings.HasSuffix(t, ":") && !containsAny(t, []string{"以下", "如下", "following"}) {
		return false
	}
	clause := strings.TrimSuffix(t, ":")
	// The last clause: after the last sentence or clause break ("1.5.40"
	// is no break, ". " is).
	if k := max(strings.LastIndexAny(clause, "。;,!?"), strings.LastIndex(clause, ". ")); k >= 0 {
		clause = clause[k+1:]
	}
	return negatedListCueWords().in(clause) && collectionWordSet().in(clause)
}

// collectionWords say what a negated list intro denies: collecting,
// requesting or using data or permissions.
var collectionWords = []string{"收集", "获取", "读取", "访问", "申请", "使用", "调用", "权限", "信息", "数据",
	"接入", "集成", "嵌入", "sdk", "collect", "request", "access", "use", "permission", "data", "information"}

// listItemLine reports a bulleted or numbered line (a heading is none).
func listItemLine(norm string) bool {
	t := strings.TrimSpace(norm)
	if strings.HasPrefix(t, "#") {
		return false
	}
	return strings.HasPrefix(t, "-") || strings.HasPrefix(t, "*") || strings.HasPrefix(t, "•") || strings.HasPrefix(t, "·") || stripNumbering(norm) > 0
}
