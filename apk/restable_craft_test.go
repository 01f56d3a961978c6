package apk

import (
	"encoding/binary"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
)

// Crafted resources.arsc tables, laid out as aapt writes them, with knobs
// for the layouts apkparser reads in its own way: the lazy reader must
// answer as apkparser does or decline.

// craftEntry is one entry of a type chunk: a simple value, or complex (a
// style) with no value; absent leaves the entry's offset at 0xFFFFFFFF.
type craftEntry struct {
	absent   bool
	complex  bool
	key      uint32
	dataType uint8
	data     uint32
}

type craftType struct {
	id      uint8
	entries []craftEntry
}

type craftPackage struct {
	id           uint32
	typeIDOffset uint32
	types        []string
	keys         []string
	// specs are the type ids given a spec chunk, before the type chunks.
	specs   []uint8
	configs []craftType
}

type craftTable struct {
	strings []string
	utf16   bool
	// offsets, when set, replace the global pool's string offsets.
	offsets  []uint32
	packages []craftPackage
}

func put16(b []byte, v uint16) []byte { return binary.LittleEndian.AppendUint16(b, v) }
func put32(b []byte, v uint32) []byte { return binary.LittleEndian.AppendUint32(b, v) }

// chunk is a chunk of type id with a header of hdrLen bytes (header holds
// what follows the first 8) and body after it.
func chunk(id uint16, hdrLen int, header, body []byte) []byte {
	b := put16(nil, id)
	b = put16(b, uint16(hdrLen))
	b = put32(b, uint32(hdrLen+len(body)))
	b = append(b, header...)
	for len(b) < hdrLen {
		b = append(b, 0)
	}
	return append(b, body...)
}

// craftPool encodes a string pool; offsets, when not nil, replace the
// real ones.
func craftPool(strs []string, utf16Pool bool, offsets []uint32) []byte {
	var data []byte
	var offs []uint32
	for _, s := range strs {
		offs = append(offs, uint32(len(data)))
		if utf16Pool {
			u := utf16.Encode([]rune(s))
			if len(u) > 0x7fff {
				data = put16(data, uint16(len(u)>>16)|0x8000)
			}
			data = put16(data, uint16(len(u)))
			for _, c := range u {
				data = put16(data, c)
			}
			data = put16(data, 0)
			continue
		}
		n := len([]rune(s))
		if n > 0x7f {
			data = append(data, byte(n>>8)|0x80)
		}
		data = append(data, byte(n))
		if len(s) > 0x7f {
			data = append(data, byte(len(s)>>8)|0x80)
		}
		data = append(data, byte(len(s)))
		data = append(data, s...)
		data = append(data, 0)
	}
	for len(data)%4 != 0 {
		data = append(data, 0)
	}
	if offsets != nil {
		offs = offsets
	}
	var flags uint32
	if !utf16Pool {
		flags = 0x100
	}
	h := put32(nil, uint32(len(offs)))
	h = put32(h, 0)
	h = put32(h, flags)
	h = put32(h, uint32(28+4*len(offs)))
	h = put32(h, 0)
	var body []byte
	for _, o := range offs {
		body = put32(body, o)
	}
	return chunk(chunkStringPool, 28, h, append(body, data...))
}

func (p craftPackage) bytes() []byte {
	const hdrLen = 288
	typePool := craftPool(p.types, false, nil)
	keyPool := craftPool(p.keys, false, nil)
	h := put32(nil, p.id)
	h = append(h, make([]byte, 256)...)
	h = put32(h, hdrLen)
	h = put32(h, 0)
	h = put32(h, uint32(hdrLen+len(typePool)))
	h = put32(h, 0)
	h = put32(h, p.typeIDOffset)
	body := append(append([]byte{}, typePool...), keyPool...)
	for _, id := range p.specs {
		n := 0
		for _, c := range p.configs {
			if c.id == id {
				n = max(n, len(c.entries))
			}
		}
		sh := []byte{id, 0, 0, 0}
		sh = put32(sh, uint32(n))
		body = append(body, chunk(chunkTypeSpec, 16, sh, make([]byte, 4*n))...)
	}
	for _, c := range p.configs {
		const typeHdr = 8 + 12 + 64
		var index, entries []byte
		for _, e := range c.entries {
			if e.absent {
				index = put32(index, 0xFFFFFFFF)
				continue
			}
			index = put32(index, uint32(len(entries)))
			if e.complex {
				entries = put16(entries, 16)
				entries = put16(entries, 1)
				entries = put32(entries, e.key)
				entries = put32(entries, 0) // parent
				entries = put32(entries, 0) // no map entries
				continue
			}
			entries = put16(entries, 8)
			entries = put16(entries, 0)
			entries = put32(entries, e.key)
			entries = put16(entries, 8)
			entries = append(entries, 0, e.dataType)
			entries = put32(entries, e.data)
		}
		th := []byte{c.id, 0, 0, 0}
		th = put32(th, uint32(len(c.entries)))
		th = put32(th, uint32(typeHdr+len(index)))
		th = put32(th, 64) // the configuration's size; the rest zero: default
		body = append(body, chunk(chunkType, typeHdr, th, append(index, entries...))...)
	}
	return chunk(chunkPackage, hdrLen, h, body)
}

func (t craftTable) bytes() []byte {
	body := craftPool(t.strings, t.utf16, t.offsets)
	for _, p := range t.packages {
		body = append(body, p.bytes()...)
	}
	return chunk(0x0002, 12, put32(nil, uint32(len(t.packages))), body)
}

