package apk

import (
	"fmt"
	"path"
	"sort"

	"privdiff/catalog"
)

// Packer names the hardening service that packed the app, with its traces.
type Packer struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	NameZh   string     `json:"nameZh"`
	Vendor   string     `json:"vendor"`
	Evidence []Evidence `json:"evidence"`
}

// detectPacker looks for the traces of each known hardening service and
// keeps the one with the most. A packed app's dex holds only the packer's
// stub, so the scan says so prominently: no SDK found is then no result.
func detectPacker(obs *Observed) {
	var best *Packer
	for _, p := range catalog.Packers() {
		var ev []Evidence
		for _, lib := range obs.NativeLibs {
			if matchAny(p.NativeLibs, path.Base(lib)) {
				ev = append(ev, Evidence{Kind: "native-lib", Value: lib})
			}
		}
		for _, class := range p.Classes {
			switch {
			case class == obs.App.ApplicationClass:
				ev = append(ev, Evidence{Kind: "application", Value: class})
			case hasComponent(obs, class):
				ev = append(ev, Evidence{Kind: "component", Value: class})
			case hasClass(obs, class):
				ev = append(ev, Evidence{Kind: "dex-class", Value: class})
			}
		}
		for _, a := range obs.Assets {
			if matchAny(p.Assets, a) {
				ev = append(ev, Evidence{Kind: "asset", Value: a})
			}
		}
		if len(ev) > 0 && (best == nil || len(ev) > len(best.Evidence)) {
			best = &Packer{ID: p.ID, Name: p.Name, NameZh: p.NameZh, Vendor: p.Vendor, Evidence: ev}
		}
	}
	obs.Packer = best
	if best != nil {
		obs.Warnings = append(obs.Warnings, fmt.Sprintf(
			"packed with %s (%s): the dex files hold the packer's stub, not the app's code, so the SDKs and API calls found in code are incomplete and an SDK not found may still be there",
			best.NameZh, best.Name))
	}
}

func matchAny(globs []string, name string) bool {
	for _, g := range globs {
		if ok, _ := path.Match(g, name); ok {
			return true
		}
	}
	return false
}

func hasComponent(obs *Observed, class string) bool {
	for _, c := range obs.Components {
		if c.Name == class {
			return true
		}
	}
	return false
}

// hasClass searches the sorted class list.
func hasClass(obs *Observed, class string) bool {
	i := sort.SearchStrings(obs.Classes, class)
	return i < len(obs.Classes) && obs.Classes[i] == class
}
