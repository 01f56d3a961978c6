package diff

import (
	"sort"

	"privdiff/apk"
	"privdiff/catalog"
	"privdiff/declared"
)

// dataUndeclared: code calls an API that collects a data type the policy
// does not disclose. A call is covered when the policy discloses the type
// for the app in general or in the entry of the SDK whose code calls it;
// one finding per data type and calling SDK, with its first caller.
func dataUndeclared(obs *apk.Observed, pol *declared.Policy, d *declaredIndex) []Finding {
	general := map[string]bool{}
	for _, t := range pol.DataTypes {
		general[t] = true
	}
	type key struct{ dataType, sdk string }
	first := map[key]Observed{}
	for _, use := range obs.APIs {
		if general[use.DataType] {
			continue
		}
		for _, c := range use.Callers {
			if c.SDK != "app" && c.SDK != "unknown" && sdkDiscloses(d, c.SDK, use.DataType) {
				continue
			}
			k := key{use.DataType, c.SDK}
			ev := Observed{Kind: "api", Value: use.API, Class: c.Class, CallerSDK: c.SDK}
			if old, ok := first[k]; !ok || ev.Class+ev.Value < old.Class+old.Value {
				first[k] = ev
			}
		}
	}
	keys := make([]key, 0, len(first))
	for k := range first {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].dataType != keys[j].dataType {
			return keys[i].dataType < keys[j].dataType
		}
		return keys[i].sdk < keys[j].sdk
	})
	var out []Finding
	for _, k := range keys {
		ev := first[k]
		f := Finding{Rule: RuleDataUndeclared, Severity: High, DataType: k.dataType, Observed: &ev}
		if k.sdk != "app" && k.sdk != "unknown" {
			f.SDK = k.sdk
			if c, ok := catalog.SDKByID(k.sdk); ok {
				f.Facts.NameZh, f.Facts.NameEn = nameZh(c.NameZh, c.Name), c.Name
			}
			if s := d.covering(k.sdk); s != nil {
				f.Facts.DeclaredSDKLine = s.Line
				f.Declared = &Declared{Line: s.Line, Text: s.Name}
			}
		}
		out = append(out, f)
	}
	return out
}

// sdkDiscloses reports whether the policy's entry for an SDK lists the
// data type among the data it says the SDK collects.
func sdkDiscloses(d *declaredIndex, sdk, dataType string) bool {
	s := d.covering(sdk)
	if s == nil {
		return false
	}
	words := catalog.DataTypeWords()
	for _, written := range s.DataTypes {
		for _, m := range words.FindAll(catalog.FoldDataText(written)) {
			if m.Value == dataType {
				return true
			}
		}
	}
	return false
}
