package apk

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// entry is one file of a zip built by a test.
type entry struct {
	name string
	data []byte
}

func buildZip(t testing.TB, entries ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fixtureEntry reads one entry of a committed fixture APK.
func fixtureEntry(t testing.TB, apkPath, name string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(apkPath)
	if err != nil {
		t.Fatalf("%s: %v", apkPath, err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			var b bytes.Buffer
			if _, err := b.ReadFrom(rc); err != nil {
				t.Fatal(err)
			}
			return b.Bytes()
		}
	}
	t.Fatalf("%s has no %s", apkPath, name)
	return nil
}

const minimalFixture = "../testdata/apks/minimal.apk"

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// rawDeflateZip builds a zip whose one entry declares an inflated size of
// declared bytes, whatever its data really inflates to.
func rawDeflateZip(t *testing.T, name string, plain []byte, declared uint64, extra ...entry) []byte {
	return rawZip(t, zip.Deflate, name, plain, declared, extra...)
}

// rawZip is rawDeflateZip with any compression method in the header; Android
// inflates every method other than "stored".
func rawZip(t *testing.T, method uint16, name string, plain []byte, declared uint64, extra ...entry) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(plain)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range extra {
		w, _ := zw.Create(e.name)
		w.Write(e.data)
	}
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name:               name,
		Method:             method,
		CRC32:              0,
		CompressedSize64:   uint64(comp.Len()),
		UncompressedSize64: declared,
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestScanBadInput(t *testing.T) {
	manifest := fixtureEntry(t, minimalFixture, "AndroidManifest.xml")
	goodDex := fixtureEntry(t, minimalFixture, "classes.dex")
	whole, err := os.ReadFile(minimalFixture)
	if err != nil {
		t.Fatal(err)
	}

	badMagic := append([]byte(nil), goodDex...)
	copy(badMagic, "dey\n035\x00")
	pastEnd := append([]byte(nil), goodDex...)
	binary.LittleEndian.PutUint32(pastEnd[0x3c:], 0x7fff0000) // string_ids_off

	zeros := make([]byte, 4<<20)
	small := Options{Limits: Limits{MaxEntryBytes: 1 << 20}}

	tests := []struct {
		name    string
		file    func(t *testing.T) string
		opts    Options
		wantErr string
	}{
		{"missing file", func(t *testing.T) string { return filepath.Join(t.TempDir(), "nope.apk") }, Options{}, "no such file"},
		{"directory", func(t *testing.T) string { return t.TempDir() }, Options{}, "is a directory"},
		{"empty file", func(t *testing.T) string { return writeTemp(t, "empty.apk", nil) }, Options{}, "empty file"},
		{"not a zip", func(t *testing.T) string {
			return writeTemp(t, "text.apk", bytes.Repeat([]byte("this is not a zip archive\n"), 100))
		}, Options{}, "not a valid zip archive"},
		{"truncated zip", func(t *testing.T) string { return writeTemp(t, "cut.apk", whole[:len(whole)*2/3]) }, Options{}, "not a valid zip archive"},
		{"no manifest", func(t *testing.T) string {
			return writeTemp(t, "nomanifest.apk", buildZip(t, entry{"classes.dex", goodDex}, entry{"res/x.txt", []byte("x")}))
		}, Options{}, "no AndroidManifest.xml"},
		{"garbage manifest", func(t *testing.T) string {
			return writeTemp(t, "garbage.apk", buildZip(t, entry{"AndroidManifest.xml", bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 64)}))
		}, Options{}, "AndroidManifest.xml: malformed binary XML"},
		{"plain-text manifest", func(t *testing.T) string {
			return writeTemp(t, "plain.apk", buildZip(t, entry{"AndroidManifest.xml", []byte(`<?xml version="1.0"?><manifest package="a.b"/>`)}))
		}, Options{}, "plain-text XML"},
		{"dex bad magic", func(t *testing.T) string {
			return writeTemp(t, "magic.apk", buildZip(t, entry{"AndroidManifest.xml", manifest}, entry{"classes.dex", badMagic}))
		}, Options{}, "classes.dex: dex:"},
		{"dex truncated header", func(t *testing.T) string {
			return writeTemp(t, "short.apk", buildZip(t, entry{"AndroidManifest.xml", manifest}, entry{"classes.dex", goodDex[:40]}))
		}, Options{}, "classes.dex: dex:"},
		{"dex table past end", func(t *testing.T) string {
			return writeTemp(t, "pastend.apk", buildZip(t, entry{"AndroidManifest.xml", manifest}, entry{"classes.dex", pastEnd}))
		}, Options{}, "classes.dex: dex:"},
		{"zip bomb, actual size", func(t *testing.T) string {
			// Declares 1,000 bytes, inflates to 4 MiB.
			return writeTemp(t, "bomb.apk", rawDeflateZip(t, "classes.dex", zeros, 1000, entry{"AndroidManifest.xml", manifest}))
		}, small, "classes.dex: inflates to more than its declared size: likely a zip bomb"},
		{"zip bomb, unknown method", func(t *testing.T) string {
			// Method 99 is inflated as deflate, as Android does; only the cap stops it.
			return writeTemp(t, "bomb5.apk", rawZip(t, 99, "classes.dex", zeros, 1000, entry{"AndroidManifest.xml", manifest}))
		}, small, "classes.dex: inflates past the 1.0 MiB cap (declares 1000 B): likely a zip bomb"},
		{"zip bomb, declared size", func(t *testing.T) string {
			return writeTemp(t, "bomb2.apk", rawDeflateZip(t, "classes.dex", []byte("dex\n035\x00"), 10<<30, entry{"AndroidManifest.xml", manifest}))
		}, Options{}, "classes.dex: declares 10.0 GiB inflated, over the 256.0 MiB cap: likely a zip bomb"},
		{"zip bomb manifest", func(t *testing.T) string {
			return writeTemp(t, "bomb3.apk", rawDeflateZip(t, "AndroidManifest.xml", zeros, 2000))
		}, small, "AndroidManifest.xml: inflates to more than its declared size"},
		{"zip bomb manifest, declared", func(t *testing.T) string {
			return writeTemp(t, "bomb4.apk", buildZip(t, entry{"AndroidManifest.xml", zeros}))
		}, small, "AndroidManifest.xml: declares 4.0 MiB inflated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.file(t)
			obs, err := ScanFile(p, tt.opts)
			if err == nil {
				t.Fatalf("ScanFile(%s) succeeded (%d classes), want error containing %q", p, obs.Dex.Classes, tt.wantErr)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, p+": ") {
				t.Errorf("error %q does not start with the file name", msg)
			}
			if !strings.Contains(msg, tt.wantErr) {
				t.Errorf("error %q does not contain %q", msg, tt.wantErr)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error %q spans several lines", msg)
			}
		})
	}
}

