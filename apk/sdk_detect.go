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
		sort.Slice(sdk.Evidence, func(i, j int) bool {
			a, b := sdk.Evidence[i], sdk.Evidence[j]
			if a.Kind != b.Kind {
				return kindRank[a.Kind] < kindRank[b.Kind]
			}
			return a.Value < b.Value
		})
		obs.SDKs = append(obs.SDKs, sdk)
	}
	sort.Slice(obs.SDKs, func(i, j int) bool { return obs.SDKs[i].ID < obs.SDKs[j].ID })
}

// ownCode reports whether a class belongs to the app itself: the WeChat app
// (com.tencent.mm) ships com.tencent.mm.opensdk as its own code, not as the
// WeChat SDK.
func ownCode(obs *Observed, class string) bool {
	pkg := obs.App.Package
	return pkg != "" && strings.HasPrefix(class, pkg+".")
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
func markStarted(obs *Observed, starts map[sdkStart]bool, ix *catalog.Index) {
	entry, other := map[string][]string{}, map[string][]string{}
	for s := range starts {
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

func containsID(ids []string, id string) bool {
	for _, v := range ids {
		if v == id {
			return true
		}
	}
	return false
}