// plainCraft is a table as aapt writes it: one package, strings, booleans,
// integers, colours, a reference, a style, an absent entry and a second
// configuration.
func plainCraft(utf16Pool bool) craftTable {
	return craftTable{
		strings: []string{"Demo", "", "com.example.KEY", "生活助手", "@7f020000", "tab\x00nul"},
		utf16:   utf16Pool,
		packages: []craftPackage{{
			id:    0x7f,
			types: []string{"attr", "string", "bool", "style"},
			keys:  []string{"app_name", "empty", "key", "zh", "ref", "nul", "flag", "n", "c", "theme", "dim"},
			specs: []uint8{2, 3, 4},
			configs: []craftType{
				{id: 2, entries: append(eachString(6),
					craftEntry{key: 4, dataType: typeString, data: 99},
					craftEntry{key: 4, dataType: typeString, data: noIndex},
					craftEntry{absent: true},
					craftEntry{key: 4, dataType: typeReference, data: 0x7f020000},
				)},
				{id: 2, entries: []craftEntry{{key: 0, dataType: typeString, data: 3}}},
				{id: 3, entries: []craftEntry{
					{key: 6, dataType: typeIntBool, data: 0xffffffff},
					{key: 7, dataType: typeIntDec, data: 0xfffffffe},
					{key: 7, dataType: typeIntHex, data: 0x1f},
					{key: 8, dataType: typeARGB8, data: 0xff00ff00},
					{key: 8, dataType: typeRGB8, data: 0xabcdef},
					{key: 8, dataType: typeARGB4, data: 0xf0f0},
					{key: 8, dataType: typeRGB4, data: 0xabc},
					{key: 10, dataType: 0x05, data: 0x1001}, // a dimension: apkparser cannot print it
					{key: 10, dataType: typeNull, data: 0},
					{key: 99, dataType: typeIntDec, data: 1}, // key out of range
				}},
				{id: 4, entries: []craftEntry{{key: 9, complex: true}}},
			},
		}},
	}
}

// eachString is n entries, entry i the global string i under key i.
func eachString(n int) []craftEntry {
	var e []craftEntry
	for i := range uint32(n) {
		e = append(e, craftEntry{key: i, dataType: typeString, data: i})
	}
	return e
}

// TestLazyTableCrafted: tables in the layouts apkparser reads its own way.
// The plain ones must be read lazily; every one must answer as apkparser
// does (the lazy reader's answers, or apkparser's own when it declines),
// and fail with apkparser's error.
func TestLazyTableCrafted(t *testing.T) {
	long := strings.Repeat("长", 0x90) + strings.Repeat("x", 0x7f)
	cases := []struct {
		name string
		edit func(*craftTable)
		cut  int // bytes cut from the end
		lazy bool
	}{
		{name: "utf8", lazy: true},
		{name: "utf16", edit: func(c *craftTable) { *c = plainCraft(true) }, lazy: true},
		{name: "long strings", edit: func(c *craftTable) { c.strings[0] = long }, lazy: true},
		{name: "long utf16 strings", edit: func(c *craftTable) { *c = plainCraft(true); c.strings[0] = strings.Repeat("y", 0x8003) }, lazy: true},
		{name: "shared offsets", edit: func(c *craftTable) { c.offsets = []uint32{0, 0, 0, 8, 8} }, lazy: true},
		{name: "unsorted offsets", edit: func(c *craftTable) { c.offsets = []uint32{8, 0, 8, 0} }},
		{name: "overlapping strings", edit: func(c *craftTable) { c.offsets = []uint32{0, 2, 8} }},
		{name: "offset past the data", edit: func(c *craftTable) { c.offsets = []uint32{0, 4000} }},
		{name: "no strings", edit: func(c *craftTable) { c.strings = nil }, lazy: true},
		{name: "package id 0", edit: func(c *craftTable) { c.packages[0].id = 0 }, lazy: true},
		{name: "package id 256", edit: func(c *craftTable) { c.packages[0].id = 256 }},
		{name: "type id offset", edit: func(c *craftTable) { c.packages[0].typeIDOffset = 1 }, lazy: true},
		{name: "two packages of one id", edit: func(c *craftTable) {
			p := plainCraft(false).packages[0]
			p.configs = p.configs[2:]
			c.packages = append(c.packages, p)
		}, lazy: true},
		{name: "type without spec", edit: func(c *craftTable) { c.packages[0].specs = []uint8{2} }},
		{name: "cut table", cut: 9},
		{name: "cut header", cut: 10000},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := plainCraft(false)
			if tc.edit != nil {
				tc.edit(&c)
			}
			data := c.bytes()
			data = data[:max(0, len(data)-tc.cut)]
			lazy, ok := newLazyTable(data)
			parsed, perr := parseTable(data)
			if ok != tc.lazy {
				t.Errorf("read lazily: %v, want %v (apkparser: %v)", ok, tc.lazy, perr)
			}
			res, err := resourceTable(data)
			if fmt.Sprint(err) != fmt.Sprint(perr) {
				t.Fatalf("error %v, apkparser's %v", err, perr)
			}
			if perr != nil {
				return
			}
			if ok {
				sameAnswers(t, lazy, parsed, tableIDs(lazy, 64))
			}
			// The answers a manifest would get, whichever reader answers.
			for _, id := range []uint32{0x7f020000, 0x7f020003, 0x7f030000, 0x7f040000, 0x02020000} {
				g, gok := res.value(id)
				w, wok := parsedTable{parsed}.value(id)
				if g != w || gok != wok {
					t.Errorf("@%x: %q (%v), apkparser %q (%v)", id, g, gok, w, wok)
				}
			}
		})
	}
}
