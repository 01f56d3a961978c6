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

// BenchmarkSignatureIndex is what indexing the catalog's signatures costs
// go generate (a process no longer pays it: indexes_gen.go holds it built).
func BenchmarkSignatureIndex(b *testing.B) {
	sdks := generatedSDKs
	b.ReportAllocs()
	for b.Loop() {
		NewSignatureIndex(sdks)
	}
}
