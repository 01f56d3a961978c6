package dex

import (
	"fmt"
	"iter"
)

// Opcode is a Dalvik opcode: the low byte of an instruction's first code
// unit. The payload pseudo-instructions, which share opcode 0x00 (nop) and
// are told apart by the high byte, get the whole first unit as their Opcode
// (0x0100, 0x0200, 0x0300) so that a switch on Op cannot confuse them with
// a nop.
type Opcode uint16

// Opcodes that scanners look for by name. The full set is in the table
// behind Opcode.String.
const (
	OpNop                    Opcode = 0x00
	OpConstString            Opcode = 0x1a
	OpConstStringJumbo       Opcode = 0x1b
	OpConstClass             Opcode = 0x1c
	OpCheckCast              Opcode = 0x1f
	OpNewInstance            Opcode = 0x22
	OpFillArrayData          Opcode = 0x26
	OpPackedSwitch           Opcode = 0x2b
	OpSparseSwitch           Opcode = 0x2c
	OpIget                   Opcode = 0x52
	OpIputShort              Opcode = 0x5f
	OpSget                   Opcode = 0x60
	OpSputShort              Opcode = 0x6d
	OpInvokeVirtual          Opcode = 0x6e
	OpInvokeSuper            Opcode = 0x6f
	OpInvokeDirect           Opcode = 0x70
	OpInvokeStatic           Opcode = 0x71
	OpInvokeInterface        Opcode = 0x72
	OpInvokeVirtualRange     Opcode = 0x74
	OpInvokeSuperRange       Opcode = 0x75
	OpInvokeDirectRange      Opcode = 0x76
	OpInvokeStaticRange      Opcode = 0x77
	OpInvokeInterfaceRange   Opcode = 0x78
	OpInvokePolymorphic      Opcode = 0xfa
	OpInvokePolymorphicRange Opcode = 0xfb
	OpInvokeCustom           Opcode = 0xfc
	OpInvokeCustomRange      Opcode = 0xfd
	OpConstMethodHandle      Opcode = 0xfe
	OpConstMethodType        Opcode = 0xff

	OpPackedSwitchPayload  Opcode = 0x0100
	OpSparseSwitchPayload  Opcode = 0x0200
	OpFillArrayDataPayload Opcode = 0x0300
)

// Format is an instruction format ID from the Dalvik bytecode spec, such as
// "35c": the first digit is the width in code units, the second the number
// of registers, the letter the kind of constant or index operand.
type Format uint8

const (
	fmtUnused Format = iota
	Fmt10x
	Fmt12x
	Fmt11n
	Fmt11x
	Fmt10t
	Fmt20t
	Fmt22x
	Fmt21t
	Fmt21s
	Fmt21h
	Fmt21c
	Fmt23x
	Fmt22b
	Fmt22t
	Fmt22s
	Fmt22c
	Fmt30t
	Fmt32x
	Fmt31i
	Fmt31t
	Fmt31c
	Fmt35c
	Fmt3rc
	Fmt45cc
	Fmt4rcc
	Fmt51l
	FmtPayload
)

var formatInfo = [...]struct {
	name  string
	width int
}{
	fmtUnused: {"unused", 0},
	Fmt10x:    {"10x", 1}, Fmt12x: {"12x", 1}, Fmt11n: {"11n", 1}, Fmt11x: {"11x", 1}, Fmt10t: {"10t", 1},
	Fmt20t: {"20t", 2}, Fmt22x: {"22x", 2}, Fmt21t: {"21t", 2}, Fmt21s: {"21s", 2}, Fmt21h: {"21h", 2},
	Fmt21c: {"21c", 2}, Fmt23x: {"23x", 2}, Fmt22b: {"22b", 2}, Fmt22t: {"22t", 2}, Fmt22s: {"22s", 2},
	Fmt22c: {"22c", 2}, Fmt30t: {"30t", 3}, Fmt32x: {"32x", 3}, Fmt31i: {"31i", 3}, Fmt31t: {"31t", 3},
	Fmt31c: {"31c", 3}, Fmt35c: {"35c", 3}, Fmt3rc: {"3rc", 3}, Fmt45cc: {"45cc", 4}, Fmt4rcc: {"4rcc", 4},
	Fmt51l:     {"51l", 5},
	FmtPayload: {"payload", 0},
}

