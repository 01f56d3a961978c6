package apk

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePage is the size of a transparent huge page on the systems that have
// them (x86-64, arm64 with 4 KB pages).
const hugePage = 2 << 20

// hugeOffHeap is offHeap on a huge-page boundary, asking the kernel for
// transparent huge pages (its usual setting grants them only on request):
// filling a 7 MB dex file then takes four page faults instead of 1,800,
// and the walk misses the TLB less. The buffer's capacity runs to the end
// of its last huge page. It maps by address
// (unix.MmapPtr), since syscall.Munmap frees only whole slices that
// syscall.Mmap returned; freeOffHeap falls back to unmapRaw for these.
func hugeOffHeap(n int) ([]byte, bool) {
	// Whole huge pages: the kernel backs only those, and a buffer ending
	// in part of one would take its last megabyte or two in small pages.
	whole := (uintptr(n) + hugePage - 1) &^ (hugePage - 1)
	size := whole + hugePage
	base, err := unix.MmapPtr(-1, 0, nil, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_ANON|unix.MAP_PRIVATE)
	if err != nil {
		return nil, false
	}
	skip := (hugePage - uintptr(base)%hugePage) % hugePage
	// The unaligned head and the tail past the last huge page go back at
	// once, so that unmapping the buffer (to its capacity) frees the rest.
	if skip > 0 {
		unix.MunmapPtr(base, skip)
	}
	if skip+whole < size {
		unix.MunmapPtr(unsafe.Add(base, skip+whole), size-skip-whole)
	}
	b := unsafe.Slice((*byte)(unsafe.Add(base, skip)), whole)[:n]
	unix.Madvise(b[:whole], unix.MADV_HUGEPAGE) // refused, the memory is still good
	return b, true
}

// unmapRaw frees memory hugeOffHeap made: all of its capacity.
func unmapRaw(b []byte) {
	if cap(b) > 0 {
		unix.MunmapPtr(unsafe.Pointer(unsafe.SliceData(b)), uintptr(cap(b)))
	}
}
