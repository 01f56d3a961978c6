package declared

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"privdiff/catalog"
)

// negations mark sentences that say data is not collected ("我们不会收集您的
// 通讯录"); their words declare nothing.
var negations = []string{"不会收集", "不收集", "不会获取", "不会读取", "不会访问", "不会调用", "不会申请",
	"不会主动", "并不会", "不涉及", "无需", "不需要", "do not collect", "does not collect", "never collect"}

// meansPattern finds the means of collection, which are not what is
// collected: "通过GPS或WiFi等方式收集的您的地理位置信息" collects location.
var meansPattern = lazyRegexp(`通过([^,;:通]{1,24}?)(?:等)?(?:方式|手段|技术|途径|渠道)`)

// revocationPattern finds what a "turn it off" clause lists: "您可以关闭相册、
// 存储、位置权限" names permissions to revoke, no data collected.
var revocationPattern = lazyRegexp(`(?:关闭|撤回|撤销|取消授权|禁用|turnoff|revoke|disable)([^,;:。]{1,60}?)(?:权限|permission)`)

// spacesIn records where s, folded as data-type words are matched
// (catalog.FoldDataText), had a space: the result holds i when a space
// stood before folded[i]; nil when folding changed more than spaces.
func spacesIn(s, folded string) map[int]bool {
	if len(folded) == len(s) {
		return nil
	}
	// The words between spaces, joined, are the folded text; each one
	// after the first starts where a space stood.
	spaced := map[int]bool{}
	n := 0
	for k, w := range strings.FieldsFunc(s, unicode.IsSpace) {
		if k > 0 {
			spaced[n] = true
		}
		n += len(w)
	}
	if n != len(folded) {
		// Folding changed more than spaces: keep every match.
		return nil
	}
	return spaced
}

// wholeWord reports an ASCII-only word that is not part of a longer ASCII word
// of the text: "OAID" counts, the "oaid" of "to aid" does not, nor "mac"
// in "macOS". Words next to ideographs or marks always count. spaced
// answers whether a space stood before folded[i]; it is asked only of a
// word between two letters or digits.
func wholeWord(folded string, spaced func(i int) bool, a, b int) bool {
	alnum := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
	for i := a; i < b; i++ {
		if folded[i] >= utf8.RuneSelf {
			// "SIM卡序列号" is a word of its own even after "IMSI".
			return true
		}
	}
	if alnum(folded[a]) && a > 0 && alnum(folded[a-1]) && !spaced(a) {
		return false
	}
	if alnum(folded[b-1]) && b < len(folded) && alnum(folded[b]) && !spaced(b) {
		return false
	}
	return true
}

func meansSpans(s string) [][]int {
	return meansPattern().FindAllStringSubmatchIndex(s, -1)
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
	negated := negatedItems(d)
	for i := range d.lines {
		l := &d.lines[i]
		if negated[i] {
			continue
		}
		for _, sent := range sentences(l.norm) {
			s := l.norm[sent[0]:sent[1]]
			if negationWords().in(s) {
				continue
			}
			folded := catalog.FoldDataText(s)
			ms := words.FindAll(folded)
			if len(ms) == 0 {
				continue
			}
			// Where spaces stood is read only for a word that needs it.
			var spaced map[int]bool
			spacedRead := false
			spacedAt := func(i int) bool {
				if !spacedRead {
					spaced, spacedRead = spacesIn(s, folded), true
				}
				return spaced[i]
			}
			means := meansSpans(folded)
			off := revocationPattern().FindAllStringSubmatchIndex(folded, -1)
			for _, m := range ms {
				if m.Value == catalog.OtherSense || inSpans(means, m.Start) || inSpans(off, m.Start) || !wholeWord(folded, spacedAt, m.Start, m.End) {
					continue
				}
				found[m.Value] = true
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
