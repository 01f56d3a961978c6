package apk

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/avast/apkparser"
)

// realAPKs are the real apps carried in testdata, and ApiDemos when
// scripts/fetch-apidemos.sh has fetched it.
func realAPKs(t testing.TB) []string {
	var paths []string
	for _, pattern := range []string{"../testdata/realapks/*.apk", "../testdata/pairs/*/app.apk", "../testdata/external/*.apk"} {
		m, _ := filepath.Glob(pattern)
		paths = append(paths, m...)
	}
	if len(paths) < 8 {
		t.Fatalf("only %d real APKs under testdata", len(paths))
	}
	return paths
}

// entryOf is one zip entry's bytes, nil when the APK has none.
func entryOf(t testing.TB, apkPath, name string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(apkPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// tableIDs lists ids to ask a table: every entry index up to each type's
// largest entry count (capped), just past it, and ids of types and
// packages the table does not have.
func tableIDs(t *lazyTable, maxEntries uint32) []uint32 {
	ids := []uint32{0, 0x7f000000, 0x7f010000, 0x01010000, 0xffffffff}
	for pkg, g := range t.groups {
		for typ := uint32(0); typ < 256; typ++ {
			var most uint32
			for _, s := range g.types[uint8(typ)] {
				for _, c := range s.configs {
					most = max(most, c.entryCount)
				}
			}
			for e := uint32(0); e <= min(most, maxEntries)+1 && e <= 0xffff; e++ {
				ids = append(ids, pkg<<24|typ<<16|e)
			}
			if most > maxEntries && most <= 0xffff {
				ids = append(ids, pkg<<24|typ<<16|most-1, pkg<<24|typ<<16|most)
			}
		}
	}
	return ids
}

// sameAnswers checks the lazy table against apkparser's for each id.
func sameAnswers(t *testing.T, lazy *lazyTable, parsed *apkparser.ResourceTable, ids []uint32) {
	t.Helper()
	want := parsedTable{parsed}
	for _, id := range ids {
		gs, gok := lazy.value(id)
		ws, wok := want.value(id)
		if gs != ws || gok != wok {
			t.Fatalf("@%x: lazy %q (%v), apkparser %q (%v)", id, gs, gok, ws, wok)
		}
	}
}

// TestLazyTableMatchesApkparser: on every real table the lazy reader is
// taken (else scans pay for the whole table again) and answers every id
// of every type as apkparser does.
func TestLazyTableMatchesApkparser(t *testing.T) {
	for _, p := range realAPKs(t) {
		t.Run(filepath.Base(filepath.Dir(p))+"/"+filepath.Base(p), func(t *testing.T) {
			data := entryOf(t, p, "resources.arsc")
			if data == nil {
				t.Skip("no resources.arsc")
			}
			lazy, ok := newLazyTable(data)
			if !ok {
				t.Fatal("the lazy reader declined a real table")
			}
			parsed, err := parseTable(data)
			if err != nil {
				t.Fatal(err)
			}
			ids := tableIDs(lazy, 1<<16)
			sameAnswers(t, lazy, parsed, ids)
			strings := 0
			for _, id := range ids {
				if _, ok := lazy.value(id); ok {
					strings++
				}
			}
			if strings < 20 {
				t.Errorf("only %d of %d ids have a value", strings, len(ids))
			}
		})
	}
}

// TestManifestWithLazyTable: each real manifest read with the lazy table
// is the manifest read with apkparser's whole table.
func TestManifestWithLazyTable(t *testing.T) {
	paths := append(realAPKs(t), "../testdata/apks/full.apk", "../testdata/apks/sdks.apk", "../testdata/examples/jianke/app.apk")
	for _, p := range paths {
		t.Run(filepath.Base(filepath.Dir(p))+"/"+filepath.Base(p), func(t *testing.T) {
			mf, arsc := entryOf(t, p, "AndroidManifest.xml"), entryOf(t, p, "resources.arsc")
			parsed, err := parseTable(arsc)
			if err != nil {
				t.Fatal(err)
			}
			want, err := parseManifest(mf, parsed)
			if err != nil {
				t.Fatal(err)
			}
			res, err := resourceTable(arsc)
			if err != nil {
				t.Fatal(err)
			}
			if _, lazy := res.(*lazyTable); !lazy {
				t.Error("the lazy reader declined the table")
			}
			got, reparse, err := decodeManifest(mf).build(res)
			if err != nil || reparse {
				t.Fatalf("build: %v (reparse %v)", err, reparse)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("manifest with the lazy table:\n%+v\nwith apkparser's:\n%+v", got, want)
			}
			if want.Label == "" {
				t.Error("no label: the test reads nothing resolved")
			}
		})
	}
}

// TestManifestLiteralReference: an attribute written as the text
// "@7f0b0001" is a string, not a reference; reading the tokens alone cannot
// tell, so build asks for the whole table.
func TestManifestLiteralReference(t *testing.T) {
	mf := entryOf(t, "../testdata/apks/minimal.apk", "AndroidManifest.xml")
	arsc := entryOf(t, "../testdata/apks/minimal.apk", "resources.arsc")
	res, err := resourceTable(arsc)
	if err != nil {
		t.Fatal(err)
	}
	tokens := decodeManifest(mf)
	m, reparse, err := tokens.build(res)
	if err != nil || reparse || m.Package == "" {
		t.Fatalf("plain manifest: %v, reparse %v, %+v", err, reparse, m)
	}
	// The package attribute is a string; make its text read like a reference.
	pkg := m.Package
	tokens.literals["@7f"] = true
	for _, tok := range tokens.tokens {
		if e, ok := tok.(xml.StartElement); ok {
			for i := range e.Attr {
				if e.Attr[i].Value == pkg {
					e.Attr[i].Value = "@7f"
				}
			}
		}
	}
	if _, reparse, _ := tokens.build(res); !reparse {
		t.Error("a literal @7f was resolved as a reference")
	}
	if set := refLiterals([]byte("x@7f0b\x00@\x00a\x001\x00z")); !set["@7f0b"] || !set["@7f"] || !set["@a1"] || set["@7f0b0"] {
		t.Errorf("refLiterals = %v", set)
	}
}

// FuzzResourceTable: on any input the lazy reader either declines or
// answers every id the input defines as apkparser does; neither panics.
func FuzzResourceTable(f *testing.F) {
	fixtures, _ := filepath.Glob("../testdata/apks/*.apk")
	for _, p := range fixtures {
		if b := entryOf(f, p, "resources.arsc"); b != nil {
			f.Add(b)
		}
	}
	f.Add(plainCraft(false).bytes())
	f.Add(plainCraft(true).bytes())
	if !testing.Short() {
		for _, p := range realAPKs(f) {
			if b := entryOf(f, p, "resources.arsc"); b != nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(checkLazyTable)
}

// checkLazyTable: the lazy reader declines data or answers as apkparser.
func checkLazyTable(t *testing.T, data []byte) {
	lazy, ok := newLazyTable(data)
	parsed, err := parseTable(data)
	if !ok {
		return
	}
	if err != nil {
		t.Fatalf("the lazy reader accepted a table apkparser refuses: %v", err)
	}
	sameAnswers(t, lazy, parsed, tableIDs(lazy, 2048))
}

// FuzzResourceTableEdits changes a few bytes of a crafted table, so that
// most inputs stay tables both readers accept: each input is byte
// triples (position high, low, new value); its first byte picks a UTF-8
// or UTF-16 pool.
func FuzzResourceTableEdits(f *testing.F) {
	base := [2][]byte{plainCraft(false).bytes(), plainCraft(true).bytes()}
	f.Add([]byte{0})
	f.Add([]byte{1, 0, 0x60, 0x20})
	f.Fuzz(func(t *testing.T, edits []byte) {
		if len(edits) == 0 {
			return
		}
		data := append([]byte{}, base[edits[0]&1]...)
		for e := edits[1:]; len(e) >= 3; e = e[3:] {
			data[(int(e[0])<<8|int(e[1]))%len(data)] = e[2]
		}
		checkLazyTable(t, data)
	})
}

// BenchmarkResourceTable: what resolving a manifest's references costs,
// per real table: apkparser's whole table against the lazy reader (its
// structural pass and a string value).
func BenchmarkResourceTable(b *testing.B) {
	for _, p := range realAPKs(b) {
		data := entryOf(b, p, "resources.arsc")
		if data == nil {
			continue
		}
		name := filepath.Base(filepath.Dir(p)) + "-" + filepath.Base(p)
		b.Run("apkparser/"+name, func(b *testing.B) {
			for b.Loop() {
				if _, err := apkparser.ParseResourceTable(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("lazy/"+name, func(b *testing.B) {
			for b.Loop() {
				if _, err := resourceTable(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// FuzzManifestLazy: any manifest read from its tokens with the lazy table
// is the manifest apkparser reads with its whole table (full.apk's), or
// build asks for that reading; and the same without a table.
func FuzzManifestLazy(f *testing.F) {
	arsc := entryOf(f, "../testdata/apks/full.apk", "resources.arsc")
	lazy, ok := newLazyTable(arsc)
	parsed, err := parseTable(arsc)
	if !ok || err != nil {
		f.Fatalf("full.apk's table: lazy %v, apkparser %v", ok, err)
	}
	fixtures, _ := filepath.Glob("../testdata/apks/*.apk")
	for _, p := range fixtures {
		f.Add(entryOf(f, p, "AndroidManifest.xml"))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, tables := range []struct {
			lazy   resourceValues
			parsed *apkparser.ResourceTable
		}{{lazy, parsed}, {nil, nil}} {
			want, werr := parseManifest(data, tables.parsed)
			got, reparse, gerr := decodeManifest(data).build(tables.lazy)
			if reparse {
				continue
			}
			if fmt.Sprint(gerr) != fmt.Sprint(werr) || !reflect.DeepEqual(got, want) {
				t.Fatalf("from tokens: %+v, %v\nwith apkparser's table: %+v, %v", got, gerr, want, werr)
			}
		}
	})
}
