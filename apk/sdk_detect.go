package apk

import (
	"slices"
	"sort"
	"strings"

	"privdiff/catalog"
)

// evidenceFinder finds SDK traces of one kind. Adding a kind of evidence is
// adding a finder: each reads Observed and reports what the catalog matched.
type evidenceFinder interface {
	find(obs *Observed, ix *catalog.Index, report reportFunc)
}

// reportFunc records that match m was seen at value; classes > 0 counts dex
// classes under a package prefix.
type reportFunc func(m catalog.Match, value string, classes int)

var evidenceFinders = []evidenceFinder{
	dexPackageFinder{},
	componentFinder{},
	metaDataFinder{},
	nativeLibFinder{},
	assetFinder{},
	stringFinder{},
}

// kindRank orders an SDK's evidence: code first, then the manifest, then files.
var kindRank = map[string]int{
	string(catalog.EvidenceDexPackage): 0,
	string(catalog.EvidenceComponent):  1,
	string(catalog.EvidenceMetaData):   2,
	string(catalog.EvidenceNativeLib):  3,
	string(catalog.EvidenceAsset):      4,
	string(catalog.EvidenceString):     5,
}

// minStrayClasses is how many classes a dex-package match needs when it is
// an SDK's only evidence: one class under an SDK's package is more often a
// copied helper or a compile-only stub than the SDK.
const minStrayClasses = 2

// detectSDKs fills obs.SDKs from the catalog's signatures.
func detectSDKs(obs *Observed, ix *catalog.Index) {
	findOwnPackages(obs, ix)
	evidenceOf := map[string]map[Evidence]bool{}
	report := func(m catalog.Match, value string, classes int) {
		for _, id := range m.SDKs {
			if evidenceOf[id] == nil {
				evidenceOf[id] = map[Evidence]bool{}
			}
			evidenceOf[id][Evidence{Kind: string(m.Kind), Value: value, Classes: classes}] = true
		}
	}
	for _, finder := range evidenceFinders {
		finder.find(obs, ix, report)
	}

	obs.SDKs = []SDK{}
	for id, evidence := range evidenceOf {
		entry, ok := catalog.SDKByID(id)
		if !ok {
			continue
		}
		sdk := SDK{ID: id, Name: entry.Name, NameZh: entry.NameZh, Vendor: entry.Vendor, Category: entry.Category}
		dexClasses, otherKinds := 0, 0
		for e := range evidence {
			sdk.Evidence = append(sdk.Evidence, e)
			if e.Kind == string(catalog.EvidenceDexPackage) {
				dexClasses += e.Classes
			} else {
				otherKinds++
			}
		}
		if otherKinds == 0 && dexClasses < minStrayClasses {
			continue
		}
		sortEvidence(sdk.Evidence)
		obs.SDKs = append(obs.SDKs, sdk)
	}
	sort.Slice(obs.SDKs, func(i, j int) bool { return obs.SDKs[i].ID < obs.SDKs[j].ID })
}

func sortEvidence(ev []Evidence) {
	sort.Slice(ev, func(i, j int) bool {
		a, b := ev[i], ev[j]
		if a.Kind != b.Kind {
			return kindRank[a.Kind] < kindRank[b.Kind]
		}
		return a.Value < b.Value
	})
}

// ownCode reports whether a class belongs to the app itself: the WeChat app
// (com.tencent.mm) ships com.tencent.mm.opensdk as its own code, not as the
// WeChat SDK; a demo app whose code sits under its vendor's SDK package
// (cn.jiguang.jmlinkdemo beside cn.jiguang.) is not that SDK either.
func ownCode(obs *Observed, class string) bool {
	if pkg := obs.App.Package; pkg != "" && strings.HasPrefix(class, pkg+".") {
		return true
	}
	for _, root := range obs.ownPackages {
		if strings.HasPrefix(class, root) {
			return true
		}
	}
	return false
}

// minOwnDepth is the fewest package levels an own-code root derived from a
// class may have: "com.example" is a company, not an app.
const minOwnDepth = 3

// findOwnPackages fills obs.ownPackages from the classes Android starts as
// the app itself, the application class and the launcher activities, when
// their package is not the manifest's (see ownRoot).
func findOwnPackages(obs *Observed, ix *catalog.Index) {
	starts := []string{obs.App.ApplicationClass}
	for _, c := range obs.Components {
		switch {
		case !c.Launcher:
		case c.Type == "activity-alias":
			starts = append(starts, c.TargetActivity)
		default:
			starts = append(starts, c.Name)
		}
	}
	var roots []string
	for _, class := range starts {
		if root, ok := ownRoot(class, obs.App.Package, ix); ok && !slices.Contains(roots, root) {
			roots = append(roots, root)
		}
	}
	sort.Strings(roots)
	obs.ownPackages = roots
}

