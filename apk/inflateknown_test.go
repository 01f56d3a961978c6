package apk

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"testing"
)

// TestInflateKnownAsArchiveZip: an entry inflated whole by package inflate
// gives what the stream through archive/zip gives, bytes and error alike,
// for good entries and for each check archive/zip makes: the declared
// size, the CRC-32 with and without a data descriptor, the descriptor's
// own CRC-32, and damaged compressed bytes.
func TestInflateKnownAsArchiveZip(t *testing.T) {
	data, err := os.ReadFile("../testdata/realapks/jbox.apk")
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var dexHeader zip.FileHeader
	var packed []byte
	for _, f := range zr.File {
		if f.Name == "classes.dex" {
			dexHeader = f.FileHeader
			raw, _ := f.OpenRaw()
			packed, _ = io.ReadAll(raw)
		}
	}
	if packed == nil {
		t.Fatal("jbox has no classes.dex")
	}
	type damage struct {
		name       string
		descriptor bool
		header     func(*zip.FileHeader)
		bytes      func(zip []byte, dataOffset, packedLen int64)
	}
	damages := []damage{
		{name: "good"},
		{name: "good, descriptor", descriptor: true},
		{name: "wrong CRC", header: func(h *zip.FileHeader) { h.CRC32++ }},
		{name: "no CRC", header: func(h *zip.FileHeader) { h.CRC32 = 0 }},
		{name: "wrong CRC, descriptor", descriptor: true, header: func(h *zip.FileHeader) { h.CRC32++ }},
		{name: "descriptor's CRC wrong", descriptor: true, bytes: func(z []byte, off, n int64) { z[off+n+4]++ }},
		{name: "descriptor without its signature", descriptor: true, bytes: func(z []byte, off, n int64) {
			copy(z[off+n:], z[off+n+4:off+n+16])
		}},
		{name: "a byte larger", header: func(h *zip.FileHeader) { h.UncompressedSize64++ }},
		{name: "a byte smaller", header: func(h *zip.FileHeader) { h.UncompressedSize64-- }},
		{name: "damaged at the start", bytes: func(z []byte, off, n int64) { z[off+3] ^= 0x40 }},
		{name: "damaged in the middle", bytes: func(z []byte, off, n int64) { z[off+n/2] ^= 0x10 }},
		{name: "damaged near the end", bytes: func(z []byte, off, n int64) { z[off+n-40] ^= 0x01 }},
	}
	for _, d := range damages {
		h := dexHeader
		h.Flags &^= flagDataDescriptor
		if d.descriptor {
			h.Flags |= flagDataDescriptor
		}
		if d.header != nil {
			d.header(&h)
		}
		var b bytes.Buffer
		w := zip.NewWriter(&b)
		fw, err := w.CreateRaw(&h)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(packed)
		w.Close()
		z := b.Bytes()
		if d.bytes != nil {
			zr, _ := zip.NewReader(bytes.NewReader(z), int64(len(z)))
			off, _ := zr.File[0].DataOffset()
			if sig := binary.LittleEndian.Uint32(z[off+int64(len(packed)):]); d.descriptor && sig != dataDescriptorSignature {
				t.Fatalf("%s: no descriptor where expected", d.name)
			}
			d.bytes(z, off, int64(len(packed)))
		}
		for _, arriving := range []bool{false, true} {
			known := inflateWith(t, z, true, arriving)
			stream := inflateWith(t, z, false, arriving)
			if known != stream {
				t.Errorf("%s (arriving %v): whole %s; stream %s", d.name, arriving, known, stream)
			}
		}
	}
}

// inflateWith inflates the archive's one entry with inflateKnown allowed
// or not, and sums up what came out.
func inflateWith(t *testing.T, z []byte, known, arriving bool) string {
	t.Helper()
	defer func(was bool) { inflateKnownSizes = was }(inflateKnownSizes)
	inflateKnownSizes = known
	a, err := openArchive(bytes.NewReader(z), int64(len(z)), Limits{}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	f := a.zr.File[0]
	buf := entryBuffer{outside: true}
	defer buf.free()
	if err := a.reserveFor(f, &buf); err != nil {
		return "reserve: " + err.Error()
	}
	var arrived *arrival
	if arriving {
		arrived = newArrival()
	}
	n, err := a.inflateInto(f, &buf, arrived)
	if arrived != nil {
		arrived.end()
	}
	return fmt.Sprintf("%d bytes, CRC %08x, error %v", n, crc32.ChecksumIEEE(buf.data[:n]), err)
}
