package diff

import (
	"privdiff/apk"
	"privdiff/catalog"
	"privdiff/declared"
)

// evidenceRank orders evidence kinds by how plainly they show an SDK to a
// reader: a registered component or meta-data key first, code last.
var evidenceRank = map[string]int{"component": 0, "meta-data": 1, "dex-package": 2, "native-lib": 3, "asset": 4, "string": 5}

func strongestEvidence(ev []apk.Evidence) *Observed {
	var best *apk.Evidence
	for i := range ev {
		e := &ev[i]
		if best == nil || evidenceRank[e.Kind] < evidenceRank[best.Kind] ||
			(evidenceRank[e.Kind] == evidenceRank[best.Kind] && e.Value < best.Value) {
			best = e
		}
	}
	if best == nil {
		return nil
	}
	return &Observed{Kind: best.Kind, Value: best.Value}
}

// sdkUndeclared: an SDK in the APK that the policy does not name.
func sdkUndeclared(obs *apk.Observed, d *declaredIndex) []Finding {
	var out []Finding
	for _, s := range obs.SDKs {
		if notDataProcessors[s.Category] {
			continue
		}
		if d.covering(s.ID) != nil {
			continue
		}
		out = append(out, Finding{
			Rule: RuleSDKUndeclared, Severity: High, SDK: s.ID,
			Observed: strongestEvidence(s.Evidence),
			Facts:    Facts{NameZh: nameZh(s.NameZh, s.Name), NameEn: s.Name},
		})
	}
	return out
}

func nameZh(zh, en string) string {
	if zh != "" {
		return zh
	}
	return en
}

// sdkUnobserved: an SDK the policy declares for Android that the APK does
// not contain. A packed app hides its SDKs, so nothing is reported then.
func sdkUnobserved(obs *apk.Observed, pol *declared.Policy, d *declaredIndex) []Finding {
	if obs.Packer != nil {
		return nil
	}
	present := map[string]bool{}
	for _, s := range obs.SDKs {
		present[s.ID] = true
		if c, ok := catalog.SDKByID(s.ID); ok {
			// An SDK found makes its umbrella found: JCore alone shows a
			// Jiguang product is there.
			for _, u := range c.CoveredBy {
				present[u] = true
			}
		}
	}
	seen := map[string]bool{}
	var out []Finding
	for i := range pol.SDKs {
		s := &pol.SDKs[i]
		if len(s.Platforms) > 0 && !contains(s.Platforms, "android") {
			continue
		}
		id := declaredID(s)
		key := id
		if key == "" {
			key = "name:" + catalog.NormalizeName(s.Name)
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		f := Finding{
			Rule: RuleSDKUnobserved, Severity: Info,
			Declared: &Declared{Line: s.Line, Text: s.Name},
			Facts:    Facts{NameZh: s.Name, NameEn: s.Name},
		}
		if id == "" {
			f.SDK = s.Name
			f.Facts.Uncatalogued = true
			out = append(out, f)
			continue
		}
		if present[id] || productPresent(id, present) {
			continue
		}
		f.SDK = id
		out = append(out, f)
	}
	return out
}

// productPresent reports whether the app holds an SDK that the declared
// umbrella covers (the policy says 友盟, the app has Umeng analytics).
func productPresent(umbrella string, present map[string]bool) bool {
	for id := range present {
		if c, ok := catalog.SDKByID(id); ok && contains(c.CoveredBy, umbrella) {
			return true
		}
	}
	return false
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