func (f Format) String() string {
	if int(f) < len(formatInfo) {
		return formatInfo[f].name
	}
	return fmt.Sprintf("Format(%d)", f)
}

// Width is the instruction size in code units; 0 for payloads, whose size
// depends on their contents.
func (f Format) Width() int {
	if int(f) < len(formatInfo) {
		return formatInfo[f].width
	}
	return 0
}

// index kinds: what the index operand of an instruction refers to.
const (
	idxNone uint8 = iota
	idxString
	idxType
	idxField
	idxMethod
	idxCallSite
	idxMethodHandle
	idxProto
)

type opInfo struct {
	name string
	fmt  Format
	idx  uint8
}

var opTable [256]opInfo

func init() {
	set := func(first int, f Format, idx uint8, names ...string) {
		for i, n := range names {
			opTable[first+i] = opInfo{n, f, idx}
		}
	}
	set(0x00, Fmt10x, idxNone, "nop")
	set(0x01, Fmt12x, idxNone, "move")
	set(0x02, Fmt22x, idxNone, "move/from16")
	set(0x03, Fmt32x, idxNone, "move/16")
	set(0x04, Fmt12x, idxNone, "move-wide")
	set(0x05, Fmt22x, idxNone, "move-wide/from16")
	set(0x06, Fmt32x, idxNone, "move-wide/16")
	set(0x07, Fmt12x, idxNone, "move-object")
	set(0x08, Fmt22x, idxNone, "move-object/from16")
	set(0x09, Fmt32x, idxNone, "move-object/16")
	set(0x0a, Fmt11x, idxNone, "move-result", "move-result-wide", "move-result-object", "move-exception")
	set(0x0e, Fmt10x, idxNone, "return-void")
	set(0x0f, Fmt11x, idxNone, "return", "return-wide", "return-object")
	set(0x12, Fmt11n, idxNone, "const/4")
	set(0x13, Fmt21s, idxNone, "const/16")
	set(0x14, Fmt31i, idxNone, "const")
	set(0x15, Fmt21h, idxNone, "const/high16")
	set(0x16, Fmt21s, idxNone, "const-wide/16")
	set(0x17, Fmt31i, idxNone, "const-wide/32")
	set(0x18, Fmt51l, idxNone, "const-wide")
	set(0x19, Fmt21h, idxNone, "const-wide/high16")
	set(0x1a, Fmt21c, idxString, "const-string")
	set(0x1b, Fmt31c, idxString, "const-string/jumbo")
	set(0x1c, Fmt21c, idxType, "const-class")
	set(0x1d, Fmt11x, idxNone, "monitor-enter", "monitor-exit")
	set(0x1f, Fmt21c, idxType, "check-cast")
	set(0x20, Fmt22c, idxType, "instance-of")
	set(0x21, Fmt12x, idxNone, "array-length")
	set(0x22, Fmt21c, idxType, "new-instance")
	set(0x23, Fmt22c, idxType, "new-array")
	set(0x24, Fmt35c, idxType, "filled-new-array")
	set(0x25, Fmt3rc, idxType, "filled-new-array/range")
	set(0x26, Fmt31t, idxNone, "fill-array-data")
	set(0x27, Fmt11x, idxNone, "throw")
	set(0x28, Fmt10t, idxNone, "goto")
	set(0x29, Fmt20t, idxNone, "goto/16")
	set(0x2a, Fmt30t, idxNone, "goto/32")
	set(0x2b, Fmt31t, idxNone, "packed-switch", "sparse-switch")
	set(0x2d, Fmt23x, idxNone, "cmpl-float", "cmpg-float", "cmpl-double", "cmpg-double", "cmp-long")
	set(0x32, Fmt22t, idxNone, "if-eq", "if-ne", "if-lt", "if-ge", "if-gt", "if-le")
	set(0x38, Fmt21t, idxNone, "if-eqz", "if-nez", "if-ltz", "if-gez", "if-gtz", "if-lez")
	// 0x3e-0x43 unused
	set(0x44, Fmt23x, idxNone, "aget", "aget-wide", "aget-object", "aget-boolean", "aget-byte", "aget-char", "aget-short",
		"aput", "aput-wide", "aput-object", "aput-boolean", "aput-byte", "aput-char", "aput-short")
	set(0x52, Fmt22c, idxField, "iget", "iget-wide", "iget-object", "iget-boolean", "iget-byte", "iget-char", "iget-short",
		"iput", "iput-wide", "iput-object", "iput-boolean", "iput-byte", "iput-char", "iput-short")
	set(0x60, Fmt21c, idxField, "sget", "sget-wide", "sget-object", "sget-boolean", "sget-byte", "sget-char", "sget-short",
		"sput", "sput-wide", "sput-object", "sput-boolean", "sput-byte", "sput-char", "sput-short")
	set(0x6e, Fmt35c, idxMethod, "invoke-virtual", "invoke-super", "invoke-direct", "invoke-static", "invoke-interface")
	// 0x73 unused
	set(0x74, Fmt3rc, idxMethod, "invoke-virtual/range", "invoke-super/range", "invoke-direct/range", "invoke-static/range", "invoke-interface/range")
	// 0x79-0x7a unused
	set(0x7b, Fmt12x, idxNone, "neg-int", "not-int", "neg-long", "not-long", "neg-float", "neg-double",
		"int-to-long", "int-to-float", "int-to-double", "long-to-int", "long-to-float", "long-to-double",
		"float-to-int", "float-to-long", "float-to-double", "double-to-int", "double-to-long", "double-to-float",
		"int-to-byte", "int-to-char", "int-to-short")
	binops := []string{"add-int", "sub-int", "mul-int", "div-int", "rem-int", "and-int", "or-int", "xor-int", "shl-int", "shr-int", "ushr-int",
		"add-long", "sub-long", "mul-long", "div-long", "rem-long", "and-long", "or-long", "xor-long", "shl-long", "shr-long", "ushr-long",
		"add-float", "sub-float", "mul-float", "div-float", "rem-float",
		"add-double", "sub-double", "mul-double", "div-double", "rem-double"}
	set(0x90, Fmt23x, idxNone, binops...)
	for i, n := range binops {
		opTable[0xb0+i] = opInfo{n + "/2addr", Fmt12x, idxNone}
	}
	set(0xd0, Fmt22s, idxNone, "add-int/lit16", "rsub-int", "mul-int/lit16", "div-int/lit16", "rem-int/lit16", "and-int/lit16", "or-int/lit16", "xor-int/lit16")
	set(0xd8, Fmt22b, idxNone, "add-int/lit8", "rsub-int/lit8", "mul-int/lit8", "div-int/lit8", "rem-int/lit8", "and-int/lit8", "or-int/lit8", "xor-int/lit8",
		"shl-int/lit8", "shr-int/lit8", "ushr-int/lit8")
	// 0xe3-0xf9 unused
	set(0xfa, Fmt45cc, idxMethod, "invoke-polymorphic")
	set(0xfb, Fmt4rcc, idxMethod, "invoke-polymorphic/range")
	set(0xfc, Fmt35c, idxCallSite, "invoke-custom")
	set(0xfd, Fmt3rc, idxCallSite, "invoke-custom/range")
	set(0xfe, Fmt21c, idxMethodHandle, "const-method-handle")
	set(0xff, Fmt21c, idxProto, "const-method-type")
}

