package declared

import (
	"strings"
	"unicode/utf8"

	"privdiff/catalog"
)

// A group of SDKs is named like one, with its members in brackets after
// it, on its own line or in the sentence under its title:
//
//	（22）应用商店联运SDK
//	我们的产品在部分渠道的版本集成了联运SDK（包含华为联运SDK、OPPO联运SDK、vivo联运SDK）…
//
// The members are the SDKs; the group's name is not one.

// groupMembers finds "X（包含A、B…）": the words before the bracket and the
// members inside it.
var groupMembers = lazyRegexp(`([^\s,;:、()]{1,40}?)\s*\(\s*(?:包含|包括|含|如|例如|比如|including|such as|e\.g\.)\s*([^()]{2,300})\)`)

// dropGroups removes the names that a bracketed member list on their line
// or the next one calls a group. Only names the catalog does not know are
// dropped: a known umbrella keeps its own entry.
func (f *sdkFinder) dropGroups() {
	// Each line's bracketed lists are read once, however many names it holds.
	lists := map[int][][]string{}
	keep := f.sdks[:0]
	for _, s := range f.sdks {
		if s.CatalogID != nil || !f.isGroup(s, lists) {
			keep = append(keep, s)
		}
	}
	f.sdks = keep
	f.byName, f.byID = map[string]int{}, map[string]int{}
	for i, s := range f.sdks {
		f.byName[catalog.NormalizeName(s.Name)] = i
		if s.CatalogID != nil {
			if _, ok := f.byID[*s.CatalogID]; !ok {
				f.byID[*s.CatalogID] = i
			}
		}
	}
}

// isGroup reports whether the line of s, or the next one, lists members of
// a group whose head word ends s's name ("联运SDK" for "应用商店联运SDK").
func (f *sdkFinder) isGroup(s SDK, lists map[int][][]string) bool {
	i := s.Line - 1
	if i < 0 || i >= len(f.d.lines) {
		return false
	}
	// Folded without dropping a trailing SDK, as catalog.NormalizeName does.
	key := compactKey(strings.ToLower(s.Name))
	core := groupCore(key)
	if core == "" {
		return false
	}
	lines := []int{i}
	if j := f.d.nextNonBlank(i); j >= 0 {
		lines = append(lines, j)
	}
	for _, k := range lines {
		found, ok := lists[k]
		if !ok {
			if norm := f.d.lines[k].norm; strings.Contains(norm, "(") {
				found = groupMembers().FindAllStringSubmatch(norm, 8)
			}
			lists[k] = found
		}
		for _, m := range found {
			// "内容分享（包含QQ、微信）" lists share targets, not members:
			// a group is an SDK ("联运SDK（包含…）").
			headKey := compactKey(m[1])
			head := groupCore(headKey)
			if head == headKey || commonSuffixRunes(head, core) < 2 || strings.Contains(compactKey(m[2]), key) {
				// Not this group, or s is one of its members.
				continue
			}
			members := 0
			for _, it := range splitList(strings.ReplaceAll(m[2], "/", "、")) {
				if sdkSuffixEnd(strings.ToLower(it)) > 0 {
					members++
				} else if _, ok := catalog.LookupSDK(it); ok {
					members++
				}
			}
			if members >= 2 {
				return true
			}
		}
	}
	return false
}

// groupCore is a folded name without its trailing SDK.
func groupCore(key string) string {
	for _, suf := range []string{"软件开发工具包", "sdks", "sdk"} {
		key = strings.TrimSuffix(key, suf)
	}
	return key
}

// commonSuffixRunes counts the characters two strings end with in common.
func commonSuffixRunes(a, b string) int {
	n := 0
	for a != "" && b != "" {
		ra, sa := utf8.DecodeLastRuneInString(a)
		rb, sb := utf8.DecodeLastRuneInString(b)
		if ra != rb {
			break
		}
		n++
		a, b = a[:len(a)-sa], b[:len(b)-sb]
	}
	return n
}
