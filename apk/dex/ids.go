package dex

import (
	"fmt"
	"strings"
)

// MethodRef names a method as call sites do: by declaring class, name and
// descriptor. A reference does not imply that the method is defined in this
// file; most refer to the Android framework or other dex files.
type MethodRef struct {
	Class      string // type descriptor, e.g. "Landroid/location/LocationManager;"
	Name       string // e.g. "getLastKnownLocation"
	Descriptor string // e.g. "(Ljava/lang/String;)Landroid/location/Location;"
}

func (m MethodRef) String() string { return m.Class + "->" + m.Name + m.Descriptor }

// FieldRef names a field by declaring class, name and type descriptor.
type FieldRef struct {
	Class string
	Name  string
	Type  string
}

func (r FieldRef) String() string { return r.Class + "->" + r.Name + ":" + r.Type }

// Proto is a method prototype: what a descriptor says, split apart.
type Proto struct {
	Shorty     string   // e.g. "LL" (return type first, references as L)
	ReturnType string   // type descriptor
	Params     []string // type descriptors
}

// Descriptor joins the prototype into JVM method descriptor syntax, the
// form dexdump and smali print, e.g. "(ILjava/lang/String;)V".
func (p Proto) Descriptor() string {
	n := 2 + len(p.ReturnType)
	for _, s := range p.Params {
		n += len(s)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteByte('(')
	for _, s := range p.Params {
		b.WriteString(s)
	}
	b.WriteByte(')')
	b.WriteString(p.ReturnType)
	return b.String()
}

// Proto returns prototype i.
func (f *File) Proto(i uint32) (Proto, error) { return f.newResolver().proto(i) }

// typeList reads a type_list (u32 size, then u16 type indices); offset 0
// means an empty list.
func (f *File) typeList(off uint32) ([]uint16, error) {
	if off == 0 {
		return nil, nil
	}
	h, err := f.bytesAt(uint64(off), 4)
	if err != nil {
		return nil, err
	}
	n := le32(h)
	b, err := f.bytesAt(uint64(off)+4, uint64(n)*2)
	if err != nil {
		return nil, formatErr(ErrTruncated, int64(off), "invalid type_list", fmt.Sprintf("size %d past end of file (size %d)", n, f.size))
	}
	l := make([]uint16, n)
	for i := range l {
		l[i] = le16(b[2*i:])
	}
	return l, nil
}

// Field returns field reference i.
func (f *File) Field(i uint32) (FieldRef, error) { return f.newResolver().field(i) }

// Method returns method reference i. To resolve many, use MethodRefs.
func (f *File) Method(i uint32) (MethodRef, error) { return f.newResolver().method(i) }

// MethodRefs returns every method reference, indexed like method_ids, so
// that the method index of an invoke instruction can be resolved by slice
// lookup. Strings, types and descriptors are decoded once each and shared
// between entries, which is most of the saving over calling Method in a
// loop.
func (f *File) MethodRefs() ([]MethodRef, error) {
	r := f.newResolver().memoStrings().memoTypes().memoProtos()
	refs := make([]MethodRef, f.methods.n)
	for i := range refs {
		m, err := r.method(uint32(i))
		if err != nil {
			return nil, err
		}
		refs[i] = m
	}
	return refs, nil
}

// FieldRefs returns every field reference, indexed like field_ids.
func (f *File) FieldRefs() ([]FieldRef, error) {
	r := f.newResolver().memoStrings().memoTypes()
	refs := make([]FieldRef, f.fields.n)
	for i := range refs {
		fr, err := r.field(uint32(i))
		if err != nil {
			return nil, err
		}
		refs[i] = fr
	}
	return refs, nil
}

// MemberName is a method or field reference without its signature: what a
// scan that matches on class and name needs.
type MemberName struct {
	Class string // type descriptor, "Landroid/telephony/TelephonyManager;"
	Name  string
}

// MethodNames returns the class and name of every method reference, indexed
// like method_ids. It skips the prototypes that MethodRefs builds, and
// decodes each type and name once.
func (f *File) MethodNames() ([]MemberName, error) { return f.memberNames(&f.methods, nil) }

// MethodNamesOf is MethodNames that decodes the name only of methods whose
// class keep accepts (the others get an empty Name): a scan looking for a
// few classes' methods skips most of the string decoding.
func (f *File) MethodNamesOf(keep func(class string) bool) ([]MemberName, error) {
	return f.memberNames(&f.methods, keep)
}

// FieldNames is MethodNames for field_ids.
func (f *File) FieldNames() ([]MemberName, error) { return f.memberNames(&f.fields, nil) }

// FieldNamesOf is MethodNamesOf for field_ids.
func (f *File) FieldNamesOf(keep func(class string) bool) ([]MemberName, error) {
	return f.memberNames(&f.fields, keep)
}

// memberNames reads method_ids or field_ids, which share their layout where
// it matters: class_idx (u16) at 0 and name_idx (u32) at 4.
func (f *File) memberNames(t *table, keep func(string) bool) ([]MemberName, error) {
	r := f.newResolver().memoStrings().memoTypes()
	out := make([]MemberName, t.n)
	// The ids are sorted by class: keep is asked once per run of a class.
	prevType, kept := -1, false
	for i := range out {
		if f.stoppedAt(i) {
			return nil, ErrStopped
		}
		e, err := f.entry(t, uint32(i))
		if err != nil {
			return nil, err
		}
		ti := int(le16(e[0:]))
		if out[i].Class, err = r.typ(uint32(ti)); err != nil {
			return nil, err
		}
		if keep != nil {
			if ti != prevType {
				prevType, kept = ti, keep(out[i].Class)
			}
			if !kept {
				continue
			}
		}
		if out[i].Name, err = r.str(le32(e[4:])); err != nil {
			return nil, err
		}
	}
	return out, nil
}
