// Package inflate decodes a raw deflate stream (RFC 1951) into a buffer of
// its known inflated size.
//
// A zip entry says how large it inflates, so the output needs no window of
// its own and no copy out of one, as a stream inflater's does, and a copy
// may run past its end. No Go library decodes this way. An entry this
// package cannot decode is left to a stream inflater, which then reports
// the error: Into is never more lenient than Go's own compress/flate.
package inflate

import (
	"encoding/binary"
	"errors"
	"io"
	"sync"
)

// ErrCorrupt is returned for input that is not a deflate stream inflating
// to exactly the output's size.
var ErrCorrupt = errors.New("inflate: corrupt or truncated deflate stream, or not of the expected size")

// Into inflates the deflate stream of size bytes in src into dst, which
// must be exactly as long as what it inflates to. progress, unless nil,
// hears after each block, and every 256 KB within one, how many bytes of
// dst are final; an error it returns stops the decoding, and Into returns
// it.
func Into(dst []byte, src io.ReaderAt, size int64, progress func(int) error) error {
	d := newDecoder(dst, src, size)
	defer d.close()
	d.progress, d.reportAt = progress, reportEvery
	d.load(0)
	if err := d.run(); err != nil {
		return err
	}
	if d.o != len(dst) {
		return ErrCorrupt
	}
	return nil
}

// windowSize is how much of the compressed stream a decoder holds at once.
const windowSize = 256 << 10

var windows = sync.Pool{New: func() any { return new([windowSize]byte) }}

// decoder decodes one stream into out.
type decoder struct {
	r     io.ReaderAt
	size  int64 // of the stream in r
	win   *[windowSize]byte
	src   []byte // the part of win holding the stream from base on
	base  int64
	pos   int    // the next byte of src to load into bits
	bits  uint64 // loaded bits, least significant first
	nbits uint   // how many of bits are loaded and not yet used
	err   error  // from r
	out   []byte
	o     int // how much of out is written
	final bool
	// progress, unless nil, hears how much of out is written after each
	// block, and may stop the decoding.
	progress func(int) error
	reportAt int // how far out may get before the next report
	tables   *tables
	dyn      tables
}

func newDecoder(out []byte, r io.ReaderAt, size int64) *decoder {
	return &decoder{r: r, size: size, out: out, win: windows.Get().(*[windowSize]byte)}
}

func (d *decoder) close() {
	windows.Put(d.win)
	d.win, d.src = nil, nil
}

// bitOffset is how many bits of the stream have been used.
func (d *decoder) bitOffset() int64 { return (d.base+int64(d.pos))*8 - int64(d.nbits) }

// load reads the stream into the window from byte offset at on.
func (d *decoder) load(at int64) {
	n := 0
	if at < d.size {
		n = int(min(d.size-at, windowSize))
		if _, err := d.r.ReadAt(d.win[:n], at); err != nil {
			d.err, n = err, 0
		}
	}
	d.src, d.base, d.pos = d.win[:n], at, 0
}

// refill loads bits until at least 56 are loaded. It moves the window on
// when it nears its end, keeping the 8 bytes before pos that bits may
// hold (a stored block gives them back). Past the stream's end it loads
// zeros, which overrun then notices: a stream that uses them is truncated.
func (d *decoder) refill() {
	if d.pos+8 > len(d.src) && d.base+int64(len(d.src)) < d.size {
		keep := min(d.pos, 8)
		d.load(d.base + int64(d.pos-keep))
		d.pos = keep
	}
	if d.pos+8 <= len(d.src) {
		d.bits |= binary.LittleEndian.Uint64(d.src[d.pos:]) << d.nbits
		d.pos += int(63-d.nbits) >> 3
		d.nbits |= 56
		return
	}
	for d.nbits <= 56 {
		if d.pos < len(d.src) {
			d.bits |= uint64(d.src[d.pos]) << d.nbits
		} else {
			d.bits &= 1<<d.nbits - 1
		}
		d.pos++
		d.nbits += 8
	}
}

