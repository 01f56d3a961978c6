package apk

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unsafe"
)

// TestHugeOffHeap: a huge-page buffer starts on a huge-page boundary, can
// be written end to end, is unmapped when freed, and leaves nothing of
// the padding it was cut from: fifty buffers made and freed do not grow
// the process's mappings.
func TestHugeOffHeap(t *testing.T) {
	before := mappedBytes(t)
	for i := range 50 {
		n := []int{minHugeBuffer, minHugeBuffer + 12345, 3*hugePage + os.Getpagesize()}[i%3]
		b, ok := offHeap(n, true)
		if !ok {
			t.Fatalf("%d bytes: no memory", n)
		}
		start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
		if len(b) != n || cap(b)%hugePage != 0 || start%hugePage != 0 {
			t.Fatalf("%d bytes: got %d (capacity %d) at %#x", n, len(b), cap(b), start)
		}
		b[0], b[n-1], b[:cap(b)][cap(b)-1] = 1, 2, 3
		freeOffHeap(b)
		if overlapping(t, start, uintptr(cap(b))) {
			t.Fatalf("%d bytes at %#x: still mapped after free", n, start)
		}
	}
	if grown := mappedBytes(t) - before; grown > 16<<20 {
		t.Errorf("mappings grew by %d bytes over fifty buffers made and freed", grown)
	}
}

func procMaps(t *testing.T) [][2]uintptr {
	t.Helper()
	data, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		t.Skip("no /proc/self/maps")
	}
	var out [][2]uintptr
	for _, line := range strings.Split(string(data), "\n") {
		var a, b uintptr
		if _, err := fmt.Sscanf(line, "%x-%x", &a, &b); err == nil {
			out = append(out, [2]uintptr{a, b})
		}
	}
	return out
}

func mappedBytes(t *testing.T) (n int) {
	for _, m := range procMaps(t) {
		n += int(m[1] - m[0])
	}
	return n
}

func overlapping(t *testing.T, start, n uintptr) bool {
	for _, m := range procMaps(t) {
		if m[0] < start+n && m[1] > start {
			return true
		}
	}
	return false
}
