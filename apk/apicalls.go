package apk

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"privdiff/apk/dex"
	"privdiff/catalog"
)

// APIUse is one sensitive framework API the code calls, with every class that
// calls it.
type APIUse struct {
	API      string `json:"api"`
	DataType string `json:"dataType"`
	// Requires are the permissions the API needs (nil: none).
	Requires *catalog.Requirement `json:"requires,omitempty"`
	// Unavailable says why the call cannot return the data in this app,
	// empty when it can: "permission" (the manifest requests none of the
	// permissions it needs), "min-sdk" (every platform the app runs on
	// returns a dummy value), "target-sdk" (the app's target API gets one).
	Unavailable string   `json:"unavailable,omitempty"`
	Callers     []Caller `json:"callers"`
}

// Caller is a class that calls a sensitive API, and whose code that is.
type Caller struct {
	Class string `json:"class"`
	// SDK is the catalog id of the SDK the class belongs to, "app" for the
	// app's own package, or "unknown" (obfuscated or unidentified code).
	SDK string `json:"sdk"`
	// Via is "call" for an invoke (or a read of a sensitive static field),
	// "reflection" for the API's name loaded beside Class.forName/getMethod.
	Via string `json:"via"`
	// Calls counts the call sites in the class.
	Calls int `json:"calls"`
	// Attribution is how SDK was decided: "package" (the class's package),
	// "strings" (it loads the SDK's native library by name), "call-graph"
	// (only that SDK's code calls it), "none" (unknown).
	Attribution string `json:"attribution"`
	// OnDevice: the class is code of a library that runs only inside the
	// app (AndroidX, an open-source library), and every call uses the
	// value there: no method hands it back to the app (returns it),
	// passes it to another package or a listener, or stores it. The
	// library uses it on the device (AppCompat's night mode reads the
	// location to tell day from night), which is not collection.
	OnDevice bool `json:"onDevice,omitempty"`
}

// callSite is one sensitive call found in one dex, before attribution.
type callSite struct {
	api, dataType, class, via string
}

// What a method index is to the walk (codeWalker.methodKind).
const (
	methodSensitive uint8 = 1 << iota
	methodReflection
	methodLoadLib
	methodEntry
)

// denseKinds flattens the walk's lookups by method, field and string index
// into slices.
func denseKinds(w *codeWalker, numMethods, numFields, numStrings int) {
	w.methodKind = make([]uint8, numMethods)
	set := func(keys []uint32, kind uint8) {
		for _, i := range keys {
			if int(i) < numMethods {
				w.methodKind[i] |= kind
			}
		}
	}
	set(slices.Collect(maps.Keys(w.sensitive)), methodSensitive)
	set(slices.Collect(maps.Keys(w.reflection)), methodReflection)
	set(slices.Collect(maps.Keys(w.loadLib)), methodLoadLib)
	set(slices.Collect(maps.Keys(w.entry)), methodEntry)
	w.fieldKind = make([]bool, numFields)
	for i := range w.fields {
		if int(i) < numFields {
			w.fieldKind[i] = true
		}
	}
	for i := range w.conditions {
		if int(i) < numFields {
			w.fieldKind[i] = true
		}
	}
	w.stringWanted = make([]bool, numStrings)
	for i := range w.wanted {
		if int(i) < numStrings {
			w.stringWanted[i] = true
		}
	}
}

// reflectionEntry are the methods whose presence in a method turns an API
// name held in a string constant into evidence of a reflective call.
var reflectionEntry = map[string]bool{"forName": true, "getMethod": true, "getDeclaredMethod": true}

const javaLangClass = "Ljava/lang/Class;"

// libraryLoaders are the classes whose loadLibrary names a native library
// (System.loadLibrary("weibosdkcore") loads libweibosdkcore.so).
var libraryLoaders = map[string]bool{"Ljava/lang/System;": true, "Ljava/lang/Runtime;": true}

// methodScan is what one method's code loads and calls.
type methodScan struct {
	strings   map[string]bool
	calls     []catalog.SensitiveAPI
	fields    []catalog.SensitiveField
	reflects  bool
	loadsLib  bool
	reflNames []string
}

