package apk

import (
	"strings"

	"privdiff/apk/dex"
)

// A library that only runs inside the app (AppCompat, CameraX) may call a
// sensitive API to use the value itself: AppCompat's night mode reads the
// last known location to tell day from night, and keeps only that. A
// wrapper such as TelephonyManagerCompat.getImei hands the value back to
// the app, which is the app's collection. What a method does with the
// value decides, read from its code, so it holds after R8 renames it.

// valueUse is what a method does with the values its sources give it.
type valueUse uint8

const (
	useNone     valueUse = iota // no source in the method
	useLocal                    // only the class's own package uses them
	useReturned                 // returned to the caller
	useLeaves                   // passed to another package, or stored
)

// sourceKind is how a sensitive call gives its value.
type sourceKind uint8

const (
	notSource sourceKind = iota
	// byResult: the call returns the value (getLastKnownLocation, a
	// constructor's new object).
	byResult
	// byCallback: the value reaches a listener or callback passed to the
	// call (requestLocationUpdates); where that goes is not followed, so
	// the value is taken to leave.
	byCallback
)

// accPrivate is a dex method's ACC_PRIVATE flag.
const accPrivate = 0x2

// maxTainted caps the registers followed in one method; past it a value is
// taken to leave, the answer that keeps the call reported.
const maxTainted = 256

// followValue reads one method's code once and says where the values that
// sources return go. Calling a framework method on the value
// (location.getLatitude()) gives a value derived from it; passing it to
// code of the caller's own package keeps it in the library; passing it
// anywhere else (the app, a listener, another library, a framework
// method's argument), or storing it in a field or array, lets it leave.
//
// Which registers hold the value is followed in the order of the code, as
// intentFlow does, but erring the other way: forward jumps carry the
// registers to their target, where they join the fall-through's; a target
// of a backward jump, or code the instruction before does not fall into
// (an exception handler, a jump's target after a goto), starts with every
// register that ever held the value as well. A method with a switch keeps a register marked once it held the
// value. So a register can only look like it holds the value when it does
// not, never the reverse: a doubt keeps the call reported. A backward
// jump's target needs the registers marked after it, so the pass runs
// again while that set grows.
func followValue(insns []uint16, names []dex.MemberName, source func(uint32) sourceKind, pkg string) valueUse {
	ever := map[uint16]bool{}
	for range maxRounds {
		before := len(ever)
		use := followOnce(insns, names, source, pkg, ever)
		if use == useLeaves || len(ever) == before {
			return use
		}
	}
	return useLeaves
}

// followOnce is one pass of followValue; ever holds the registers that
// held the value in the passes before, and gains this pass's.
func followOnce(insns []uint16, names []dex.MemberName, source func(uint32) sourceKind, pkg string, ever map[uint16]bool) valueUse {
	backTargets := map[int]bool{}
	sticky := false
	for in, err := range dex.Instructions(insns) {
		if err != nil {
			return useLeaves
		}
		if t, ok := in.BranchTarget(); ok && t <= in.Off {
			backTargets[t] = true
		}
		if in.Op == dex.OpPackedSwitch || in.Op == dex.OpSparseSwitch {
			sticky = true
		}
	}
	tainted := map[uint16]bool{}
	carried := map[int]map[uint16]bool{}
	mark := func(r uint16) {
		tainted[r], ever[r] = true, true
	}
	use := useNone
	pending, fallsThrough := false, true
	var args []uint16
	for in, err := range dex.Instructions(insns) {
		if err != nil {
			return useLeaves
		}
		if len(ever) > maxTainted {
			return useLeaves
		}
		c := carried[in.Off]
		delete(carried, in.Off)
		switch {
		case backTargets[in.Off] || sticky || !fallsThrough:
			// An exception handler may also be a forward jump's target:
			// any code the previous instruction does not fall into gets
			// every register that held the value.
			if !fallsThrough {
				tainted = map[uint16]bool{}
			}
			for r := range ever {
				tainted[r] = true
			}
		}
		for r := range c {
			tainted[r] = true
		}
		fallsThrough = in.FallsThrough()
		if t, ok := in.BranchTarget(); ok && t > in.Off {
			if carried[t] == nil {
				if len(carried) >= maxPending {
					return useLeaves
				}
				carried[t] = map[uint16]bool{}
			}
			for r := range tainted {
				carried[t][r] = true
			}
		}
		op := in.Op
		if idx, ok := in.MethodIndex(); ok {
			args = in.Args(args[:0])
			result := false
			switch source(idx) {
			case byCallback:
				return useLeaves
			case byResult:
				use = max(use, useLocal)
				result = true
				if int(idx) < len(names) && names[idx].Name == "<init>" && len(args) > 0 {
					mark(args[0]) // the object a sensitive constructor builds
				}
			}
			static := op == dex.OpInvokeStatic || op == dex.OpInvokeStaticRange
			for i, r := range args {
				if !tainted[r] {
					continue
				}
				callee := ""
				if int(idx) < len(names) {
					callee = names[idx].Class
				}
				switch {
				case pkg != "" && packageOf(callee) == pkg:
				case i == 0 && !static && framework(callee):
				default:
					return useLeaves
				}
				result = true
			}
			pending = result
			continue
		}
		if op.IsInvoke() || op == 0x24 || op == 0x25 { // invoke-custom, filled-new-array
			for _, r := range in.Args(args[:0]) {
				if tainted[r] {
					return useLeaves
				}
			}
		}
		a, hasA := in.RegA()
		switch {
		case !hasA:
		case op >= 0x0a && op <= 0x0c: // move-result
			if pending {
				mark(a)
			} else if !sticky {
				delete(tainted, a)
			}
		case op >= 0x01 && op <= 0x09: // move
			if b, ok := in.RegB(); ok && tainted[b] {
				mark(a)
			} else if !sticky {
				delete(tainted, a)
			}
		case op >= 0x0f && op <= 0x11: // return
			if tainted[a] {
				use = max(use, useReturned)
			}
		case op >= 0x4b && op <= 0x51, op >= 0x59 && op <= 0x5f, op >= 0x67 && op <= 0x6d: // aput, iput, sput
			if tainted[a] {
				return useLeaves
			}
		case op == dex.OpCheckCast, op == 0x0e, op == 0x1d, op == 0x1e, op == 0x27, op >= 0x32 && op <= 0x3d,
			op == dex.OpFillArrayData, op == dex.OpPackedSwitch, op == dex.OpSparseSwitch:
			// These write no register (check-cast keeps the value).
		default:
			if !sticky {
				delete(tainted, a)
			}
		}
		pending = false
	}
	return use
}

