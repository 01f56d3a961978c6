package apk

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"

	"github.com/avast/apkparser"
	"github.com/shogo82148/androidbinary"
)

// chinaLocale is the configuration of a phone sold in mainland China: Android
// takes a string from values-zh-rCN, else values-zh, else the default.
var chinaLocale = &androidbinary.ResTableConfig{Language: [2]uint8{'z', 'h'}, Country: [2]uint8{'C', 'N'}}

// chineseLabel is the app's name as a zh-CN phone shows it under its icon,
// when that differs from the default label; "" otherwise or when it cannot
// be resolved (the default label is then what users see).
func chineseLabel(a *archive, defaultLabel string) string {
	mf, rf := a.file("AndroidManifest.xml"), a.file("resources.arsc")
	if mf == nil || rf == nil {
		return ""
	}
	// The manifest's bytes go back to the budget before the table's are
	// asked for: waiting for budget while holding some could wait forever.
	manifest, release, err := a.read(mf)
	if err != nil {
		return ""
	}
	raw, err := rawLabel(manifest)
	release()
	if err != nil {
		return ""
	}
	var releaseTable func()
	defer func() {
		if releaseTable != nil {
			releaseTable()
		}
	}()
	id, _ := refID(raw) // the table is read only for a reference
	table := func() ([]byte, error) {
		data, release, err := a.read(rf)
		releaseTable = release
		if err == nil && !hasLanguage(data, id, chinaLocale.Language) {
			// No Chinese string of the label's type: a zh-CN phone shows
			// the default label, and androidbinary need not parse the
			// whole table to say so.
			return nil, errNoVariant
		}
		return data, err
	}
	label, err := resolveLabel(raw, table, chinaLocale)
	if err != nil || label == defaultLabel {
		return ""
	}
	return label
}

// localizedLabel resolves <application android:label> for one locale with the
// resource table's locale configurations (apkparser only knows the default).
// The table, often megabytes, is read only when the label is a reference.
func localizedLabel(manifest []byte, resources func() ([]byte, error), locale *androidbinary.ResTableConfig) (label string, err error) {
	defer func() {
		if p := recover(); p != nil {
			label, err = "", fmt.Errorf("malformed manifest or resource table: %v", p)
		}
	}()
	raw, err := rawLabel(manifest)
	if err != nil {
		return "", err
	}
	return resolveLabel(raw, resources, locale)
}

// resolveLabel is the label as written in the manifest, looked up in the
// resource table for locale when it is a reference.
func resolveLabel(raw string, resources func() ([]byte, error), locale *androidbinary.ResTableConfig) (label string, err error) {
	defer func() {
		if p := recover(); p != nil {
			label, err = "", fmt.Errorf("malformed resource table: %v", p)
		}
	}()
	// apkparser without a table prints a reference as @7f0b0001.
	id, ok := refID(raw)
	if !ok {
		return raw, nil
	}
	data, err := resources()
	if err != nil {
		return "", err
	}
	if err := checkTable(data); err != nil {
		return "", fmt.Errorf("resources.arsc: %w", err)
	}
	table, err := androidbinary.NewTableFile(bytes.NewReader(data))
	if err != nil {
		return "", err
	}
	v, err := table.GetResource(androidbinary.ResID(id), locale)
	if err != nil {
		return "", err
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("label @%x is a %T, not a string", id, v)
	}
	return s, nil
}

// errNoVariant: the table holds no string of the label's type for the
// locale's language.
var errNoVariant = errors.New("no string for the locale")

// hasLanguage reports whether resources.arsc has a type chunk of the type of
// resource id (0x7f0b0001: type 0x0b, entry 1) whose configuration is for
// language and which holds a value for the entry. It walks the chunks as
// checkTable does; a table it cannot walk is left for checkTable to refuse.
func hasLanguage(data []byte, id uint32, language [2]uint8) bool {
	typeID, entry := byte(id>>16), id&0xffff
	found := false
	err := walkChunks(data, 0, func(off int64, typ uint16, size int64) error {
		if typ != chunkPackage {
			return nil
		}
		return walkChunks(data, off, func(off int64, typ uint16, size int64) error {
			// A type chunk: its id at 8, its ResTable_config at 20, whose
			// language is at 8.
			if typ == chunkType && le16(data, off+2) >= 32 && data[off+8] == typeID && data[off+28] == language[0] && data[off+29] == language[1] &&
				typeHasEntry(data, off, size, entry) {
				found = true
			}
			return nil
		})
	})
	return found || err != nil
}

// typeHasEntry reports whether the type chunk at off holds a value for
// entry (true when it cannot tell): apps translated into Chinese often
// leave their name alone.
func typeHasEntry(data []byte, off, size int64, entry uint32) bool {
	const sparse, offset16 = 0x01, 0x02 // ResTable_type flags
	flags, count := data[off+9], int64(le32(data, off+12))
	at, end := off+int64(le16(data, off+2)), off+size
	switch {
	case flags&sparse != 0: // (index, offset/4) pairs of uint16
		if at+4*count > end {
			return true
		}
		for i := range count {
			if uint32(le16(data, at+4*i)) == entry {
				return true
			}
		}
		return false
	case int64(entry) >= count:
		return false
	case flags&offset16 != 0:
		p := at + 2*int64(entry)
		return p+2 > end || le16(data, p) != 0xffff
	default:
		p := at + 4*int64(entry)
		return p+4 > end || le32(data, p) != 0xffffffff
	}
}

