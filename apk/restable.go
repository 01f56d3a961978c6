package apk

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/avast/apkparser"
)

// resourceValues turns a resource id into the text apkparser prints for it
// (GetResourceEntry, then ResourceValue.String); ok is false where either
// fails, and the manifest then keeps the reference as "@7f0b0001".
type resourceValues interface {
	value(id uint32) (s string, ok bool)
}

// parsedTable is apkparser's own table: the answer a lazyTable must equal,
// and what is used for a table the lazy reader declines.
type parsedTable struct{ t *apkparser.ResourceTable }

func (p parsedTable) value(id uint32) (string, bool) {
	e, err := p.t.GetResourceEntry(id)
	if err != nil {
		return "", false
	}
	s, err := e.GetValue().String()
	return s, err == nil
}

// parseTable is apkparser.ParseResourceTable, with a panic turned into an
// error: the whole table decoded, every string of it.
func parseTable(data []byte) (res *apkparser.ResourceTable, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("malformed resource table: %v", p)
		}
	}()
	return apkparser.ParseResourceTable(bytes.NewReader(data))
}

// resourceTable reads resources.arsc for the manifest's references. A
// manifest asks for a handful of values, and apkparser decodes (and sorts)
// every string of the table first, which in a large app costs more than
// half of inflating its code; lazyTable decodes only the strings asked for.
// Where the table is anything but the plain layout lazyTable reads exactly
// as apkparser does (a table apkparser refuses, strings that overlap, a
// pool over its string budget, ...), apkparser reads it: same answers,
// same error. data must stay valid while the result is used.
func resourceTable(data []byte) (resourceValues, error) {
	if t, ok := newLazyTable(data); ok {
		return t, nil
	}
	t, err := parseTable(data)
	if err != nil {
		return nil, err
	}
	return parsedTable{t}, nil
}

// Chunk types of resources.arsc (frameworks/base/libs/androidfw/include/
// androidfw/ResourceTypes.h).
const (
	chunkStringPool = 0x0001
	chunkPackage    = 0x0200
	chunkType       = 0x0201
	chunkTypeSpec   = 0x0202
	chunkHeaderLen  = 8
	// packageHeaderLen is what apkparser reads of a package header: id,
	// 128 UTF-16 units of name and five offsets; typeIdOffset only when the
	// chunk's header is as long as the whole struct (8 more bytes).
	packageHeaderLen = 4 + 256 + 5*4
	// maxPoolStrings is apkparser's refusal of a string pool.
	maxPoolStrings = 2 * 1024 * 1024
	noIndex        = 0xFFFFFFFF
)

// lazyTable is resources.arsc walked once for its structure (chunk headers,
// pool headers, string lengths) without decoding a string; a value's string
// is decoded when asked for.
type lazyTable struct {
	main   stringPool
	groups map[uint32]*resGroup
	// nextPackageID numbers packages whose id is 0, as apkparser does.
	nextPackageID uint32
}

// resGroup holds the packages sharing one id: their type specs by type id,
// in file order.
type resGroup struct {
	types map[uint8][]*typeSpec
}

type typeSpec struct {
	pkg *resPackage
	// configs are the spec's type chunks (one per configuration), in file order.
	configs []typeChunk
}

type typeChunk struct {
	chunk                    []byte // from its chunk header on
	entryCount, entriesStart uint32
	indexesStart             uint32 // the chunk's header length
}

type resPackage struct {
	typeIDOffset uint32
	// Only whether an index is in range matters of these two: a value's
	// text does not include its type or key name.
	typeStrings, keyStrings stringPool
}

// chunkAt reads a chunk header at off of b, with apkparser's checks.
func chunkAt(b []byte, off int64) (id uint16, hdrLen uint16, size uint32, ok bool) {
	if off < 0 || off+chunkHeaderLen > int64(len(b)) {
		return 0, 0, 0, false
	}
	id, hdrLen, size = le16(b, off), le16(b, off+2), le32(b, off+4)
	return id, hdrLen, size, hdrLen >= chunkHeaderLen && size >= uint32(hdrLen)
}

