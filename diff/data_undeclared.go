package diff

import (
	"slices"
	"sort"

	"privdiff/apk"
	"privdiff/catalog"
	"privdiff/declared"
)

// How a data-undeclared finding's data type fails to be covered; kept in
// Facts.Coverage for the message.
const (
	// coverageSDKEntry: the calling SDK has an entry in the policy's SDK
	// list, and the entry's data does not include the type.
	coverageSDKEntry = "sdk-entry"
	// coverageSDKUndeclared: the calling SDK is not in the policy at all.
	coverageSDKUndeclared = "sdk-undeclared"
	// coverageOtherSDKs: the app's own (or unattributed) code collects a
	// type the policy lists only in some SDKs' entries.
	coverageOtherSDKs = "other-sdks"
	// coverageNone: no entry lists the type and the policy does not
	// disclose it for the app.
	coverageNone = "none"
)

// dataUndeclared: code in the APK calls an API that collects a data type
// the policy does not disclose. A call is covered when the policy
// discloses the type for the app in general (pol.DataTypes), or when the
// calling class belongs to a catalog SDK whose policy entry lists the
// type among its data as written (设备信息(IMEI/MAC) covers imei and mac;
// any of the SDK's entries will do, when the policy names it twice).
// Ids are compared strictly: device-info does not cover serial or
// android-id, location does not cover cell-location; datatype-words.json
// decides which words name which id. One finding per data type and
// calling SDK ("app" and "unknown" code each count as one), quoting the
// first calling class by name.
//
// A call that cannot return the data in this app (apk.APIUse.Unavailable:
// the manifest requests none of the permissions it needs, or the app's
// platforms return a dummy value) collects nothing: when a data type and
// collector have only such calls, the finding is an info note that the
// code would collect the type if granted, never a high one.
func dataUndeclared(obs *apk.Observed, pol *declared.Policy, d *declaredIndex) []Finding {
	general := map[string]bool{}
	for _, t := range pol.DataTypes {
		general[t] = true
	}
	lists := entryDataTypes(d)
	type key struct{ dataType, caller string }
	first := map[key]Observed{}
	// blocked holds, for collectors with no call that can return the data,
	// the evidence and why it cannot.
	blocked := map[key]Observed{}
	why := map[key]*apk.APIUse{}
	for i, use := range obs.APIs {
		if general[use.DataType] {
			continue
		}
		seen := first
		if use.Unavailable != "" {
			seen = blocked
		}
		for _, c := range use.Callers {
			// A library using the value itself on the device (AppCompat's
			// night mode) collects nothing; a wrapper handing it to the app
			// is not marked and stays the app's collection.
			if c.OnDevice {
				continue
			}
			if isSDKCaller(c.SDK) && slices.ContainsFunc(d.coveringAll(c.SDK), func(s *declared.SDK) bool { return lists[s][use.DataType] }) {
				continue
			}
			k := key{use.DataType, collector(c.SDK)}
			ev := Observed{Kind: "api", Value: use.API, Class: c.Class, CallerSDK: c.SDK, Attribution: c.Attribution}
			// Quote the collector's own class before a library's it calls.
			if old, ok := seen[k]; !ok || ownCall(ev, k.caller) && !ownCall(old, k.caller) ||
				ownCall(ev, k.caller) == ownCall(old, k.caller) && (ev.Class < old.Class || (ev.Class == old.Class && ev.Value < old.Value)) {
				seen[k] = ev
				if use.Unavailable != "" {
					why[k] = &obs.APIs[i]
				}
			}
		}
	}
	keys := make([]key, 0, len(first)+len(blocked))
	for k := range first {
		keys = append(keys, k)
	}
	onlyBlocked := map[key]bool{}
	for k, ev := range blocked {
		if _, ok := first[k]; !ok {
			keys = append(keys, k)
			first[k] = ev
			onlyBlocked[k] = true
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].dataType != keys[j].dataType {
			return keys[i].dataType < keys[j].dataType
		}
		return keys[i].caller < keys[j].caller
	})
	var out []Finding
	for _, k := range keys {
		ev := first[k]
		f := Finding{Rule: RuleDataUndeclared, Severity: High, DataType: k.dataType, Observed: &ev}
		if use := why[k]; onlyBlocked[k] {
			f.Severity = Info
			f.Facts.Unavailable = use.Unavailable
			if use.Requires != nil {
				f.Facts.Requires = append(slices.Clone(use.Requires.AllOf), use.Requires.AnyOf...)
			}
		}
		switch {
		case isSDKCaller(k.caller):
			f.SDK = k.caller
			f.Facts.NameZh, f.Facts.NameEn = sdkNames(k.caller, "", "")
			f.Facts.Coverage = coverageSDKUndeclared
			if s := d.covering(k.caller); s != nil {
				f.Facts.Coverage = coverageSDKEntry
				f.Facts.DeclaredSDKLine = s.Line
				f.Declared = &Declared{Line: s.Line, Text: s.Name}
			}
		default:
			f.Facts.Coverage = coverageNone
			for _, s := range d.entries {
				if lists[s][k.dataType] && !slices.Contains(f.Facts.DisclosedFor, s.Name) {
					f.Facts.DisclosedFor = append(f.Facts.DisclosedFor, s.Name)
				}
			}
			if len(f.Facts.DisclosedFor) > 0 {
				f.Facts.Coverage = coverageOtherSDKs
			}
		}
		out = append(out, f)
	}
	return out
}

// collector is whose collection a call is: a library's code (AndroidX's
// TelephonyManagerCompat, an open-source helper) runs only when the app
// calls it and sends nothing to its author, so its calls are the app's.
func collector(sdk string) string {
	if !isSDKCaller(sdk) {
		return sdk
	}
	if c, ok := catalog.SDKByID(sdk); ok && catalog.CodeLibrary(sdk, c.Category) {
		return "app"
	}
	return sdk
}

func ownCall(ev Observed, collector string) bool { return ev.CallerSDK == collector }

// isSDKCaller: the caller is a catalog SDK, not the app's own code
// ("app") nor code privdiff could not attribute ("unknown").
func isSDKCaller(sdk string) bool { return sdk != "" && sdk != "app" && sdk != "unknown" }

// entryDataTypes reads each SDK entry's data, as written, into contract
// data-type ids.
func entryDataTypes(d *declaredIndex) map[*declared.SDK]map[string]bool {
	words := catalog.DataTypeWords()
	out := make(map[*declared.SDK]map[string]bool, len(d.entries))
	for _, s := range d.entries {
		ids := map[string]bool{}
		for _, written := range s.DataTypes {
			for _, m := range words.FindAll(catalog.FoldDataText(written)) {
				ids[m.Value] = true
			}
		}
		out[s] = ids
	}
	return out
}
