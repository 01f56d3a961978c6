//go:build unix

package apk

import "syscall"

// offHeap allocates n bytes outside Go's heap, as an anonymous mapping: a
// dex file's bytes then do not count toward the garbage collector's
// target, which would otherwise let the heap grow to twice the dex files
// in flight plus everything else. huge asks for huge pages (hugeOffHeap)
// for a buffer large enough to gain from them. ok is false when the system
// refuses.
func offHeap(n int, huge bool) (b []byte, ok bool) {
	if huge && n >= minHugeBuffer {
		if b, ok := hugeOffHeap(n); ok {
			return b, true
		}
	}
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return nil, false
	}
	return b, true
}

// freeOffHeap unmaps what offHeap returned; nothing may refer to it after.
func freeOffHeap(b []byte) {
	if syscall.Munmap(b) == syscall.EINVAL {
		unmapRaw(b) // made by hugeOffHeap, unknown to syscall.Munmap
	}
}
