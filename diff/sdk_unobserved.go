package diff

import (
	"slices"

	"privdiff/apk"
	"privdiff/catalog"
)

// sdkUnobserved: an SDK the policy declares for Android that the APK does
// not contain. An entry whose name the catalog does not know is reported
// too, as one privdiff could not look for. Entries marked for iOS only
// (仅iOS端) are skipped.
//
// A packed app reports none: its dex is the packer's stub, so an SDK whose
// only traces are in code is missing from the scan, and "declared but not
// found" would mostly be the packer's doing. Run's packer warning says so.
func sdkUnobserved(obs *apk.Observed, d *declaredIndex) []Finding {
	if obs.Packer != nil {
		return nil
	}
	present := presentIDs(obs)
	seen := map[string]bool{}
	var out []Finding
	for _, s := range d.entries {
		if len(s.Platforms) > 0 && !slices.Contains(s.Platforms, "android") {
			continue
		}
		id := declaredID(s)
		key := id
		if id == "" {
			key = "name:" + catalog.NormalizeName(s.Name)
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		f := Finding{
			Rule: RuleSDKUnobserved, Severity: Info,
			Declared: &Declared{Line: s.Line, Text: s.Name},
			Facts:    Facts{Written: s.Name},
		}
		if id == "" {
			f.SDK = s.Name
			f.Facts.NameZh, f.Facts.NameEn = s.Name, s.Name
			f.Facts.Uncatalogued = true
			out = append(out, f)
			continue
		}
		if present[id] {
			continue
		}
		f.SDK = id
		f.Facts.NameZh, f.Facts.NameEn = sdkNames(id, s.Name, s.Name)
		out = append(out, f)
	}
	return out
}

// presentIDs are the catalog ids found in the APK and, through CoveredBy,
// the umbrellas of their own vendor: Umeng analytics makes 友盟 present,
// Huawei push makes HMS Core present, but a carrier's login SDK inside
// 闪验 does not make 极光认证 present.
func presentIDs(obs *apk.Observed) map[string]bool {
	present := map[string]bool{}
	var mark func(id string)
	mark = func(id string) {
		if present[id] {
			return
		}
		present[id] = true
		c, ok := catalog.SDKByID(id)
		if !ok {
			return
		}
		for _, u := range c.CoveredBy {
			if uc, ok := catalog.SDKByID(u); ok && sameVendor(uc, c) {
				mark(u)
			}
		}
	}
	for _, s := range obs.SDKs {
		mark(s.ID)
	}
	return present
}
