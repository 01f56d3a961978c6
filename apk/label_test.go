package apk

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shogo82148/androidbinary"
)

// aaptLabels are the application-label lines of `aapt dump badging`, by
// locale ("" for the default).
func aaptLabels(t *testing.T, apk string) map[string]string {
	t.Helper()
	out, err := exec.Command("aapt", "dump", "badging", apk).Output()
	if err != nil {
		t.Fatalf("aapt dump badging %s: %v", apk, err)
	}
	labels := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		rest, ok := strings.CutPrefix(line, "application-label")
		if !ok {
			continue
		}
		locale, value, ok := strings.Cut(rest, ":'")
		if !ok {
			continue
		}
		labels[strings.TrimPrefix(locale, "-")] = strings.TrimSuffix(value, "'")
	}
	return labels
}

// TestChineseLabelMatchesAapt: the label a zh-CN phone shows is what aapt
// resolves for zh-CN (or zh), on the fixtures (full.apk has a values-zh-rCN
// label of its own), the real APKs and the real pairs.
func TestChineseLabelMatchesAapt(t *testing.T) {
	requireTool(t, "aapt")
	paths := crossCheckAPKs(t)
	pairs, _ := filepath.Glob("../testdata/pairs/*/app.apk")
	sawLocalized := false
	for _, path := range append(paths, pairs...) {
		t.Run(path, func(t *testing.T) {
			obs, err := ScanFile(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			labels := aaptLabels(t, path)
			want, ok := labels["zh-CN"]
			if !ok {
				want, ok = labels["zh"]
			}
			if !ok || want == labels[""] {
				want = ""
			}
			if obs.App.LabelZh != want {
				t.Errorf("labelZh = %q, aapt says %q (default %q)", obs.App.LabelZh, want, labels[""])
			}
			if want != "" {
				sawLocalized = true
			}
		})
	}
	if !sawLocalized {
		t.Error("no input has a Chinese label of its own; the test checks nothing but absence")
	}
}

func TestLocalizedLabelByLocale(t *testing.T) {
	manifest, resources := apkEntries(t, "../testdata/apks/full.apk")
	for _, tc := range []struct {
		name     string
		locale   *androidbinary.ResTableConfig
		want     string
		wantFail bool
	}{
		{"zh-CN takes values-zh-rCN", chinaLocale, "隐私比对示例", false},
		{"zh-TW has no values-zh-rTW: the default", &androidbinary.ResTableConfig{Language: [2]uint8{'z', 'h'}, Country: [2]uint8{'T', 'W'}}, "Privdiff Full", false},
		{"no locale: the default", &androidbinary.ResTableConfig{}, "Privdiff Full", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := localizedLabel(manifest, func() ([]byte, error) { return resources, nil }, tc.locale)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestLocalizedLabelHostileTable: a table androidbinary would loop on forever
// or allocate gigabytes for is refused before it reads it.
func TestLocalizedLabelHostileTable(t *testing.T) {
	manifest, resources := apkEntries(t, "../testdata/apks/full.apk")
	poolCount := func(b []byte) { binary.LittleEndian.PutUint32(b[12+8:], 0xFFFFFFF0) }
	for _, tc := range []struct {
		name   string
		mutate func([]byte) []byte
	}{
		{"truncated", func(b []byte) []byte { return b[:len(b)/3] }},
		{"first chunk of size 0", func(b []byte) []byte { binary.LittleEndian.PutUint32(b[12+4:], 0); return b }},
		{"string count of four billion", func(b []byte) []byte { poolCount(b); return b }},
		{"table size past the end", func(b []byte) []byte { binary.LittleEndian.PutUint32(b[4:], 0xFFFFFFFF); return b }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.mutate(bytes.Clone(resources))
			if _, err := localizedLabel(manifest, func() ([]byte, error) { return data, nil }, chinaLocale); err == nil {
				t.Error("resolved without error")
			}
		})
	}
}

func apkEntries(t testing.TB, path string) (manifest, resources []byte) {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		switch f.Name {
		case "AndroidManifest.xml":
			manifest = readZipFile(t, f)
		case "resources.arsc":
			resources = readZipFile(t, f)
		}
	}
	return manifest, resources
}

// FuzzLocalizedLabel: any manifest and resource table bytes give a label or
// an error, never a panic.
func FuzzLocalizedLabel(f *testing.F) {
	manifest, resources := apkEntries(f, "../testdata/apks/full.apk")
	f.Add(manifest, resources)
	f.Add(manifest, resources[:len(resources)/2])
	f.Add(manifest[:len(manifest)/2], resources)
	f.Fuzz(func(t *testing.T, manifest, resources []byte) {
		_, _ = localizedLabel(manifest, func() ([]byte, error) { return resources, nil }, chinaLocale)
	})
}

// TestChineseLabelUnderTightBudget: the manifest's bytes go back to the
// budget before the resource table's are asked for, so a budget that holds
// either entry but not both still resolves the label instead of waiting
// for itself forever.
func TestChineseLabelUnderTightBudget(t *testing.T) {
	data, err := os.ReadFile("../testdata/apks/full.apk")
	if err != nil {
		t.Fatal(err)
	}
	limits := Limits{}.withDefaults()
	a, err := openArchive(bytes.NewReader(data), int64(len(data)), limits)
	if err != nil {
		t.Fatal(err)
	}
	manifest, table := a.file("AndroidManifest.xml"), a.file("resources.arsc")
	// Each read reserves its declared size and a little slack (readInto).
	both := int64(manifest.UncompressedSize64+table.UncompressedSize64) + 2*bytes.MinRead
	larger := int64(max(manifest.UncompressedSize64, table.UncompressedSize64)) + bytes.MinRead
	a.limits.Budget = NewBudget((larger + both) / 2)
	got := make(chan string, 1)
	go func() { got <- chineseLabel(a, "Privdiff Full") }()
	select {
	case label := <-got:
		if label != "隐私比对示例" {
			t.Errorf("chineseLabel = %q, want 隐私比对示例", label)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("chineseLabel waits for budget it holds itself")
	}
}

// TestHasLanguage: the Chinese label is looked up in the table only when the
// table has a Chinese string of the label's type.
func TestHasLanguage(t *testing.T) {
	manifest, resources := apkEntries(t, "../testdata/apks/full.apk")
	raw, err := rawLabel(manifest)
	id, ok := refID(raw)
	if err != nil || !ok {
		t.Fatalf("full.apk's label %q (%v) is not a reference", raw, err)
	}
	for _, tc := range []struct {
		language string
		want     bool
	}{{"zh", true}, {"fr", false}} {
		if got := hasLanguage(resources, id, [2]uint8{tc.language[0], tc.language[1]}); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.language, got, tc.want)
		}
	}
	// Another type's id (the label's type plus one) has no zh strings.
	if other := id + 1<<16; hasLanguage(resources, other, chinaLocale.Language) {
		t.Errorf("%#x: found zh strings of a type that has none", other)
	}
	// A table it cannot walk is left to checkTable.
	if !hasLanguage(resources[:len(resources)/2], id, [2]uint8{'f', 'r'}) {
		t.Error("a cut table was judged to have no fr strings")
	}
}

// TestTypeHasEntry reads a type chunk's entry offsets in each of its three
// layouts: 32-bit offsets, 16-bit offsets, and sparse (index, offset) pairs.
func TestTypeHasEntry(t *testing.T) {
	chunk := func(flags byte, entries []byte, count int) []byte {
		b := make([]byte, 84) // a type chunk header with a 64-byte config
		binary.LittleEndian.PutUint16(b[0:], 0x0201)
		binary.LittleEndian.PutUint16(b[2:], 84)
		b[9] = flags
		binary.LittleEndian.PutUint32(b[12:], uint32(count))
		b = append(b, entries...)
		binary.LittleEndian.PutUint32(b[4:], uint32(len(b)))
		return b
	}
	u32 := func(vs ...uint32) (b []byte) {
		for _, v := range vs {
			b = binary.LittleEndian.AppendUint32(b, v)
		}
		return b
	}
	u16 := func(vs ...uint16) (b []byte) {
		for _, v := range vs {
			b = binary.LittleEndian.AppendUint16(b, v)
		}
		return b
	}
	dense := chunk(0, u32(0, 0xffffffff, 16), 3)
	short := chunk(0x02, u16(0xffff, 0, 0xffff, 4), 4)
	sparse := chunk(0x01, u16(2, 0, 7, 4), 2)
	cut := chunk(0, u32(0), 3) // counts three entries, holds one
	for _, c := range []struct {
		name  string
		chunk []byte
		entry uint32
		want  bool
	}{
		{"32-bit, present", dense, 0, true},
		{"32-bit, absent", dense, 1, false},
		{"32-bit, past the count", dense, 3, false},
		{"16-bit, absent", short, 0, false},
		{"16-bit, present", short, 1, true},
		{"16-bit, past the count", short, 9, false},
		{"sparse, present", sparse, 7, true},
		{"sparse, absent", sparse, 3, false},
		{"cut short: cannot tell", cut, 2, true},
	} {
		if got := typeHasEntry(c.chunk, 0, int64(len(c.chunk)), c.entry); got != c.want {
			t.Errorf("%s: entry %d: %v, want %v", c.name, c.entry, got, c.want)
		}
	}
}
