package apk

import (
	"slices"
	"strings"

	"privdiff/apk/dex"
	"privdiff/catalog"
)

// How a calling class was tied to whose code it is (Caller.Attribution).
const (
	// attributedByPackage: the class's package is the app's own or an SDK's
	// in the catalog.
	attributedByPackage = "package"
	// attributedByCallGraph: the class is called only from one SDK's code,
	// directly or through other unattributed classes, or it sits in an
	// obfuscated package whose classes are.
	attributedByCallGraph = "call-graph"
	// attributedByStrings: the class loads, by name, a native library the
	// catalog knows as the SDK's (System.loadLibrary("weibosdkcore")): it
	// is that library's Java side.
	attributedByStrings = "strings"
	// attributedByNone: nothing ties the class to anyone.
	attributedByNone = "none"
)

// classEdge is a call from one class to a method of another.
type classEdge struct{ from, to string }

// codeFacts is what the code walk saw that ties classes to an SDK: the
// calls between classes and the native libraries each class loads.
type codeFacts struct {
	edges []classEdge
	libs  map[string][]string
	// onDevice counts, per API site, the calls whose value a library
	// uses itself.
	onDevice map[callSite]int
}

func (c *codeFacts) add(o codeFacts) {
	// Into empty facts, o's are taken over rather than copied.
	c.edges = extend(c.edges, o.edges)
	if c.onDevice == nil {
		c.onDevice = o.onDevice
		o.onDevice = nil
	}
	if c.libs == nil {
		c.libs = o.libs
		o.libs = nil
	}
	for s, n := range o.onDevice {
		if c.onDevice == nil {
			c.onDevice = map[callSite]int{}
		}
		c.onDevice[s] += n
	}
	for class, libs := range o.libs {
		if c.libs == nil {
			c.libs = map[string][]string{}
		}
		c.libs[class] = append(c.libs[class], libs...)
	}
}

// loadedLibraries returns the names a method passes to loadLibrary as
// string constants, following which register holds which constant.
func loadedLibraries(d *dex.File, insns []uint16, loadLib map[uint32]bool) []string {
	var out []string
	strs := map[uint16]uint32{}
	var args []uint16
	for in, err := range dex.Instructions(insns) {
		if err != nil {
			break
		}
		if idx, ok := in.StringIndex(); ok {
			if a, ok := in.RegA(); ok && len(strs) < maxTracked {
				strs[a] = idx
			}
			continue
		}
		if idx, ok := in.MethodIndex(); ok {
			args = in.Args(args[:0])
			if loadLib[idx] && len(args) > 0 {
				// System.loadLibrary is static, Runtime's is not: the name is last.
				if si, ok := strs[args[len(args)-1]]; ok {
					if s, err := d.String(si); err == nil {
						out = append(out, s)
					}
				}
			}
			continue
		}
		if a, ok := in.RegA(); ok {
			delete(strs, a)
		}
	}
	return out
}

// platformPrefixes are the framework's packages: a call into them says
// nothing about whose code the caller is.
var platformPrefixes = []string{"Ljava/", "Ljavax/", "Landroid/", "Ldalvik/", "Lorg/json/", "Lorg/xml/", "Lorg/w3c/", "Lsun/", "Llibcore/"}

// callGraphIndex numbers the classes of one dex for the walk's call edges:
// callers by class definition, callees by method reference, only where the
// callee may be unattributed code (not the platform, not a catalog SDK).
type callGraphIndex struct {
	descs    []string
	callerNo []int32
	callee   []int32
}

func newCallGraphIndex(classes []dex.Class, methods []dex.MemberName, ownerOf []int32) *callGraphIndex {
	g := &callGraphIndex{callerNo: make([]int32, len(classes)), callee: make([]int32, len(methods))}
	number := make(map[string]int32, len(classes))
	num := func(desc string) int32 {
		n, ok := number[desc]
		if !ok {
			n = int32(len(g.descs))
			number[desc] = n
			g.descs = append(g.descs, desc)
		}
		return n
	}
	for i, c := range classes {
		g.callerNo[i] = num(c.Descriptor)
	}
	// Methods of one class come together in method_ids (sorted by class):
	// the class is looked at once per run.
	last, lastNo := "", int32(-1)
	for i, m := range methods {
		if m.Class != last || i == 0 {
			last, lastNo = m.Class, -1
			if !slices.ContainsFunc(platformPrefixes, func(p string) bool { return strings.HasPrefix(m.Class, p) }) {
				lastNo = num(m.Class)
			}
		}
		g.callee[i] = lastNo
		if ownerOf[i] != 0 {
			g.callee[i] = -1
		}
	}
	return g
}