func (op Opcode) String() string {
	switch op {
	case OpPackedSwitchPayload:
		return "packed-switch-payload"
	case OpSparseSwitchPayload:
		return "sparse-switch-payload"
	case OpFillArrayDataPayload:
		return "fill-array-data-payload"
	}
	if op < 0x100 && opTable[op].name != "" {
		return opTable[op].name
	}
	return fmt.Sprintf("Opcode(%#x)", uint16(op))
}

// Format is the instruction format of op.
func (op Opcode) Format() Format {
	if op >= 0x100 {
		return FmtPayload
	}
	return opTable[op].fmt
}

// IsInvoke reports whether op calls a method named by a method_ids index
// (invoke-custom, which names a call site, is not included).
func (op Opcode) IsInvoke() bool { return op < 0x100 && opTable[op].idx == idxMethod }

// Instruction is one decoded instruction.
type Instruction struct {
	Off   int      // position in code units from the start of the method's insns
	Op    Opcode   // payloads have their own Opcode values, see Opcode
	Units []uint16 // the instruction's code units, aliasing the insns slice
}

// Size is the instruction's width in code units.
func (in Instruction) Size() int { return len(in.Units) }

func (in Instruction) index(kind uint8) (uint32, bool) {
	if in.Op >= 0x100 || opTable[in.Op].idx != kind {
		return 0, false
	}
	if in.Op == OpConstStringJumbo {
		return uint32(in.Units[1]) | uint32(in.Units[2])<<16, true
	}
	return uint32(in.Units[1]), true
}