// rawLabel is <application android:label> as written: a literal or an
// unresolved reference. apkparser reads the manifest (it survives malformed
// ones); androidbinary is used for the table only.
func rawLabel(manifest []byte) (string, error) {
	var e labelEncoder
	err := apkparser.ParseXml(bytes.NewReader(manifest), &e, nil)
	if !e.found && err != nil {
		return "", err
	}
	return e.label, nil
}

// errLabelFound ends the manifest's parse at <application>: the rest of a
// large manifest (hundreds of components) says nothing more about the label.
var errLabelFound = errors.New("label found")

type labelEncoder struct {
	depth int
	label string
	found bool
}

func (e *labelEncoder) Flush() error { return nil }

func (e *labelEncoder) EncodeToken(t xml.Token) error {
	switch t := t.(type) {
	case xml.StartElement:
		e.depth++
		if e.depth == 2 && t.Name.Local == "application" && !e.found {
			e.label, e.found = attr(t, "label"), true
			return errLabelFound
		}
	case xml.EndElement:
		e.depth--
	}
	return nil
}

// checkTable walks resources.arsc the way androidbinary does and refuses what
// would make it loop forever (a chunk of size 0) or allocate far more than
// the table's size (counts and string lengths past the end, strings that
// overlap to multiply): it trusts every header.
func checkTable(data []byte) error {
	n := int64(len(data))
	if n < 12 {
		return errors.New("shorter than its header")
	}
	budget := 4*n + 1<<20 // bytes of strings the table may decode to
	return walkChunks(data, 0, func(off int64, typ uint16, size int64) error {
		switch typ {
		case chunkStringPool:
			return checkPool(data, off, &budget)
		case chunkPackage:
			if off+284 > n {
				return errors.New("package header past the end")
			}
			for _, at := range []int64{268, 276} { // typeStrings, keyStrings
				if err := checkPool(data, off+int64(le32(data, off+at)), &budget); err != nil {
					return err
				}
			}
			return walkChunks(data, off, func(off int64, typ uint16, size int64) error {
				if typ != chunkType && typ != chunkTypeSpec {
					return nil
				}
				if off+16 > n || int64(le32(data, off+12))*4 > size {
					return errors.New("entry count past its chunk")
				}
				return nil
			})
		}
		return nil
	})
}

// walkChunks visits the chunks inside the chunk at off, from its header's
// end to its size, as androidbinary's loops do.
func walkChunks(data []byte, off int64, visit func(off int64, typ uint16, size int64) error) error {
	n := int64(len(data))
	if off+8 > n {
		return errors.New("chunk header past the end")
	}
	end := off + int64(le32(data, off+4))
	if end > n {
		return errors.New("chunk past the end")
	}
	for at := off + int64(le16(data, off+2)); at < end; {
		if at+8 > n {
			return errors.New("chunk header past the end")
		}
		size := int64(le32(data, at+4))
		if size < 8 || at+size > end {
			return fmt.Errorf("chunk at %d has size %d", at, size)
		}
		if err := visit(at, le16(data, at), size); err != nil {
			return err
		}
		at += size
	}
	return nil
}

// checkPool bounds a string pool's counts by the bytes left and charges each
// string's length to budget.
func checkPool(data []byte, off int64, budget *int64) error {
	n := int64(len(data))
	if off < 0 || off+28 > n {
		return errors.New("string pool header past the end")
	}
	count, styles := int64(le32(data, off+8)), int64(le32(data, off+12))
	utf8 := le32(data, off+16)&(1<<8) != 0
	stringStart := le32(data, off+20)
	if (count+styles)*4 > n-off-28 {
		return errors.New("string pool counts past the end")
	}
	for i := range count {
		pos := off + int64(stringStart+le32(data, off+28+4*i))
		length, err := stringBytes(data, pos, utf8)
		if err != nil {
			return err
		}
		if *budget -= length; *budget < 0 {
			return errors.New("string pool strings overlap far past its size")
		}
	}
	return nil
}

// stringBytes is the length of the string at pos, checked to end inside data.
func stringBytes(data []byte, pos int64, utf8 bool) (int64, error) {
	n := int64(len(data))
	length := func(unit int64) (int64, error) {
		if pos+2*unit > n {
			return 0, errors.New("string length past the end")
		}
		v, high := int64(data[pos]), int64(0x80)
		if unit == 2 {
			v, high = int64(le16(data, pos)), 0x8000
		}
		pos += unit
		if v&high != 0 {
			w := int64(data[pos])
			if unit == 2 {
				w = int64(le16(data, pos))
			}
			v = (v&(high-1))<<(8*unit) + w
			pos += unit
		}
		return v, nil
	}
	unit := int64(2)
	if utf8 {
		unit = 1
		if _, err := length(1); err != nil { // the UTF-16 length, skipped
			return 0, err
		}
	}
	v, err := length(unit)
	if err != nil {
		return 0, err
	}
	if pos+v*unit > n {
		return 0, errors.New("string past the end")
	}
	return v * unit, nil
}

func le16(b []byte, off int64) uint16 { return binary.LittleEndian.Uint16(b[off:]) }
func le32(b []byte, off int64) uint32 { return binary.LittleEndian.Uint32(b[off:]) }
