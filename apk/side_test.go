package apk

import (
	"bytes"
	"os"
	"sync/atomic"
	"testing"
	"time"
)

// TestSideWorkSlots: side tasks run only as many at a time as the lane
// allows, and all of them once it is widened; wait returns after the last.
func TestSideWorkSlots(t *testing.T) {
	side := newSideWork(1, 2)
	var running, most atomic.Int32
	release := make(chan struct{})
	task := func() {
		n := running.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		<-release
		running.Add(-1)
	}
	for range 4 {
		side.run(task)
	}
	time.Sleep(50 * time.Millisecond)
	if got := most.Load(); got != 1 {
		t.Fatalf("%d tasks ran at once before widening, want 1", got)
	}
	side.widen()
	side.widen() // a second call changes nothing
	time.Sleep(50 * time.Millisecond)
	if got := most.Load(); got != 2 {
		t.Fatalf("%d tasks ran at once after widening, want 2", got)
	}
	close(release)
	side.wait()
	if running.Load() != 0 {
		t.Fatal("wait returned before every task")
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
