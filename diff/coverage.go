package diff

import (
	"slices"
	"sort"

	"privdiff/catalog"
	"privdiff/declared"
)

// declaredIndex answers "which entry of the policy's SDK list declares
// this catalog SDK?", for sdk-undeclared, sdk-unobserved and the SDK half
// of data-undeclared.
type declaredIndex struct {
	// entries are the policy's SDK entries by line, so that "the entry
	// that declares it" is the first one a reader meets, whatever the
	// order of pol.SDKs.
	entries []*declared.SDK
	// ids maps the catalog id each entry resolves to (declaredID) to the
	// entries that do, by line: a policy may name an SDK twice (in its
	// text and in its table), each time with part of its data.
	ids map[string][]*declared.SDK
	// ordered are the keys of ids, sorted.
	ordered []string
	// names maps each entry's NormalizeName to the entry: a policy that
	// writes the company as the SDK (SDK名称：深圳市和讯华谷信息技术有限公司)
	// declares that company's SDKs.
	names map[string]*declared.SDK
}

func newDeclaredIndex(pol *declared.Policy) *declaredIndex {
	d := &declaredIndex{ids: map[string][]*declared.SDK{}, names: map[string]*declared.SDK{}}
	for i := range pol.SDKs {
		d.entries = append(d.entries, &pol.SDKs[i])
	}
	sort.SliceStable(d.entries, func(i, j int) bool {
		a, b := d.entries[i], d.entries[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Name < b.Name
	})
	for _, s := range d.entries {
		if id := declaredID(s); id != "" {
			if _, ok := d.ids[id]; !ok {
				d.ordered = append(d.ordered, id)
			}
			d.ids[id] = append(d.ids[id], s)
		}
		if n := catalog.NormalizeName(s.Name); n != "" {
			if _, ok := d.names[n]; !ok {
				d.names[n] = s
			}
		}
	}
	sort.Strings(d.ordered)
	return d
}

// declaredID is the catalog id of a policy entry: the one the policy
// reader resolved, else its name's, else — for an entry whose name is
// generic (消息推送 | 提供方：个推) — its vendor's when that is a brand the
// catalog knows as an SDK name (个推, 极光, 友盟).
func declaredID(s *declared.SDK) string {
	if s.CatalogID != nil && *s.CatalogID != "" {
		return *s.CatalogID
	}
	if c, ok := catalog.LookupSDK(s.Name); ok {
		return c.ID
	}
	if s.Vendor != "" {
		if c, ok := catalog.LookupSDK(s.Vendor); ok {
			return c.ID
		}
	}
	return ""
}

// covering returns the first policy entry that declares a catalog SDK, or
// nil; see coveringAll.
func (d *declaredIndex) covering(id string) *declared.SDK {
	if all := d.coveringAll(id); len(all) > 0 {
		return all[0]
	}
	return nil
}

// coveringAll returns the policy entries that declare a catalog SDK, the
// most direct first, each group by line:
//
//   - the entries for the SDK itself, under any of its names;
//   - entries for an umbrella the catalog lists in its CoveredBy (a JPush
//     vendor channel is covered by 极光推送, each Umeng product by 友盟);
//   - an entry whose name is the SDK's vendor, as the catalog writes it;
//   - entries for a product of the same vendor that the SDK is the
//     umbrella of (友盟统计 declares the Umeng base library it needs).
//
// A vendor written in an entry's vendor column covers nothing else: a
// policy that lists 微信开放平台 by 深圳市腾讯计算机系统有限公司 has not
// declared Tencent's Bugly or X5, and 百度统计 does not declare Baidu Map.
// The catalog's CoveredBy is where a vendor umbrella is made explicit.
func (d *declaredIndex) coveringAll(id string) []*declared.SDK {
	var out []*declared.SDK
	out = append(out, d.ids[id]...)
	c, ok := catalog.SDKByID(id)
	if !ok {
		return out
	}
	for _, u := range c.CoveredBy {
		out = append(out, d.ids[u]...)
	}
	if c.Vendor != "" {
		if s, ok := d.names[catalog.NormalizeName(c.Vendor)]; ok && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, did := range d.ordered {
		if dc, ok := catalog.SDKByID(did); ok && slices.Contains(dc.CoveredBy, id) && sameVendor(dc, c) {
			out = append(out, d.ids[did]...)
		}
	}
	return out
}

// sameVendor: two catalog entries of one company. Carrier one-click-login
// SDKs are covered by several login products of other companies; naming
// 中国移动一键登录 does not name 闪验.
func sameVendor(a, b catalog.SDK) bool {
	return a.Vendor != "" && a.Vendor == b.Vendor
}