// overrun says whether the stream has used bits past its end, or could
// not be read.
func (d *decoder) overrun() bool { return d.bitOffset() > 8*d.size || d.err != nil }

// take returns the next n bits (n ≤ 32, with at least n loaded).
func (d *decoder) take(n uint) uint32 {
	v := uint32(d.bits & (1<<n - 1))
	d.bits >>= n
	d.nbits -= n
	return v
}

// run decodes blocks until the final one ends.
func (d *decoder) run() error {
	for !d.final {
		if err := d.block(); err != nil {
			return err
		}
		if err := d.report(); err != nil {
			return err
		}
	}
	return nil
}

// reportEvery is how much output a block may make before progress hears
// of it: one block may inflate to hundreds of megabytes.
const reportEvery = 256 << 10

// report tells progress how much of out is final, unless the stream has
// used bits past its end: bytes decoded from those are not the stream's.
func (d *decoder) report() error {
	if d.overrun() {
		return ErrCorrupt
	}
	d.reportAt = d.o + reportEvery
	if d.progress == nil {
		return nil
	}
	return d.progress(d.o)
}

// block decodes one block.
func (d *decoder) block() error {
	if d.nbits < 3 {
		d.refill()
	}
	if d.overrun() {
		return ErrCorrupt
	}
	d.final = d.take(1) == 1
	switch d.take(2) {
	case 0:
		return d.stored()
	case 1:
		d.tables = fixedTables()
	case 2:
		if err := d.readTables(); err != nil {
			return err
		}
		d.tables = &d.dyn
	default:
		return ErrCorrupt
	}
	return d.codes()
}

// stored copies a stored block.
func (d *decoder) stored() error {
	// The block starts at the next byte boundary: give back the whole
	// bytes already loaded, and read on from there.
	d.take(d.nbits % 8)
	at := d.base + int64(d.pos) - int64(d.nbits/8)
	d.bits, d.nbits = 0, 0
	if at >= d.base && at+4 <= d.base+int64(len(d.src)) {
		// Still in the window: a stream of many small stored blocks
		// must not read it again for each.
		d.pos = int(at - d.base)
	} else {
		d.load(at)
	}
	if len(d.src)-d.pos < 4 {
		return ErrCorrupt
	}
	n := int(binary.LittleEndian.Uint16(d.src[d.pos:]))
	if uint16(n) != ^binary.LittleEndian.Uint16(d.src[d.pos+2:]) || d.o+n > len(d.out) {
		return ErrCorrupt
	}
	d.pos += 4
	for n > 0 {
		if d.pos == len(d.src) {
			d.load(d.base + int64(d.pos))
			if len(d.src) == 0 {
				return ErrCorrupt
			}
		}
		chunk := d.src[d.pos:min(len(d.src), d.pos+n)]
		copy(d.out[d.o:], chunk)
		d.o += len(chunk)
		d.pos += len(chunk)
		n -= len(chunk)
	}
	return nil
}

// readTables reads a dynamic block's code lengths and builds its tables.
func (d *decoder) readTables() error {
	d.refill()
	nlit := int(d.take(5)) + 257
	ndist := int(d.take(5)) + 1
	nlen := int(d.take(4)) + 4
	if nlit > 286 || ndist > 30 {
		return ErrCorrupt
	}
	var lens [19]uint8
	for i := range nlen {
		if d.nbits < 3 {
			d.refill()
		}
		lens[lengthOrder[i]] = uint8(d.take(3))
	}
	var lenTable [lenTableSize]uint32
	if !buildTable(lenTable[:], lens[:], lenRootBits, lenEntry) {
		return ErrCorrupt
	}
	var lengths [286 + 30]uint8
	for i, n := 0, nlit+ndist; i < n; {
		if d.nbits < 14 {
			d.refill()
		}
		e := lenTable[d.bits&(lenTableSize-1)]
		if e&entryInvalid != 0 {
			return ErrCorrupt
		}
		d.take(uint(e & 15))
		sym := e >> 16
		if sym < 16 {
			lengths[i] = uint8(sym)
			i++
			continue
		}
		var rep int
		var v uint8
		switch sym {
		case 16:
			if i == 0 {
				return ErrCorrupt
			}
			rep, v = 3+int(d.take(2)), lengths[i-1]
		case 17:
			rep = 3 + int(d.take(3))
		default:
			rep = 11 + int(d.take(7))
		}
		if i+rep > n {
			return ErrCorrupt
		}
		for range rep {
			lengths[i] = v
			i++
		}
	}
	if d.overrun() {
		return ErrCorrupt
	}
	if !buildTable(d.dyn.lit[:], lengths[:nlit], litRootBits, litEntry) ||
		!buildTable(d.dyn.dist[:], lengths[nlit:nlit+ndist], distRootBits, distEntry) {
		return ErrCorrupt
	}
	return nil
}