func (g *callGraphIndex) numClasses() int { return len(g.descs) }

// named turns numbered edges into class names, each name made once.
func (g *callGraphIndex) named(edges [][2]int32) []classEdge {
	names := make([]string, len(g.descs))
	name := func(n int32) string {
		if names[n] == "" {
			if s, ok := className(g.descs[n]); ok {
				names[n] = s
			} else {
				names[n] = "\x00"
			}
		}
		return names[n]
	}
	out := make([]classEdge, 0, len(edges))
	for _, e := range edges {
		from, to := name(e[0]), name(e[1])
		if from != "\x00" && to != "\x00" {
			out = append(out, classEdge{from, to})
		}
	}
	return out
}

// rootUnknown stands for code that nothing calls and nothing attributes
// (an obfuscated activity, a callback): it may be the app's.
const rootUnknown = "?"

// attributor says whose code each class is: by package (the app's own,
// a catalog SDK's), else by who calls it.
type attributor struct {
	obs *Observed
	ix  *catalog.Index
	// byGraph holds the owner found through the call graph for the
	// classes (by outermost class) that the package leaves unknown.
	byGraph map[string]string
	// byLibrary holds the owner of the native libraries a unit loads.
	byLibrary map[string]string
	// known caches packageOwner: each unit is asked once per caller edge.
	known map[string]string
}

// libraryOwners ties each unattributed unit that loads native libraries
// of exactly one catalog SDK (and no other library) to that SDK.
func (a *attributor) libraryOwners() {
	owners := map[string][]string{}
	for class, libs := range a.obs.code.libs {
		u := outerClass(class)
		if codeOwner(a.obs, a.ix, u) != "unknown" {
			continue
		}
		for _, lib := range libs {
			owner := ""
			if m, ok := a.ix.MatchNativeLib("lib" + lib + ".so"); ok {
				owner = strings.Join(m.SDKs, "+")
			}
			if !slices.Contains(owners[u], owner) {
				owners[u] = append(owners[u], owner)
			}
		}
	}
	for u, o := range owners {
		if len(o) == 1 && o[0] != "" {
			a.byLibrary[u] = o[0]
		}
	}
}