// newLazyTable walks the table as apkparser.ParseResourceTable does; ok is
// false wherever apkparser would fail or where its result is not certain
// to be what lazyTable answers.
func newLazyTable(data []byte) (*lazyTable, bool) {
	t := &lazyTable{groups: map[uint32]*resGroup{}, nextPackageID: 2}
	_, hdrLen, size, ok := chunkAt(data, 0)
	if !ok || hdrLen < chunkHeaderLen+4 || int(hdrLen) > len(data) {
		return nil, false
	}
	packages := le32(data, 8)
	var seen uint32
	mainRead := false
	end := int64(size) - int64(hdrLen)
	pos := int64(hdrLen)
	for i := int64(0); i < end; {
		id, h, n, ok := chunkAt(data, pos)
		// The chunk must lie inside the table's declared size and inside
		// the bytes: apkparser reads it whole or fails.
		if !ok || int64(n) > end-i || pos+int64(n) > int64(len(data)) {
			return nil, false
		}
		body := data[pos+chunkHeaderLen : pos+int64(n)]
		switch id {
		case chunkStringPool:
			// Only the first pool is read; a later one is left unread and
			// apkparser then fails ("was not fully read") unless it is empty.
			if mainRead {
				if len(body) != 0 {
					return nil, false
				}
				break
			}
			if t.main, ok = readPool(body, true); !ok {
				return nil, false
			}
			mainRead = true
		case chunkPackage:
			if seen >= packages || !t.readPackage(body, h) {
				return nil, false
			}
			seen++
		}
		i += int64(n)
		pos += int64(n)
	}
	return t, true
}

// readPackage records one package chunk's pools and type chunks; block is
// the chunk after its 8-byte header, and offsets inside the package are
// relative to block (apkparser reads the package's bytes on their own).
func (t *lazyTable) readPackage(block []byte, hdrLen uint16) bool {
	if len(block) < packageHeaderLen {
		return false
	}
	id, typeStrings, keyStrings := le32(block, 0), le32(block, 260), le32(block, 268)
	if id >= 256 {
		return false
	}
	if id == 0 {
		id = t.nextPackageID
		t.nextPackageID++
	}
	pkg := &resPackage{}
	if int(hdrLen) >= chunkHeaderLen+packageHeaderLen {
		pkg.typeIDOffset = le32(block, 276)
	}
	if typeStrings < chunkHeaderLen || keyStrings <= chunkHeaderLen {
		return false
	}
	var ok bool
	if pkg.typeStrings, ok = poolChunk(block, int64(typeStrings)-chunkHeaderLen); !ok {
		return false
	}
	if pkg.keyStrings, ok = poolChunk(block, int64(keyStrings)-chunkHeaderLen); !ok {
		return false
	}
	g := t.groups[id]
	if g == nil {
		g = &resGroup{types: map[uint8][]*typeSpec{}}
		t.groups[id] = g
	}
	// The chunks after the header, pools included (apkparser skips those).
	for p := int64(hdrLen) - chunkHeaderLen; p < int64(len(block)); {
		left := int64(len(block)) - p
		if left < chunkHeaderLen {
			// apkparser ends the package where a header's first or second
			// field is followed by nothing, and fails on a cut field.
			if left == 2 || left == 4 {
				break
			}
			return false
		}
		id, h, n, ok := chunkAt(block, p)
		if !ok {
			return false
		}
		// A chunk running past the package is cut at its end, as apkparser does.
		size := min(int64(n), left)
		body := block[p+chunkHeaderLen : p+size]
		switch id {
		case chunkTypeSpec:
			if len(body) < 8 || body[0] == 0 {
				return false
			}
			count := le32(body, 4)
			// apkparser reads exactly the id, padding, count and entries.
			if int64(len(body)) != 8+4*int64(count) {
				return false
			}
			if count > 0 {
				g.types[body[0]] = append(g.types[body[0]], &typeSpec{pkg: pkg})
			}
		case chunkType:
			// apkparser reads every type chunk as dense, its flags (sparse,
			// 16-bit offsets) unread: so does value, for the same answers.
			if len(body) < 12 || body[0] == 0 {
				return false
			}
			count := le32(body, 4)
			if count > 0 {
				specs := g.types[body[0]]
				if len(specs) == 0 {
					return false
				}
				last := specs[len(specs)-1]
				last.configs = append(last.configs, typeChunk{
					chunk:        block[p : p+size],
					entryCount:   count,
					entriesStart: le32(body, 8),
					indexesStart: uint32(h),
				})
			}
		}
		p += size
	}
	return true
}

