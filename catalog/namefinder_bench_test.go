package catalog

import "testing"

// BenchmarkNameAutomaton is the cost the first policy of a run pays to
// build the name finder.
func BenchmarkNameAutomaton(b *testing.B) {
	sdkData()
	b.ReportAllocs()
	for b.Loop() {
		buildNameAutomaton()
	}
}

// BenchmarkSignatureIndex is the cost every scan pays to index the catalog's
// signatures.
func BenchmarkSignatureIndex(b *testing.B) {
	sdks := sdkData().all
	b.ReportAllocs()
	for b.Loop() {
		newIndex(sdks)
	}
}
