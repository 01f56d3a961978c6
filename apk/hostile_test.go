package apk

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"strconv"
	"strings"
	"testing"
	"time"

	"privdiff/apk/dex"
	"privdiff/catalog"
)

// Tricks that break naive parsers; privdiff reads what Android reads.
func TestHostileArchives(t *testing.T) {
	manifest := fixtureEntry(t, minimalFixture, "AndroidManifest.xml")
	dexData := fixtureEntry(t, minimalFixture, "classes.dex")
	const pkg = "org.privdiff.fixture.minimal"

	rawEntry := func(t *testing.T, h zip.FileHeader, data []byte, extra ...entry) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, e := range extra {
			w, _ := zw.Create(e.name)
			w.Write(e.data)
		}
		h.CompressedSize64, h.UncompressedSize64 = uint64(len(data)), uint64(len(data))
		w, err := zw.CreateRaw(&h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
		zw.Close()
		return buf.Bytes()
	}

	tests := []struct {
		name        string
		zip         func(t *testing.T) []byte
		wantWarning string
	}{
		{"duplicate entry names: the first wins", func(t *testing.T) []byte {
			return buildZip(t, entry{"AndroidManifest.xml", manifest}, entry{"classes.dex", dexData},
				entry{"AndroidManifest.xml", []byte("garbage that a last-wins parser would read")})
		}, "1 duplicate zip entry names"},
		{"entry name escaping with ../", func(t *testing.T) []byte {
			return buildZip(t, entry{"AndroidManifest.xml", manifest}, entry{"classes.dex", dexData},
				entry{"../../../../data/local/tmp/evil.so", []byte("x")}, entry{"lib/arm64-v8a/../../../x.so", []byte("y")})
		}, ""},
		{"bogus compression method on the manifest (read as stored)", func(t *testing.T) []byte {
			return rawEntry(t, zip.FileHeader{Name: "AndroidManifest.xml", Method: 0x63, CRC32: crc(manifest)}, manifest, entry{"classes.dex", dexData})
		}, ""},
		{"encryption flag that Android ignores", func(t *testing.T) []byte {
			return rawEntry(t, zip.FileHeader{Name: "classes.dex", Method: zip.Store, Flags: 0x1, CRC32: crc(dexData)}, dexData, entry{"AndroidManifest.xml", manifest})
		}, ""},
		{"local header name differs from the central directory", func(t *testing.T) []byte {
			b := buildZip(t, entry{"AndroidManifest.xml", manifest}, entry{"classes.dex", dexData})
			// The first local header's name: Android (and archive/zip) go by
			// the central directory.
			nameLen := int(binary.LittleEndian.Uint16(b[26:]))
			copy(b[30:30+nameLen], bytes.Repeat([]byte("Z"), nameLen))
			return b
		}, ""},
		{"data descriptors with wrong sizes", func(t *testing.T) []byte {
			// archive/zip's writer ends each entry with a data descriptor
			// (PK\x07\x08, crc, sizes); Android goes by the central directory.
			b := buildZip(t, entry{"AndroidManifest.xml", manifest}, entry{"classes.dex", dexData})
			n := 0
			for i := 0; ; {
				j := bytes.Index(b[i:], []byte("PK\x07\x08"))
				if j < 0 {
					break
				}
				i += j
				binary.LittleEndian.PutUint32(b[i+8:], 0x7fffffff)
				binary.LittleEndian.PutUint32(b[i+12:], 1)
				i += 16
				n++
			}
			if n < 2 {
				t.Fatalf("found %d data descriptors", n)
			}
			return b
		}, ""},
		{"many tiny entries", func(t *testing.T) []byte {
			entries := []entry{{"AndroidManifest.xml", manifest}, {"classes.dex", dexData}}
			for i := 0; i < 5000; i++ {
				entries = append(entries, entry{"assets/t/" + itoa(i), nil})
			}
			return buildZip(t, entries...)
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.zip(t)
			obs, err := Scan(bytes.NewReader(data), int64(len(data)), Options{})
			if err != nil {
				t.Fatalf("Scan: %v", err)
			}
			if obs.App.Package != pkg || obs.Dex.Classes != 1 {
				t.Errorf("read package %q with %d classes, want %s with 1", obs.App.Package, obs.Dex.Classes, pkg)
			}
			if tt.wantWarning != "" && !containsString(obs.Warnings, tt.wantWarning) {
				t.Errorf("warnings %q lack %q", obs.Warnings, tt.wantWarning)
			}
		})
	}
}

