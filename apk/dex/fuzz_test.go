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
	})
}
