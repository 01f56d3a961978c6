package apk

import (
	"maps"
	"slices"

	"privdiff/apk/dex"
	"privdiff/catalog"
)

// What a sensitive call does can depend on its arguments and on the method
// around it, as the "android_id" key decides what Settings.Secure.getString
// returns. The checks here re-read one method's code, and only for the few
// methods that call an API whose table entry has such a condition, so the
// scan's one pass over all code stays as it was.

const intentClass = "Landroid/content/Intent;"

// loadsAnyInt reports whether the method loads one of the literals, as a
// constant or a switch case ("when (id) { android.R.id.paste -> … }").
func loadsAnyInt(insns []uint16, values []int32) bool {
	var keys []int32
	for in, err := range dex.Instructions(insns) {
		if err != nil {
			return false
		}
		if v, ok := in.Literal(); ok && slices.Contains(values, v) {
			return true
		}
		keys = in.SwitchKeys(keys[:0])
		for _, k := range keys {
			if slices.Contains(values, k) {
				return true
			}
		}
	}
	return false
}

// intentValue is what the method itself set on one Intent object.
type intentValue struct {
	// targeted: a package, component or class was set, or the intent was
	// built for a class (new Intent(context, Foo.class)).
	targeted   bool
	actions    []string
	categories []string
}

// intentFlow follows, in the order of the code, which register holds an
// Intent built in the method and what was set on it, to tell what a query
// for it returns. Forward jumps carry the registers to their target, where
// they meet the fall-through (a register whose two values differ becomes
// unknown); a target reached only by a backward jump or a switch starts
// with nothing known. One pass, linear in the method's size.
type intentFlow struct {
	d     *dex.File
	names []dex.MemberName
	regs  map[uint16]*intentValue
	strs  map[uint16]string
	// result is the Intent an Intent method just returned (the builders
	// return the receiver), for the move-result-object after it.
	result *intentValue
	args   []uint16
	// at holds the registers carried by forward jumps to each target.
	at map[int]flowState
}

// maxTracked caps the registers followed at once, so that carrying them
// over a jump stays a bounded copy however many registers hostile code
// writes: compiled code keeps an intent and its strings in a few.
const maxTracked = 64

// maxPending caps the jump targets waiting for their registers; past it a
// target gets only the fall-through's (real methods have a few dozen).
const maxPending = 1024

type flowState struct {
	regs map[uint16]*intentValue
	strs map[uint16]string
}

// jump carries the registers to a forward target.
func (f *intentFlow) jump(target int) {
	if old, ok := f.at[target]; ok {
		f.at[target] = meet(old, flowState{f.regs, f.strs})
		return
	}
	if len(f.at) >= maxPending {
		return
	}
	f.at[target] = flowState{maps.Clone(f.regs), maps.Clone(f.strs)}
}

// arrive sets the registers at an instruction: those carried to it, met
// with the fall-through's when the previous instruction falls through.
func (f *intentFlow) arrive(off int, fallsThrough bool) {
	carried, ok := f.at[off]
	switch {
	case ok && fallsThrough:
		s := meet(carried, flowState{f.regs, f.strs})
		f.regs, f.strs = s.regs, s.strs
	case ok:
		f.regs, f.strs = carried.regs, carried.strs
	case !fallsThrough:
		f.regs, f.strs = map[uint16]*intentValue{}, map[uint16]string{}
	}
	delete(f.at, off)
}

// meet keeps in a the registers whose value is the same in b.
func meet(a, b flowState) flowState {
	maps.DeleteFunc(a.regs, func(r uint16, v *intentValue) bool { return b.regs[r] != v })
	maps.DeleteFunc(a.strs, func(r uint16, s string) bool { t, ok := b.strs[r]; return !ok || t != s })
	return a
}

// intentArgs returns, for each call to a method of the set in the method,
// the Intent passed as its first argument; nil where the intent was not
// built in the method (a parameter, a field, another method's result).
func intentArgs(d *dex.File, names []dex.MemberName, insns []uint16, calls map[uint32]bool) []*intentValue {
	f := intentFlow{d: d, names: names, regs: map[uint16]*intentValue{}, strs: map[uint16]string{}, at: map[int]flowState{}}
	var out []*intentValue
	fallsThrough := true
	for in, err := range dex.Instructions(insns) {
		if err != nil {
			break
		}
		f.arrive(in.Off, fallsThrough)
		fallsThrough = in.FallsThrough()
		if t, ok := in.BranchTarget(); ok && t > in.Off {
			f.jump(t)
		}
		if idx, ok := in.MethodIndex(); ok {
			f.args = in.Args(f.args[:0])
			if calls[idx] {
				// What the intent is at the call: setting a package on it
				// afterwards (to start one result) changes nothing queried.
				var v *intentValue
				if len(f.args) > 1 && f.regs[f.args[1]] != nil {
					at := *f.regs[f.args[1]]
					at.actions, at.categories = slices.Clip(at.actions), slices.Clip(at.categories)
					v = &at
				}
				out = append(out, v)
			}
			f.invoke(idx)
			continue
		}
		f.step(in)
	}
	return out
}

