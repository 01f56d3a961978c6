package apk

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzManifest feeds arbitrary bytes to the manifest parser; it may fail, but
// never panic or hang.
func FuzzManifest(f *testing.F) {
	fixtures, _ := filepath.Glob("../testdata/apks/*.apk")
	for _, p := range fixtures {
		f.Add(fixtureEntry(f, p, "AndroidManifest.xml"))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := parseManifest(data, nil)
		if err == nil && m == nil {
			t.Fatal("nil manifest without an error")
		}
	})
}

// FuzzScan feeds arbitrary archives to the whole scan, with a small entry
// cap so that the fuzzer cannot make it allocate much. The nested fixture
// seeds archives inside the archive.
func FuzzScan(f *testing.F) {
	for _, p := range []string{"../testdata/apks/minimal.apk", "../testdata/apks/nested.apk"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		obs, err := Scan(bytes.NewReader(data), int64(len(data)), Options{Limits: Limits{MaxEntryBytes: 4 << 20, MaxEntries: 1000}})
		if err == nil && obs == nil {
			t.Fatal("nil result without an error")
		}
	})
}
