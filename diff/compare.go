package diff

import (
	"slices"
	"sort"
	"strings"

	"privdiff/apk"
	"privdiff/catalog"
	"privdiff/declared"
)

// Compare applies every rule and returns the findings sorted: most severe
// first, then by rule, SDK, permission, data type and evidence, so equal
// inputs give equal output.
func Compare(obs *apk.Observed, pol *declared.Policy) []Finding {
	d := newDeclaredIndex(pol)
	var out []Finding
	out = append(out, sdkUndeclared(obs, d)...)
	out = append(out, sdkUnobserved(obs, pol, d)...)
	out = append(out, permissionUnjustified(obs, pol)...)
	out = append(out, permissionUnrequested(obs, pol)...)
	out = append(out, dataUndeclared(obs, pol, d)...)
	sortFindings(out)
	return out
}

// Run compares, localises the messages and summarises: the whole audit.
func Run(obs *apk.Observed, pol *declared.Policy, lang string) *Audit {
	findings := Compare(obs, pol)
	Localize(findings, lang)
	a := &Audit{
		App: obs.App, Observed: obs, Declared: pol,
		Findings: findings, Summary: Summarize(findings), Lang: lang, Warnings: []string{},
	}
	if obs.Packer != nil {
		a.Warnings = append(a.Warnings, packedWarning(obs.Packer, lang))
	}
	if len(pol.SDKs) == 0 {
		a.Warnings = append(a.Warnings, text(lang,
			"隐私政策未列出任何第三方SDK：应用中发现的每个SDK均报告为未声明。",
			"the policy has no SDK list: every SDK found in the app is reported as undeclared"))
	}
	return a
}

func packedWarning(p *apk.Packer, lang string) string {
	return text(lang,
		"应用经"+p.NameZh+"加固：DEX中只有加固外壳，代码中发现的SDK和敏感API并不完整，“未发现”不代表不存在；声明而未发现的SDK不予报告。",
		"the app is packed with "+p.Name+": its dex holds the packer's stub, so the SDKs and sensitive APIs found in code are incomplete, an SDK not found may still be there, and declared SDKs are not reported as unobserved")
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Severity.Rank() != b.Severity.Rank() {
			return a.Severity.Rank() > b.Severity.Rank()
		}
		if a.Rule != b.Rule {
			return ruleOrder(a.Rule) < ruleOrder(b.Rule)
		}
		for _, p := range [][2]string{{a.SDK, b.SDK}, {a.Permission, b.Permission}, {a.DataType, b.DataType}, {evidenceKey(a), evidenceKey(b)}} {
			if p[0] != p[1] {
				return p[0] < p[1]
			}
		}
		return false
	})
}

func evidenceKey(f Finding) string {
	if f.Observed == nil {
		return ""
	}
	return f.Observed.Kind + "\x00" + f.Observed.Value + "\x00" + f.Observed.Class
}

func ruleOrder(id string) int {
	for i, r := range Rules {
		if r.ID == id {
			return i
		}
	}
	return len(Rules)
}

// declaredIndex answers "does the policy name this catalog SDK?".
type declaredIndex struct {
	// ids are the catalog ids the policy's SDKs resolve to, each with the
	// first entry that names it.
	ids map[string]*declared.SDK
}

func newDeclaredIndex(pol *declared.Policy) *declaredIndex {
	d := &declaredIndex{ids: map[string]*declared.SDK{}}
	for i := range pol.SDKs {
		s := &pol.SDKs[i]
		if id := declaredID(s); id != "" {
			if _, ok := d.ids[id]; !ok {
				d.ids[id] = s
			}
		}
	}
	return d
}

// declaredID is the catalog id of a policy entry.
func declaredID(s *declared.SDK) string {
	if s.CatalogID != nil {
		return *s.CatalogID
	}
	if c, ok := catalog.LookupSDK(s.Name); ok {
		return c.ID
	}
	return ""
}

// covering returns the policy entry that declares a catalog SDK: the entry
// for the SDK itself, for an umbrella the catalog says covers it (a JPush
// vendor channel by JPush, an Umeng product by 友盟), or for a product the
// SDK is the umbrella of. A vendor alone covers nothing: a policy that
// declares the WeChat SDK has not declared Tencent's Bugly.
func (d *declaredIndex) covering(id string) *declared.SDK {
	if s, ok := d.ids[id]; ok {
		return s
	}
	c, ok := catalog.SDKByID(id)
	if !ok {
		return nil
	}
	for _, u := range c.CoveredBy {
		if s, ok := d.ids[u]; ok {
			return s
		}
	}
	for did, s := range d.sortedIDs() {
		if dc, ok := catalog.SDKByID(did); ok && slices.Contains(dc.CoveredBy, id) {
			return s
		}
	}
	return nil
}

// sortedIDs iterates the declared ids in order, so that which entry
// covers an SDK never depends on map order.
func (d *declaredIndex) sortedIDs() func(func(string, *declared.SDK) bool) {
	ids := make([]string, 0, len(d.ids))
	for id := range d.ids {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return func(yield func(string, *declared.SDK) bool) {
		for _, id := range ids {
			if !yield(id, d.ids[id]) {
				return
			}
		}
	}
}

// notDataProcessors are catalog categories whose entries are code, not
// third parties that receive personal data: open-source libraries, AndroidX
// and support libraries, UI widgets, app frameworks and game engines, and
// hardening shells (reported as packers). Policies list the SDKs of
// companies that process users' data; requiring OkHttp or Glide there would
// bury the real gaps.
var notDataProcessors = map[string]bool{
	"library": true, "androidx": true, "ui": true, "framework": true, "game": true, "hardening": true,
}

func textIf(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}

func text(lang, zh, en string) string { return textIf(lang == "zh", zh, en) }

func trimSDK(s string) string {
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(s, "SDK"), "sdk"))
}
