package catalog

import (
	_ "embed"
	"encoding/json"
	"sync"
)

// An entry point is a method an app calls to start an SDK
// (JPushInterface.init, UMConfigure.init, CrashReport.initCrashReport…):
// code outside the SDK calling one shows the SDK is used, not only shipped.

//go:embed data/sdk-entrypoints.json
var entryPointsJSON []byte

type entryPoints struct {
	byMethod map[memberKey][]string
	sdks     map[string]bool
	classes  map[string]bool
}

var loadEntryPoints = sync.OnceValue(func() *entryPoints {
	var doc struct {
		EntryPoints []struct {
			SDK    string `json:"sdk"`
			Class  string `json:"class"`
			Method string `json:"method"`
		} `json:"entryPoints"`
	}
	if err := json.Unmarshal(entryPointsJSON, &doc); err != nil {
		panic("catalog: data/sdk-entrypoints.json: " + err.Error())
	}
	e := &entryPoints{byMethod: map[memberKey][]string{}, sdks: map[string]bool{}, classes: map[string]bool{}}
	for _, p := range doc.EntryPoints {
		k := memberKey{descriptor(p.Class), p.Method}
		e.byMethod[k] = append(e.byMethod[k], p.SDK)
		e.sdks[p.SDK] = true
		e.classes[k.class] = true
	}
	return e
})

// EntryPointOf returns the SDKs that a method, its class given as a dex type
// descriptor, starts.
func EntryPointOf(classDescriptor, name string) []string {
	return loadEntryPoints().byMethod[memberKey{classDescriptor, name}]
}

// HasEntryPoints reports whether the catalog knows how an SDK is started, so
// that "no call found" means "shipped but not started".
func HasEntryPoints(sdk string) bool { return loadEntryPoints().sdks[sdk] }

// IsEntryPointClass reports whether a class, given as a dex type descriptor,
// declares an SDK entry point.
func IsEntryPointClass(classDescriptor string) bool {
	return loadEntryPoints().classes[classDescriptor]
}