func TestTooManyEntries(t *testing.T) {
	manifest := fixtureEntry(t, minimalFixture, "AndroidManifest.xml")
	entries := []entry{{"AndroidManifest.xml", manifest}}
	for i := 0; i < 200; i++ {
		entries = append(entries, entry{"assets/" + itoa(i), nil})
	}
	data := buildZip(t, entries...)
	_, err := Scan(bytes.NewReader(data), int64(len(data)), Options{Limits: Limits{MaxEntries: 100}})
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("zip entries, over the cap of 100")) {
		t.Errorf("err = %v, want the entry cap", err)
	}
}

func TestTooManyDexFiles(t *testing.T) {
	manifest := fixtureEntry(t, minimalFixture, "AndroidManifest.xml")
	dexData := fixtureEntry(t, minimalFixture, "classes.dex")
	entries := []entry{{"AndroidManifest.xml", manifest}, {"classes.dex", dexData}}
	for i := 2; i <= 12; i++ {
		entries = append(entries, entry{"classes" + itoa(i) + ".dex", dexData})
	}
	data := buildZip(t, entries...)
	_, err := Scan(bytes.NewReader(data), int64(len(data)), Options{Limits: Limits{MaxDexFiles: 10}})
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("12 dex files, over the cap of 10")) {
		t.Errorf("err = %v, want the dex cap", err)
	}
}

func crc(b []byte) uint32 { return crc32.ChecksumIEEE(b) }

func itoa(i int) string { return strconv.Itoa(i) }

// Binary-XML tricks: Android reads attributes by resource id and skips chunk
// types it does not know, so privdiff must too.
func TestHostileManifests(t *testing.T) {
	manifest := fixtureEntry(t, "../testdata/apks/full.apk", "AndroidManifest.xml")
	tests := []struct {
		name   string
		mutate func([]byte) []byte
	}{
		{"unknown chunk type before the string pool", func(b []byte) []byte {
			chunk := []byte{0x42, 0x00, 0x08, 0x00, 0x10, 0x00, 0x00, 0x00, 1, 2, 3, 4, 5, 6, 7, 8}
			out := append(append(append([]byte(nil), b[:8]...), chunk...), b[8:]...)
			binary.LittleEndian.PutUint32(out[4:], uint32(len(out)))
			return out
		}},
		{"wrong android namespace URI", func(b []byte) []byte {
			from := utf16le("http://schemas.android.com/apk/res/android")
			to := utf16le("http://schemas.example.org/apk/res/androix")
			return bytes.ReplaceAll(b, from, to)
		}},
		{"junk appended after the document", func(b []byte) []byte {
			return append(append([]byte(nil), b...), bytes.Repeat([]byte{0xff}, 37)...)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mutated := tt.mutate(manifest)
			if bytes.Equal(mutated, manifest) {
				t.Fatal("mutation changed nothing")
			}
			m, err := parseManifest(mutated, nil)
			if err != nil {
				t.Fatal(err)
			}
			if m.Package != "org.privdiff.fixture.full" || len(m.UsesPermissions) != 10 || len(m.Components) != 11 {
				t.Errorf("read package %q, %d permissions, %d components; want the full fixture's", m.Package, len(m.UsesPermissions), len(m.Components))
			}
		})
	}
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), 0)
	}
	return b
}

