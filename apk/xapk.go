package apk

import (
	"encoding/json"
	"fmt"
)

// xapkManifest is the manifest.json of an .xapk: what the packer says the
// set holds. privdiff reads the APKs themselves and reports disagreements.
type xapkManifest struct {
	PackageName string `json:"package_name"`
	SplitAPKs   []struct {
		File string `json:"file"`
		ID   string `json:"id"`
	} `json:"split_apks"`
}

// maxXAPKManifest caps manifest.json; real ones are a few hundred bytes.
const maxXAPKManifest = 1 << 20

// checkXAPKManifest compares an .xapk's manifest.json with the APKs read.
func checkXAPKManifest(a *archive, obs *Observed) {
	f := a.file("manifest.json")
	if f == nil {
		return
	}
	if f.UncompressedSize64 > maxXAPKManifest {
		obs.Warnings = append(obs.Warnings, "manifest.json: over 1 MiB, not read")
		return
	}
	data, release, err := a.read(f)
	if err != nil {
		obs.Warnings = append(obs.Warnings, fmt.Sprintf("manifest.json: %v", err))
		return
	}
	defer release()
	var m xapkManifest
	if err := json.Unmarshal(data, &m); err != nil {
		obs.Warnings = append(obs.Warnings, fmt.Sprintf("manifest.json: not valid XAPK JSON: %v", err))
		return
	}
	if m.PackageName != "" && m.PackageName != obs.App.Package {
		obs.Warnings = append(obs.Warnings, fmt.Sprintf("manifest.json names package %q, the base APK is %q", m.PackageName, obs.App.Package))
	}
	read := map[string]bool{}
	for _, name := range obs.App.Files {
		read[name] = true
	}
	for _, s := range m.SplitAPKs {
		if s.File != "" && !read[s.File] {
			obs.Warnings = append(obs.Warnings, fmt.Sprintf("manifest.json lists %s, which the set does not hold or privdiff could not read", s.File))
		}
	}
}
