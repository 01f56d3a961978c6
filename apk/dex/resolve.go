package dex

import "fmt"

// resolver decodes strings on behalf of one API call and bounds what that
// call may allocate. In a well-formed file string_data items are disjoint
// and every use of a string is backed by some table entry, so the decoded
// text is roughly proportional to the file. A hostile file can instead
// point thousands of ids at one long string, or at overlapping suffixes of
// it, and turn a few megabytes into gigabytes of decoded text; the budget
// turns that into an error.
type resolver struct {
	f    *File
	left int64 // bytes that may still be decoded or concatenated

	// Optional memos, indexed like their tables, for calls that resolve
	// many entries: each string is then decoded once and shared.
	strs   []string
	strOK  []bool
	types  []string
	typeOK []bool
	descs  []string
	descOK []bool
}

// budget is generous for real files (whose decoded strings total less than
// the file size) and still linear in the file size.
func (f *File) budget() int64 { return 2*int64(f.size) + 1<<20 }

func (f *File) newResolver() *resolver { return &resolver{f: f, left: f.budget()} }

func (r *resolver) memoStrings() *resolver {
	r.strs, r.strOK = make([]string, r.f.strings.n), make([]bool, r.f.strings.n)
	return r
}

func (r *resolver) memoTypes() *resolver {
	r.types, r.typeOK = make([]string, r.f.types.n), make([]bool, r.f.types.n)
	return r
}

func (r *resolver) memoProtos() *resolver {
	r.descs, r.descOK = make([]string, r.f.protos.n), make([]bool, r.f.protos.n)
	return r
}

// spend charges n bytes, failing once the budget is exhausted. off is the
// structure being resolved, for the error.
func (r *resolver) spend(n int, off int64) error {
	r.left -= int64(n)
	if r.left < 0 {
		return formatErr(nil, off, "decoded strings exceed limit", fmt.Sprintf("more than %d bytes from a %d-byte file; string data is shared or overlapping", r.f.budget(), r.f.size))
	}
	return nil
}

func (r *resolver) str(i uint32) (string, error) {
	if r.strs != nil && i < uint32(len(r.strs)) && r.strOK[i] {
		return r.strs[i], nil
	}
	e, err := r.f.entry(&r.f.strings, i)
	if err != nil {
		return "", err
	}
	off := le32(e)
	s, err := r.f.stringAt(off)
	if err != nil {
		return "", err
	}
	if err := r.spend(len(s), int64(off)); err != nil {
		return "", err
	}
	if r.strs != nil {
		r.strs[i], r.strOK[i] = s, true
	}
	return s, nil
}

func (r *resolver) typ(i uint32) (string, error) {
	if r.types != nil && i < uint32(len(r.types)) && r.typeOK[i] {
		return r.types[i], nil
	}
	e, err := r.f.entry(&r.f.types, i)
	if err != nil {
		return "", err
	}
	s, err := r.str(le32(e))
	if err != nil {
		return "", err
	}
	if r.types != nil {
		r.types[i], r.typeOK[i] = s, true
	}
	return s, nil
}

func (r *resolver) proto(i uint32) (Proto, error) {
	e, err := r.f.entry(&r.f.protos, i)
	if err != nil {
		return Proto{}, err
	}
	var p Proto
	if p.Shorty, err = r.str(le32(e[0:])); err != nil {
		return Proto{}, err
	}
	if p.ReturnType, err = r.typ(le32(e[4:])); err != nil {
		return Proto{}, err
	}
	params, err := r.f.typeList(le32(e[8:]))
	if err != nil {
		return Proto{}, err
	}
	if len(params) > 0 {
		p.Params = make([]string, len(params))
		for j, t := range params {
			if p.Params[j], err = r.typ(uint32(t)); err != nil {
				return Proto{}, err
			}
			// Charged per use, memo or not, so that Descriptor's
			// concatenation is bounded too.
			if err := r.spend(len(p.Params[j]), itemOff(&r.f.protos, i)); err != nil {
				return Proto{}, err
			}
		}
	}
	return p, nil
}

func (r *resolver) protoDesc(i uint32) (string, error) {
	if r.descs != nil && i < uint32(len(r.descs)) && r.descOK[i] {
		return r.descs[i], nil
	}
	p, err := r.proto(i)
	if err != nil {
		return "", err
	}
	d := p.Descriptor()
	if r.descs != nil {
		r.descs[i], r.descOK[i] = d, true
	}
	return d, nil
}

func (r *resolver) method(i uint32) (MethodRef, error) {
	e, err := r.f.entry(&r.f.methods, i)
	if err != nil {
		return MethodRef{}, err
	}
	var m MethodRef
	if m.Class, err = r.typ(uint32(le16(e[0:]))); err != nil {
		return MethodRef{}, err
	}
	if m.Descriptor, err = r.protoDesc(uint32(le16(e[2:]))); err != nil {
		return MethodRef{}, err
	}
	if m.Name, err = r.str(le32(e[4:])); err != nil {
		return MethodRef{}, err
	}
	return m, nil
}

func (r *resolver) field(i uint32) (FieldRef, error) {
	e, err := r.f.entry(&r.f.fields, i)
	if err != nil {
		return FieldRef{}, err
	}
	var fr FieldRef
	if fr.Class, err = r.typ(uint32(le16(e[0:]))); err != nil {
		return FieldRef{}, err
	}
	if fr.Type, err = r.typ(uint32(le16(e[2:]))); err != nil {
		return FieldRef{}, err
	}
	if fr.Name, err = r.str(le32(e[4:])); err != nil {
		return FieldRef{}, err
	}
	return fr, nil
}

func (r *resolver) class(i uint32) (Class, error) {
	e, err := r.f.entry(&r.f.classes, i)
	if err != nil {
		return Class{}, err
	}
	c := Class{
		Index:           i,
		TypeIdx:         le32(e[0:]),
		AccessFlags:     le32(e[4:]),
		SuperclassIdx:   le32(e[8:]),
		InterfacesOff:   le32(e[12:]),
		SourceFileIdx:   le32(e[16:]),
		AnnotationsOff:  le32(e[20:]),
		ClassDataOff:    le32(e[24:]),
		StaticValuesOff: le32(e[28:]),
	}
	if c.Descriptor, err = r.typ(c.TypeIdx); err != nil {
		return Class{}, err
	}
	if c.SuperclassIdx != NoIndex {
		if c.Superclass, err = r.typ(c.SuperclassIdx); err != nil {
			return Class{}, err
		}
	}
	return c, nil
}
