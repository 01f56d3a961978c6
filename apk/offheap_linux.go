package apk

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePage is the size of a transparent huge page on the systems that have
// them (x86-64, arm64 with 4 KB pages).
const hugePage = 2 << 20

var pageSize = unix.Getpagesize()

// hugeOffHeap is offHeap on a huge-page boundary, asking the kernel for
// transparent huge pages (its usual setting grants them only on request):
// filling a 7 MB dex file then takes a handful of page faults instead of
// 1,800, and the walk misses the TLB less. It maps by address
// (unix.MmapPtr), since syscall.Munmap frees only whole slices that
// syscall.Mmap returned; freeOffHeap falls back to unmapRaw for these.
func hugeOffHeap(n int) ([]byte, bool) {
	size := uintptr(n) + hugePage
	base, err := unix.MmapPtr(-1, 0, nil, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_ANON|unix.MAP_PRIVATE)
	if err != nil {
		return nil, false
	}
	skip := (hugePage - uintptr(base)%hugePage) % hugePage
	end := (skip + uintptr(n) + uintptr(pageSize) - 1) &^ uintptr(pageSize-1)
	// The unaligned head and the tail past the buffer's last page go back
	// at once, so that unmapping the buffer frees all that is left.
	if skip > 0 {
		unix.MunmapPtr(base, skip)
	}
	if end < size {
		unix.MunmapPtr(unsafe.Add(base, end), size-end)
	}
	b := unsafe.Slice((*byte)(unsafe.Add(base, skip)), n)
	unix.Madvise(b, unix.MADV_HUGEPAGE) // refused, the memory is still good
	return b, true
}

// unmapRaw frees memory hugeOffHeap made.
func unmapRaw(b []byte) {
	if len(b) > 0 {
		unix.MunmapPtr(unsafe.Pointer(unsafe.SliceData(b)), uintptr(len(b)))
	}
}