func (m *methodScan) reset() {
	clear(m.strings)
	m.calls, m.fields, m.reflects, m.reflNames, m.loadsLib = m.calls[:0], m.fields[:0], false, m.reflNames[:0], false
}

// findAPICalls walks the code of every class of one dex once, decoding only
// invoke, const-string and sget instructions' indices. A damaged class or
// code item is a warning naming the class; the rest of the file is scanned.
func findAPICalls(d *dex.File, t *catalog.APITable, workers int) (sites map[callSite]int, starts []sdkStart, facts codeFacts, warnings []string, err error) {
	// The field and string tables and the class list are read beside the
	// method table, on another core.
	fields := map[uint32]catalog.SensitiveField{}
	// conditions are field reads that select what a call collects
	// (ContactsContract$Contacts.CONTENT_URI for ContentResolver.query).
	conditions := map[uint32]string{}
	var refs []dex.MemberName
	var wanted map[uint32]string
	var classes []dex.Class
	var fieldErr, classErr error
	others := make(chan struct{})
	go func() {
		defer close(others)
		if refs, fieldErr = d.FieldNamesOf(t.HasFieldClass); fieldErr != nil {
			return
		}
		for i, f := range refs {
			if f.Name == "" {
				continue // a class no field entry names
			}
			if sf, ok := t.Field(f.Class, f.Name); ok {
				fields[uint32(i)] = sf
			}
			if name, ok := t.ConditionField(f.Class, f.Name); ok {
				conditions[uint32(i)] = name
			}
		}
		wanted = stringIndices(d, t.Strings)
		classes, classErr = d.Classes()
	}()
	// Only methods of a few framework and SDK classes matter by name; the
	// class of every method is still needed to tell whose code it is.
	methods, err := d.MethodNamesOf(func(class string) bool {
		return t.HasClass(class) || class == javaLangClass || class == intentClass || libraryLoaders[class] || catalog.IsEntryPointClass(class)
	})
	if err != nil {
		<-others
		return nil, nil, codeFacts{}, nil, err
	}
	sensitive := map[uint32][]catalog.SensitiveAPI{}
	// intentCalls are the sensitive methods whose Intent argument decides
	// what they return.
	intentCalls := map[uint32]bool{}
	reflection := map[uint32]bool{}
	loadLib := map[uint32]bool{}
	entry := map[uint32][]string{}
	// ownerOf maps each method to the SDKs its class belongs to, so that a
	// call from outside an SDK into its code shows the SDK is used: an
	// index into owners, whose first list is empty. Four bytes a method,
	// where a list each took 24 of fresh memory.
	ix := catalog.Signatures()
	ownerOf := make([]int32, len(methods))
	owners := [][]int32{nil}
	// Sized up front (a method's class_idx is 16 bits): growing it was
	// ~0.7 ms of ApiDemos' BenchmarkFindAPICallsApiDemos.
	ownerOfClass := make(map[string]int32, min(d.NumTypes(), len(methods), 1<<16))
	sdkNumber := map[string]int32{}
	var sdkIDs []string
	// method_ids are sorted by class: most methods share the previous
	// one's class, and its owners.
	prevClass, prevOwner := "", int32(0)
	for i, m := range methods {
		if m.Class == prevClass && i > 0 {
			ownerOf[i] = prevOwner
			if m.Name == "" {
				// A class MethodNamesOf left unnamed has no sensitive,
				// reflective, loader or entry-point method.
				continue
			}
		}
		if sdks := catalog.EntryPointOf(m.Class, m.Name); len(sdks) > 0 {
			entry[uint32(i)] = sdks
		}
		o, seen := ownerOfClass[m.Class]
		if !seen {
			var nums []int32
			if name, ok := className(m.Class); ok {
				if match, ok := ix.MatchClass(name); ok {
					for _, id := range match.SDKs {
						n, known := sdkNumber[id]
						if !known {
							n = int32(len(sdkIDs))
							sdkNumber[id] = n
							sdkIDs = append(sdkIDs, id)
						}
						nums = append(nums, n)
					}
				}
			}
			if len(nums) > 0 {
				o = int32(len(owners))
				owners = append(owners, nums)
			}
			ownerOfClass[m.Class] = o
		}
		ownerOf[i] = o
		prevClass, prevOwner = m.Class, o
		if entries := t.Method(m.Class, m.Name); len(entries) > 0 {
			sensitive[uint32(i)] = entries
			if slices.ContainsFunc(entries, func(a catalog.SensitiveAPI) bool { return a.IntentArg != nil }) {
				intentCalls[uint32(i)] = true
			}
		}
		if m.Class == javaLangClass && reflectionEntry[m.Name] {
			reflection[uint32(i)] = true
		}
		if libraryLoaders[m.Class] && m.Name == "loadLibrary" {
			loadLib[uint32(i)] = true
		}
	}
	<-others
	if fieldErr != nil {
		return nil, nil, codeFacts{}, nil, fieldErr
	}
	if classErr != nil {
		return nil, nil, codeFacts{}, nil, classErr
	}
	graph := newCallGraphIndex(classes, methods, ownerOf)
	codeLib := make([]bool, len(sdkIDs))
	for n, id := range sdkIDs {
		if sdk, ok := catalog.SDKByID(id); ok {
			codeLib[n] = catalog.CodeLibrary(id, sdk.Category)
		}
	}
	// The walk is the hottest loop of a scan: the classes are cut into
	// walkParts runs, which the cores take in turn; the runs' code varies
	// too much for one run per core to end together. Each run reads a code
	// item at most once, and the cut does not depend on the cores, so
	// neither do the results.
	parts := walkParts
	// Counts and sets add up in any order, so each core keeps its own
	// across runs; lists keep the runs' order.
	type partResult struct {
		edges    [][2]int32
		starts   []sdkStart
		libs     map[string][]string
		warnings []string
		stopped  bool
	}
	results := make([]partResult, parts)
	shared := codeWalker{d: d, t: t, names: methods, loadLib: loadLib, intentCalls: intentCalls, sensitive: sensitive, reflection: reflection, fields: fields, conditions: conditions, wanted: wanted, entry: entry, ownerOf: ownerOf, owners: owners, sdkIDs: sdkIDs, codeLib: codeLib, graph: graph}
	denseKinds(&shared, len(methods), len(refs), d.NumStrings())
	var wg sync.WaitGroup
	var nextPart atomic.Int32
	scratches := make([]*walkScratch, min(max(workers, 1), parts))
	for i := range scratches {
		scratch := newWalkScratch(&shared)
		scratches[i] = scratch
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				p := int(nextPart.Add(1) - 1)
				if p >= parts {
					return
				}
				lo, hi := len(classes)*p/parts, len(classes)*(p+1)/parts
				w := shared
				w.walk(classes[lo:hi], lo, scratch)
				results[p] = partResult{w.edges, w.starts, w.libs, w.warnings, w.stopped}
			}
		}()
	}
	wg.Wait()
	for _, r := range results {
		if r.stopped {
			return nil, nil, codeFacts{}, nil, dex.ErrStopped
		}
	}
	sites, facts.onDevice = scratches[0].sites, scratches[0].onDevice
	for _, other := range scratches[1:] {
		for s, n := range other.onDevice {
			facts.onDevice[s] += n
		}
		for s, n := range other.sites {
			sites[s] += n
		}
	}
	facts.libs = map[string][]string{}
	var numbered [][2]int32
	for _, r := range results {
		numbered = append(numbered, r.edges...)
		starts = append(starts, r.starts...)
		for c, libs := range r.libs {
			facts.libs[c] = append(facts.libs[c], libs...)
		}
		warnings = append(warnings, r.warnings...)
	}
	facts.edges = graph.named(numbered)
	return sites, starts, facts, warnings, nil
}

