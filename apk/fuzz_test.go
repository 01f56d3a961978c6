package apk

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"privdiff/apk/dex"
	"privdiff/catalog"
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

// FuzzCallContext feeds arbitrary bytecode to the method re-reading behind
// the call-context rules (intent flow, literals, loaded libraries, where a
// library's value goes), against the callcontext
// fixture's dex for names and strings: it may find nothing, but never
// panic or hang.
func FuzzCallContext(f *testing.F) {
	d, err := dex.OpenBytes(fixtureEntry(f, "../testdata/apks/callcontext.apk", "classes.dex"))
	if err != nil {
		f.Fatal(err)
	}
	names, err := d.MethodNames()
	if err != nil {
		f.Fatal(err)
	}
	classes, err := d.Classes()
	if err != nil {
		f.Fatal(err)
	}
	// Seeds: the code of every fixture method.
	var code dex.Code
	for _, c := range classes {
		cd, err := d.ClassData(c)
		if err != nil {
			continue
		}
		for _, m := range slices.Concat(cd.DirectMethods, cd.VirtualMethods) {
			if m.CodeOff != 0 && d.CodeInto(m.CodeOff, &code) == nil {
				b := make([]byte, 2*len(code.Insns))
				for i, u := range code.Insns {
					binary.LittleEndian.PutUint16(b[2*i:], u)
				}
				f.Add(b)
			}
		}
	}
	calls, invokes := map[uint32]bool{}, map[uint32]bool{}
	for i, n := range names {
		if n.Name == "queryIntentActivities" {
			calls[uint32(i)] = true
		}
		invokes[uint32(i)] = true // any call stands in for loadLibrary
	}
	rule := catalog.IntentRule{Categories: []string{"android.intent.category.LAUNCHER"}, Actions: []string{"android.intent.action.MAIN"}}
	f.Fuzz(func(t *testing.T, data []byte) {
		insns := make([]uint16, len(data)/2)
		for i := range insns {
			insns[i] = binary.LittleEndian.Uint16(data[2*i:])
		}
		loadsAnyInt(insns, []int32{0x01020022})
		loadedLibraries(d, insns, invokes)
		for _, v := range intentArgs(d, names, insns, calls) {
			listsApps(v, &rule, nil)
		}
		// The on-device analysis, with every call a source and the code
		// as two methods of one class, one of them private.
		source := func(idx uint32) sourceKind { return sourceOf(d, idx, names) }
		half := len(insns) / 2
		keptInClass([]classMethod{{idx: 0, private: true, insns: insns[:half]}, {idx: 1, insns: insns[half:]}}, names, source, "Lcom/example/")
	})
}
