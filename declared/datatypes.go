package declared

import (
	"regexp"

	"privdiff/catalog"
)

// negations mark sentences that say data is not collected ("我们不会收集您的
// 通讯录"); their words declare nothing.
var negations = []string{"不会收集", "不收集", "不会获取", "不会读取", "不会访问", "不会调用", "不会申请",
	"不会主动", "并不会", "不涉及", "无需", "不需要", "do not collect", "does not collect", "never collect"}

// meansPattern finds the means of collection, which are not what is
// collected: "通过GPS或WiFi等方式收集的您的地理位置信息" collects location.
var meansPattern = regexp.MustCompile(`通过([^,;:通]{1,24}?)(?:等)?(?:方式|手段|技术|途径|渠道)`)

func meansSpans(s string) [][]int {
	return meansPattern.FindAllStringSubmatchIndex(s, -1)
}

// inSpans reports whether at falls in one of the spans, each given by its
// last two offsets (a whole match, or its first group).
func inSpans(spans [][]int, at int) bool {
	for _, m := range spans {
		if at >= m[len(m)-2] && at < m[len(m)-1] {
			return true
		}
	}
	return false
}

// findDataTypes returns the contract data types the policy says are
// collected, in contract order: every data-type word outside negated
// sentences counts, including those in SDK tables and permission
// statements, since a justified permission gives access to its data.
func findDataTypes(d *doc, perms []Permission) []string {
	words := catalog.DataTypeWords()
	found := map[string]bool{}
	// A permission the policy explains discloses its data: "电话、联系人、
	// 通话记录:用于拨号、展示联系人" says contacts are read.
	for _, p := range perms {
		for _, c := range p.Permissions {
			if id, ok := catalog.PermissionDataType(c); ok {
				found[id] = true
			}
		}
	}
	for i := range d.lines {
		l := &d.lines[i]
		for _, sent := range sentences(l.norm) {
			s := l.norm[sent[0]:sent[1]]
			if containsAny(s, negations) {
				continue
			}
			folded := catalog.FoldDataText(s)
			means := meansSpans(folded)
			for _, m := range words.FindAll(folded) {
				if !inSpans(means, m.Start) {
					found[m.Value] = true
				}
			}
		}
	}
	out := []string{}
	for _, id := range catalog.DataTypes {
		if found[id] {
			out = append(out, id)
		}
	}
	return out
}
