package dex

import (
	"encoding/binary"
	"errors"
	"reflect"
	"testing"
)

var errNotYet = errors.New("not yet inflated")

// fedUpTo is an arrived function for a file whose first n bytes are in:
// asking for more fails, and the furthest ask is kept.
type fedUpTo struct {
	n, furthest uint64
}

func (f *fedUpTo) arrived(end uint64) error {
	f.furthest = max(f.furthest, end)
	if end > f.n {
		return errNotYet
	}
	return nil
}

// stringsEnd is where the reads of the last string_data item end: past it,
// a dex file holds class data, code, debug info and annotations, in an
// order that varies with the tool that wrote it. A string is read 64 bytes
// first, then in doubling lengths up to its terminator.
func stringsEnd(t *testing.T, b []byte) uint64 {
	t.Helper()
	size := uint64(len(b))
	n, off := binary.LittleEndian.Uint32(b[0x38:]), binary.LittleEndian.Uint32(b[0x3c:])
	var end uint64
	for i := range n {
		s := uint64(binary.LittleEndian.Uint32(b[off+4*i:]))
		first := min(s+64, size)
		units, k := uleb128(b[s:first])
		end = max(end, first)
		body := s + uint64(k)
		if indexZero(b[body:first]) >= 0 {
			continue
		}
		for want, bound := uint64(128), 3*uint64(units)+1; ; want *= 2 {
			want = min(want, bound)
			end = max(end, min(body+want, size))
			if indexZero(b[body:min(body+want, size)]) >= 0 || want == bound {
				break
			}
		}
	}
	return max(end, uint64(binary.LittleEndian.Uint32(b[0x64:]))+32*uint64(binary.LittleEndian.Uint32(b[0x60:])))
}

// TestOpenArrivingReadsTablesFirst: on every real dex file, the class list
// and the names of every method and field are read from the bytes up to the
// end of the strings, before the class data and code have arrived, and they
// equal what OpenBytes reads from the whole file. Reading a class's data
// asks for bytes not yet in.
func TestOpenArrivingReadsTablesFirst(t *testing.T) {
	for _, apk := range realAPKs(t) {
		for _, e := range dexEntries(t, apk) {
			whole, err := OpenBytes(e.data)
			if err != nil {
				t.Fatal(err)
			}
			fed := &fedUpTo{n: stringsEnd(t, e.data)}
			f, err := OpenArriving(e.data, fed.arrived)
			if err != nil {
				t.Fatalf("%s: %v", e.name, err)
			}
			for _, read := range []struct {
				name string
				get  func(f *File) (any, error)
			}{
				{"ClassDescriptors", func(f *File) (any, error) { return f.ClassDescriptors() }},
				{"MethodNames", func(f *File) (any, error) { return f.MethodNames() }},
				{"FieldNames", func(f *File) (any, error) { return f.FieldNames() }},
			} {
				got, err := read.get(f)
				if err != nil {
					t.Fatalf("%s: %s with %d of %d bytes in: %v", e.name, read.name, fed.n, len(e.data), err)
				}
				want, _ := read.get(whole)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s: %s differs from the whole file's", e.name, read.name)
				}
			}
			if fed.furthest > fed.n {
				t.Errorf("%s: asked for %d bytes, only %d in", e.name, fed.furthest, fed.n)
			}
			t.Logf("%s: tables and names read from the first %d%% of the file", e.name, 100*fed.n/uint64(len(e.data)))

			classes, err := whole.Classes()
			if err != nil {
				t.Fatal(err)
			}
			last := classes[len(classes)-1]
			for _, c := range classes {
				if c.ClassDataOff > last.ClassDataOff {
					last = c
				}
			}
			if last.ClassDataOff > uint32(fed.n) {
				if _, err := f.ClassData(last); !errors.Is(err, errNotYet) {
					t.Errorf("%s: class data at %#x read with %d bytes in: %v", e.name, last.ClassDataOff, fed.n, err)
				}
			}
			fed.n = uint64(len(e.data))
			if err := f.Complete(); err != nil {
				t.Errorf("%s: Complete: %v", e.name, err)
			}
		}
	}
}

// TestCompleteChecksTheMap: the map list, skipped while the file arrives,
// is checked by Complete with the error OpenBytes gives.
func TestCompleteChecksTheMap(t *testing.T) {
	b := readTestdata(t, "sample035.dex")
	binary.LittleEndian.PutUint32(b[0x34:], uint32(len(b))-2) // map_off
	_, want := OpenBytes(b)
	if want == nil {
		t.Fatal("OpenBytes accepted a map past the end")
	}
	fed := &fedUpTo{n: uint64(len(b))}
	f, err := OpenArriving(b, fed.arrived)
	if err != nil {
		t.Fatalf("OpenArriving: %v", err)
	}
	if err := f.Complete(); err == nil || err.Error() != want.Error() {
		t.Errorf("Complete: %v, want %v", err, want)
	}
	good := readTestdata(t, "sample035.dex")
	if f, err := OpenBytes(good); err != nil || f.Complete() != nil {
		t.Errorf("a whole file: %v", err)
	}
}