// sdkStart is a class outside an SDK calling into it: one of its entry
// points, or any of its methods.
type sdkStart struct {
	sdk, class string
	entryPoint bool
}

func compareStarts(a, b sdkStart) int {
	if c := cmp.Compare(a.sdk, b.sdk); c != 0 {
		return c
	}
	if c := cmp.Compare(a.class, b.class); c != 0 {
		return c
	}
	switch {
	case a.entryPoint == b.entryPoint:
		return 0
	case b.entryPoint:
		return -1
	}
	return 1
}

// codeWalker scans the code of a run of classes against the lookups that
// findAPICalls built for one dex.
type codeWalker struct {
	d           *dex.File
	t           *catalog.APITable
	names       []dex.MemberName
	intentCalls map[uint32]bool
	loadLib     map[uint32]bool
	sensitive   map[uint32][]catalog.SensitiveAPI
	reflection  map[uint32]bool
	fields      map[uint32]catalog.SensitiveField
	conditions  map[uint32]string
	wanted      map[uint32]string
	entry       map[uint32][]string
	// methodKind, fieldKind and stringWanted say, by index, whether the
	// maps above hold anything for a method, field or string: the walk
	// reads a slice for the many instructions that matter to none.
	methodKind   []uint8
	fieldKind    []bool
	stringWanted []bool
	// owners[ownerOf[method]] numbers the SDKs of the method's class
	// (indices into sdkIDs).
	ownerOf []int32
	owners  [][]int32
	sdkIDs  []string
	// codeLib[n]: SDK n is a library that runs only inside the app.
	codeLib []bool
	graph   *callGraphIndex

	edges [][2]int32
	sites map[callSite]int
	// onDevice counts the calls of sites whose value the library uses
	// itself (see keptInClass).
	onDevice map[callSite]int
	// called are the API sites the method last recorded holds.
	called []callSite
	// starts lists the run's classes' calls into SDKs, once per class and
	// SDK (an entry point once per call): a list, not a set, since no two
	// runs walk the same class, and markStarted sorts and compacts.
	starts   []sdkStart
	warnings []string
	// stopped: the walk ended early, its dex's StopOn channel closed.
	stopped bool
	// libs maps a class to the native libraries it loads by name.
	libs map[string][]string
}

