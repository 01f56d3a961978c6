package dex

import (
	"bytes"
	"slices"
	"testing"
	"unsafe"
)

// TestCodeUnits: the shared view of a code item's instructions holds the
// units a decoded copy holds, an odd address gets a copy instead, and
// walking every method with one reused Code leaves the file's bytes as
// they were.
func TestCodeUnits(t *testing.T) {
	data := dexEntries(t, "../../testdata/realapks/weibo-sdk-demo-3.1.4.apk")[0].data
	before := bytes.Clone(data)
	f, err := OpenBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	classes, err := f.Classes()
	if err != nil {
		t.Fatal(err)
	}
	var c Code
	var cd ClassData
	items := 0
	for _, cl := range classes {
		if cl.ClassDataOff == 0 {
			continue
		}
		if err := f.ClassDataInto(cl.ClassDataOff, &cd); err != nil {
			t.Fatal(err)
		}
		for _, m := range append(slices.Clone(cd.DirectMethods), cd.VirtualMethods...) {
			if m.CodeOff == 0 {
				continue
			}
			if err := f.CodeInto(m.CodeOff, &c); err != nil {
				t.Fatal(err)
			}
			raw := data[m.CodeOff+16 : m.CodeOff+16+2*uint32(len(c.Insns))]
			for i, u := range c.Insns {
				if want := le16(raw[2*i:]); u != want {
					t.Fatalf("code item %#x unit %d: %#04x, the file says %#04x", m.CodeOff, i, u, want)
				}
			}
			items++
		}
	}
	if items == 0 {
		t.Fatal("no code items")
	}
	if !bytes.Equal(data, before) {
		t.Error("reading code items changed the file's bytes")
	}
	if littleEndian {
		if _, ok := codeUnits(data[16:20]); !ok {
			t.Error("an aligned slice is not viewed on a little-endian machine")
		}
	}
	buf := make([]byte, 10)
	odd := buf[1:9]
	if uintptr(unsafe.Pointer(&buf[0]))&1 == 1 {
		odd = buf[:8] // the allocator packs small buffers at any address
	}
	if _, ok := codeUnits(odd); ok {
		t.Error("an odd address is viewed as 16-bit units")
	}
}