// MethodIndex is the method_ids index called by an invoke-* instruction
// (formats 35c, 3rc, 45cc and 4rcc).
func (in Instruction) MethodIndex() (uint32, bool) { return in.index(idxMethod) }

// StringIndex is the string_ids index loaded by const-string and
// const-string/jumbo.
func (in Instruction) StringIndex() (uint32, bool) { return in.index(idxString) }

// FieldIndex is the field_ids index accessed by iget*/iput*/sget*/sput*.
func (in Instruction) FieldIndex() (uint32, bool) { return in.index(idxField) }

// TypeIndex is the type_ids index named by const-class, check-cast,
// instance-of, new-instance, new-array and filled-new-array.
func (in Instruction) TypeIndex() (uint32, bool) { return in.index(idxType) }

// ProtoIndex is the proto_ids index of const-method-type, or the call-site
// prototype of invoke-polymorphic (the fourth code unit).
func (in Instruction) ProtoIndex() (uint32, bool) {
	switch in.Op {
	case OpInvokePolymorphic, OpInvokePolymorphicRange:
		return uint32(in.Units[3]), true
	case OpConstMethodType:
		return uint32(in.Units[1]), true
	}
	return 0, false
}

// CallSiteIndex is the call_site_ids index of invoke-custom.
func (in Instruction) CallSiteIndex() (uint32, bool) { return in.index(idxCallSite) }

func (in Instruction) String() string {
	return fmt.Sprintf("%04x: %v (%d units)", in.Off, in.Op, len(in.Units))
}

// InstructionError reports undecodable bytecode. Off is in code units from
// the start of the method's insns, which is how dexdump labels them; add
// Code.Off+16 and 2*Off for a file offset.
type InstructionError struct {
	Off  int
	Unit uint16 // the first code unit of the bad instruction
	Msg  string
}

func (e *InstructionError) Error() string {
	return fmt.Sprintf("dex: %s at code unit %#x (unit %#04x)", e.Msg, e.Off, e.Unit)
}

// DecodeInstruction decodes the instruction at code unit off of insns.
func DecodeInstruction(insns []uint16, off int) (Instruction, error) {
	if off < 0 || off >= len(insns) {
		return Instruction{}, &InstructionError{Off: off, Msg: "offset out of range"}
	}
	u := insns[off]
	op := Opcode(u & 0xff)
	var width uint64
	if op == OpNop && u != 0 {
		rest := insns[off+1:]
		need := func(n int) bool { return len(rest) >= n }
		switch Opcode(u) {
		case OpPackedSwitchPayload: // ident, size, first_key(2), targets(2*size)
			if !need(1) {
				break
			}
			width = 4 + 2*uint64(rest[0])
		case OpSparseSwitchPayload: // ident, size, keys(2*size), targets(2*size)
			if !need(1) {
				break
			}
			width = 2 + 4*uint64(rest[0])
		case OpFillArrayDataPayload: // ident, element_width, size(2), data
			if !need(3) {
				break
			}
			n := uint64(rest[1]) | uint64(rest[2])<<16
			width = 4 + (n*uint64(rest[0])+1)/2
		default:
			return Instruction{}, &InstructionError{Off: off, Unit: u, Msg: "unknown payload or malformed nop"}
		}
		if width == 0 {
			return Instruction{}, &InstructionError{Off: off, Unit: u, Msg: "truncated payload header"}
		}
		op = Opcode(u)
	} else {
		width = uint64(opTable[op].fmt.Width())
		if width == 0 {
			return Instruction{}, &InstructionError{Off: off, Unit: u, Msg: "unused opcode " + fmt.Sprintf("%#02x", uint8(op))}
		}
	}
	if width > uint64(len(insns)-off) {
		return Instruction{}, &InstructionError{Off: off, Unit: u, Msg: fmt.Sprintf("%v (%d units) runs past end of code (%d units)", op, width, len(insns))}
	}
	return Instruction{Off: off, Op: op, Units: insns[off : off+int(width) : off+int(width)]}, nil
}

