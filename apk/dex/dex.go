// Package dex reads Dalvik Executable (.dex) files, the bytecode container
// inside every APK, well enough to list classes, resolve method, field and
// string references, and walk method bytecode.
//
// Format facts the code relies on, which are not visible from the API:
//
//   - Everything is little-endian. A header whose endian_tag reads
//     0x78563412 belongs to a byte-swapped file; no shipping toolchain
//     produces those and they are rejected rather than guessed at.
//   - The 0x70-byte header holds (size, offset) pairs for fixed-size id
//     tables: string_ids (4 bytes: offset of string data), type_ids (4: a
//     string index holding a type descriptor), proto_ids (12), field_ids
//     (8), method_ids (8) and class_defs (32). Every table is validated
//     against the file size when the file is opened, so any allocation sized
//     by a count is bounded by the bytes actually present.
//   - Identifiers are indices, never inline strings: a method reference is
//     (class type index, proto index, name string index); a type is a string
//     index. Instructions name methods and fields by 16-bit index, which is
//     why one dex holds at most 65,536 method references and large apps
//     ship classes2.dex, classes3.dex and so on; field_ids and method_ids
//     likewise name types and protos by 16-bit index.
//   - Variable-length structures (string data, class_data, encoded lists)
//     use ULEB128, at most five bytes for a 32-bit value. Hostile files use
//     longer runs to make naive decoders spin or overflow; this package
//     rejects them.
//   - String data is Modified UTF-8 (MUTF-8), prefixed by its length in
//     UTF-16 code units and terminated by a zero byte: U+0000 is encoded as
//     0xC0 0x80 so that the terminator is unambiguous, and characters outside
//     the BMP are stored as two three-byte surrogates rather than one
//     four-byte sequence. Decoding with plain UTF-8 corrupts both cases.
//   - Method bytecode is an array of 16-bit code units. Instruction widths
//     (1 to 5 units) follow from the opcode's format; switch tables and
//     array data are stored inline as "payload" pseudo-instructions whose
//     first unit looks like a nop, so a linear walk must size them from their
//     own headers or it will decode table data as instructions.
//   - Nothing stops a file from pointing many ids at one string, one
//     class_data or one code_item, or at overlapping suffixes of one long
//     string. Counts are checked against the bytes that could hold them
//     before anything is allocated, and the accessors share repeated
//     strings where they can and stop with an error after decoding about
//     twice the file size of text in one call.
//     Walking every class's bytecode is still work proportional to
//     class_defs times shared code, so a scanner should skip class_data
//     and code offsets it has already visited.
//   - Versions 035 through 041 share this layout. Version 041's multi-dex
//     container variant (header_size 0x78) is not supported.
//
// A File is safe for concurrent use.
package dex

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"
)

// Error kinds that a *FormatError unwraps to, so callers can branch with
// errors.Is without parsing messages.
var (
	// ErrBadMagic: the data is not a dex file at all.
	ErrBadMagic = errors.New("not a dex file")
	// ErrTruncated: a structure runs past the end of the file.
	ErrTruncated = errors.New("truncated")
	// ErrUnsupported: a well-formed variant this package does not read
	// (unknown version, reverse endianness, container format).
	ErrUnsupported = errors.New("unsupported")
	// ErrOutOfRange: an index (from the caller or from the file) does not
	// name an entry of its table.
	ErrOutOfRange = errors.New("index out of range")
	// ErrStopped: the channel given to StopOn was closed while a call
	// walked a table.
	ErrStopped = errors.New("scan stopped (timed out or cancelled)")
)

// FormatError reports malformed dex data, with the file offset of the
// structure at fault so that a bad file can be inspected with a hex dump.
type FormatError struct {
	Off int64  // file offset of the offending structure
	Msg string // what is wrong
	Val any    // the offending value or further detail; may be nil
	Err error  // one of the Err* kinds, or nil
}

func (e *FormatError) Error() string {
	s := fmt.Sprintf("dex: %s at offset %#x", e.Msg, e.Off)
	if e.Val != nil {
		s += fmt.Sprintf(": %v", e.Val)
	}
	return s
}

func (e *FormatError) Unwrap() error { return e.Err }

func formatErr(kind error, off int64, msg string, val any) *FormatError {
	return &FormatError{Off: off, Msg: msg, Val: val, Err: kind}
}

