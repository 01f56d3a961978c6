package apk

import (
	"runtime"
	"testing"

	"privdiff/apk/dex"
	"privdiff/catalog"
)

// BenchmarkFindAPICallsApiDemos is the sensitive-API scan alone on ApiDemos'
// classes.dex, inflated once as the scan holds it: every code item decoded,
// every invoke, const-string and sget matched against the table. Compare with
// dex's BenchmarkScanInstructions, the bare walk.
func BenchmarkFindAPICallsApiDemos(b *testing.B) {
	data := fixtureEntry(b, apiDemos, "classes.dex")
	table := catalog.SensitiveAPIs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		d, err := dex.OpenBytes(data)
		if err != nil {
			b.Fatal(err)
		}
		sites, _, _, warnings, err := findAPICalls(d, table, runtime.GOMAXPROCS(0))
		if err != nil || len(warnings) > 0 {
			b.Fatalf("%v %q", err, warnings)
		}
		if len(sites) == 0 {
			b.Fatal("no sensitive call found in ApiDemos")
		}
	}
}
