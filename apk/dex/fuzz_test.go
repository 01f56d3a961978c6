package dex

import (
	"bytes"
	"fmt"
	"testing"
)

// FuzzOpen opens arbitrary bytes and walks every accessor. Besides not
// panicking or hanging, the copying io.ReaderAt path must see exactly what
// the slicing in-memory path sees.
func FuzzOpen(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		fb, errb := OpenBytes(data)
		fr, errr := Open(readerOnly{bytes.NewReader(data)}, int64(len(data)))
		if fmt.Sprint(errb) != fmt.Sprint(errr) {
			t.Fatalf("OpenBytes: %v; Open: %v", errb, errr)
		}
		if errb != nil {
			mustFormatError(t, errb)
			return
		}
		sb, errb := walk(fb)
		sr, errr := walk(fr)
		if fmt.Sprint(errb) != fmt.Sprint(errr) {
			t.Fatalf("walk bytes: %v; walk ReaderAt: %v", errb, errr)
		}
		if fmt.Sprint(sb) != fmt.Sprint(sr) {
			t.Fatalf("walk bytes %+v; walk ReaderAt %+v", sb, sr)
		}
		// Read as it arrives: with every byte in, what OpenBytes reads;
		// with half of them, an error or a result, never a panic.
		all := &fedUpTo{n: uint64(len(data))}
		fa, erra := OpenArriving(data, all.arrived)
		if erra == nil {
			erra = fa.Complete()
		}
		if erra != nil {
			t.Fatalf("OpenBytes accepted what OpenArriving and Complete refuse: %v", erra)
		}
		sa, erra := walk(fa)
		if fmt.Sprint(errb) != fmt.Sprint(erra) || fmt.Sprint(sb) != fmt.Sprint(sa) {
			t.Fatalf("walk bytes %+v (%v); walk arriving %+v (%v)", sb, errb, sa, erra)
		}
		half := &fedUpTo{n: uint64(len(data) / 2)}
		if fh, err := OpenArriving(data, half.arrived); err == nil {
			walk(fh)
		}
	})
}

// FuzzInstructions feeds arbitrary code units to the instruction decoder the
// sensitive-API scan runs over every method: it may stop with an error, but
// never panic, loop, or yield an instruction past the end.
func FuzzInstructions(f *testing.F) {
	f.Add([]byte{0x1a, 0x00, 0x05, 0x00, 0x6e, 0x10, 0x07, 0x00, 0x01, 0x00, 0x0e, 0x00})       // const-string, invoke-virtual, return-void
	f.Add([]byte{0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02}) // packed-switch payload
	f.Add([]byte{0x00, 0x03, 0x02, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04})       // fill-array-data payload
	f.Fuzz(func(t *testing.T, data []byte) {
		insns := make([]uint16, len(data)/2)
		for i := range insns {
			insns[i] = uint16(data[2*i]) | uint16(data[2*i+1])<<8
		}
		n := 0
		for in, err := range Instructions(insns) {
			if err != nil {
				break
			}
			if in.Off < 0 || in.Off+in.Size() > len(insns) || in.Size() == 0 {
				t.Fatalf("instruction at %d of size %d outside %d units", in.Off, in.Size(), len(insns))
			}
			in.MethodIndex()
			in.StringIndex()
			in.FieldIndex()
			if n++; n > len(insns) {
				t.Fatal("more instructions than code units")
			}
		}
		if want, got := refsByInstructions(insns), refsByNextRef(insns); want != got {
			t.Fatalf("NextRef gives %s, Instructions %s", got, want)
		}
	})
}
