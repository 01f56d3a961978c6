package dex

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// requireDexdump returns the path of dexdump. Without it the cross-checks
// cannot run: that is a failure in CI and a skip on a developer machine.
func requireDexdump(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("dexdump")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("dexdump not on PATH (apt-get install -y dexdump); required when CI is set")
		}
		t.Skip("dexdump not on PATH (apt-get install -y dexdump)")
	}
	return p
}

func runDexdump(t *testing.T, dexdump string, data []byte, flags ...string) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "classes.dex")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(dexdump, append(flags, path)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("dexdump %v: %v\n%s", flags, err, stderr.Bytes())
	}
	return out
}

var (
	headerLine     = regexp.MustCompile(`^(\w+_size)\s+:\s+(\d+)$`)
	descriptorLine = regexp.MustCompile(`^\s+Class descriptor\s+:\s+'(.*)'$`)
)

// TestAgainstDexdump checks header counts and the set of class descriptors
// of every real dex against dexdump -f.
func TestAgainstDexdump(t *testing.T) {
	dexdump := requireDexdump(t)
	for _, apk := range realAPKs(t) {
		for _, e := range dexEntries(t, apk) {
			t.Run(e.name, func(t *testing.T) {
				out := runDexdump(t, dexdump, e.data, "-f")
				header := map[string]int{}
				var want []string
				sc := bufio.NewScanner(bytes.NewReader(out))
				sc.Buffer(nil, 1<<20)
				for sc.Scan() {
					line := sc.Text()
					if m := headerLine.FindStringSubmatch(line); m != nil {
						header[m[1]], _ = strconv.Atoi(m[2])
					} else if m := descriptorLine.FindStringSubmatch(line); m != nil {
						want = append(want, m[1])
					}
				}
				if err := sc.Err(); err != nil {
					t.Fatal(err)
				}

				f, err := OpenBytes(e.data)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range []struct {
					field string
					got   int
				}{
					{"string_ids_size", f.NumStrings()},
					{"type_ids_size", f.NumTypes()},
					{"proto_ids_size", f.NumProtos()},
					{"field_ids_size", f.NumFields()},
					{"method_ids_size", f.NumMethods()},
					{"class_defs_size", f.NumClasses()},
				} {
					w, ok := header[c.field]
					if !ok {
						t.Fatalf("dexdump -f printed no %s", c.field)
					}
					if c.got != w {
						t.Errorf("%s = %d, dexdump says %d", c.field, c.got, w)
					}
				}

				got, err := f.ClassDescriptors()
				if err != nil {
					t.Fatal(err)
				}
				if len(want) != header["class_defs_size"] {
					t.Fatalf("parsed %d descriptors from dexdump, header says %d", len(want), header["class_defs_size"])
				}
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					for i := range min(len(got), len(want)) {
						if got[i] != want[i] {
							t.Fatalf("class descriptors differ from dexdump at sorted position %d: %q vs %q", i, got[i], want[i])
						}
					}
					t.Fatalf("got %d class descriptors, dexdump %d", len(got), len(want))
				}
			})
		}
	}
}

var (
	insnLine   = regexp.MustCompile(`\|[0-9a-f]{4}: `)
	invokeLine = regexp.MustCompile(`\|[0-9a-f]{4}: invoke-[a-z/-]+ \{[^}]*\}, (\[*L[^;]+;|\[+[A-Z])\.([^:]+):(\(\S*) // method@([0-9a-f]+)$`)
	methodIdx  = regexp.MustCompile(`: invoke-.* // method@([0-9a-f]+)`)
	// String constants may contain newlines, so this one runs on the whole output.
	stringIdx = regexp.MustCompile(`\|[0-9a-f]{4}: const-string(?:/jumbo)? v\d+, "(?s:.*?)" // string@([0-9a-f]+)\n`)
)