// framework: the platform's own classes, whose methods called on a value
// derive from it (Location.getLatitude) rather than send it.
func framework(class string) bool {
	return (strings.HasPrefix(class, "Landroid/") && !strings.HasPrefix(class, "Landroid/support/")) ||
		strings.HasPrefix(class, "Ljava/") || strings.HasPrefix(class, "Ljavax/")
}

// packageOf is a class descriptor's package ("Landroidx/core/app/").
func packageOf(desc string) string {
	return desc[:strings.LastIndexByte(desc, '/')+1]
}

// classMethod is one method of a class with its code.
type classMethod struct {
	idx     uint32
	private bool
	insns   []uint16
}

// maxRounds bounds how many private helpers deep a value is followed
// inside one class (getLastKnownLocationForProvider → getLastKnownLocation
// → isNight in AppCompat).
const maxRounds = 4

// keptInClass says, for each method of one class, whether the sensitive
// values it obtains stay in the class's package. A private method that
// returns the value passes it on to its callers in the class; it is kept
// when every such caller keeps it (and it has one). A method the analysis
// cannot settle is not kept.
func keptInClass(methods []classMethod, names []dex.MemberName, sensitive func(uint32) sourceKind, pkg string) map[uint32]bool {
	returns := map[uint32]bool{}
	source := func(idx uint32) sourceKind {
		if returns[idx] {
			return byResult
		}
		return sensitive(idx)
	}
	use := map[uint32]valueUse{}
	for range maxRounds {
		grew := false
		for _, m := range methods {
			u := followValue(m.insns, names, source, pkg)
			use[m.idx] = u
			if u == useReturned && !returns[m.idx] {
				returns[m.idx], grew = true, true
			}
		}
		if !grew {
			break
		}
	}
	// callers[m] are the methods of the class that call m.
	callers := map[uint32][]uint32{}
	private := map[uint32]bool{}
	for _, m := range methods {
		private[m.idx] = m.private
		for in, err := range dex.Instructions(m.insns) {
			if err != nil {
				break
			}
			if idx, ok := in.MethodIndex(); ok && returns[idx] {
				callers[idx] = append(callers[idx], m.idx)
			}
		}
	}
	kept := map[uint32]bool{}
	// settled memoises each method's answer, so that a class whose helpers
	// call each other many times is still read in time linear in its calls.
	settled := map[uint32]bool{}
	var settle, settleOnce func(idx uint32, depth int) bool
	settle = func(idx uint32, depth int) bool {
		if v, ok := settled[idx]; ok {
			return v
		}
		v := settleOnce(idx, depth)
		settled[idx] = v
		return v
	}
	settleOnce = func(idx uint32, depth int) bool {
		switch use[idx] {
		case useLocal:
			return true
		case useReturned:
			if !private[idx] || depth >= maxRounds || len(callers[idx]) == 0 {
				return false
			}
			for _, c := range callers[idx] {
				if c == idx || !settle(c, depth+1) {
					return false
				}
			}
			return true
		}
		return false
	}
	for _, m := range methods {
		if settle(m.idx, 0) {
			kept[m.idx] = true
		}
	}
	return kept
}

// sourceOf says how a sensitive method gives its value, by its prototype:
// a constructor or a method returning an object or array gives it as its
// result; one returning nothing or a primitive (registerListener's
// boolean) through a callback.
func sourceOf(d *dex.File, idx uint32, names []dex.MemberName) sourceKind {
	if int(idx) < len(names) && names[idx].Name == "<init>" {
		return byResult
	}
	m, err := d.Method(idx)
	if err != nil {
		return byCallback
	}
	if ret := m.Descriptor[strings.LastIndexByte(m.Descriptor, ')')+1:]; strings.HasPrefix(ret, "L") || strings.HasPrefix(ret, "[") {
		return byResult
	}
	return byCallback
}
