package apk

import (
	"bufio"
	"encoding/binary"
	"io"
)

// countEntries counts the central-directory headers of a zip, stopping at
// limit+1, without keeping any of them. archive/zip holds every entry it
// reads (3 million headers in a 141 MB file cost 736 MB), so the entry cap
// is checked on this count first. It reads the directory where the end
// record says it starts; ok is false when that cannot be found, and the
// zip reader then decides.
func countEntries(r io.ReaderAt, size int64, limit int) (n int, ok bool) {
	start, ok := directoryOffset(r, size)
	if !ok {
		return 0, false
	}
	br := bufio.NewReaderSize(io.NewSectionReader(r, start, size-start), 64<<10)
	var h [46]byte
	for n <= limit {
		if _, err := io.ReadFull(br, h[:]); err != nil || binary.LittleEndian.Uint32(h[:]) != 0x02014b50 {
			return n, true
		}
		n++
		skip := int64(binary.LittleEndian.Uint16(h[28:])) + int64(binary.LittleEndian.Uint16(h[30:])) + int64(binary.LittleEndian.Uint16(h[32:]))
		if _, err := br.Discard(int(skip)); err != nil {
			return n, true
		}
	}
	return n, true
}

// directoryOffset reads the end-of-central-directory record (zip64 when
// its offset field says so) for where the central directory starts.
func directoryOffset(r io.ReaderAt, size int64) (int64, bool) {
	const eocdLen, maxComment = 22, 0xffff
	tail := min(size, eocdLen+maxComment)
	buf := make([]byte, tail)
	if _, err := r.ReadAt(buf, size-tail); err != nil && err != io.EOF {
		return 0, false
	}
	for i := len(buf) - eocdLen; i >= 0; i-- {
		if binary.LittleEndian.Uint32(buf[i:]) != 0x06054b50 {
			continue
		}
		off := int64(binary.LittleEndian.Uint32(buf[i+16:]))
		if off == 0xffffffff && i >= 20 && binary.LittleEndian.Uint32(buf[i-20:]) == 0x07064b50 {
			// zip64: the locator points at the zip64 end record.
			var rec [56]byte
			at := int64(binary.LittleEndian.Uint64(buf[i-20+8:]))
			if at < 0 || at > size-56 {
				return 0, false
			}
			if _, err := r.ReadAt(rec[:], at); err != nil || binary.LittleEndian.Uint32(rec[:]) != 0x06064b50 {
				return 0, false
			}
			off = int64(binary.LittleEndian.Uint64(rec[48:]))
		}
		if off < 0 || off >= size {
			return 0, false
		}
		return off, true
	}
	return 0, false
}
