package dex

import (
	"fmt"
	"slices"
)

// Class is a class_def: a class defined (not merely referenced) in this file.
type Class struct {
	Index       uint32 // position in class_defs
	TypeIdx     uint32
	Descriptor  string // e.g. "Lcom/foo/Bar;"
	AccessFlags uint32
	// SuperclassIdx is NoIndex, and Superclass empty, only for
	// java.lang.Object (or a hand-made file).
	SuperclassIdx   uint32
	Superclass      string
	InterfacesOff   uint32 // type_list; see File.Interfaces
	SourceFileIdx   uint32 // string index or NoIndex; see File.SourceFile
	AnnotationsOff  uint32
	ClassDataOff    uint32 // 0 for classes without fields or methods (e.g. marker interfaces)
	StaticValuesOff uint32
}

// Access flags, as in class_defs, encoded_field and encoded_method.
const (
	AccPublic       = 0x1
	AccPrivate      = 0x2
	AccProtected    = 0x4
	AccStatic       = 0x8
	AccFinal        = 0x10
	AccSynchronized = 0x20
	AccVolatile     = 0x40
	AccBridge       = 0x40
	AccTransient    = 0x80
	AccVarargs      = 0x80
	AccNative       = 0x100
	AccInterface    = 0x200
	AccAbstract     = 0x400
	AccStrict       = 0x800
	AccSynthetic    = 0x1000
	AccAnnotation   = 0x2000
	AccEnum         = 0x4000
	AccConstructor  = 0x10000
	AccDeclaredSync = 0x20000
)

// Class returns class definition i (0 <= i < NumClasses).
func (f *File) Class(i uint32) (Class, error) { return f.newResolver().class(i) }

// Classes returns every class definition in file order.
func (f *File) Classes() ([]Class, error) {
	r := f.newResolver().memoTypes()
	cs := make([]Class, f.classes.n)
	for i := range cs {
		if f.stoppedAt(i) {
			return nil, ErrStopped
		}
		c, err := r.class(uint32(i))
		if err != nil {
			return nil, err
		}
		cs[i] = c
	}
	return cs, nil
}

// ClassDescriptors returns the descriptor of every defined class, in file
// order. It is the cheap way to learn which SDKs an app bundles: it touches
// only the class_defs, type_ids and string_ids tables and the descriptor
// strings themselves.
func (f *File) ClassDescriptors() ([]string, error) {
	defs, err := f.load(&f.classes)
	if err != nil {
		return nil, err
	}
	types, err := f.load(&f.types)
	if err != nil {
		return nil, err
	}
	strs, err := f.load(&f.strings)
	if err != nil {
		return nil, err
	}
	out := make([]string, f.classes.n)
	budget := f.budget()
	for i := range out {
		if f.stoppedAt(i) {
			return nil, ErrStopped
		}
		ti := le32(defs[i*classDefSize:])
		if ti >= f.types.n {
			return nil, formatErr(ErrOutOfRange, itemOff(&f.classes, uint32(i)), "class_def type index out of range", fmt.Sprintf("index %d, type_ids size %d", ti, f.types.n))
		}
		si := le32(types[ti*typeIDSize:])
		if si >= f.strings.n {
			return nil, formatErr(ErrOutOfRange, itemOff(&f.types, ti), "type descriptor index out of range", fmt.Sprintf("index %d, string_ids size %d", si, f.strings.n))
		}
		soff := le32(strs[si*stringIDSize:])
		if out[i], err = f.stringAt(soff); err != nil {
			return nil, err
		}
		if budget -= int64(len(out[i])); budget < 0 {
			return nil, formatErr(nil, int64(soff), "decoded strings exceed limit", fmt.Sprintf("more than %d bytes from a %d-byte file; class descriptors are shared or overlapping", f.budget(), f.size))
		}
	}
	return out, nil
}