// walkParts is how many runs the classes of a dex are cut into for the walk.
const walkParts = 16

// walkScratch is the memory one core's walk reuses from run to run.
type walkScratch struct {
	// edgeStamp[callee] == classMark marks a call edge already recorded.
	edgeStamp []int
	seenCode  *offsetSet
	// stamp[sdk] == classMark marks an SDK already recorded for this
	// class, so the hot loop touches a map once per class and SDK, not once
	// per call. A class's mark is its place in the dex's class list plus
	// one: no two classes of any run share one, so the stamps need no
	// clearing between runs.
	stamp []int

	// What the core's runs found, added up.
	sites, onDevice map[callSite]int
}

func newWalkScratch(w *codeWalker) *walkScratch {
	return &walkScratch{edgeStamp: make([]int, w.graph.numClasses()), seenCode: newOffsetSet(w.d.Size()), stamp: make([]int, len(w.sdkIDs)),
		sites: map[callSite]int{}, onDevice: map[callSite]int{}}
}

// walk scans classes, the run of the dex's class list starting at first.
func (w *codeWalker) walk(classes []dex.Class, first int, scratch *walkScratch) {
	w.sites, w.onDevice, w.libs = scratch.sites, scratch.onDevice, map[string][]string{}
	scratch.seenCode.reset()
	edgeStamp, seenCode, stamp := scratch.edgeStamp, scratch.seenCode, scratch.stamp
	var methods []dex.EncodedMethod
	var cd dex.ClassData
	var code dex.Code
	scan := methodScan{strings: map[string]bool{}}
	for i, c := range classes {
		classMark := first + i + 1
		if w.d.Stopped() {
			w.stopped = true
			return
		}
		if c.ClassDataOff == 0 {
			continue
		}
		caller, _ := className(c.Descriptor)
		callerNo := w.graph.callerNo[first+i]
		if err := w.d.ClassDataInto(c.ClassDataOff, &cd); err != nil {
			w.warnings = append(w.warnings, fmt.Sprintf("class %s: %v", caller, err))
			continue
		}
		methods = append(append(methods[:0], cd.DirectMethods...), cd.VirtualMethods...)
		library := w.libraryCode(methods)
		var libSites []methodSite
		for _, em := range methods {
			// Hostile files point many methods at one code item; each is read once.
			if em.CodeOff == 0 || !seenCode.add(em.CodeOff) {
				continue
			}
			if err := w.d.CodeInto(em.CodeOff, &code); err != nil {
				w.warnings = append(w.warnings, fmt.Sprintf("class %s: %v", caller, err))
				continue
			}
			scan.reset()
			// The hot loop: only instructions that name a method, string or
			// field stop it, and each is looked up in a dense table first.
			for off := 0; ; {
				kind, idx, next, err := dex.NextRef(code.Insns, off)
				if err != nil {
					w.warnings = append(w.warnings, fmt.Sprintf("class %s: %v", caller, err))
					break
				}
				if kind == dex.RefEnd {
					break
				}
				off = next
				switch kind {
				case dex.RefMethod:
					if int(idx) >= len(w.methodKind) {
						continue
					}
					switch k := w.methodKind[idx]; {
					case k&methodSensitive != 0:
						scan.calls = append(scan.calls, w.sensitive[idx]...)
					case k&methodReflection != 0:
						scan.reflects = true
					case k&methodLoadLib != 0:
						scan.loadsLib = true
					default:
						if n := w.graph.callee[idx]; n >= 0 && n != callerNo && edgeStamp[n] != classMark {
							edgeStamp[n] = classMark
							w.edges = append(w.edges, [2]int32{callerNo, n})
						}
						if k&methodEntry != 0 {
							for _, sdk := range w.entry[idx] {
								w.starts = append(w.starts, sdkStart{sdk, caller, true})
							}
						}
						// Calls within an SDK are kept too: only the manifest
						// says whether the caller's package is the app's own.
						for _, n := range w.owners[w.ownerOf[idx]] {
							if stamp[n] != classMark {
								stamp[n] = classMark
								w.starts = append(w.starts, sdkStart{w.sdkIDs[n], caller, false})
							}
						}
					}
				case dex.RefString:
					if int(idx) < len(w.stringWanted) && w.stringWanted[idx] {
						s := w.wanted[idx]
						scan.strings[s] = true
						scan.reflNames = append(scan.reflNames, s)
					}
				case dex.RefField:
					if int(idx) >= len(w.fieldKind) || !w.fieldKind[idx] {
						continue
					}
					if f, ok := w.fields[idx]; ok {
						scan.fields = append(scan.fields, f)
					}
					if name, ok := w.conditions[idx]; ok {
						scan.strings[name] = true
					}
				}
			}
			w.record(&scan, caller, code.Insns)
			if library {
				for _, s := range w.called {
					libSites = append(libSites, methodSite{em.Method, s})
				}
			}
		}
		if len(libSites) > 0 {
			w.markOnDevice(c.Descriptor, methods, libSites)
		}
	}
}