// poolChunk reads the string pool chunk at off of a package.
func poolChunk(block []byte, off int64) (stringPool, bool) {
	id, _, n, ok := chunkAt(block, off)
	if !ok || id != chunkStringPool || off+int64(n) > int64(len(block)) {
		return stringPool{}, false
	}
	return readPool(block[off+chunkHeaderLen:off+int64(n)], false)
}

// stringPool is a string pool whose strings are decoded when asked for.
type stringPool struct {
	count   uint32
	offsets []byte // count little-endian offsets into data
	data    []byte
	utf8    bool
}

// readPool reads a pool's header (body: the chunk after its 8-byte header)
// with apkparser's checks. With values set it also checks, reading each
// string's length but decoding none, that apkparser reads every string
// whole: offsets in index order, no string running into the next one or
// past the pool, the pool within apkparser's string budget. Otherwise
// apkparser's stream leaves some strings empty or clipped, and ok is false.
func readPool(body []byte, values bool) (stringPool, bool) {
	var p stringPool
	if len(body) < 20 {
		return p, false
	}
	count, flags, start := le32(body, 0), le32(body, 8), le32(body, 12)
	const sorted, utf8Flag = 0x1, 0x100
	p.utf8 = flags&utf8Flag != 0
	if flags&^(sorted|utf8Flag) != 0 || count >= maxPoolStrings {
		return p, false
	}
	// The offsets end where the strings start; apkparser trusts the start
	// over the count when they disagree by whole offsets.
	gap := int64(start) - 28 - 4*int64(count)
	if gap < 0 {
		if gap%4 != 0 || uint32(-gap/4) >= count {
			return p, false
		}
		count -= uint32(-gap / 4)
	}
	rest := int64(len(body)) - 20
	if 4*int64(count) > rest {
		return p, false
	}
	p.count = count
	p.offsets = body[20 : 20+4*int64(count)]
	rest -= 4 * int64(count)
	if gap > 0 {
		if gap > rest {
			return p, false
		}
		rest -= gap
	}
	if rest <= 0 {
		// No string data: apkparser leaves every string empty.
		return p, true
	}
	p.data = body[int64(len(body))-rest:]
	if !values || count == 0 {
		return p, true
	}
	end := int64(-1) // where the previous string ended
	prev := int64(-1)
	for i := uint32(0); i < count; i++ {
		off := int64(le32(p.offsets, 4*int64(i)))
		if off == prev {
			continue // a string shared by two indexes
		}
		if off < prev || off < end {
			return p, false
		}
		_, _, next, ok := p.span(off)
		if !ok {
			return p, false
		}
		prev, end = off, next
	}
	// apkparser's budget counts the bytes from the first string to the end.
	first := int64(le32(p.offsets, 0))
	return p, int64(len(p.data))-first <= apkparser.DefaultMaxStringTableBytes
}

// span locates the string at off: its content is data[from:to], and next
// is the end of its terminator. ok is false when any of it lies past the
// pool's data.
func (p *stringPool) span(off int64) (from, to, next int64, ok bool) {
	d := p.data
	n := int64(len(d))
	if p.utf8 {
		// Length in UTF-16 units (1 or 2 bytes, unused), then in bytes.
		i := off
		if i >= n {
			return 0, 0, 0, false
		}
		if d[i]&0x80 != 0 {
			i++
		}
		i++
		if i >= n {
			return 0, 0, 0, false
		}
		size := int64(d[i])
		if d[i]&0x80 != 0 {
			if i+1 >= n {
				return 0, 0, 0, false
			}
			size = int64(d[i]&0x7f)<<8 | int64(d[i+1])
			i++
		}
		i++
		from, to = i, i+size
		next = to + 1
	} else {
		if off+2 > n {
			return 0, 0, 0, false
		}
		units := int64(le16(d, off))
		i := off + 2
		if units&0x8000 != 0 {
			if i+2 > n {
				return 0, 0, 0, false
			}
			units = (units&0x7fff)<<16 | int64(le16(d, i))
			i += 2
		}
		from, to = i, i+2*units
		next = to + 2
	}
	return from, to, next, next <= n
}

// has reports whether apkparser's get(idx) succeeds.
func (p *stringPool) has(idx uint32) bool { return idx == noIndex || idx < p.count }

