package dex

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

const apiDemos = "../../testdata/external/ApiDemos-debug.apk"

// realAPKs lists the committed real APKs plus ApiDemos, which must have been
// fetched.
func realAPKs(t testing.TB) []string {
	t.Helper()
	apks, err := filepath.Glob("../../testdata/realapks/*.apk")
	if err != nil || len(apks) == 0 {
		t.Fatalf("no APKs under testdata/realapks: %v", err)
	}
	sort.Strings(apks)
	requireAPIDemos(t)
	return append(apks, apiDemos)
}

func requireAPIDemos(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(apiDemos); err != nil {
		t.Fatalf("%v: run scripts/fetch-apidemos.sh from the repository root to download it", err)
	}
}

type dexEntry struct {
	name string // "app.apk!classes.dex"
	data []byte
}

var dexName = regexp.MustCompile(`^classes\d*\.dex$`)

// dexEntries inflates the classes*.dex entries of an APK.
func dexEntries(t testing.TB, apk string) []dexEntry {
	t.Helper()
	zr, err := zip.OpenReader(apk)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var out []dexEntry
	for _, zf := range zr.File {
		if !dexName.MatchString(zf.Name) {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s!%s: %v", apk, zf.Name, err)
		}
		out = append(out, dexEntry{filepath.Base(apk) + "!" + zf.Name, b})
	}
	if len(out) == 0 {
		t.Fatalf("%s: no classes.dex", apk)
	}
	return out
}

func apiDemosDex(t testing.TB) []byte {
	t.Helper()
	requireAPIDemos(t)
	for _, e := range dexEntries(t, apiDemos) {
		if e.name == "ApiDemos-debug.apk!classes.dex" {
			return e.data
		}
	}
	t.Fatal("ApiDemos has no classes.dex")
	return nil
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// walkStats summarises a full walk of a file.
type walkStats struct {
	classes, methods, codes, insns, invokes, constStrings int
	invokeSeq                                             []uint32 // method index of each invoke, in dexdump's order
	constStringSeq                                        []uint32
	// operands renders the register, literal and branch operands of
	// invokes, consts, object moves and jumps, as operandsOf does from
	// dexdump -d.
	operands []string
}

// renderOperands is one instruction's operands as the dexdump cross-check
// compares them; "" for the kinds it does not compare.
func renderOperands(in Instruction) string {
	if in.Op.IsInvoke() {
		var regs []string
		for _, r := range in.Args(nil) {
			regs = append(regs, fmt.Sprintf("v%d", r))
		}
		return "invoke " + strings.Join(regs, ",")
	}
	if t, ok := in.BranchTarget(); ok {
		return fmt.Sprintf("branch %04x", t)
	}
	if v, ok := in.Literal(); ok {
		a, _ := in.RegA()
		return fmt.Sprintf("lit v%d %d", a, v)
	}
	if in.Op >= 0x07 && in.Op <= 0x09 {
		a, _ := in.RegA()
		b, _ := in.RegB()
		return fmt.Sprintf("move v%d v%d", a, b)
	}
	return ""
}

// walk exercises every accessor, continuing past errors so that a fuzzer
// reaches as much code as possible, and returns the first error.
func walk(f *File) (walkStats, error) {
	var st walkStats
	var first error
	note := func(err error) bool {
		if err != nil && first == nil {
			first = err
		}
		return err == nil
	}
	_ = f.Version()
	for i := 0; i < f.NumStrings(); i++ {
		_, err := f.String(uint32(i))
		note(err)
	}
	for i := 0; i < f.NumTypes(); i++ {
		_, err := f.Type(uint32(i))
		note(err)
	}
	for i := 0; i < f.NumProtos(); i++ {
		p, err := f.Proto(uint32(i))
		if note(err) {
			_ = p.Descriptor()
		}
	}
	for i := 0; i < f.NumFields(); i++ {
		_, err := f.Field(uint32(i))
		note(err)
	}
	for i := 0; i < f.NumMethods(); i++ {
		_, err := f.Method(uint32(i))
		note(err)
	}
	_, err := f.MethodRefs()
	note(err)
	_, err = f.ClassDescriptors()
	note(err)
	// Classes stops at the first bad class; walk them one by one instead.
	var code Code
	for i := 0; i < f.NumClasses(); i++ {
		c, err := f.Class(uint32(i))
		if !note(err) {
			continue
		}
		st.classes++
		_, err = f.Interfaces(c)
		note(err)
		_, err = f.SourceFile(c)
		note(err)
		cd, err := f.ClassData(c)
		if !note(err) {
			continue
		}
		for _, ms := range [][]EncodedMethod{cd.DirectMethods, cd.VirtualMethods} {
			for _, m := range ms {
				st.methods++
				if m.CodeOff == 0 {
					continue
				}
				if !note(f.CodeInto(m.CodeOff, &code)) {
					continue
				}
				st.codes++
				for in, err := range Instructions(code.Insns) {
					if !note(err) {
						break
					}
					st.insns++
					_ = in.Op.String()
					if mi, ok := in.MethodIndex(); ok {
						st.invokes++
						st.invokeSeq = append(st.invokeSeq, mi)
					}
					if si, ok := in.StringIndex(); ok {
						st.constStrings++
						st.constStringSeq = append(st.constStringSeq, si)
					}
					if r := renderOperands(in); r != "" {
						st.operands = append(st.operands, r)
					}
					in.SwitchKeys(nil)
					in.FallsThrough()
					in.FieldIndex()
					in.TypeIndex()
					in.ProtoIndex()
					in.CallSiteIndex()
				}
			}
		}
	}
	return st, first
}

// mustFormatError fails unless err is a *FormatError.
func mustFormatError(t *testing.T, err error) *FormatError {
	t.Helper()
	var fe *FormatError
	if !errors.As(err, &fe) {
		t.Fatalf("got error %v (%T), want *FormatError", err, err)
	}
	return fe
}