// TestBytecodeAgainstDexdump walks all bytecode of two real dex files and
// compares instruction count, the sequence of invoked method indices and
// const-string indices, and the resolved method references with dexdump -d.
func TestBytecodeAgainstDexdump(t *testing.T) {
	dexdump := requireDexdump(t)
	for _, apk := range []string{"weibo-sdk-demo-3.1.4.apk", "amap-map-game.apk"} {
		e := dexEntries(t, filepath.Join("../../testdata/realapks", apk))[0]
		t.Run(e.name, func(t *testing.T) {
			out := runDexdump(t, dexdump, e.data, "-d")
			var insns int
			var invokes, strs []uint32
			type ref struct {
				idx uint32
				m   MethodRef
			}
			var refs []ref
			sc := bufio.NewScanner(bytes.NewReader(out))
			sc.Buffer(nil, 1<<20)
			for sc.Scan() {
				line := sc.Text()
				if !insnLine.MatchString(line) {
					continue
				}
				insns++
				if m := methodIdx.FindStringSubmatch(line); m != nil {
					i, _ := strconv.ParseUint(m[1], 16, 32)
					invokes = append(invokes, uint32(i))
				}
				if m := invokeLine.FindStringSubmatch(line); m != nil {
					i, _ := strconv.ParseUint(m[4], 16, 32)
					refs = append(refs, ref{uint32(i), MethodRef{m[1], m[2], m[3]}})
				}
			}
			for _, m := range stringIdx.FindAllSubmatch(out, -1) {
				i, _ := strconv.ParseUint(string(m[1]), 16, 32)
				strs = append(strs, uint32(i))
			}
			if len(refs) < 1000 || len(strs) < 100 {
				t.Fatalf("parsed only %d invokes and %d const-strings from dexdump -d; format changed?", len(refs), len(strs))
			}

			f, err := OpenBytes(e.data)
			if err != nil {
				t.Fatal(err)
			}
			st, err := walk(f)
			if err != nil {
				t.Fatal(err)
			}
			if st.insns != insns {
				t.Errorf("walked %d instructions, dexdump printed %d", st.insns, insns)
			}
			if !slices.Equal(st.invokeSeq, invokes) {
				t.Errorf("invoke method indices differ from dexdump (%d vs %d invokes)", len(st.invokeSeq), len(invokes))
			}
			if !slices.Equal(st.constStringSeq, strs) {
				t.Errorf("const-string indices differ from dexdump (%d vs %d)", len(st.constStringSeq), len(strs))
			}
			all, err := f.MethodRefs()
			if err != nil {
				t.Fatal(err)
			}
			distinct := map[uint32]bool{}
			for _, r := range refs {
				if got := all[r.idx]; got != r.m {
					t.Fatalf("method@%04x = %v, dexdump says %v", r.idx, got, r.m)
				}
				if one, err := f.Method(r.idx); err != nil || one != r.m {
					t.Fatalf("Method(%#x) = %v, %v; want %v", r.idx, one, err, r.m)
				}
				distinct[r.idx] = true
			}
			t.Logf("%d instructions, %d invokes of %d distinct methods match dexdump", insns, len(refs), len(distinct))
		})
	}
}

// TestReaderAtMatchesBytes checks that the io.ReaderAt path, which copies,
// sees the same file as the in-memory path, which slices.
func TestReaderAtMatchesBytes(t *testing.T) {
	data := dexEntries(t, "../../testdata/realapks/weibo-sdk-demo-3.1.4.apk")[0].data
	// Trailing bytes past file_size must be ignored.
	padded := append(slices.Clip(data), make([]byte, 100)...)
	fb, err := OpenBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	fr, err := Open(readerOnly{bytes.NewReader(padded)}, int64(len(padded)))
	if err != nil {
		t.Fatal(err)
	}
	if fr.Size() != int64(len(data)) {
		t.Errorf("Size = %d, want %d", fr.Size(), len(data))
	}
	sb, err := walk(fb)
	if err != nil {
		t.Fatal(err)
	}
	sr, err := walk(fr)
	if err != nil {
		t.Fatal(err)
	}
	if sb.insns != sr.insns || !slices.Equal(sb.invokeSeq, sr.invokeSeq) || sb.classes != sr.classes {
		t.Errorf("ReaderAt walk %+v differs from bytes walk %+v", sr.insns, sb.insns)
	}
	for i := 0; i < fb.NumStrings(); i++ {
		a, _ := fb.String(uint32(i))
		b, _ := fr.String(uint32(i))
		if a != b {
			t.Fatalf("string %d: %q vs %q", i, a, b)
		}
	}
	mb, _ := fb.MethodRefs()
	mr, _ := fr.MethodRefs()
	if !slices.Equal(mb, mr) {
		t.Error("MethodRefs differ between ReaderAt and bytes")
	}
}

