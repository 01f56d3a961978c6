package apk

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestBudgetWaitsAndStops: an acquire waits while the bytes are taken,
// goes on once they are given back, and gives up when its scan stops.
func TestBudgetWaitsAndStops(t *testing.T) {
	b := NewBudget(100)
	if err := b.acquire(80, nil); err != nil {
		t.Fatal(err)
	}
	got := make(chan error, 1)
	go func() { got <- b.acquire(50, nil) }()
	select {
	case err := <-got:
		t.Fatalf("acquire of 50 with 20 free returned %v, want it to wait", err)
	case <-time.After(20 * time.Millisecond):
	}
	b.release(80)
	if err := <-got; err != nil {
		t.Fatalf("after release: %v", err)
	}
	done := make(chan struct{})
	go func() { got <- b.acquire(60, done) }()
	close(done)
	if err := <-got; !errors.Is(err, ErrStopped) {
		t.Errorf("stopped acquire: %v, want ErrStopped", err)
	}
	if err := b.acquire(101, nil); !errors.Is(err, ErrEntryTooLarge) || !strings.Contains(err.Error(), "memory budget") {
		t.Errorf("acquire over the whole budget: %v", err)
	}
	b.release(50)
	if n := b.inUse(); n != 0 {
		t.Errorf("%d bytes still in use", n)
	}
}

// multidexOf packs the dex file n times with a manifest, deflated.
func multidexOf(t testing.TB, manifest, dexData []byte, n int) []byte {
	entries := []entry{{"AndroidManifest.xml", manifest}}
	for i := 1; i <= n; i++ {
		name := "classes.dex"
		if i > 1 {
			name = fmt.Sprintf("classes%d.dex", i)
		}
		entries = append(entries, entry{name, dexData})
	}
	return buildZip(t, entries...)
}

// TestBudgetBoundsInflation: scans sharing one budget hold no more inflated
// bytes than it, however many workers they run; a budget too small for
// one dex file fails the scan with a message naming it; scans that wait
// for each other's bytes all finish (no deadlock) with what a scan alone
// finds, and give every byte back.
func TestBudgetBoundsInflation(t *testing.T) {
	manifest := fixtureEntry(t, "../testdata/apks/full.apk", "AndroidManifest.xml")
	dexData := fixtureEntry(t, "../testdata/apks/full.apk", "classes.dex")
	data := multidexOf(t, manifest, dexData, 6)
	alone, err := Scan(bytes.NewReader(data), int64(len(data)), Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}

	small := NewBudget(int64(len(dexData)) / 2)
	_, err = Scan(bytes.NewReader(data), int64(len(data)), Options{Workers: 4, Limits: Limits{Budget: small}})
	if !errors.Is(err, ErrEntryTooLarge) || !strings.Contains(err.Error(), "memory budget") {
		t.Errorf("budget of half a dex file: err = %v, want the budget named", err)
	}

	// Room for two dex files (and their read slack): eight scans of four
	// workers each would hold 32 without it.
	shared := NewBudget(2*int64(len(dexData)) + 4096)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	dexFiles := make([]int, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			obs, err := Scan(bytes.NewReader(data), int64(len(data)), Options{Workers: 4, Limits: Limits{Budget: shared}})
			errs[i] = err
			if err == nil {
				dexFiles[i] = obs.Dex.Files
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil || dexFiles[i] != alone.Dex.Files {
			t.Errorf("scan %d under a shared budget: %d dex files, err %v; alone: %d", i, dexFiles[i], err, alone.Dex.Files)
		}
	}
	if peak := shared.peak(); peak > shared.Total() || peak < int64(len(dexData)) {
		t.Errorf("peak use %d of a %d budget: the dex files did not go through it", peak, shared.Total())
	}
	if n := shared.inUse(); n != 0 {
		t.Errorf("%d bytes not given back", n)
	}
}

// TestSplitSetSpillsCompressedAPKs: the compressed APKs of a split set are
// inflated into temporary files, capped in all, and removed after.
func TestSplitSetSpillsCompressedAPKs(t *testing.T) {
	base, err := os.ReadFile("../testdata/realapks/bugly-hotfix-demo.apk") // signed, v1 and v2
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"base.apk", "split_config.a.apk", "split_config.b.apk"} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(base)
	}
	zw.Close()
	set := buf.Bytes()

	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	obs, err := Scan(bytes.NewReader(set), int64(len(set)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(obs.App.Files) != 3 {
		t.Errorf("files %q, want the three compressed APKs read", obs.App.Files)
	}
	alone, err := Scan(bytes.NewReader(base), int64(len(base)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(alone.App.Signers) == 0 || fmt.Sprint(obs.App.Signers) != fmt.Sprint(alone.App.Signers) {
		t.Errorf("signers of the inflated base APK %v, of the APK alone %v", obs.App.Signers, alone.App.Signers)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}

	capped, err := Scan(bytes.NewReader(set), int64(len(set)), Options{Limits: Limits{MaxSpillBytes: int64(len(base)) * 3 / 2}})
	if err != nil {
		t.Fatal(err)
	}
	if !slicesContainsSubstring(capped.Warnings, "inflate to more than") {
		t.Errorf("spill cap: warnings %q, want the APKs over the cap skipped", capped.Warnings)
	}
}

func slicesContainsSubstring(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// TestSpillFileLeavesNoName: an inflated inner APK's temporary file has no
// name on disk from the start, so a process killed mid-scan leaves nothing
// in the temporary directory; the scan still reads it through its handle.
func TestSpillFileLeavesNoName(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows cannot unlink an open file")
	}
	payload := bytes.Repeat([]byte("inner apk bytes "), 4096)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "split_config.apk", Method: zip.Deflate})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(payload)
	zw.Close()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	a, err := openArchive(bytes.NewReader(buf.Bytes()), int64(buf.Len()), Limits{}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	a.spill = &spillFiles{}
	defer a.spill.remove()
	file, n, err := a.spillEntry(a.file("split_config.apk"))
	if err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
		t.Errorf("temporary files visible while the scan runs: %q", left)
	}
	got := make([]byte, n)
	if _, err := file.ReadAt(got, 0); err != nil || !bytes.Equal(got, payload) {
		t.Errorf("reading the spilled entry back: %v, equal %v", err, bytes.Equal(got, payload))
	}
}