// ownRoot returns the package root of the app's own code that a class
// Android starts as the app names. The root is the shortest package above
// the class, at least minOwnDepth levels, that is no catalog prefix and
// holds none ("com.example.shop." for com.example.shop.ui.MainActivity).
//
// A class under an SDK's package is as often the SDK's own (Bugly's
// TinkerPatchReflectApplication, FlutterApplication, a packer's stub, an
// SDK's splash activity) as the app's, so it names the app's code only
// when its package is the manifest package under another top-level domain:
// the demo app com.jiguang.jmlinkdemo keeps its code in
// cn.jiguang.jmlinkdemo, under JCore's cn.jiguang.
func ownRoot(class, manifestPackage string, ix *catalog.Index) (string, bool) {
	if class == "" {
		return "", false
	}
	if _, sdkClass := ix.MatchComponent(class); sdkClass {
		return "", false
	}
	segs := strings.Split(javaPackage(class), ".")
	from := minOwnDepth
	if m, ok := ix.MatchClass(class); ok {
		app := strings.Split(manifestPackage, ".")
		if len(app) < minOwnDepth || len(segs) < len(app) || !slices.Equal(segs[1:len(app)], app[1:]) {
			return "", false
		}
		from = max(len(app), strings.Count(m.Pattern, ".")+1)
	}
	for n := from; n <= len(segs); n++ {
		root := strings.Join(segs[:n], ".") + "."
		if !ix.HoldsPrefix(root) {
			return root, true
		}
	}
	return "", false
}

// dexPackageFinder matches every class name against the catalog's package
// prefixes: one pass, one map lookup per package level.
type dexPackageFinder struct{}

func (dexPackageFinder) find(obs *Observed, ix *catalog.Index, report reportFunc) {
	counts := map[string]int{}
	matches := map[string]catalog.Match{}
	for _, class := range obs.Classes {
		if ownCode(obs, class) {
			continue
		}
		m, ok := ix.MatchClass(class)
		if !ok {
			continue
		}
		counts[m.Pattern]++
		matches[m.Pattern] = m
	}
	for prefix, n := range counts {
		report(matches[prefix], strings.TrimSuffix(prefix, "."), n)
	}
}

// componentFinder matches manifest components by their exact class, and by
// package prefix: an obfuscator renames code but never the components the
// manifest names.
type componentFinder struct{}

func (componentFinder) find(obs *Observed, ix *catalog.Index, report reportFunc) {
	for _, c := range obs.Components {
		if ownCode(obs, c.Name) {
			continue
		}
		if m, ok := ix.MatchComponent(c.Name); ok {
			report(m, c.Name, 0)
			continue
		}
		if m, ok := ix.MatchClass(c.Name); ok {
			m.Kind = catalog.EvidenceComponent
			report(m, c.Name, 0)
		}
	}
}

type metaDataFinder struct{}

func (metaDataFinder) find(obs *Observed, ix *catalog.Index, report reportFunc) {
	for _, md := range obs.MetaData {
		if m, ok := ix.MatchMetaData(md.Name); ok {
			report(m, md.Name, 0)
		}
	}
}

type nativeLibFinder struct{}

func (nativeLibFinder) find(obs *Observed, ix *catalog.Index, report reportFunc) {
	for _, lib := range obs.NativeLibs {
		if m, ok := ix.MatchNativeLib(lib); ok {
			report(m, lib, 0)
		}
	}
}

type assetFinder struct{}

func (assetFinder) find(obs *Observed, ix *catalog.Index, report reportFunc) {
	for _, a := range obs.Assets {
		if m, ok := ix.MatchAsset(a); ok {
			report(m, a, 0)
		}
	}
}

// stringFinder matches string constants of the code, for SDKs whose only
// trace is a host name or key they embed.
type stringFinder struct{}

func (stringFinder) find(obs *Observed, ix *catalog.Index, report reportFunc) {
	for _, m := range obs.stringHits {
		report(m, m.Pattern, 0)
	}
}

// maxInitialisedBy keeps the list readable when an SDK is called from all
// over the app; entry-point callers come first.
const maxInitialisedBy = 10

// markStarted sets each detected SDK's status from the calls the code walk
// found: "initialised" when code outside the SDK calls into it (its entry
// points listed first), "present" when nothing outside it does. A call from
// the SDK's own package does not count, unless that package is the app's.
func markStarted(obs *Observed, starts []sdkStart, ix *catalog.Index) {
	entry, other := map[string][]string{}, map[string][]string{}
	for _, s := range starts {
		if m, ok := ix.MatchClass(s.class); ok && containsID(m.SDKs, s.sdk) && !ownCode(obs, s.class) {
			continue
		}
		if s.entryPoint {
			entry[s.sdk] = append(entry[s.sdk], s.class)
		} else {
			other[s.sdk] = append(other[s.sdk], s.class)
		}
	}
	for i := range obs.SDKs {
		sdk := &obs.SDKs[i]
		callers := entry[sdk.ID]
		if len(callers) == 0 {
			callers = other[sdk.ID]
		}
		if len(callers) == 0 {
			sdk.Status = "present"
			continue
		}
		sort.Strings(callers)
		callers = slices.Compact(callers)
		if len(callers) > maxInitialisedBy {
			callers = callers[:maxInitialisedBy]
		}
		sdk.Status, sdk.InitialisedBy = "initialised", callers
	}
}