// readerOnly hides any concrete type behind io.ReaderAt.
type readerOnly struct{ r io.ReaderAt }

func (r readerOnly) ReadAt(p []byte, off int64) (int, error) { return r.r.ReadAt(p, off) }

// TestSample checks decoded values on small files assembled with smali from
// testdata/smali, where every expected value is known from the source.
func TestSample(t *testing.T) {
	for _, tc := range []struct {
		file    string
		version string
		classes []string
	}{
		{"sample035.dex", "035", []string{"Lorg/example/Iface;", "Lorg/example/Sample;"}},
		{"sample039.dex", "039", []string{"Lorg/example/Iface;", "Lorg/example/Poly;", "Lorg/example/Sample;"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f, err := OpenBytes(readTestdata(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if f.Version() != tc.version {
				t.Errorf("Version = %q, want %q", f.Version(), tc.version)
			}
			ds, err := f.ClassDescriptors()
			if err != nil || !slices.Equal(ds, tc.classes) {
				t.Fatalf("ClassDescriptors = %q, %v; want %q", ds, err, tc.classes)
			}
			cs, err := f.Classes()
			if err != nil {
				t.Fatal(err)
			}
			sample := cs[len(cs)-1]
			if sample.Superclass != "Ljava/lang/Object;" || sample.AccessFlags != AccPublic {
				t.Errorf("Sample class = %+v", sample)
			}
			if ifs, err := f.Interfaces(sample); err != nil || !slices.Equal(ifs, []string{"Ljava/lang/Runnable;"}) {
				t.Errorf("Interfaces = %q, %v", ifs, err)
			}
			if src, err := f.SourceFile(sample); err != nil || src != "Sample.java" {
				t.Errorf("SourceFile = %q, %v", src, err)
			}
			if cs[0].AccessFlags&AccInterface == 0 || cs[0].ClassDataOff == 0 {
				t.Errorf("Iface class = %+v", cs[0])
			}

			cd, err := f.ClassData(sample)
			if err != nil {
				t.Fatal(err)
			}
			if len(cd.StaticFields) != 1 || len(cd.InstanceFields) != 1 || len(cd.DirectMethods) != 2 || len(cd.VirtualMethods) != 2 {
				t.Fatalf("ClassData = %+v", cd)
			}
			if fr, err := f.Field(cd.StaticFields[0].Field); err != nil || fr.String() != "Lorg/example/Sample;->TAG:Ljava/lang/String;" {
				t.Errorf("static field = %v, %v", fr, err)
			}
			var native *EncodedMethod
			for i, m := range cd.DirectMethods {
				if m.AccessFlags&AccNative != 0 {
					native = &cd.DirectMethods[i]
				}
			}
			if native == nil || native.CodeOff != 0 {
				t.Errorf("native method: %+v", native)
			}
			run := cd.VirtualMethods[0]
			if m, err := f.Method(run.Method); err != nil || m.String() != "Lorg/example/Sample;->run()V" {
				t.Fatalf("virtual method = %v, %v", m, err)
			}
			code, err := f.Code(run.CodeOff)
			if err != nil {
				t.Fatal(err)
			}
			if code.Registers != 8 || code.Ins != 1 || code.Outs != 2 || code.TriesSize != 0 {
				t.Errorf("code header = %+v", code)
			}

			safe, err := f.Code(cd.VirtualMethods[1].CodeOff)
			if err != nil {
				t.Fatal(err)
			}
			if len(safe.Tries) != 1 || safe.Tries[0] != (Try{StartAddr: 0, InsnCount: 3, HandlerOff: 1}) {
				t.Errorf("safe() tries = %+v", safe.Tries)
			}

			var ops []Opcode
			var strs []string
			var calls []string
			for in, err := range Instructions(code.Insns) {
				if err != nil {
					t.Fatal(err)
				}
				ops = append(ops, in.Op)
				if si, ok := in.StringIndex(); ok {
					s, err := f.String(si)
					if err != nil {
						t.Fatal(err)
					}
					strs = append(strs, s)
				}
				if mi, ok := in.MethodIndex(); ok {
					m, err := f.Method(mi)
					if err != nil {
						t.Fatal(err)
					}
					calls = append(calls, m.String())
				}
				if fi, ok := in.FieldIndex(); ok {
					if _, err := f.Field(fi); err != nil {
						t.Fatal(err)
					}
				}
			}
			// Surrogate pair joined, 0xC0 0x80 decoded to NUL, lone surrogate replaced.
			wantStrs := []string{"caf\u00e9 \u20ac \U0001F600 nul:\x00 lone:\uFFFD!", "jumbo"}
			if !slices.Equal(strs, wantStrs) {
				t.Errorf("const-strings = %q, want %q", strs, wantStrs)
			}
			wantCalls := []string{
				"Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I",
				"Ljava/lang/String;->concat(Ljava/lang/String;)Ljava/lang/String;",
			}
			if !slices.Equal(calls, wantCalls) {
				t.Errorf("invokes = %q, want %q", calls, wantCalls)
			}
			for _, op := range []Opcode{OpPackedSwitchPayload, OpSparseSwitchPayload, OpFillArrayDataPayload, OpConstStringJumbo, OpInvokeVirtualRange} {
				if !slices.Contains(ops, op) {
					t.Errorf("no %v among %v", op, ops)
				}
			}
			if last := ops[len(ops)-1]; last != OpFillArrayDataPayload {
				t.Errorf("last instruction %v, want the array payload", last)
			}
		})
	}
}

// TestInvokePolymorphic covers format 45cc and const-method-type, which
// only version 038+ files contain.
func TestInvokePolymorphic(t *testing.T) {
	f, err := OpenBytes(readTestdata(t, "sample039.dex"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := f.Class(1)
	if err != nil || c.Descriptor != "Lorg/example/Poly;" {
		t.Fatalf("class 1 = %v, %v", c.Descriptor, err)
	}
	cd, err := f.ClassData(c)
	if err != nil {
		t.Fatal(err)
	}
	code, err := f.Code(cd.DirectMethods[0].CodeOff)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for in, err := range Instructions(code.Insns) {
		if err != nil {
			t.Fatal(err)
		}
		if mi, ok := in.MethodIndex(); ok {
			m, _ := f.Method(mi)
			pi, _ := in.ProtoIndex()
			p, _ := f.Proto(pi)
			got = append(got, in.Op.String()+" "+m.String()+" "+p.Descriptor())
		} else if pi, ok := in.ProtoIndex(); ok {
			p, _ := f.Proto(pi)
			got = append(got, in.Op.String()+" "+p.Descriptor())
		}
	}
	want := []string{
		"invoke-polymorphic Ljava/lang/invoke/MethodHandle;->invoke([Ljava/lang/Object;)Ljava/lang/Object; (Ljava/lang/String;)V",
		"const-method-type (I)V",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestMUTF8(t *testing.T) {
	for _, tc := range []struct {
		in   []byte
		want string
		bad  int
	}{
		{[]byte("plain"), "plain", -1},
		{[]byte{0xc0, 0x80}, "\x00", -1},
		{[]byte{0xc3, 0xa9}, "\u00e9", -1},
		{[]byte{0xe2, 0x82, 0xac}, "\u20ac", -1},
		{[]byte{0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80}, "\U0001F600", -1}, // surrogate pair
		{[]byte{0xed, 0xa0, 0xbd, 'x'}, "\uFFFDx", -1},                 // lone high
		{[]byte{0xed, 0xb8, 0x80}, "\uFFFD", -1},                       // lone low
		{[]byte{0xed, 0xa0, 0xbd, 0xed, 0xa0, 0xbd}, "\uFFFD\uFFFD", -1},
		{[]byte{'a', 0x80}, "", 1},
		{[]byte{0xc3}, "", 0},
		{[]byte{0xe2, 0x82}, "", 0},
		{[]byte{0xf0, 0x9f, 0x98, 0x80}, "", 0}, // 4-byte UTF-8 is not MUTF-8
	} {
		got, bad := decodeMUTF8(tc.in)
		if got != tc.want || bad != tc.bad {
			t.Errorf("decodeMUTF8(% x) = %q, %d; want %q, %d", tc.in, got, bad, tc.want, tc.bad)
		}
	}
}

func TestULEB128(t *testing.T) {
	for _, tc := range []struct {
		in []byte
		v  uint32
		n  int
	}{
		{[]byte{0x00}, 0, 1},
		{[]byte{0x7f}, 127, 1},
		{[]byte{0x80, 0x7f}, 16256, 2},
		{[]byte{0xff, 0xff, 0xff, 0xff, 0x0f}, 0xffffffff, 5},
		{[]byte{0xff, 0xff, 0xff, 0xff, 0x1f}, 0, -1},       // bits past 32
		{[]byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 0, -1}, // runaway
		{[]byte{0x80, 0x80}, 0, 0},                          // truncated
		{nil, 0, 0},
	} {
		v, n := uleb128(tc.in)
		if v != tc.v || n != tc.n {
			t.Errorf("uleb128(% x) = %d, %d; want %d, %d", tc.in, v, n, tc.v, tc.n)
		}
	}
}

func TestInstructionErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		insns []uint16
		off   int // of the error
	}{
		{"unused opcode", []uint16{0x000e, 0x003e}, 1},
		{"unused opcode 0xe3", []uint16{0x00e3}, 0},
		{"truncated invoke", []uint16{0x1070, 0x0001}, 0},
		{"truncated const-wide", []uint16{0x0018, 1, 2, 3}, 0},
		{"unknown payload", []uint16{0x0400, 0}, 0},
		{"packed payload past end", []uint16{0x0100, 0x0010, 0, 0}, 0},
		{"sparse payload header cut", []uint16{0x0200}, 0},
		{"array payload past end", []uint16{0x0300, 4, 0xffff, 0xffff}, 0},
		{"array payload header cut", []uint16{0x0300, 4, 1}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n int
			var ierr *InstructionError
			for _, err := range Instructions(tc.insns) {
				n++
				if n > len(tc.insns)+1 {
					t.Fatal("iterator did not stop")
				}
				if err != nil && !errors.As(err, &ierr) {
					t.Fatalf("error %v (%T), want *InstructionError", err, err)
				}
			}
			if ierr == nil {
				t.Fatal("no error")
			}
			if ierr.Off != tc.off {
				t.Errorf("error at %d, want %d: %v", ierr.Off, tc.off, ierr)
			}
		})
	}
	// Payload sizes are honoured: a fill-array-data payload of 3 ints is 10
	// units, after which decoding resumes.
	insns := []uint16{0x0300, 4, 3, 0, 1, 0, 2, 0, 3, 0, 0x000e}
	var ops []Opcode
	for in, err := range Instructions(insns) {
		if err != nil {
			t.Fatal(err)
		}
		ops = append(ops, in.Op)
	}
	if !slices.Equal(ops, []Opcode{OpFillArrayDataPayload, 0x0e}) {
		t.Errorf("ops = %v", ops)
	}
}

// mutation edits a copy of a small real dex. Offsets come from the header or
// from parsing the unmodified file.
type mutation struct {
	name string
	edit func(t *testing.T, f *File, b []byte) []byte
	kind error // errors.Is target, or nil for "any *FormatError"
}

func put32(b []byte, off int, v uint32) { binary.LittleEndian.PutUint32(b[off:], v) }

// sampleRun returns the class_data and run() code offsets of the sample.
func sampleRun(t *testing.T, f *File) (classData, code uint32) {
	t.Helper()
	c, err := f.Class(1)
	if err != nil {
		t.Fatal(err)
	}
	cd, err := f.ClassData(c)
	if err != nil {
		t.Fatal(err)
	}
	return c.ClassDataOff, cd.VirtualMethods[0].CodeOff
}

func TestMalformed(t *testing.T) {
	orig := readTestdata(t, "sample035.dex")
	for _, m := range []mutation{
		{"bad magic", func(t *testing.T, f *File, b []byte) []byte { copy(b, "zip\n"); return b }, ErrBadMagic},
		{"empty", func(t *testing.T, f *File, b []byte) []byte { return nil }, ErrTruncated},
		{"truncated header", func(t *testing.T, f *File, b []byte) []byte { return b[:0x40] }, ErrTruncated},
		{"truncated file", func(t *testing.T, f *File, b []byte) []byte { return b[:len(b)-1] }, ErrTruncated},
		{"version 034", func(t *testing.T, f *File, b []byte) []byte { copy(b[4:], "034"); return b }, ErrUnsupported},
		{"version 042", func(t *testing.T, f *File, b []byte) []byte { copy(b[4:], "042"); return b }, ErrUnsupported},
		{"non-digit version", func(t *testing.T, f *File, b []byte) []byte { copy(b[4:], "0x5"); return b }, ErrBadMagic},
		{"reverse endian", func(t *testing.T, f *File, b []byte) []byte { put32(b, 0x28, 0x78563412); return b }, ErrUnsupported},
		{"bad endian tag", func(t *testing.T, f *File, b []byte) []byte { put32(b, 0x28, 1); return b }, nil},
		{"header_size 0x78", func(t *testing.T, f *File, b []byte) []byte { put32(b, 0x24, 0x78); return b }, ErrUnsupported},
		{"header_size 0x60", func(t *testing.T, f *File, b []byte) []byte { put32(b, 0x24, 0x60); return b }, nil},
		{"file_size tiny", func(t *testing.T, f *File, b []byte) []byte { put32(b, 0x20, 8); return b }, nil},
		{"string_ids past end", func(t *testing.T, f *File, b []byte) []byte { put32(b, 0x3c, 0xfffffff0); return b }, ErrTruncated},
		{"string_ids in header", func(t *testing.T, f *File, b []byte) []byte { put32(b, 0x3c, 0x10); return b }, nil},
		{"huge string count", func(t *testing.T, f *File, b []byte) []byte { put32(b, 0x38, 1<<31); return b }, ErrTruncated},
		{"huge type count", func(t *testing.T, f *File, b []byte) []byte { put32(b, 0x40, 0xffffffff); return b }, ErrTruncated},
		{"huge proto count", func(t *testing.T, f *File, b []byte) []byte { put32(b, 0x48, 1<<30); return b }, ErrTruncated},
		{"field_ids past end", func(t *testing.T, f *File, b []byte) []byte { put32(b, 0x54, uint32(len(b))-4); return b }, ErrTruncated},
		{"huge method count", func(t *testing.T, f *File, b []byte) []byte { put32(b, 0x58, 1<<29); return b }, ErrTruncated},
		{"class_defs past end", func(t *testing.T, f *File, b []byte) []byte { put32(b, 0x64, uint32(len(b))); return b }, ErrTruncated},
		{"data past end", func(t *testing.T, f *File, b []byte) []byte { put32(b, 0x68, uint32(len(b))); return b }, ErrTruncated},
		{"map_off past end", func(t *testing.T, f *File, b []byte) []byte { put32(b, 0x34, 0xfffffff0); return b }, ErrTruncated},
		{"string data past end", func(t *testing.T, f *File, b []byte) []byte {
			put32(b, int(f.strings.off), 0xffffff00)
			return b
		}, ErrTruncated},
		{"unterminated string", func(t *testing.T, f *File, b []byte) []byte {
			put32(b, int(f.strings.off), uint32(len(b)-2))
			b[len(b)-2], b[len(b)-1] = 0x7f, 'x'
			return b
		}, ErrTruncated},
		{"invalid MUTF-8", func(t *testing.T, f *File, b []byte) []byte {
			i := bytes.Index(b, []byte("\x05jumbo\x00"))
			b[i+1] = 0xf8
			return b
		}, nil},
		{"class type out of range", func(t *testing.T, f *File, b []byte) []byte {
			put32(b, int(f.classes.off), 0xffff)
			return b
		}, ErrOutOfRange},
		{"type_list past end", func(t *testing.T, f *File, b []byte) []byte {
			put32(b, int(f.classes.off)+32+12, uint32(len(b))-2)
			return b
		}, ErrTruncated},
		{"class_data runaway ULEB128", func(t *testing.T, f *File, b []byte) []byte {
			cd, _ := sampleRun(t, f)
			copy(b[cd:], bytes.Repeat([]byte{0x80}, 8))
			return b
		}, nil},
		{"class_data past end", func(t *testing.T, f *File, b []byte) []byte {
			put32(b, int(f.classes.off)+32+24, uint32(len(b))+10)
			return b
		}, ErrTruncated},
		{"class_data huge method count", func(t *testing.T, f *File, b []byte) []byte {
			cd, _ := sampleRun(t, f)
			// static, instance, direct = 0; virtual = 0x0fffffff.
			copy(b[cd:], []byte{0, 0, 0, 0xff, 0xff, 0xff, 0x7f})
			return b
		}, ErrTruncated},
		{"class_data method index out of range", func(t *testing.T, f *File, b []byte) []byte {
			cd, _ := sampleRun(t, f)
			copy(b[cd:], []byte{0, 0, 1, 0, 0x7f, 0, 0})
			return b
		}, ErrOutOfRange},
		{"code insns_size past end", func(t *testing.T, f *File, b []byte) []byte {
			_, code := sampleRun(t, f)
			put32(b, int(code)+12, 0x7fffffff)
			return b
		}, ErrTruncated},
		{"code tries past end", func(t *testing.T, f *File, b []byte) []byte {
			_, code := sampleRun(t, f)
			binary.LittleEndian.PutUint16(b[code+6:], 0xffff)
			return b
		}, ErrTruncated},
		{"method proto out of range", func(t *testing.T, f *File, b []byte) []byte {
			binary.LittleEndian.PutUint16(b[f.methods.off+2:], 0xffff)
			return b
		}, ErrOutOfRange},
	} {
		t.Run(m.name, func(t *testing.T) {
			f0, err := OpenBytes(orig)
			if err != nil {
				t.Fatal(err)
			}
			b := m.edit(t, f0, bytes.Clone(orig))
			f, err := OpenBytes(b)
			if err == nil {
				// Structural damage below the header surfaces on access.
				_, err = walk(f)
			}
			if err == nil {
				t.Fatal("no error")
			}
			fe := mustFormatError(t, err)
			if m.kind != nil && !errors.Is(err, m.kind) {
				t.Errorf("error %q is not %v", err, m.kind)
			}
			if !strings.HasPrefix(fe.Error(), "dex: ") {
				t.Errorf("error %q lacks the dex: prefix", fe)
			}
			t.Log(err)
		})
	}
}

// TestOpenShortReader: a reader that holds fewer bytes than the caller
// claims is a truncated file, not a raw io.EOF.
func TestOpenShortReader(t *testing.T) {
	b := readTestdata(t, "sample035.dex")
	for _, n := range []int{0, 0x20, 600} {
		r := bytes.NewReader(b[:n])
		f, err := Open(r, int64(len(b)))
		if err == nil {
			_, err = walk(f)
		}
		mustFormatError(t, err)
		if !errors.Is(err, ErrTruncated) || errors.Is(err, io.EOF) {
			t.Errorf("n=%d: %v", n, err)
		}
	}
}

func TestErrorMessage(t *testing.T) {
	b := readTestdata(t, "sample035.dex")
	put32(b, 0x38, 1000000)
	_, err := OpenBytes(b)
	want := fmt.Sprintf("dex: invalid string_ids table at offset 0x70: size 1000000 past end of file (size %d)", len(b))
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// TestSharedStringAmplification: many ids pointing at one long string must
// not decode it once per reference.
func TestSharedStringAmplification(t *testing.T) {
	b := readTestdata(t, "sample035.dex")
	f, err := OpenBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	sample, err := f.Class(1)
	if err != nil {
		t.Fatal(err)
	}
	te, _ := f.entry(&f.types, sample.TypeIdx)
	strIdx := le32(te)

	const long = 200 << 10
	longOff := len(b)
	b = append(b, 0x80|long&0x7f, 0x80|(long>>7)&0x7f, long>>14)
	b = append(b, bytes.Repeat([]byte{'a'}, long)...)
	b = append(b, 0)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	const nClasses = 200
	classOff := len(b)
	def := b[f.classes.off+32 : f.classes.off+64]
	for range nClasses {
		b = append(b, def...)
	}
	const nParams = 2000
	listOff := len(b)
	b = binary.LittleEndian.AppendUint32(b, nParams)
	for range nParams {
		b = binary.LittleEndian.AppendUint16(b, uint16(sample.TypeIdx))
	}
	put32(b, int(f.strings.off)+4*int(strIdx), uint32(longOff))
	put32(b, 0x60, nClasses)
	put32(b, 0x64, uint32(classOff))
	put32(b, int(f.protos.off)+8, uint32(listOff))
	put32(b, 0x20, uint32(len(b)))

	f, err = OpenBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.ClassDescriptors()
	mustFormatError(t, err)
	t.Log(err)
	_, err = f.Proto(0)
	mustFormatError(t, err)
	// Classes memoizes types, so the same file is fine there and shares one string.
	cs, err := f.Classes()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != nClasses || len(cs[0].Descriptor) != long {
		t.Errorf("got %d classes, descriptor length %d", len(cs), len(cs[0].Descriptor))
	}
}

// TestWalkRealDex decodes everything in every real dex: no real file may
// trip a bounds check, the string budget or the instruction decoder.
func TestWalkRealDex(t *testing.T) {
	for _, apk := range realAPKs(t) {
		for _, e := range dexEntries(t, apk) {
			f, err := OpenBytes(e.data)
			if err != nil {
				t.Fatalf("%s: %v", e.name, err)
			}
			st, err := walk(f)
			if err != nil {
				t.Fatalf("%s: %v", e.name, err)
			}
			if _, err := f.Classes(); err != nil {
				t.Fatalf("%s: %v", e.name, err)
			}
			if _, err := f.FieldRefs(); err != nil {
				t.Fatalf("%s: %v", e.name, err)
			}
			t.Logf("%s: version %s, %d classes, %d methods with code, %d instructions, %d invokes",
				e.name, f.Version(), st.classes, st.codes, st.insns, st.invokes)
		}
	}
}

// MethodNames and FieldNames agree with MethodRefs and FieldRefs on every real dex.
func TestMethodNamesMatchRefs(t *testing.T) {
	for _, path := range realAPKs(t) {
		f, err := OpenBytes(dexEntries(t, path)[0].data)
		if err != nil {
			t.Fatal(err)
		}
		refs, err := f.MethodRefs()
		if err != nil {
			t.Fatal(err)
		}
		names, err := f.MethodNames()
		if err != nil {
			t.Fatal(err)
		}
		if len(names) != len(refs) {
			t.Fatalf("%s: %d names, %d refs", path, len(names), len(refs))
		}
		for i := range refs {
			if names[i].Class != refs[i].Class || names[i].Name != refs[i].Name {
				t.Fatalf("%s: method %d: %v vs %v", path, i, names[i], refs[i])
			}
		}
		frefs, err := f.FieldRefs()
		if err != nil {
			t.Fatal(err)
		}
		fnames, err := f.FieldNames()
		if err != nil || len(fnames) != len(frefs) {
			t.Fatalf("%s: %d field names (%v), %d refs", path, len(fnames), err, len(frefs))
		}
		for i := range frefs {
			if fnames[i].Class != frefs[i].Class || fnames[i].Name != frefs[i].Name {
				t.Fatalf("%s: field %d: %v vs %v", path, i, fnames[i], frefs[i])
			}
		}
	}
}

// TestVersionsAndTrailingData reads a file whose magic carries each version
// Android accepts (035, 037–041) and one with bytes after the map, as
// protectors and hand-edited files have; other versions (036 was never
// valid) are refused with ErrUnsupported.
func TestVersionsAndTrailingData(t *testing.T) {
	orig := readTestdata(t, "sample035.dex")
	for _, v := range []string{"035", "036", "037", "038", "039", "040", "041", "034", "042"} {
		b := append([]byte(nil), orig...)
		copy(b[4:7], v)
		f, err := OpenBytes(b)
		supported := v >= "035" && v <= "041" && v != "036"
		if supported && err != nil {
			t.Errorf("version %s: %v", v, err)
			continue
		}
		if !supported {
			if !errors.Is(err, ErrUnsupported) {
				t.Errorf("version %s: error %v, want ErrUnsupported", v, err)
			}
			continue
		}
		if ds, err := f.ClassDescriptors(); err != nil || len(ds) != 2 {
			t.Errorf("version %s: classes %q, %v", v, ds, err)
		}
	}
	trailing := append(append([]byte(nil), orig...), bytes.Repeat([]byte{0xde, 0xad}, 4096)...)
	f, err := OpenBytes(trailing)
	if err != nil {
		t.Fatalf("data after the map: %v", err)
	}
	if ds, err := f.ClassDescriptors(); err != nil || len(ds) != 2 {
		t.Errorf("data after the map: classes %q, %v", ds, err)
	}
}