// NoIndex marks an absent index (for example the superclass of
// java.lang.Object) in fields that are otherwise indices.
const NoIndex = 0xffffffff

const (
	headerSize = 0x70
	endianTag  = 0x12345678
	reverseTag = 0x78563412
)

// Table item sizes in bytes.
const (
	stringIDSize = 4
	typeIDSize   = 4
	protoIDSize  = 12
	fieldIDSize  = 8
	methodIDSize = 8
	classDefSize = 32
	mapItemSize  = 12
)

// table is one of the header's id tables, loaded on first use.
type table struct {
	name string // as in the header, e.g. "string_ids"
	kind string // for index errors, e.g. "string"
	off  uint32
	n    uint32
	item uint32

	once sync.Once
	b    []byte
	err  error
}

func (t *table) end() uint64 { return uint64(t.off) + uint64(t.n)*uint64(t.item) }

// File is an open dex file.
type File struct {
	r        io.ReaderAt
	data     []byte // whole file when opened from memory, else nil
	size     uint32 // file_size from the header: reads never go past it
	version  string
	checksum uint32

	strings, types, protos, fields, methods, classes table
	dataOff, dataSize                                uint32
	mapOff                                           uint32

	// stop, when closed, ends the calls that walk whole tables (see StopOn).
	stop <-chan struct{}
	// arrived, for a file still arriving in data (see OpenArriving), waits
	// until the first end bytes are in.
	arrived func(end uint64) error
}

// StopOn makes the calls that walk whole tables (Classes, ClassDescriptors,
// MethodNames, FieldNames) return ErrStopped soon after done is closed: a
// 256 MiB hostile file takes seconds to walk, and an abandoned scan must
// stop within milliseconds. Call it before using f from several goroutines.
func (f *File) StopOn(done <-chan struct{}) { f.stop = done }

// stopCheckEvery is how many table entries a walk decodes between looks at
// the stop channel: tens of microseconds of work.
const stopCheckEvery = 1024

// Stopped reports whether the channel given to StopOn is closed.
func (f *File) Stopped() bool {
	select {
	case <-f.stop:
		return true
	default:
		return false
	}
}

// stoppedAt is Stopped checked only every stopCheckEvery entries of a walk.
func (f *File) stoppedAt(i int) bool { return i%stopCheckEvery == 0 && f.stop != nil && f.Stopped() }

// Open reads and validates the header of the dex file in r, which holds
// size bytes. Data past the header's file_size is ignored, so a dex can be
// opened inside a larger blob.
func Open(r io.ReaderAt, size int64) (*File, error) {
	f := &File{r: r}
	if err := f.init(size); err != nil {
		return nil, err
	}
	return f, nil
}

// OpenBytes is Open for a file already in memory. Accessors then return
// sub-slices instead of copying, which is what makes scanning a whole APK's
// dex files cheap; the caller must not modify b while the File is in use.
func OpenBytes(b []byte) (*File, error) {
	f := &File{data: b}
	if err := f.init(int64(len(b))); err != nil {
		return nil, err
	}
	return f, nil
}

// OpenArriving is OpenBytes for a file whose bytes are still being written
// into b, front to back (a zip entry being inflated), so that its tables can
// be read while its end is still inflating. Every read first calls arrived
// with the offset its bytes end at; arrived returns once that many bytes of
// b are final, or with an error if they never will be. b must already have
// the file's full length. The map list, which is often the file's last
// bytes, is checked only by Complete.
func OpenArriving(b []byte, arrived func(end uint64) error) (*File, error) {
	f := &File{data: b, arrived: arrived}
	if err := f.init(int64(len(b))); err != nil {
		return nil, err
	}
	return f, nil
}

// Complete makes the checks OpenBytes makes and OpenArriving leaves until the
// whole file is in: a File from OpenArriving whose Complete returns nil has
// passed everything OpenBytes checks on the same bytes.
func (f *File) Complete() error {
	if f.arrived == nil {
		return nil
	}
	return f.checkMap()
}