// Warnings about an APK inside a split set name that APK.
func TestSplitSetInnerWarnings(t *testing.T) {
	manifest := fixtureEntry(t, minimalFixture, "AndroidManifest.xml")
	dexData := fixtureEntry(t, minimalFixture, "classes.dex")
	inner := buildZip(t, entry{"AndroidManifest.xml", manifest}, entry{"classes.dex", dexData}, entry{"classes.dex", []byte("dup")})
	outer := buildZip(t, entry{"base.apk", inner})
	obs, err := Scan(bytes.NewReader(outer), int64(len(outer)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !containsString(obs.Warnings, "base.apk: 1 duplicate zip entry names") {
		t.Errorf("warnings %q", obs.Warnings)
	}
}

// TestManifestStringPoolCount: a string pool whose count is absurd, or
// smaller than the strings the document uses, is an error that says so
// (Android's parser rejects both); one a little larger than the offsets
// table, as some protectors write, is read.
func TestManifestStringPoolCount(t *testing.T) {
	manifest := fixtureEntry(t, "../testdata/apks/full.apk", "AndroidManifest.xml")
	if binary.LittleEndian.Uint16(manifest[8:]) != 1 {
		t.Fatal("the fixture's first chunk is not the string pool")
	}
	count := binary.LittleEndian.Uint32(manifest[16:])
	for _, c := range []struct {
		count uint32
		want  string // "" for a successful read
	}{
		{0x7fffffff, "Too many strings"},
		{0xffffffff, "Too many strings"},
		{3, "not found"},
		{count + 1, ""},
	} {
		b := append([]byte(nil), manifest...)
		binary.LittleEndian.PutUint32(b[16:], c.count)
		m, err := parseManifest(b, nil)
		switch {
		case c.want == "" && (err != nil || m.Package != "org.privdiff.fixture.full"):
			t.Errorf("count %d: %v", c.count, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("count %d: error %v, want one saying %q", c.count, err, c.want)
		}
	}
}

// Code nested in the APK is read under the same limits as the APK, and what
// breaks them is reported, never fatal: a jar whose dex inflates past the
// cap, a jar that is no zip, a nested archive with too many entries.
func TestNestedCodeLimits(t *testing.T) {
	manifest := fixtureEntry(t, minimalFixture, "AndroidManifest.xml")
	dexData := fixtureEntry(t, minimalFixture, "classes.dex")
	big := buildZip(t, entry{"classes.dex", make([]byte, 2<<20)})
	var crowd []entry
	for i := 0; i < 150; i++ {
		crowd = append(crowd, entry{"classes" + itoa(i) + ".dex", nil})
	}
	data := buildZip(t,
		entry{"AndroidManifest.xml", manifest}, entry{"classes.dex", dexData},
		entry{"assets/big.jar", big},
		entry{"assets/notzip.jar", []byte("encrypted payload")},
		entry{"assets/crowd.apk", buildZip(t, crowd...)},
	)
	obs, err := Scan(bytes.NewReader(data), int64(len(data)), Options{Limits: Limits{MaxEntryBytes: 1 << 20, MaxEntries: 100}})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"assets/big.jar", "assets/notzip.jar", "assets/crowd.apk"} {
		if !containsString(obs.UnanalysedCode, name) {
			t.Errorf("unanalysed code %q lacks %s", obs.UnanalysedCode, name)
		}
	}
	if obs.Dex.Classes != 1 {
		t.Errorf("%d classes, want the app's one", obs.Dex.Classes)
	}
}

// TestManyPermissionsLinear: 400,000 <uses-permission>, 200,000 names
// each twice, are merged through a set in well under a second; a search
// of the list (2·10^10 comparisons) takes minutes. The bound is far from
// both, so a loaded machine does not flake it.
func TestManyPermissionsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	const n = 400_000
	m := &manifest{DefinedPermissions: map[string]string{}}
	for i := range n {
		m.UsesPermissions = append(m.UsesPermissions, usesPermission{Name: "com.example.P" + itoa(i/2)})
	}
	obs := &Observed{}
	start := time.Now()
	mergePermissions(obs, m, []*manifest{m})
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("%d permissions took %v: quadratic", n, took)
	}
	if len(obs.Permissions) != n/2 {
		t.Errorf("%d permissions from %d with each twice", len(obs.Permissions), n)
	}
}

