package catalog

import "sync"

// An entry point is a method an app calls to start an SDK
// (JPushInterface.init, UMConfigure.init, CrashReport.initCrashReport…):
// code outside the SDK calling one shows the SDK is used, not only shipped.

// EntryPoint is one entry of data/sdk-entrypoints.json: the method of Class
// ("cn.jpush.android.api.JPushInterface") that starts the SDK.
type EntryPoint struct {
	SDK    string `json:"sdk"`
	Class  string `json:"class"`
	Method string `json:"method"`
}

type entryPoints struct {
	byMethod map[memberKey][]string
	sdks     map[string]bool
	classes  map[string]bool
}

var loadEntryPoints = sync.OnceValue(func() *entryPoints {
	e := &entryPoints{byMethod: map[memberKey][]string{}, sdks: map[string]bool{}, classes: map[string]bool{}}
	for _, p := range generatedEntryPoints {
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