// codes decodes a Huffman-coded block's symbols up to its end.
func (d *decoder) codes() error {
	lit, dist := &d.tables.lit, &d.tables.dist
	src, out := d.src, d.out
	pos, bits, nbits, o := d.pos, d.bits, d.nbits, d.o
	var err error
	for {
		// Every symbol takes at most 15+5 bits and its distance 15+13:
		// one load of 56 bits serves both.
		if nbits < 48 {
			if o >= d.reportAt {
				d.pos, d.bits, d.nbits = pos, bits, nbits
				d.o = o
				if err = d.report(); err != nil {
					break
				}
			}
			if pos+8 <= len(src) {
				bits |= binary.LittleEndian.Uint64(src[pos:]) << nbits
				pos += int(63-nbits) >> 3
				nbits |= 56
			} else {
				d.pos, d.bits, d.nbits = pos, bits, nbits
				d.refill()
				src, pos, bits, nbits = d.src, d.pos, d.bits, d.nbits
				if pos > len(src)+16 {
					err = ErrCorrupt
					break
				}
			}
		}
		e := lit[bits&(1<<litRootBits-1)]
		if e&entryLink != 0 {
			bits >>= litRootBits
			nbits -= litRootBits
			e = lit[(int(e>>16)+int(bits&(1<<((e>>8)&15)-1)))&(litTableSize-1)]
		}
		bits >>= e & 15
		nbits -= uint(e & 15)
		if e&entryLiteral != 0 {
			if o >= len(out) {
				err = ErrCorrupt
				break
			}
			out[o] = byte(e >> 16)
			o++
			continue
		}
		if e&(entryEnd|entryInvalid) != 0 {
			if e&entryInvalid != 0 {
				err = ErrCorrupt
			}
			break
		}
		extra := (e >> 8) & 15
		length := int(e>>16) + int(bits&(1<<extra-1))
		bits >>= extra
		nbits -= uint(extra)

		e = dist[bits&(1<<distRootBits-1)]
		if e&entryLink != 0 {
			bits >>= distRootBits
			nbits -= distRootBits
			e = dist[(int(e>>16)+int(bits&(1<<((e>>8)&15)-1)))&(distTableSize-1)]
		}
		if e&entryInvalid != 0 {
			err = ErrCorrupt
			break
		}
		bits >>= e & 15
		nbits -= uint(e & 15)
		extra = (e >> 8) & 15
		distance := int(e>>16) + int(bits&(1<<extra-1))
		bits >>= extra
		nbits -= uint(extra)
		if distance > o || length > len(out)-o {
			err = ErrCorrupt
			break
		}
		from := o - distance
		if distance >= 8 && o+length+8 <= len(out) {
			// Eight bytes at a time, running up to seven past the end:
			// what is past it is written again later.
			for i := 0; i < length; i += 8 {
				binary.LittleEndian.PutUint64(out[o+i:], binary.LittleEndian.Uint64(out[from+i:]))
			}
		} else if distance >= length {
			copy(out[o:o+length], out[from:from+length])
		} else {
			for i := range length {
				out[o+i] = out[from+i]
			}
		}
		o += length
	}
	d.pos, d.bits, d.nbits, d.o = pos, bits, nbits, o
	return err
}