// A bomb in an entry privdiff only lists (an asset) is never inflated, and a
// damaged second dex leaves the first one readable with a warning.
func TestScanPartialResults(t *testing.T) {
	manifest := fixtureEntry(t, minimalFixture, "AndroidManifest.xml")
	goodDex := fixtureEntry(t, minimalFixture, "classes.dex")
	data := rawDeflateZip(t, "assets/huge.bin", []byte("x"), 50<<30,
		entry{"AndroidManifest.xml", manifest}, entry{"classes.dex", goodDex}, entry{"classes2.dex", goodDex[:50]})
	obs, err := Scan(bytes.NewReader(data), int64(len(data)), Options{})
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	if obs.Dex.Files != 1 || obs.Dex.Classes == 0 {
		t.Errorf("dex = %d files, %d classes; want the first dex read", obs.Dex.Files, obs.Dex.Classes)
	}
	if !containsString(obs.Warnings, "classes2.dex: dex:") {
		t.Errorf("warnings %q do not report classes2.dex", obs.Warnings)
	}
}

func TestEntryTooLargeIsTyped(t *testing.T) {
	manifest := fixtureEntry(t, minimalFixture, "AndroidManifest.xml")
	data := buildZip(t, entry{"AndroidManifest.xml", manifest}, entry{"classes.dex", make([]byte, 3<<20)})
	_, err := Scan(bytes.NewReader(data), int64(len(data)), Options{Limits: Limits{MaxEntryBytes: 1 << 20}})
	if !errors.Is(err, ErrEntryTooLarge) {
		t.Fatalf("err = %v, want ErrEntryTooLarge", err)
	}
}

func containsString(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