// offsetSet is a set of code item offsets: a bit per 4 bytes of the file
// (code items are 4-byte aligned), and a map for the offsets a hostile
// file puts off that grid or past its end.
type offsetSet struct {
	bits  []uint64
	other map[uint32]bool
	// set lists the words of bits that hold an offset, for reset.
	set []int
}

func newOffsetSet(size int64) *offsetSet {
	return &offsetSet{bits: make([]uint64, (size/4+63)/64), other: map[uint32]bool{}}
}

func (s *offsetSet) add(off uint32) bool {
	if w := int(off / 4 / 64); off%4 == 0 && w < len(s.bits) {
		bit := uint64(1) << (off / 4 % 64)
		if s.bits[w]&bit != 0 {
			return false
		}
		if s.bits[w] == 0 {
			s.set = append(s.set, w)
		}
		s.bits[w] |= bit
		return true
	}
	if s.other[off] {
		return false
	}
	s.other[off] = true
	return true
}

// reset empties the set, clearing only the words that were used: one
// set serves a walk's runs one after another.
func (s *offsetSet) reset() {
	for _, w := range s.set {
		s.bits[w] = 0
	}
	s.set = s.set[:0]
	clear(s.other)
}

// methodSite is an API site and the method of the class that holds it.
type methodSite struct {
	method uint32
	site   callSite
}

// libraryCode reports whether a class's methods are code of a library that
// runs only inside the app.
func (w *codeWalker) libraryCode(methods []dex.EncodedMethod) bool {
	if len(methods) == 0 || int(methods[0].Method) >= len(w.ownerOf) {
		return false
	}
	for _, n := range w.owners[w.ownerOf[methods[0].Method]] {
		if w.codeLib[n] {
			return true
		}
	}
	return false
}