// get decodes string idx as apkparser does for a pool readPool accepted
// with values: trailing NULs dropped, then NULs and invalid UTF-8 shown as
// U+FFFE.
func (p *stringPool) get(idx uint32) (string, bool) {
	if !p.has(idx) {
		return "", false
	}
	if idx == noIndex || len(p.data) == 0 {
		return "", true
	}
	from, to, _, ok := p.span(int64(le32(p.offsets, 4*int64(idx))))
	if !ok {
		return "", true // not reached for an accepted pool
	}
	raw := p.data[from:to]
	var s string
	if p.utf8 {
		s = string(bytes.TrimRight(raw, "\x00"))
	} else {
		units := make([]uint16, len(raw)/2)
		for i := range units {
			units[i] = le16(raw, int64(2*i))
		}
		runes := utf16.Decode(units)
		for len(runes) > 0 && runes[len(runes)-1] == 0 {
			runes = runes[:len(runes)-1]
		}
		s = string(runes)
	}
	if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
		s = strings.Map(func(r rune) rune {
			if r == 0 || r == utf8.RuneError {
				return '\uFFFE'
			}
			return r
		}, s)
	}
	return s, true
}

// value answers as apkparser's GetResourceEntry(id) (the first
// configuration, in file order, that holds the entry) and then
// ResourceValue.String.
func (t *lazyTable) value(id uint32) (string, bool) {
	g := t.groups[id>>24]
	if g == nil {
		return "", false
	}
	typ := (id>>16)&0xff - 1 // wraps for type 0, which no spec has
	entry := id & 0xffff
	specs := g.types[uint8(typ+1)]
	if len(specs) == 0 {
		return "", false
	}
	// A configuration whose entry cannot be parsed is passed over, but
	// apkparser still reports its error with an entry found later.
	failed := false
	for _, spec := range specs {
		for _, c := range spec.configs {
			if entry >= c.entryCount {
				continue
			}
			at := int64(c.indexesStart) + 4*int64(entry)
			if at+4 > int64(len(c.chunk)) {
				return "", false
			}
			rel := le32(c.chunk, at)
			if rel == noIndex {
				continue
			}
			off := c.entriesStart + rel // wraps as apkparser's does
			if int64(off) >= int64(len(c.chunk)) || off&3 != 0 {
				return "", false
			}
			dataType, data, ok := readEntry(c.chunk[off:], spec.pkg, typ)
			if !ok {
				failed = true
				continue
			}
			if failed {
				return "", false
			}
			return t.format(dataType, data)
		}
	}
	return "", false
}

// readEntry reads a ResTable_entry and its value as apkparser's parseEntry
// does; a complex entry (a style, an array) has no value and prints as
// "null".
func readEntry(b []byte, pkg *resPackage, typ uint32) (dataType uint8, data uint32, ok bool) {
	if len(b) < 8 {
		return 0, 0, false
	}
	flags, key := le16(b, 2), le32(b, 4)
	if !pkg.typeStrings.has(typ-pkg.typeIDOffset) || !pkg.keyStrings.has(key) {
		return 0, 0, false
	}
	if flags&0x1 != 0 {
		return 0, 0, true
	}
	if len(b) < 16 || le16(b, 8) < 8 {
		return 0, 0, false
	}
	return b[11], le32(b, 12), true
}

// Res_value data types apkparser prints.
const (
	typeNull      = 0x00
	typeReference = 0x01
	typeString    = 0x03
	typeIntDec    = 0x10
	typeIntHex    = 0x11
	typeIntBool   = 0x12
	typeARGB8     = 0x1c
	typeRGB8      = 0x1d
	typeARGB4     = 0x1e
	typeRGB4      = 0x1f
)

// format prints a value as apkparser's ResourceValue.String; other types
// (floats, dimensions, attributes) are an error there.
func (t *lazyTable) format(dataType uint8, data uint32) (string, bool) {
	switch dataType {
	case typeNull:
		return "null", true
	case typeReference:
		return "@" + strconv.FormatUint(uint64(data), 16), true
	case typeString:
		return t.main.get(data)
	case typeIntDec:
		return strconv.FormatUint(uint64(data), 10), true
	case typeIntHex:
		return "0x" + strconv.FormatUint(uint64(data), 16), true
	case typeIntBool:
		return strconv.FormatBool(data != 0), true
	case typeARGB8:
		return fmt.Sprintf("#%08x", data), true
	case typeRGB8:
		return fmt.Sprintf("#%06x", data), true
	case typeARGB4:
		return fmt.Sprintf("#%04x", data), true
	case typeRGB4:
		return fmt.Sprintf("#%03x", data), true
	}
	return "", false
}
