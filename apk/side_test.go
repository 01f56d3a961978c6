package apk

import (
	"bytes"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestSideWorkSlots: side tasks run in the order they were queued, only as
// many at a time as the lane allows, and as many as it allows once it is
// widened; wait returns after the last.
func TestSideWorkSlots(t *testing.T) {
	side := newSideWork(1, 2)
	var running, most atomic.Int32
	var mu sync.Mutex
	var started []int
	release := make(chan struct{})
	for i := range 4 {
		side.run(func() {
			mu.Lock()
			started = append(started, i)
			mu.Unlock()
			n := running.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			<-release
			running.Add(-1)
		})
	}
	waitFor(t, func() bool { return running.Load() == 1 })
	time.Sleep(20 * time.Millisecond) // room for a second task to start, wrongly
	if got := most.Load(); got != 1 {
		t.Fatalf("%d tasks ran at once before widening, want 1", got)
	}
	side.widen()
	side.widen() // a second call changes nothing
	waitFor(t, func() bool { return running.Load() == 2 })
	close(release)
	side.wait()
	if running.Load() != 0 || most.Load() != 2 {
		t.Fatalf("after wait: %d running, at most %d at once, want 0 and 2", running.Load(), most.Load())
	}
	if started[0] != 0 {
		t.Fatalf("tasks started in the order %v, want the first queued first", started)
	}
}

// waitFor polls cond for up to ten seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
	}
}

// TestScanRunsBeside: Scan runs the caller's side work once, and has
// waited for it when it returns; a scan that fails before its dex files
// start does not run it.
func TestScanRunsBeside(t *testing.T) {
	data, err := os.ReadFile("../testdata/realapks/amap-map-game.apk")
	if err != nil {
		t.Fatal(err)
	}
	var ran atomic.Int32
	beside := func() {
		time.Sleep(20 * time.Millisecond)
		ran.Add(1)
	}
	if _, err := Scan(bytes.NewReader(data), int64(len(data)), Options{Beside: beside}); err != nil {
		t.Fatal(err)
	}
	if got := ran.Load(); got != 1 {
		t.Fatalf("Beside ran %d times by the time Scan returned, want 1", got)
	}
	if _, err := Scan(bytes.NewReader([]byte("not a zip")), 9, Options{Beside: beside}); err == nil {
		t.Fatal("a file that is no zip scanned")
	}
	if got := ran.Load(); got != 1 {
		t.Fatalf("Beside ran for a scan that failed at once")
	}
}