// TestByteSizeZip64: the largest size a zip64 entry can declare prints
// as a positive size.
func TestByteSizeZip64(t *testing.T) {
	for n, want := range map[uint64]string{0: "0 B", 1023: "1023 B", 1 << 20: "1.0 MiB", 1<<64 - 1: "16.0 EiB", 1 << 63: "8.0 EiB"} {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestEntryCapBeforeReading: an archive of 100,000 entries over a cap of
// 1,000 is refused after counting its headers, before archive/zip reads
// and keeps them all.
func TestEntryCapBeforeReading(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range 100_000 {
		if _, err := zw.CreateHeader(&zip.FileHeader{Name: "a/" + itoa(i), Method: zip.Store}); err != nil {
			t.Fatal(err)
		}
	}
	zw.Close()
	data := buf.Bytes()
	var err error
	mem := testing.AllocsPerRun(1, func() {
		_, err = Scan(bytes.NewReader(data), int64(len(data)), Options{Limits: Limits{MaxEntries: 1000}})
	})
	if err == nil || !strings.Contains(err.Error(), "over the cap of 1000") {
		t.Fatalf("err = %v", err)
	}
	// archive/zip makes several allocations per entry; the count makes a
	// handful in all.
	if mem > 10_000 {
		t.Errorf("%.0f allocations to refuse 100,000 entries", mem)
	}
	if n, ok := countEntries(bytes.NewReader(data), int64(len(data)), 1<<30); !ok || n != 100_000 {
		t.Errorf("countEntries = %d, %v", n, ok)
	}
}

// TestScanStops: once Limits.Done is closed, a scan inflates nothing more
// (a batch closes it when it gives up on an app).
func TestScanStops(t *testing.T) {
	manifest := fixtureEntry(t, minimalFixture, "AndroidManifest.xml")
	data := buildZip(t, entry{"AndroidManifest.xml", manifest})
	done := make(chan struct{})
	close(done)
	_, err := Scan(bytes.NewReader(data), int64(len(data)), Options{Limits: Limits{Done: done}})
	if !errors.Is(err, ErrStopped) {
		t.Errorf("err = %v, want ErrStopped", err)
	}
	if _, err := Scan(bytes.NewReader(data), int64(len(data)), Options{Limits: Limits{Done: make(chan struct{})}}); err != nil {
		t.Errorf("open channel: %v", err)
	}
}

// TestScanStopsInDex: a dex file already inflated stops being parsed and
// walked once Done is closed, at the next class or next thousand table
// entries, and the scan fails with ErrStopped rather than a warning.
func TestScanStopsInDex(t *testing.T) {
	data := fixtureEntry(t, apiDemos, "classes.dex")
	d, err := dex.OpenBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	close(done)
	d.StopOn(done)
	if _, err := d.ClassDescriptors(); !errors.Is(err, ErrStopped) {
		t.Errorf("ClassDescriptors: %v, want ErrStopped", err)
	}
	if _, _, _, _, err := findAPICalls(d, catalog.SensitiveAPIs(), 2); !errors.Is(err, ErrStopped) {
		t.Errorf("findAPICalls: %v, want ErrStopped", err)
	}

	// A whole scan of a large multidex app stopped in flight returns soon
	// after: not once the entry in hand is done.
	app := multidexOf(t, fixtureEntry(t, apiDemos, "AndroidManifest.xml"), data, 3)
	start := time.Now()
	if _, err := Scan(bytes.NewReader(app), int64(len(app)), Options{}); err != nil {
		t.Fatal(err)
	}
	whole := time.Since(start)
	// The lag allowed: 50 ms on a quiet machine, a quarter of the whole
	// scan when the machine is loaded enough that the scan itself is slow.
	allowed := max(50*time.Millisecond, whole/4)
	for _, after := range []time.Duration{5 * time.Millisecond, 40 * time.Millisecond, 100 * time.Millisecond} {
		// A loaded machine can hold any one run back; a scan that does
		// not stop is late every time.
		var lags []time.Duration
		inTime := false
		for range 2 {
			done := make(chan struct{})
			var stoppedAt time.Time
			time.AfterFunc(after, func() { stoppedAt = time.Now(); close(done) })
			_, err := Scan(bytes.NewReader(app), int64(len(app)), Options{Limits: Limits{Done: done}})
			returned := time.Now()
			if !errors.Is(err, ErrStopped) {
				t.Fatalf("stopped after %v: err = %v, want ErrStopped", after, err)
			}
			lag := returned.Sub(stoppedAt)
			t.Logf("stopped after %v: returned %v later (whole scan %v)", after, lag, whole)
			if lags = append(lags, lag); lag <= allowed {
				inTime = true
				break
			}
		}
		if !inTime {
			t.Errorf("stopped after %v: returned %v and %v later, over %v (whole scan %v)", after, lags[0], lags[1], allowed, whole)
		}
	}
}

// TestJoinFirst: a long list of reasons is cut to its first few and a
// count.
func TestJoinFirst(t *testing.T) {
	var many []string
	for i := range 10000 {
		many = append(many, "splits/s"+itoa(i)+".apk: skipped: not a zip")
	}
	got := joinFirst(many, 3)
	if !strings.HasSuffix(got, "; and 9997 more") || len(got) > 200 {
		t.Errorf("joinFirst = %q", got)
	}
	if joinFirst(many[:2], 3) != many[0]+"; "+many[1] {
		t.Errorf("two reasons: %q", joinFirst(many[:2], 3))
	}
}
