package dex

import (
	"bufio"
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var (
	operandLine = regexp.MustCompile(`\|[0-9a-f]{4}: ((?:invoke|if|goto|const|move-object)[a-z0-9/-]*) (.*)$`)
	invokeRegs  = regexp.MustCompile(`^\{([^}]*)\}`)
	rawLiteral  = regexp.MustCompile(`^v(\d+), .* // #([0-9a-f]+)$`)
	branchTo    = regexp.MustCompile(`([0-9a-f]{4}) // [+-][0-9a-f]+$`)
	moveRegs    = regexp.MustCompile(`^v(\d+), v(\d+)$`)
)

// operandsOf renders one dexdump -d instruction as renderOperands does.
func operandsOf(op, rest string) string {
	switch {
	case strings.HasPrefix(op, "invoke-") && !strings.HasPrefix(op, "invoke-custom"):
		m := invokeRegs.FindStringSubmatch(rest)
		if m == nil {
			return "?" + rest
		}
		var regs []string
		if from, to, ok := strings.Cut(m[1], " .. "); ok {
			a, _ := strconv.Atoi(strings.TrimPrefix(from, "v"))
			b, _ := strconv.Atoi(strings.TrimPrefix(to, "v"))
			for r := a; r <= b; r++ {
				regs = append(regs, fmt.Sprintf("v%d", r))
			}
		} else if m[1] != "" {
			regs = strings.Split(m[1], ", ")
		}
		return "invoke " + strings.Join(regs, ",")
	case strings.HasPrefix(op, "if-"), strings.HasPrefix(op, "goto"):
		if m := branchTo.FindStringSubmatch(rest); m != nil {
			return "branch " + m[1]
		}
	case op == "const/4", op == "const/16", op == "const", op == "const/high16":
		m := rawLiteral.FindStringSubmatch(rest)
		if m == nil {
			return "?" + rest
		}
		raw, _ := strconv.ParseUint(m[2], 16, 32)
		var v int32
		switch op {
		case "const/4":
			v = int32(int8(raw<<4) >> 4)
		case "const/16":
			v = int32(int16(raw))
		case "const":
			v = int32(uint32(raw))
		case "const/high16":
			v = int32(uint32(raw) << 16)
		}
		return fmt.Sprintf("lit v%s %d", m[1], v)
	case op == "move-object", op == "move-object/from16", op == "move-object/16":
		if m := moveRegs.FindStringSubmatch(rest); m != nil {
			return fmt.Sprintf("move v%s v%s", m[1], m[2])
		}
	}
	return ""
}

// TestOperandsAgainstDexdump checks the register, literal and branch
// operands the call-context analysis reads (Args, RegA, RegB, Literal,
// BranchTarget) against dexdump -d on a real dex, instruction by
// instruction.
func TestOperandsAgainstDexdump(t *testing.T) {
	dexdump := requireDexdump(t)
	e := dexEntries(t, filepath.Join("../../testdata/realapks", "weibo-sdk-demo-3.1.4.apk"))[0]
	out := runDexdump(t, dexdump, e.data, "-d")
	var want []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		m := operandLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		if r := operandsOf(m[1], m[2]); r != "" {
			want = append(want, r)
		}
	}
	f, err := OpenBytes(e.data)
	if err != nil {
		t.Fatal(err)
	}
	st, err := walk(f)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, w := range want {
		kinds[strings.Fields(w)[0]]++
	}
	for _, k := range []string{"invoke", "branch", "lit", "move"} {
		if kinds[k] < 50 {
			t.Fatalf("dexdump shows only %d %s operands; format changed? %v", kinds[k], k, kinds)
		}
	}
	if !slices.Equal(st.operands, want) {
		for i := range min(len(st.operands), len(want)) {
			if st.operands[i] != want[i] {
				t.Fatalf("operand %d: got %q, dexdump %q (%d vs %d in all)", i, st.operands[i], want[i], len(st.operands), len(want))
			}
		}
		t.Fatalf("%d operands, dexdump %d", len(st.operands), len(want))
	}
}

// Switch payloads: the case keys of a packed and a sparse switch.
func TestSwitchKeys(t *testing.T) {
	tests := []struct {
		name  string
		insns []uint16
		want  []int32
	}{
		{"packed", []uint16{0x0100, 3, 0x0022, 0x0102, 0, 0, 0, 0, 0, 0}, []int32{0x01020022, 0x01020023, 0x01020024}},
		{"sparse", []uint16{0x0200, 2, 0x0022, 0x0102, 0x0031, 0x0102, 0, 0, 0, 0}, []int32{0x01020022, 0x01020031}},
		{"not a switch", []uint16{0x0000}, nil},
	}
	for _, tt := range tests {
		in, err := DecodeInstruction(tt.insns, 0)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := in.SwitchKeys(nil); !slices.Equal(got, tt.want) {
			t.Errorf("%s: keys %x, want %x", tt.name, got, tt.want)
		}
	}
}

// refsByInstructions lists the string, field and method references of insns
// (index and end of the instruction) and the error that stops the walk, by
// the full decoder.
func refsByInstructions(insns []uint16) string {
	var b strings.Builder
	for in, err := range Instructions(insns) {
		if err != nil {
			fmt.Fprintf(&b, "error %v", err)
			break
		}
		if i, ok := in.StringIndex(); ok {
			fmt.Fprintf(&b, "s%d@%d ", i, in.Off+in.Size())
		} else if i, ok := in.FieldIndex(); ok {
			fmt.Fprintf(&b, "f%d@%d ", i, in.Off+in.Size())
		} else if i, ok := in.MethodIndex(); ok {
			fmt.Fprintf(&b, "m%d@%d ", i, in.Off+in.Size())
		}
	}
	return b.String()
}

// refsByNextRef is refsByInstructions by NextRef.
func refsByNextRef(insns []uint16) string {
	var b strings.Builder
	for off := 0; ; {
		kind, idx, next, err := NextRef(insns, off)
		if err != nil {
			fmt.Fprintf(&b, "error %v", err)
			break
		}
		if kind == RefEnd {
			break
		}
		fmt.Fprintf(&b, "%c%d@%d ", "?sfm"[kind], idx, next)
		off = next
	}
	return b.String()
}

// TestNextRefMatchesInstructions: the reference walk sees what the full
// decoder sees, in every method of ApiDemos and of the real APKs.
func TestNextRefMatchesInstructions(t *testing.T) {
	methods := 0
	var entries []dexEntry
	for _, apk := range realAPKs(t) {
		entries = append(entries, dexEntries(t, apk)...)
	}
	for _, e := range entries {
		f, err := OpenBytes(e.data)
		if err != nil {
			t.Fatal(err)
		}
		var code Code
		for i := 0; i < f.NumClasses(); i++ {
			c, err := f.Class(uint32(i))
			if err != nil {
				t.Fatal(err)
			}
			cd, err := f.ClassData(c)
			if err != nil || cd == nil {
				continue
			}
			for _, m := range append(cd.DirectMethods, cd.VirtualMethods...) {
				if m.CodeOff == 0 || f.CodeInto(m.CodeOff, &code) != nil {
					continue
				}
				methods++
				if want, got := refsByInstructions(code.Insns), refsByNextRef(code.Insns); want != got {
					t.Fatalf("%s: method %d: NextRef gives %s, Instructions %s", e.name, m.Method, got, want)
				}
			}
		}
	}
	if methods < 1000 {
		t.Errorf("compared %d methods", methods)
	}
}