// newAttributor ties the unattributed classes among targets to an owner
// through the call edges. A class is treated with its nested classes as
// one unit (Foo and Foo$1 are one piece of code).
//
// The rule is conservative: a unit belongs to an SDK when every path of
// callers into it starts in that SDK's code (through unattributed units
// on the way); a unit called from the app and an SDK, or from code that
// nothing calls (which may be the app's), belongs to nobody. A unit no one
// calls, in an obfuscated package (every segment of at most two
// characters: "w6", "a.b.a") whose attributed units all belong to one SDK
// and none of whose units is called by anyone else, is that SDK's too.
func newAttributor(obs *Observed, ix *catalog.Index, targets []string) *attributor {
	a := &attributor{obs: obs, ix: ix, byGraph: map[string]string{}, byLibrary: map[string]string{}, known: map[string]string{}}
	if len(targets) == 0 {
		return a
	}
	a.libraryOwners()
	callers := map[string][]string{}
	byPackage := map[string][]string{}
	// The walk records each pair of classes once per dex; pairs repeated
	// across dex files or nested classes change no set below.
	for _, e := range obs.code.edges {
		from, to := outerClass(e.from), outerClass(e.to)
		if from == to {
			continue
		}
		if len(callers[to]) == 0 {
			byPackage[javaPackage(to)] = append(byPackage[javaPackage(to)], to)
		}
		callers[to] = append(callers[to], from)
	}
	// The units to decide: the targets, the units of their obfuscated
	// packages, and every unattributed unit on a path of callers into them.
	var work []string
	inWork := map[string]bool{}
	add := func(u string) {
		if !inWork[u] && a.packageOwner(u) == "unknown" {
			inWork[u] = true
			work = append(work, u)
		}
	}
	for _, t := range targets {
		u := outerClass(t)
		add(u)
		if p := javaPackage(u); obfuscatedPackage(p) {
			for _, v := range byPackage[p] {
				add(v)
			}
		}
	}
	for i := 0; i < len(work); i++ {
		for _, c := range callers[work[i]] {
			add(c)
		}
	}
	// roots[u] are the owners of the code that paths of callers into u
	// start from, at most two (two already mean "shared"): each unit's set
	// only grows, so the propagation ends after at most two changes a unit.
	roots := make(map[string][]string, len(work))
	callees := map[string][]string{}
	addRoot := func(u, owner string) bool {
		r := roots[u]
		if len(r) >= 2 || slices.Contains(r, owner) {
			return false
		}
		roots[u] = append(r, owner)
		return true
	}
	var queue []string
	for _, u := range work {
		if len(callers[u]) == 0 {
			addRoot(u, rootUnknown)
		}
		for _, c := range callers[u] {
			if inWork[c] {
				callees[c] = append(callees[c], u)
			} else {
				addRoot(u, a.packageOwner(c))
			}
		}
		queue = append(queue, u)
	}
	for len(queue) > 0 {
		u := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, v := range callees[u] {
			changed := false
			for _, o := range roots[u] {
				changed = addRoot(v, o) || changed
			}
			if changed {
				queue = append(queue, v)
			}
		}
	}
	pkgOwners := map[string][]string{}
	for _, u := range work {
		// The app calling a class shows nothing: apps call SDKs' entry
		// points. It only keeps the class from being an SDK's.
		if r := roots[u]; len(r) == 1 && r[0] != rootUnknown && r[0] != "app" {
			a.byGraph[u] = r[0]
		}
		for _, o := range roots[u] {
			if o != rootUnknown && !slices.Contains(pkgOwners[javaPackage(u)], o) {
				pkgOwners[javaPackage(u)] = append(pkgOwners[javaPackage(u)], o)
			}
		}
	}
	for _, u := range work {
		p := javaPackage(u)
		if _, ok := a.byGraph[u]; ok || !obfuscatedPackage(p) || len(pkgOwners[p]) != 1 || pkgOwners[p][0] == "app" {
			continue
		}
		if r := roots[u]; len(r) == 0 || len(r) == 1 && r[0] == rootUnknown {
			a.byGraph[u] = pkgOwners[p][0]
		}
	}
	return a
}

// owner says whose code a class is and how that was decided.
func (a *attributor) owner(class string) (owner, how string) {
	if o := codeOwner(a.obs, a.ix, class); o != "unknown" {
		return o, attributedByPackage
	}
	if o, ok := a.byLibrary[outerClass(class)]; ok {
		return o, attributedByStrings
	}
	if o, ok := a.byGraph[outerClass(class)]; ok {
		return o, attributedByCallGraph
	}
	return "unknown", attributedByNone
}

// packageOwner is whose code a unit is before the call graph: codeOwner,
// or the SDK whose native library it loads.
func (a *attributor) packageOwner(class string) string {
	if o, ok := a.known[class]; ok {
		return o
	}
	o := codeOwner(a.obs, a.ix, class)
	if lib, ok := a.byLibrary[outerClass(class)]; ok && o == "unknown" {
		o = lib
	}
	a.known[class] = o
	return o
}

// outerClass is the outermost class of a nested one ("a.b$c" → "a.b").
func outerClass(class string) string {
	dot := strings.LastIndexByte(class, '.')
	if i := strings.IndexByte(class[dot+1:], '$'); i > 0 {
		return class[:dot+1+i]
	}
	return class
}

// obfuscatedPackage: a package R8 or ProGuard named ("w6", "a.b.a.a.b"),
// every segment at most two characters; the default package does not
// count, as all of an app's top-level obfuscated classes share it.
func obfuscatedPackage(pkg string) bool {
	if pkg == "" {
		return false
	}
	for seg := range strings.SplitSeq(pkg, ".") {
		if len(seg) > 2 {
			return false
		}
	}
	return true
}