func (f *File) init(size int64) error {
	if size < headerSize {
		return formatErr(ErrTruncated, 0, "file too short for header", fmt.Sprintf("size %d, need %d", size, headerSize))
	}
	// Until file_size is known, allow reads of the header only.
	f.size = headerSize
	h, err := f.bytesAt(0, headerSize)
	if err != nil {
		return err
	}
	if string(h[0:4]) != "dex\n" || h[7] != 0 || !isDigit(h[4]) || !isDigit(h[5]) || !isDigit(h[6]) {
		return formatErr(ErrBadMagic, 0, "bad magic", fmt.Sprintf("%q", h[0:8]))
	}
	f.version = string(h[4:7])
	// ART accepts 035 and 037–041; 036 was never a valid version.
	if f.version < "035" || f.version > "041" || f.version == "036" {
		return formatErr(ErrUnsupported, 4, "unsupported version", f.version)
	}
	switch tag := le32(h[0x28:]); tag {
	case endianTag:
	case reverseTag:
		return formatErr(ErrUnsupported, 0x28, "reverse-endian dex files are not supported", fmt.Sprintf("endian_tag %#x", tag))
	default:
		return formatErr(nil, 0x28, "invalid endian_tag", fmt.Sprintf("%#x", tag))
	}
	if hs := le32(h[0x24:]); hs != headerSize {
		if hs == 0x78 {
			return formatErr(ErrUnsupported, 0x24, "dex container format is not supported", fmt.Sprintf("header_size %#x", hs))
		}
		return formatErr(nil, 0x24, "invalid header_size", fmt.Sprintf("%#x, want %#x", hs, headerSize))
	}
	f.checksum = le32(h[0x08:])
	fileSize := le32(h[0x20:])
	if int64(fileSize) > size {
		return formatErr(ErrTruncated, 0x20, "file truncated", fmt.Sprintf("file_size %d, have %d bytes", fileSize, size))
	}
	if fileSize < headerSize {
		return formatErr(nil, 0x20, "invalid file_size", fileSize)
	}
	f.size = fileSize

	linkSize, linkOff := le32(h[0x2c:]), le32(h[0x30:])
	f.mapOff = le32(h[0x34:])
	f.strings = table{name: "string_ids", kind: "string", n: le32(h[0x38:]), off: le32(h[0x3c:]), item: stringIDSize}
	f.types = table{name: "type_ids", kind: "type", n: le32(h[0x40:]), off: le32(h[0x44:]), item: typeIDSize}
	f.protos = table{name: "proto_ids", kind: "proto", n: le32(h[0x48:]), off: le32(h[0x4c:]), item: protoIDSize}
	f.fields = table{name: "field_ids", kind: "field", n: le32(h[0x50:]), off: le32(h[0x54:]), item: fieldIDSize}
	f.methods = table{name: "method_ids", kind: "method", n: le32(h[0x58:]), off: le32(h[0x5c:]), item: methodIDSize}
	f.classes = table{name: "class_defs", kind: "class_def", n: le32(h[0x60:]), off: le32(h[0x64:]), item: classDefSize}
	f.dataSize, f.dataOff = le32(h[0x68:]), le32(h[0x6c:])

	for i, t := range []*table{&f.strings, &f.types, &f.protos, &f.fields, &f.methods, &f.classes} {
		if err := f.checkRange(t.name+" table", 0x38+8*int64(i), t.off, uint64(t.n), uint64(t.item)); err != nil {
			return err
		}
	}
	// type_ids and proto/field/method ids refer to types by 16-bit index.
	if f.types.n > 1<<16 {
		return formatErr(nil, 0x40, "invalid type_ids table", fmt.Sprintf("size %d exceeds 65536", f.types.n))
	}
	if f.protos.n > 1<<16 {
		return formatErr(nil, 0x48, "invalid proto_ids table", fmt.Sprintf("size %d exceeds 65536", f.protos.n))
	}
	if err := f.checkRange("link section", 0x2c, linkOff, uint64(linkSize), 1); err != nil {
		return err
	}
	if err := f.checkRange("data section", 0x68, f.dataOff, uint64(f.dataSize), 1); err != nil {
		return err
	}
	if f.arrived != nil {
		return nil // see Complete
	}
	return f.checkMap()
}

// checkMap checks that the map list lies inside the file.
func (f *File) checkMap() error {
	if f.mapOff == 0 {
		return nil
	}
	b, err := f.bytesAt(uint64(f.mapOff), 4)
	if err != nil {
		return formatErr(ErrTruncated, 0x34, "invalid map", fmt.Sprintf("map_off %#x past end of file (size %d)", f.mapOff, f.size))
	}
	n := le32(b)
	return f.checkRange("map list", int64(f.mapOff), f.mapOff+4, uint64(n), mapItemSize)
}

