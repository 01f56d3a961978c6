package batch

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"testing"
)

// TestDispatchOrder: with several workers the largest APKs go first, so a
// batch does not end on one big app while the other workers idle; one worker
// keeps the jobs' order (its progress reads in name order), and an APK that
// cannot be read counts as empty.
func TestDispatchOrder(t *testing.T) {
	dir := t.TempDir()
	sizes := map[string]int{"a.apk": 10, "b.apk": 300, "c.apk": 20, "d.apk": 300}
	var jobs []Job
	for _, name := range []string{"a.apk", "b.apk", "c.apk", "d.apk", "missing.apk"} {
		p := filepath.Join(dir, name)
		if n, ok := sizes[name]; ok {
			if err := os.WriteFile(p, make([]byte, n), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		jobs = append(jobs, Job{Name: name, APK: p})
	}
	for _, c := range []struct {
		workers int
		want    []int
	}{
		{1, []int{0, 1, 2, 3, 4}},
		{2, []int{1, 3, 2, 0, 4}}, // equal sizes keep their order
		{8, []int{1, 3, 2, 0, 4}},
	} {
		if got := dispatchOrder(jobs, c.workers); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%d workers: order %v, want %v", c.workers, got, c.want)
		}
	}
}

// TestSoftenMemoryLimit: a child keeps the soft heap limit it started with
// (privdiff's per-app default or the user's GOMEMLIMIT) and lowers it only
// to ¾ of its hard cap.
func TestSoftenMemoryLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	for _, c := range []struct {
		start, hardCap, want int64
	}{
		{32 << 20, 4 << 30, 32 << 20},     // the per-app default stays
		{1 << 62, 4 << 30, 3 << 30},       // GOMEMLIMIT=off: ¾ of the cap
		{8 << 30, 4 << 30, 3 << 30},       // a limit above the cap comes down
		{2500 << 20, 4 << 30, 2500 << 20}, // a user's limit under ¾ stays
		{32 << 20, 40 << 20, 30 << 20},    // a tiny cap wins over the default
		{32 << 20, 2 << 30, 32 << 20},     // --app-memory's least
	} {
		debug.SetMemoryLimit(c.start)
		softenMemoryLimit(c.hardCap)
		if got := debug.SetMemoryLimit(-1); got != c.want {
			t.Errorf("start %d, cap %d: soft limit %d, want %d", c.start, c.hardCap, got, c.want)
		}
	}
}

// TestFitProcessors: a child runs on its share of the processors, never on
// more than the process was given.
func TestFitProcessors(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	runtime.GOMAXPROCS(4)
	for _, c := range []struct{ workers, want int }{
		{0, 4}, {8, 4}, {4, 4}, {2, 2}, {1, 1},
	} {
		fitProcessors(c.workers)
		if got := runtime.GOMAXPROCS(0); got != c.want {
			t.Errorf("%d workers: GOMAXPROCS %d, want %d", c.workers, got, c.want)
		}
	}
}

// TestServeChildFitsProcessors: a child asked to scan with one worker runs
// on one processor, and still answers with the app's row.
func TestServeChildFitsProcessors(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	runtime.GOMAXPROCS(2)
	req, err := json.Marshal(childRequest{Job: Job{Name: "minimal", APK: "../testdata/apks/minimal.apk"},
		Lang: "en", Workers: 1, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := ServeChild(bytes.NewReader(append(req, '\n')), &out); err != nil {
		t.Fatal(err)
	}
	var ans childAnswer
	if err := json.Unmarshal(out.Bytes(), &ans); err != nil || ans.Error != "" || ans.Row.Status != StatusNoPolicy {
		t.Fatalf("answer %s (%v), want the app's row with status %q", out.Bytes(), err, StatusNoPolicy)
	}
	if got := runtime.GOMAXPROCS(0); got != 1 {
		t.Errorf("GOMAXPROCS %d after a request for 1 worker, want 1", got)
	}
}