// The evidence strengths of the contract's sdks[].strength, strongest first.
const (
	StrengthCode      = "code"
	StrengthComponent = "component"
	StrengthNativeLib = "native-lib"
	StrengthKeyOnly   = "key-only"
	StrengthString    = "string"
)

var strengths = []string{StrengthCode, StrengthComponent, StrengthNativeLib, StrengthKeyOnly, StrengthString}

// strengthOfKind: a class is the SDK itself; a component is registered for
// it; a library or asset is a file it ships; a meta-data key is only its
// configuration and a string constant only a mention, both of which stay
// behind when an SDK is removed.
var strengthOfKind = map[string]string{
	string(catalog.EvidenceDexPackage): StrengthCode,
	string(catalog.EvidenceComponent):  StrengthComponent,
	string(catalog.EvidenceNativeLib):  StrengthNativeLib,
	string(catalog.EvidenceAsset):      StrengthNativeLib,
	string(catalog.EvidenceMetaData):   StrengthKeyOnly,
	string(catalog.EvidenceString):     StrengthString,
}

// StrengthRank is 0 for code and grows as evidence weakens; an unknown
// strength ranks last.
func StrengthRank(strength string) int {
	if i := slices.Index(strengths, strength); i >= 0 {
		return i
	}
	return len(strengths)
}

// WeakStrength reports evidence that shows an SDK's configuration, not the
// SDK: a key or a string alone.
func WeakStrength(strength string) bool {
	return StrengthRank(strength) >= StrengthRank(StrengthKeyOnly)
}

// settleSDKs grades each SDK's evidence, folds a key or string of one
// product into the member of its family whose code is there (JPUSH_APPKEY
// beside JPush's classes is JPush's key, not a second SDK), and marks the
// libraries an SDK found beside them brings with it. It runs after
// markStarted: a call into an SDK is code evidence too.
func settleSDKs(obs *Observed) {
	for i := range obs.SDKs {
		s := &obs.SDKs[i]
		s.Strength = StrengthString
		if s.Status == "initialised" {
			s.Strength = StrengthCode
		}
		for _, e := range s.Evidence {
			k, ok := strengthOfKind[e.Kind]
			if e.Kind == string(catalog.EvidenceComponent) && hasClass(obs, e.Value) {
				// The registered class is in the dex: the SDK's code.
				k = StrengthCode
			}
			if ok && StrengthRank(k) < StrengthRank(s.Strength) {
				s.Strength = k
			}
		}
	}
	foldIntoFamily(obs)
	markBrought(obs)
}

func foldIntoFamily(obs *Observed) {
	kept := make([]SDK, 0, len(obs.SDKs))
	for i, weak := range obs.SDKs {
		into := -1
		if WeakStrength(weak.Strength) {
			for j, s := range obs.SDKs {
				if j == i || StrengthRank(s.Strength) >= StrengthRank(weak.Strength) || !sameFamily(weak.ID, s.ID) {
					continue
				}
				if into < 0 || StrengthRank(s.Strength) < StrengthRank(obs.SDKs[into].Strength) {
					into = j
				}
			}
		}
		if into < 0 {
			continue
		}
		obs.SDKs[into].Evidence = mergeEvidence(obs.SDKs[into].Evidence, weak.Evidence)
		obs.SDKs[i].ID = "" // folded
	}
	for _, s := range obs.SDKs {
		if s.ID != "" {
			kept = append(kept, s)
		}
	}
	obs.SDKs = kept
}

// sameFamily: two catalog entries of one product family, or one the
// umbrella of the other.
func sameFamily(a, b string) bool {
	ea, ok1 := catalog.SDKByID(a)
	eb, ok2 := catalog.SDKByID(b)
	if !ok1 || !ok2 {
		return false
	}
	if ea.Family != "" && ea.Family == eb.Family {
		return true
	}
	return slices.Contains(ea.CoveredBy, b) || slices.Contains(eb.CoveredBy, a)
}

func mergeEvidence(into, from []Evidence) []Evidence {
	for _, e := range from {
		if !slices.Contains(into, e) {
			into = append(into, e)
		}
	}
	sortEvidence(into)
	return into
}

// markBrought records, on a library found beside an SDK that brings it,
// which SDKs brought it. An SDK seen only by a key brings nothing.
func markBrought(obs *Observed) {
	at := map[string]int{}
	for i, s := range obs.SDKs {
		at[s.ID] = i
	}
	for _, s := range obs.SDKs {
		entry, ok := catalog.SDKByID(s.ID)
		if !ok || WeakStrength(s.Strength) {
			continue
		}
		for _, lib := range entry.Brings {
			if i, ok := at[lib]; ok && lib != s.ID {
				obs.SDKs[i].BroughtBy = append(obs.SDKs[i].BroughtBy, s.ID)
			}
		}
	}
}

func containsID(ids []string, id string) bool {
	for _, v := range ids {
		if v == id {
			return true
		}
	}
	return false
}