// invoke applies an Intent method to the intent it is called on.
func (f *intentFlow) invoke(idx uint32) {
	f.result = nil
	if int(idx) >= len(f.names) || f.names[idx].Class != intentClass {
		return
	}
	name := f.names[idx].Name
	if name == "makeMainActivity" { // static: an intent for one component
		f.result = &intentValue{targeted: true}
		return
	}
	if len(f.args) == 0 {
		return
	}
	v := f.regs[f.args[0]]
	if name == "<init>" {
		if _, ok := f.regs[f.args[0]]; !ok && len(f.regs) >= maxTracked {
			return
		}
		v = &intentValue{}
		f.regs[f.args[0]] = v
	}
	if v == nil {
		return
	}
	arg := func(i int) (string, bool) {
		if i >= len(f.args) {
			return "", false
		}
		s, ok := f.strs[f.args[i]]
		return s, ok
	}
	switch name {
	case "<init>":
		if len(f.args) == 2 {
			if other := f.regs[f.args[1]]; other != nil { // new Intent(intent)
				*v = *other
			} else if s, ok := arg(1); ok {
				v.actions = append(v.actions, s)
			}
		} else if s, ok := arg(1); ok { // new Intent(action, uri)
			v.actions = append(v.actions, s)
		} else if len(f.args) >= 3 { // new Intent(context, Foo.class)
			v.targeted = true
		}
	case "setAction":
		if s, ok := arg(1); ok {
			v.actions = append(v.actions, s)
		}
	case "addCategory":
		if s, ok := arg(1); ok {
			v.categories = append(v.categories, s)
		}
	case "setPackage", "setComponent", "setClassName", "setClass", "setSelector":
		v.targeted = true
	}
	f.result = v
}

// step tracks the registers a non-invoke instruction writes.
func (f *intentFlow) step(in dex.Instruction) {
	result := f.result
	f.result = nil
	a, ok := in.RegA()
	op := in.Op
	switch {
	case !ok:
		return
	case op == dex.OpConstString || op == dex.OpConstStringJumbo:
		delete(f.regs, a)
		if idx, ok := in.StringIndex(); ok {
			if s, err := f.d.String(idx); err == nil && len(f.strs) < maxTracked {
				f.strs[a] = s
			}
		}
		return
	case op == dex.OpNewInstance:
		delete(f.strs, a)
		delete(f.regs, a)
		if idx, ok := in.TypeIndex(); ok {
			if t, err := f.d.Type(idx); err == nil && t == intentClass && len(f.regs) < maxTracked {
				f.regs[a] = &intentValue{}
			}
		}
		return
	case op >= 0x07 && op <= 0x09: // move-object: the value moves with its facts
		b, _ := in.RegB()
		f.copyReg(a, b)
		return
	case op == 0x0c: // move-result-object
		delete(f.strs, a)
		delete(f.regs, a)
		if result != nil && len(f.regs) < maxTracked {
			f.regs[a] = result
		}
		return
	case op == dex.OpCheckCast, op >= 0x0e && op <= 0x11, op == 0x1d, op == 0x1e, op == 0x27,
		op >= 0x32 && op <= 0x3d, op >= 0x4b && op <= 0x51, op >= 0x59 && op <= 0x5f, op >= 0x67 && op <= 0x6d,
		op == dex.OpFillArrayData, op == dex.OpPackedSwitch, op == dex.OpSparseSwitch:
		// Reads, stores, branches and returns write no register.
		return
	}
	delete(f.strs, a)
	delete(f.regs, a)
}

func (f *intentFlow) copyReg(to, from uint16) {
	delete(f.strs, to)
	delete(f.regs, to)
	if s, ok := f.strs[from]; ok && len(f.strs) < maxTracked {
		f.strs[to] = s
	}
	if v := f.regs[from]; v != nil && len(f.regs) < maxTracked {
		f.regs[to] = v
	}
}

// listsApps reports whether a query for the intent lists the installed
// apps, by the entry's rule. An intent built elsewhere (nil) counts only
// when the method loads one of the rule's categories itself.
func listsApps(v *intentValue, rule *catalog.IntentRule, loaded map[string]bool) bool {
	if v == nil {
		return slices.ContainsFunc(rule.Categories, func(c string) bool { return loaded[c] })
	}
	if v.targeted {
		return false
	}
	if slices.ContainsFunc(v.categories, func(c string) bool { return slices.Contains(rule.Categories, c) }) {
		return true
	}
	return len(v.categories) == 0 && slices.ContainsFunc(v.actions, func(a string) bool { return slices.Contains(rule.Actions, a) })
}