// RefKind is what the index operand of an instruction names, as NextRef
// reports it.
type RefKind uint8

// The kinds NextRef stops at; RefEnd marks the end of the code.
const (
	RefEnd RefKind = iota
	RefString
	RefField
	RefMethod
)

// opWidth and opRef are opTable flattened for NextRef's loop: the width in
// code units (0: unused opcode) and the RefKind of each opcode.
var (
	opWidth [256]uint8
	opRef   [256]RefKind
)

func init() {
	for op, info := range opTable {
		opWidth[op] = uint8(info.fmt.Width())
		switch info.idx {
		case idxString:
			opRef[op] = RefString
		case idxField:
			opRef[op] = RefField
		case idxMethod:
			opRef[op] = RefMethod
		}
	}
}

// NextRef walks insns from off to the next instruction that names a
// string (const-string), a field (iget/iput/sget/sput) or a method (an
// invoke), and returns what it names and where the walk goes on; kind is
// RefEnd past the last instruction. It is Instructions without building
// an Instruction for every step: the loop of a scan that only looks at
// references. Errors are the ones Instructions yields.
func NextRef(insns []uint16, off int) (kind RefKind, idx uint32, next int, err error) {
	for off < len(insns) {
		u := insns[off]
		op := u & 0xff
		width := int(opWidth[op])
		if (op == 0 && u != 0) || width == 0 || width > len(insns)-off {
			// A payload, or bad code: the full decoder sizes it or
			// says what is wrong.
			in, err := DecodeInstruction(insns, off)
			if err != nil {
				return RefEnd, 0, off, err
			}
			off += len(in.Units)
			continue
		}
		if k := opRef[op]; k != RefEnd {
			if op == uint16(OpConstStringJumbo) {
				return k, uint32(insns[off+1]) | uint32(insns[off+2])<<16, off + width, nil
			}
			return k, uint32(insns[off+1]), off + width, nil
		}
		off += width
	}
	return RefEnd, 0, off, nil
}

// Instructions iterates over the instructions in insns in order, payloads
// included. Every step advances by at least one unit, so the walk ends
// after at most len(insns) steps; on undecodable bytecode it yields a zero
// Instruction with an *InstructionError and stops.
func Instructions(insns []uint16) iter.Seq2[Instruction, error] {
	return func(yield func(Instruction, error) bool) {
		for off := 0; off < len(insns); {
			in, err := DecodeInstruction(insns, off)
			if err != nil {
				yield(Instruction{}, err)
				return
			}
			if !yield(in, nil) {
				return
			}
			off += len(in.Units)
		}
	}
}

// RegA is the first register operand of an instruction that names one
// outside its argument list: the destination of moves, consts, gets,
// new-instance and arithmetic (vA, vAA or vAAAA by format). Invokes,
// filled-new-array and payloads have none.
func (in Instruction) RegA() (uint16, bool) {
	if in.Op >= 0x100 {
		return 0, false
	}
	switch opTable[in.Op].fmt {
	case Fmt12x, Fmt11n, Fmt22c, Fmt22s, Fmt22t:
		return (in.Units[0] >> 8) & 0xf, true
	case Fmt11x, Fmt22x, Fmt21t, Fmt21s, Fmt21h, Fmt21c, Fmt23x, Fmt22b, Fmt31i, Fmt31t, Fmt31c, Fmt51l:
		return in.Units[0] >> 8, true
	case Fmt32x:
		return in.Units[1], true
	}
	return 0, false
}