// markOnDevice counts the library class's API sites whose value stays in
// the library, re-reading the class's code (few classes of a library call
// a sensitive API).
func (w *codeWalker) markOnDevice(desc string, methods []dex.EncodedMethod, sites []methodSite) {
	var list []classMethod
	for _, em := range methods {
		if em.CodeOff == 0 {
			continue
		}
		code, err := w.d.Code(em.CodeOff)
		if err != nil {
			return
		}
		list = append(list, classMethod{idx: em.Method, private: em.AccessFlags&accPrivate != 0, insns: code.Insns})
	}
	sensitive := func(idx uint32) sourceKind {
		if w.sensitive[idx] == nil {
			return notSource
		}
		return sourceOf(w.d, idx, w.names)
	}
	kept := keptInClass(list, w.names, sensitive, packageOf(desc))
	for _, s := range sites {
		if kept[s.method] {
			w.onDevice[s.site]++
		}
	}
}

// record turns what one method did into call sites.
func (w *codeWalker) record(m *methodScan, caller string, insns []uint16) {
	t, sites := w.t, w.sites
	if m.loadsLib {
		for _, s := range loadedLibraries(w.d, insns, w.loadLib) {
			if !slices.Contains(w.libs[caller], s) {
				w.libs[caller] = append(w.libs[caller], s)
			}
		}
	}
	var intents []*intentValue
	intentsRead := false
	w.called = w.called[:0]
	for _, a := range m.calls {
		if a.Conditional() && !m.loadsAny(a.NeedsString) && !m.loadsAny(a.NeedsField) {
			continue
		}
		// A clipboard read in a method that handles android.R.id.paste is
		// a text field pasting what the user chose to paste (AppCompat's
		// onTextContextMenuItem; R8 renames the class, never the framework
		// id). Reading the clipboard in the background, as SDKs do for
		// invite codes, never handles that menu id, so it still counts; an
		// app's own paste button has its own id and still counts too.
		if len(a.UnlessInts) > 0 && loadsAnyInt(insns, a.UnlessInts) {
			continue
		}
		if a.IntentArg != nil {
			if !intentsRead {
				intents, intentsRead = intentArgs(w.d, w.names, insns, w.intentCalls), true
			}
			if !slices.ContainsFunc(intents, func(v *intentValue) bool { return listsApps(v, a.IntentArg, m.strings) }) {
				continue
			}
		}
		s := callSite{a.Name(), a.DataType, caller, "call"}
		sites[s]++
		w.called = append(w.called, s)
	}
	for _, f := range m.fields {
		sites[callSite{f.Class + "." + f.Field, f.DataType, caller, "call"}]++
	}
	if m.reflects {
		for _, name := range m.reflNames {
			for _, a := range t.Reflective(name) {
				sites[callSite{a.Name(), a.DataType, caller, "reflection"}]++
			}
		}
	}
}

func (m *methodScan) loadsAny(strs []string) bool {
	for _, s := range strs {
		if m.strings[s] {
			return true
		}
		// A content URI constant may carry a path ("content://sms/inbox").
		for loaded := range m.strings {
			if strings.HasPrefix(loaded, s+"/") {
				return true
			}
		}
	}
	return false
}

// stringIndices finds each wanted constant in the dex string table, which
// the format keeps sorted: a binary search per constant instead of decoding
// every string. Content URIs are also matched with a path after them.
func stringIndices(d *dex.File, wanted []string) map[uint32]string {
	out := map[uint32]string{}
	n := d.NumStrings()
	for _, w := range wanted {
		lo := sort.Search(n, func(i int) bool {
			s, err := d.String(uint32(i))
			return err != nil || s >= w
		})
		for i := lo; i < n; i++ {
			s, err := d.String(uint32(i))
			if err != nil || !(s == w || strings.HasPrefix(s, w+"/")) {
				break
			}
			out[uint32(i)] = s
		}
	}
	return out
}

