package catalog

import "testing"

// BenchmarkNameAutomaton is what building the name finder costs go
// generate (a process no longer pays it: tables_gen.go holds it built).
func BenchmarkNameAutomaton(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		NewNameAutomaton(generatedNameKeys)
	}
}

// BenchmarkSignatureIndex is the cost every scan pays to index the catalog's
// signatures.
func BenchmarkSignatureIndex(b *testing.B) {
	sdks := generatedSDKs
	b.ReportAllocs()
	for b.Loop() {
		newIndex(sdks)
	}
}