// Interfaces returns the descriptors of the interfaces c declares directly.
func (f *File) Interfaces(c Class) ([]string, error) {
	l, err := f.typeList(c.InterfacesOff)
	if err != nil || len(l) == 0 {
		return nil, err
	}
	out := make([]string, len(l))
	r := f.newResolver()
	for i, t := range l {
		if out[i], err = r.typ(uint32(t)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// SourceFile returns the source file name recorded for c, or "" if none;
// obfuscated apps usually strip or fake it.
func (f *File) SourceFile(c Class) (string, error) {
	if c.SourceFileIdx == NoIndex {
		return "", nil
	}
	return f.String(c.SourceFileIdx)
}

// ClassData lists the fields and methods a class defines. Indices are
// absolute (the file stores them delta-encoded).
type ClassData struct {
	StaticFields   []EncodedField
	InstanceFields []EncodedField
	DirectMethods  []EncodedMethod // static, private and constructors
	VirtualMethods []EncodedMethod
}

// EncodedField is a field defined by a class.
type EncodedField struct {
	Field       uint32 // index into field_ids
	AccessFlags uint32
}

// EncodedMethod is a method defined by a class.
type EncodedMethod struct {
	Method      uint32 // index into method_ids
	AccessFlags uint32
	CodeOff     uint32 // 0 for abstract and native methods
}

// Minimum encoded sizes: every ULEB128 takes at least one byte.
const (
	minEncodedField  = 2
	minEncodedMethod = 3
	maxEncodedField  = 10
	maxEncodedMethod = 15
)

// ClassData decodes the class_data_item of c. A class without one yields an
// empty ClassData.
func (f *File) ClassData(c Class) (*ClassData, error) {
	return f.ClassDataAt(c.ClassDataOff)
}

// ClassDataAt decodes the class_data_item at off (0 means none).
func (f *File) ClassDataAt(off uint32) (*ClassData, error) {
	cd := new(ClassData)
	if err := f.ClassDataInto(off, cd); err != nil {
		return nil, err
	}
	return cd, nil
}

// ClassDataInto is ClassDataAt decoding into cd, reusing its slices: a walk
// over every class then allocates only for its largest class.
func (f *File) ClassDataInto(off uint32, cd *ClassData) error {
	cd.StaticFields, cd.InstanceFields = cd.StaticFields[:0], cd.InstanceFields[:0]
	cd.DirectMethods, cd.VirtualMethods = cd.DirectMethods[:0], cd.VirtualMethods[:0]
	if off == 0 {
		return nil
	}
	hdr, err := f.prefixAt(uint64(off), 20)
	if err != nil {
		return err
	}
	r := &ulebReader{b: hdr, base: int64(off), what: "class_data"}
	var counts [4]uint32
	for i := range counts {
		counts[i] = r.next()
	}
	if r.err != nil {
		return r.err
	}
	start := uint64(off) + uint64(r.pos)
	// Reject counts the rest of the file cannot hold before allocating.
	nf := uint64(counts[0]) + uint64(counts[1])
	nm := uint64(counts[2]) + uint64(counts[3])
	if need := nf*minEncodedField + nm*minEncodedMethod; need > uint64(f.size)-start {
		return formatErr(ErrTruncated, int64(off), "invalid class_data", fmt.Sprintf("%d fields and %d methods cannot fit in %d remaining bytes", nf, nm, uint64(f.size)-start))
	}
	body, err := f.prefixAt(start, nf*maxEncodedField+nm*maxEncodedMethod)
	if err != nil && nf+nm > 0 {
		return err
	}
	r = &ulebReader{b: body, base: int64(start), what: "class_data"}

	fields := func(out []EncodedField, n uint32) []EncodedField {
		if n == 0 {
			return out
		}
		out = slices.Grow(out, int(n))[:n]
		var idx uint64
		for i := range out {
			idx += uint64(r.next())
			out[i] = EncodedField{Field: uint32(idx), AccessFlags: r.next()}
			if r.err == nil && idx >= uint64(f.fields.n) {
				r.err = formatErr(ErrOutOfRange, r.base+int64(r.pos), "class_data field index out of range", fmt.Sprintf("index %d, field_ids size %d", idx, f.fields.n))
			}
			if r.err != nil {
				return nil
			}
		}
		return out
	}
	methods := func(out []EncodedMethod, n uint32) []EncodedMethod {
		if n == 0 {
			return out
		}
		out = slices.Grow(out, int(n))[:n]
		var idx uint64
		for i := range out {
			idx += uint64(r.next())
			out[i] = EncodedMethod{Method: uint32(idx), AccessFlags: r.next(), CodeOff: r.next()}
			if r.err == nil && idx >= uint64(f.methods.n) {
				r.err = formatErr(ErrOutOfRange, r.base+int64(r.pos), "class_data method index out of range", fmt.Sprintf("index %d, method_ids size %d", idx, f.methods.n))
			}
			if r.err != nil {
				return nil
			}
		}
		return out
	}
	cd.StaticFields = fields(cd.StaticFields, counts[0])
	cd.InstanceFields = fields(cd.InstanceFields, counts[1])
	cd.DirectMethods = methods(cd.DirectMethods, counts[2])
	cd.VirtualMethods = methods(cd.VirtualMethods, counts[3])
	return r.err
}

// Code is a method body (code_item).
type Code struct {
	Off          uint32 // file offset of the code_item
	Registers    uint16
	Ins          uint16 // words of incoming arguments
	Outs         uint16 // words of outgoing argument space for invocations
	TriesSize    uint16
	DebugInfoOff uint32
	// Insns is the bytecode (see Instructions). On a little-endian machine
	// it shares the file's memory, like every accessor of OpenBytes: it
	// must not be modified.
	Insns []uint16
	Tries []Try
	// insnsShared says Insns is the file's memory, which CodeInto must not
	// reuse as its own.
	insnsShared bool
}

// Try is a try_item: a range of code units covered by exception handlers.
type Try struct {
	StartAddr  uint32 // in code units from the start of Insns
	InsnCount  uint16
	HandlerOff uint16 // byte offset into the encoded_catch_handler_list
}

// Code decodes the code_item at off, as found in EncodedMethod.CodeOff.
func (f *File) Code(off uint32) (*Code, error) {
	c := new(Code)
	if err := f.CodeInto(off, c); err != nil {
		return nil, err
	}
	return c, nil
}

// CodeInto is Code that reuses c's slices, for scans that visit every
// method and would otherwise allocate per method.
func (f *File) CodeInto(off uint32, c *Code) error {
	if off == 0 {
		return formatErr(nil, 0, "no code item", nil)
	}
	if off&3 != 0 {
		return formatErr(nil, int64(off), "misaligned code_item", nil)
	}
	h, err := f.bytesAt(uint64(off), 16)
	if err != nil {
		return err
	}
	insns, tries := c.Insns[:0], c.Tries[:0]
	if c.insnsShared {
		insns = nil
	}
	*c = Code{
		Off:          off,
		Registers:    le16(h[0:]),
		Ins:          le16(h[2:]),
		Outs:         le16(h[4:]),
		TriesSize:    le16(h[6:]),
		DebugInfoOff: le32(h[8:]),
	}
	n := uint64(le32(h[12:]))
	start := uint64(off) + 16
	if rem := uint64(f.size) - start; n*2 > rem {
		return formatErr(ErrTruncated, int64(off), "invalid code_item", fmt.Sprintf("insns_size %d past end of file (size %d)", n, f.size))
	}
	b, err := f.bytesAt(start, n*2)
	if err != nil {
		return err
	}
	if view, ok := codeUnits(b); ok {
		c.Insns, c.insnsShared = view, true
	} else {
		if uint64(cap(insns)) < n {
			insns = make([]uint16, n)
		}
		insns = insns[:n]
		for i := range insns {
			insns[i] = le16(b[2*i:])
		}
		c.Insns = insns
	}
	if c.TriesSize > 0 {
		toff := start + n*2
		if n&1 == 1 {
			toff += 2 // padding keeps try_items 4-aligned
		}
		tb, err := f.bytesAt(toff, uint64(c.TriesSize)*8)
		if err != nil {
			return formatErr(ErrTruncated, int64(off), "invalid code_item", fmt.Sprintf("%d try items past end of file (size %d)", c.TriesSize, f.size))
		}
		for i := 0; i < int(c.TriesSize); i++ {
			e := tb[8*i:]
			tries = append(tries, Try{StartAddr: le32(e), InsnCount: le16(e[4:]), HandlerOff: le16(e[6:])})
		}
	}
	c.Tries = tries
	return nil
}