// attributeAPIs groups the call sites of every dex into obs.APIs, names
// the code each caller belongs to, and says which calls cannot return
// their data in this app.
func attributeAPIs(obs *Observed, sites map[callSite]int, ix *catalog.Index) {
	type key struct{ api, dataType string }
	var unknown []string
	for s := range sites {
		if codeOwner(obs, ix, s.class) == "unknown" {
			unknown = append(unknown, s.class)
		}
	}
	sort.Strings(unknown)
	attr := newAttributor(obs, ix, unknown)
	byAPI := map[key][]Caller{}
	for s, n := range sites {
		k := key{s.api, s.dataType}
		owner, how := attr.owner(s.class)
		byAPI[k] = append(byAPI[k], Caller{Class: s.class, SDK: owner, Via: s.via, Calls: n, Attribution: how, OnDevice: obs.code.onDevice[s] == n})
	}
	rules := apiRules(catalog.SensitiveAPIs())
	has := requestedPermissions(obs, catalog.SensitiveAPIs().Implied)
	obs.APIs = make([]APIUse, 0, len(byAPI))
	for k, callers := range byAPI {
		sort.Slice(callers, func(i, j int) bool {
			if callers[i].Class != callers[j].Class {
				return callers[i].Class < callers[j].Class
			}
			return callers[i].Via < callers[j].Via
		})
		r := rules[[2]string{k.api, k.dataType}]
		use := APIUse{API: k.api, DataType: k.dataType, Requires: r.requires, Callers: callers}
		switch {
		case !r.requires.MetBy(has):
			use.Unavailable = "permission"
		case r.maxDeviceSdk > 0 && obs.App.MinSdk > r.maxDeviceSdk && !slices.ContainsFunc(r.exemptWith, has):
			use.Unavailable = "min-sdk"
		case r.maxTargetSdk > 0 && effectiveTargetSdk(obs.App) > r.maxTargetSdk:
			use.Unavailable = "target-sdk"
		}
		obs.APIs = append(obs.APIs, use)
	}
	sort.Slice(obs.APIs, func(i, j int) bool {
		if obs.APIs[i].DataType != obs.APIs[j].DataType {
			return obs.APIs[i].DataType < obs.APIs[j].DataType
		}
		return obs.APIs[i].API < obs.APIs[j].API
	})
}

// apiRule is what decides whether an API can return its data in an app.
type apiRule struct {
	requires                   *catalog.Requirement
	maxDeviceSdk, maxTargetSdk int
	exemptWith                 []string
}

// apiRules indexes the table's rules by API name and data type, as call
// sites name them.
func apiRules(t *catalog.APITable) map[[2]string]apiRule {
	out := map[[2]string]apiRule{}
	for _, a := range t.APIs {
		out[[2]string{a.Name(), a.DataType}] = apiRule{requires: a.Requires, maxDeviceSdk: a.MaxDeviceSdk, exemptWith: a.ExemptWith}
	}
	for _, f := range t.Fields {
		out[[2]string{f.Class + "." + f.Field, f.DataType}] = apiRule{maxTargetSdk: f.MaxTargetSdk}
	}
	return out
}

// effectiveTargetSdk is the target API as Android reads it: minSdk when
// the manifest gives none, 1 when it gives neither.
func effectiveTargetSdk(app App) int {
	switch {
	case app.TargetSdk > 0:
		return app.TargetSdk
	case app.MinSdk > 0:
		return app.MinSdk
	}
	return 1
}

// requestedPermissions answers "can the app hold this permission on some
// platform it runs on?": the manifest requests it without a maxSdkVersion
// below the app's minSdk (nor below 23 for uses-permission-sdk-23), or the
// platform implies it for the app's target API.
func requestedPermissions(obs *Observed, implied []catalog.ImpliedPermission) func(string) bool {
	held := map[string]bool{}
	minSdk := max(obs.App.MinSdk, 1)
	for _, p := range obs.Permissions {
		lowest := minSdk
		if p.SDK23 {
			lowest = max(lowest, 23)
		}
		if p.MaxSdkVersion == nil || *p.MaxSdkVersion >= lowest {
			held[p.Name] = true
		}
	}
	target := effectiveTargetSdk(obs.App)
	for _, ip := range implied {
		if (ip.TargetSdkBelow == 0 || target < ip.TargetSdkBelow) && (ip.From == "" || held[ip.From]) {
			held[ip.Permission] = true
		}
	}
	return func(p string) bool { return held[p] }
}

// codeOwner says whose code a class is: the app's, a catalog SDK's, or unknown.
func codeOwner(obs *Observed, ix *catalog.Index, class string) string {
	if ownCode(obs, class) {
		return "app"
	}
	if m, ok := ix.MatchClass(class); ok {
		return strings.Join(m.SDKs, "+")
	}
	return "unknown"
}
