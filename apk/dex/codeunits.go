package dex

import "unsafe"

// littleEndian says whether this machine stores a uint16 as a dex file does.
var littleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

// codeUnits views b, a code item's instructions as the file stores them, as
// 16-bit code units without copying: on a little-endian machine the bytes
// already are the units. Copying them cost the walk over every method a
// tenth of its time. ok is false on a big-endian machine, or when b is not
// 2-byte aligned in memory (a dex file opened inside an odd slice); the
// caller then decodes a copy.
func codeUnits(b []byte) ([]uint16, bool) {
	if !littleEndian || len(b) == 0 || uintptr(unsafe.Pointer(unsafe.SliceData(b)))&1 != 0 {
		return nil, false
	}
	return unsafe.Slice((*uint16)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/2), true
}