// RegB is the second register operand of the two-register formats (12x,
// 22x, 32x, 22c, 22s, 22b, 22t, 23x): the source of a move, the object of
// an iget.
func (in Instruction) RegB() (uint16, bool) {
	if in.Op >= 0x100 {
		return 0, false
	}
	switch opTable[in.Op].fmt {
	case Fmt12x, Fmt22c, Fmt22s, Fmt22t:
		return in.Units[0] >> 12, true
	case Fmt22x:
		return in.Units[1], true
	case Fmt32x:
		return in.Units[2], true
	case Fmt23x, Fmt22b:
		return in.Units[1] & 0xff, true
	}
	return 0, false
}

// Args appends to buf the argument registers of an invoke or
// filled-new-array (formats 35c, 3rc, 45cc, 4rcc), the receiver first.
func (in Instruction) Args(buf []uint16) []uint16 {
	if in.Op >= 0x100 {
		return buf
	}
	switch opTable[in.Op].fmt {
	case Fmt35c, Fmt45cc:
		n := in.Units[0] >> 12
		regs := [5]uint16{in.Units[2] & 0xf, (in.Units[2] >> 4) & 0xf, (in.Units[2] >> 8) & 0xf, in.Units[2] >> 12, (in.Units[0] >> 8) & 0xf}
		return append(buf, regs[:min(n, 5)]...)
	case Fmt3rc, Fmt4rcc:
		n, first := in.Units[0]>>8, in.Units[2]
		for i := range n {
			buf = append(buf, first+i)
		}
	}
	return buf
}

// Literal is the value of a const, const/4, const/16 or const/high16 (the
// 32-bit literal as the register holds it).
func (in Instruction) Literal() (int32, bool) {
	switch in.Op {
	case 0x12: // const/4: a signed nibble
		return int32(int16(in.Units[0]) >> 12), true
	case 0x13: // const/16
		return int32(int16(in.Units[1])), true
	case 0x14: // const
		return int32(uint32(in.Units[1]) | uint32(in.Units[2])<<16), true
	case 0x15: // const/high16
		return int32(uint32(in.Units[1]) << 16), true
	}
	return 0, false
}

// SwitchKeys appends to buf the case values of a packed- or sparse-switch
// payload.
func (in Instruction) SwitchKeys(buf []int32) []int32 {
	u := in.Units
	switch in.Op {
	case OpPackedSwitchPayload: // ident, size, first_key(2), targets
		if len(u) < 4 {
			return buf
		}
		first := int32(uint32(u[2]) | uint32(u[3])<<16)
		for i := range int32(u[1]) {
			buf = append(buf, first+i)
		}
	case OpSparseSwitchPayload: // ident, size, keys(2*size), targets
		for i := 0; i < int(u[1]) && 2+2*i+1 < len(u); i++ {
			buf = append(buf, int32(uint32(u[2+2*i])|uint32(u[3+2*i])<<16))
		}
	}
	return buf
}

// BranchTarget is the code unit a goto or if-* instruction may jump to.
func (in Instruction) BranchTarget() (int, bool) {
	if in.Op >= 0x100 {
		return 0, false
	}
	switch opTable[in.Op].fmt {
	case Fmt10t:
		return in.Off + int(int8(in.Units[0]>>8)), true
	case Fmt20t, Fmt21t, Fmt22t:
		return in.Off + int(int16(in.Units[1])), true
	case Fmt30t:
		return in.Off + int(int32(uint32(in.Units[1])|uint32(in.Units[2])<<16)), true
	}
	return 0, false
}

// FallsThrough reports whether execution may go on to the next
// instruction: false after return-*, throw and goto-*.
func (in Instruction) FallsThrough() bool {
	switch {
	case in.Op >= 0x0e && in.Op <= 0x11, in.Op == 0x27, in.Op >= 0x28 && in.Op <= 0x2a:
		return false
	}
	return true
}
