package diff

import (
	"privdiff/apk"
	"privdiff/catalog"
)

// sdkUndeclared: an SDK found in the APK that no entry of the policy's SDK
// list declares (see declaredIndex.covering for what declares an SDK).
// Severity and confidence follow the evidence: the SDK's code, or its
// components and libraries in an app whose code hides them, make a high
// finding; a key or string alone is configuration left behind as often as
// an SDK, so it is a low finding that says so. A library another SDK
// brings with it (the Play services base under AdMob) is part of that SDK
// and not reported on its own.
func sdkUndeclared(obs *apk.Observed, d *declaredIndex) []Finding {
	seen := map[string]bool{}
	var out []Finding
	for _, s := range obs.SDKs {
		if seen[s.ID] || !receivesData(s) || len(s.BroughtBy) > 0 {
			continue
		}
		seen[s.ID] = true
		if d.covering(s.ID) != nil {
			continue
		}
		nameZh, nameEn := sdkNames(s.ID, s.NameZh, s.Name)
		sev, conf := undeclaredGrade(s.Strength)
		out = append(out, Finding{
			Rule: RuleSDKUndeclared, Severity: sev, SDK: s.ID, Confidence: conf,
			Observed: strongestEvidence(s.Evidence),
			Facts:    Facts{NameZh: nameZh, NameEn: nameEn, Strength: s.Strength},
		})
	}
	return out
}

// undeclaredGrade maps an SDK's evidence strength to the finding's
// severity and confidence. A scan without strength (an older document)
// counts as code.
func undeclaredGrade(strength string) (Severity, Confidence) {
	switch {
	case strength == "" || strength == apk.StrengthCode:
		return High, ConfidenceHigh
	case apk.WeakStrength(strength):
		return Low, ConfidenceLow
	}
	return High, ConfidenceMedium
}

// receivesData reports whether an SDK's vendor receives data from the app,
// so that the policy must declare it.
func receivesData(s apk.SDK) bool {
	return !catalog.CodeLibrary(s.ID, s.Category)
}

// evidenceRank orders evidence kinds by how plainly they show an SDK to a
// reader of the notice: a registered component names the SDK's own class
// and is read from the manifest, then its code, its meta-data keys, its
// native libraries; an asset or a string constant last.
var evidenceRank = map[string]int{"component": 0, "dex-package": 1, "meta-data": 2, "native-lib": 3, "asset": 4, "string": 5}

func rankOf(kind string) int {
	if r, ok := evidenceRank[kind]; ok {
		return r
	}
	return len(evidenceRank)
}

// strongestEvidence picks one trace to quote: the best kind; among dex
// packages the one with the most classes; then the first by value.
func strongestEvidence(ev []apk.Evidence) *Observed {
	var best *apk.Evidence
	for i := range ev {
		e := &ev[i]
		switch {
		case best == nil, rankOf(e.Kind) < rankOf(best.Kind):
			best = e
		case rankOf(e.Kind) > rankOf(best.Kind):
		case e.Classes != best.Classes:
			if e.Classes > best.Classes {
				best = e
			}
		case e.Value < best.Value:
			best = e
		}
	}
	if best == nil {
		return nil
	}
	return &Observed{Kind: best.Kind, Value: best.Value}
}

// sdkNames names a catalog SDK in Chinese and English, from the catalog
// when it knows the id, else from what the scan carried.
func sdkNames(id, zh, en string) (string, string) {
	if c, ok := catalog.SDKByID(id); ok {
		zh, en = c.NameZh, c.Name
	}
	if en == "" {
		en = id
	}
	if zh == "" {
		zh = en
	}
	return zh, en
}