// checkRange validates that n items of itemSize bytes at off lie inside the
// file and after the header. hoff is where the offending header field lives.
func (f *File) checkRange(name string, hoff int64, off uint32, n, itemSize uint64) error {
	if n == 0 {
		return nil
	}
	if off < headerSize {
		return formatErr(nil, int64(off), "invalid "+name, fmt.Sprintf("offset %#x overlaps header (header field at %#x)", off, hoff))
	}
	if end := uint64(off) + n*itemSize; end > uint64(f.size) {
		return formatErr(ErrTruncated, int64(off), "invalid "+name, fmt.Sprintf("size %d past end of file (size %d)", n, f.size))
	}
	return nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func le16(b []byte) uint16 { return binary.LittleEndian.Uint16(b) }
func le32(b []byte) uint32 { return binary.LittleEndian.Uint32(b) }

// bytesAt returns n bytes at off, failing if they extend past file_size.
// The result aliases f.data when the file is in memory.
func (f *File) bytesAt(off, n uint64) ([]byte, error) {
	if off > uint64(f.size) || n > uint64(f.size)-off {
		return nil, formatErr(ErrTruncated, int64(off), "read past end of file", fmt.Sprintf("%d bytes wanted, file size %d", n, f.size))
	}
	if f.data != nil {
		if f.arrived != nil {
			if err := f.arrived(off + n); err != nil {
				return nil, err
			}
		}
		return f.data[off : off+n : off+n], nil
	}
	b := make([]byte, n)
	if _, err := f.r.ReadAt(b, int64(off)); err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, formatErr(ErrTruncated, int64(off), "unexpected end of data", fmt.Sprintf("%d bytes wanted", n))
		}
		return nil, fmt.Errorf("dex: read %d bytes at offset %#x: %w", n, off, err)
	}
	return b, nil
}

// prefixAt returns up to max bytes at off, fewer if the file ends first;
// it is for variable-length structures whose size is only known after
// decoding. An empty result is an error.
func (f *File) prefixAt(off, max uint64) ([]byte, error) {
	if off >= uint64(f.size) {
		return nil, formatErr(ErrTruncated, int64(off), "offset past end of file", fmt.Sprintf("file size %d", f.size))
	}
	if rem := uint64(f.size) - off; max > rem {
		max = rem
	}
	return f.bytesAt(off, max)
}

// load returns the bytes of an id table, read once.
func (f *File) load(t *table) ([]byte, error) {
	t.once.Do(func() {
		t.b, t.err = f.bytesAt(uint64(t.off), uint64(t.n)*uint64(t.item))
	})
	return t.b, t.err
}

// entry returns item i of table t.
func (f *File) entry(t *table, i uint32) ([]byte, error) {
	if i >= t.n {
		return nil, formatErr(ErrOutOfRange, int64(t.off), t.kind+" index out of range", fmt.Sprintf("index %d, table size %d", i, t.n))
	}
	b, err := f.load(t)
	if err != nil {
		return nil, err
	}
	o := i * t.item
	return b[o : o+t.item], nil
}

// itemOff is the file offset of item i of t, for error messages.
func itemOff(t *table, i uint32) int64 { return int64(t.off) + int64(i)*int64(t.item) }

// Version is the three-digit format version from the magic, e.g. "035".
func (f *File) Version() string { return f.version }

// Size is the file_size from the header: the bytes that belong to this dex.
func (f *File) Size() int64 { return int64(f.size) }

// Checksum is the header's adler32 checksum field; it is not verified,
// because tampered files are exactly the ones an auditor wants to read.
func (f *File) Checksum() uint32 { return f.checksum }

// NumStrings and the other Num methods give table sizes from the header.
// Tables are exposed as index ranges rather than slices because
// instructions and other tables refer to entries by index, and decoding a
// whole table up front would cost more than most callers need.
func (f *File) NumStrings() int { return int(f.strings.n) }
func (f *File) NumTypes() int   { return int(f.types.n) }
func (f *File) NumProtos() int  { return int(f.protos.n) }
func (f *File) NumFields() int  { return int(f.fields.n) }
func (f *File) NumMethods() int { return int(f.methods.n) }
func (f *File) NumClasses() int { return int(f.classes.n) }
