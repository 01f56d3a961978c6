package input

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestOpenRefusesWhatCanHang: a FIFO, /dev/zero and a directory are
// refused at once; a regular file opens.
func TestOpenRefusesWhatCanHang(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "p.txt")
	if err := mkfifo(fifo); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	plain := filepath.Join(dir, "plain.txt")
	os.WriteFile(plain, []byte("hello"), 0o600)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, c := range []struct{ path, want string }{
			{fifo, "named pipe"},
			{"/dev/zero", "device"},
			{dir, "directory"},
		} {
			if _, _, err := Open(c.path); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Open(%s) = %v, want %q", c.path, err, c.want)
			}
		}
		if _, err := ReadFile("/dev/zero", 1<<20); err == nil || !errors.Is(err, ErrNotRegular) {
			t.Errorf("ReadFile(/dev/zero) = %v", err)
		}
		if b, err := ReadFile(plain, 5); err != nil || string(b) != "hello" {
			t.Errorf("ReadFile(plain) = %q, %v", b, err)
		}
		if _, err := ReadFile(plain, 4); err == nil || !strings.Contains(err.Error(), "4-byte limit") {
			t.Errorf("ReadFile over the limit = %v", err)
		}
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("opening a FIFO or a device hung")
	}
}

// TestReadAll reads whole whatever the size it is told, stops at the limit,
// and fills a buffer of the told size without reallocating it.
func TestReadAll(t *testing.T) {
	data := strings.Repeat("政策", 5000)
	for _, c := range []struct {
		name        string
		size, limit int64
		want        int
	}{
		{"exact size", int64(len(data)), 1 << 20, len(data)},
		{"size unknown", 0, 1 << 20, len(data)},
		{"file grew", 10, 1 << 20, len(data)},
		{"over the limit", int64(len(data)), 100, 100},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ReadAll(strings.NewReader(data), c.size, c.limit)
			if err != nil || string(got) != data[:c.want] {
				t.Fatalf("read %d bytes, err %v; want %d", len(got), err, c.want)
			}
		})
	}
	got, _ := ReadAll(strings.NewReader(data), int64(len(data)), 1<<20)
	if cap(got) != len(data)+1 {
		t.Errorf("buffer of %d bytes for %d, want one extra byte", cap(got), len(data))
	}
}
