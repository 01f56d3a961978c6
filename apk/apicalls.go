package apk

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"privdiff/apk/dex"
	"privdiff/catalog"
)

// APIUse is one sensitive framework API the code calls, with every class that
// calls it.
type APIUse struct {
	API      string   `json:"api"`
	DataType string   `json:"dataType"`
	Callers  []Caller `json:"callers"`
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
}

// callSite is one sensitive call found in one dex, before attribution.
type callSite struct {
	api, dataType, class, via string
}

// reflectionEntry are the methods whose presence in a method turns an API
// name held in a string constant into evidence of a reflective call.
var reflectionEntry = map[string]bool{"forName": true, "getMethod": true, "getDeclaredMethod": true}

const javaLangClass = "Ljava/lang/Class;"

// methodScan is what one method's code loads and calls.
type methodScan struct {
	strings   map[string]bool
	calls     []catalog.SensitiveAPI
	fields    []catalog.SensitiveField
	reflects  bool
	reflNames []string
}

func (m *methodScan) reset() {
	clear(m.strings)
	m.calls, m.fields, m.reflects, m.reflNames = m.calls[:0], m.fields[:0], false, m.reflNames[:0]
}

// findAPICalls walks the code of every class of one dex once, decoding only
// invoke, const-string and sget instructions' indices. A damaged class or
// code item is a warning naming the class; the rest of the file is scanned.
func findAPICalls(d *dex.File, t *catalog.APITable, workers int) (sites map[callSite]int, starts map[sdkStart]bool, warnings []string, err error) {
	// Only methods of a few framework and SDK classes matter by name; the
	// class of every method is still needed to tell whose code it is.
	methods, err := d.MethodNamesOf(func(class string) bool {
		return t.HasClass(class) || class == javaLangClass || catalog.IsEntryPointClass(class)
	})
	if err != nil {
		return nil, nil, nil, err
	}
	sensitive := map[uint32][]catalog.SensitiveAPI{}
	reflection := map[uint32]bool{}
	entry := map[uint32][]string{}
	// owner maps each method to the SDKs its class belongs to, so that a
	// call from outside an SDK into its code shows the SDK is used.
	ix := catalog.Signatures()
	owner := make([][]int32, len(methods))
	ownerOfClass := map[string][]int32{}
	sdkNumber := map[string]int32{}
	var sdkIDs []string
	for i, m := range methods {
		if sdks := catalog.EntryPointOf(m.Class, m.Name); len(sdks) > 0 {
			entry[uint32(i)] = sdks
		}
		nums, seen := ownerOfClass[m.Class]
		if !seen {
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
			ownerOfClass[m.Class] = nums
		}
		owner[i] = nums
		if entries := t.Method(m.Class, m.Name); len(entries) > 0 {
			sensitive[uint32(i)] = entries
		}
		if m.Class == javaLangClass && reflectionEntry[m.Name] {
			reflection[uint32(i)] = true
		}
	}
	fields := map[uint32]catalog.SensitiveField{}
	// conditions are field reads that select what a call collects
	// (ContactsContract$Contacts.CONTENT_URI for ContentResolver.query).
	conditions := map[uint32]string{}
	refs, err := d.FieldNames()
	if err != nil {
		return nil, nil, nil, err
	}
	for i, f := range refs {
		if sf, ok := t.Field(f.Class, f.Name); ok {
			fields[uint32(i)] = sf
		}
		if name, ok := t.ConditionField(f.Class, f.Name); ok {
			conditions[uint32(i)] = name
		}
	}
	wanted := stringIndices(d, t.Strings)

	classes, err := d.Classes()
	if err != nil {
		return nil, nil, nil, err
	}
	// The walk is the hottest loop of a scan: split the classes over the
	// cores. Each part reads a code item at most once.
	parts := max(workers, 1)
	type partResult struct {
		sites    map[callSite]int
		starts   map[sdkStart]bool
		warnings []string
	}
	results := make([]partResult, parts)
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := len(classes)*p/parts, len(classes)*(p+1)/parts
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := codeWalker{d: d, t: t, sensitive: sensitive, reflection: reflection, fields: fields, conditions: conditions, wanted: wanted, entry: entry, owner: owner, sdkIDs: sdkIDs}
			w.walk(classes[lo:hi])
			results[p] = partResult{w.sites, w.starts, w.warnings}
		}()
	}
	wg.Wait()
	sites, starts = map[callSite]int{}, map[sdkStart]bool{}
	for _, r := range results {
		for s, n := range r.sites {
			sites[s] += n
		}
		for s := range r.starts {
			starts[s] = true
		}
		warnings = append(warnings, r.warnings...)
	}
	return sites, starts, warnings, nil
}

// sdkStart is a class outside an SDK calling into it: one of its entry
// points, or any of its methods.
type sdkStart struct {
	sdk, class string
	entryPoint bool
}

// codeWalker scans the code of a run of classes against the lookups that
// findAPICalls built for one dex.
type codeWalker struct {
	d          *dex.File
	t          *catalog.APITable
	sensitive  map[uint32][]catalog.SensitiveAPI
	reflection map[uint32]bool
	fields     map[uint32]catalog.SensitiveField
	conditions map[uint32]string
	wanted     map[uint32]string
	entry      map[uint32][]string
	// owner numbers the SDKs of each method's class (indices into sdkIDs).
	owner  [][]int32
	sdkIDs []string

	sites    map[callSite]int
	starts   map[sdkStart]bool
	warnings []string
}

func (w *codeWalker) walk(classes []dex.Class) {
	w.sites, w.starts = map[callSite]int{}, map[sdkStart]bool{}
	seenCode := map[uint32]bool{}
	var code dex.Code
	scan := methodScan{strings: map[string]bool{}}
	// stamp[sdk] == classNo marks an SDK already recorded for this class, so
	// the hot loop touches a map once per class and SDK, not once per call.
	stamp := make([]int, len(w.sdkIDs))
	for classNo, c := range classes {
		classNo++
		if c.ClassDataOff == 0 {
			continue
		}
		caller, _ := className(c.Descriptor)
		cd, err := w.d.ClassData(c)
		if err != nil {
			w.warnings = append(w.warnings, fmt.Sprintf("class %s: %v", caller, err))
			continue
		}
		for _, em := range slices.Concat(cd.DirectMethods, cd.VirtualMethods) {
			// Hostile files point many methods at one code item; each is read once.
			if em.CodeOff == 0 || seenCode[em.CodeOff] {
				continue
			}
			seenCode[em.CodeOff] = true
			if err := w.d.CodeInto(em.CodeOff, &code); err != nil {
				w.warnings = append(w.warnings, fmt.Sprintf("class %s: %v", caller, err))
				continue
			}
			scan.reset()
			for in, err := range dex.Instructions(code.Insns) {
				if err != nil {
					w.warnings = append(w.warnings, fmt.Sprintf("class %s: %v", caller, err))
					break
				}
				if idx, ok := in.MethodIndex(); ok {
					if e := w.sensitive[idx]; e != nil {
						scan.calls = append(scan.calls, e...)
					} else if w.reflection[idx] {
						scan.reflects = true
					} else if int(idx) < len(w.owner) {
						for _, sdk := range w.entry[idx] {
							w.starts[sdkStart{sdk, caller, true}] = true
						}
						// Calls within an SDK are kept too: only the manifest
						// says whether the caller's package is the app's own.
						for _, n := range w.owner[idx] {
							if stamp[n] != classNo {
								stamp[n] = classNo
								w.starts[sdkStart{w.sdkIDs[n], caller, false}] = true
							}
						}
					}
				} else if idx, ok := in.StringIndex(); ok {
					if s, ok := w.wanted[idx]; ok {
						scan.strings[s] = true
						scan.reflNames = append(scan.reflNames, s)
					}
				} else if idx, ok := in.FieldIndex(); ok {
					if f, ok := w.fields[idx]; ok {
						scan.fields = append(scan.fields, f)
					}
					if name, ok := w.conditions[idx]; ok {
						scan.strings[name] = true
					}
				}
			}
			scan.record(caller, w.t, w.sites)
		}
	}
}

// record turns what one method did into call sites.
func (m *methodScan) record(caller string, t *catalog.APITable, sites map[callSite]int) {
	for _, a := range m.calls {
		if a.Conditional() && !m.loadsAny(a.NeedsString) && !m.loadsAny(a.NeedsField) {
			continue
		}
		sites[callSite{a.Name(), a.DataType, caller, "call"}]++
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

// attributeAPIs groups the call sites of every dex into obs.APIs and names
// the code each caller belongs to.
func attributeAPIs(obs *Observed, sites map[callSite]int, ix *catalog.Index) {
	type key struct{ api, dataType string }
	byAPI := map[key][]Caller{}
	for s, n := range sites {
		k := key{s.api, s.dataType}
		byAPI[k] = append(byAPI[k], Caller{Class: s.class, SDK: codeOwner(obs, ix, s.class), Via: s.via, Calls: n})
	}
	obs.APIs = make([]APIUse, 0, len(byAPI))
	for k, callers := range byAPI {
		sort.Slice(callers, func(i, j int) bool {
			if callers[i].Class != callers[j].Class {
				return callers[i].Class < callers[j].Class
			}
			return callers[i].Via < callers[j].Via
		})
		obs.APIs = append(obs.APIs, APIUse{API: k.api, DataType: k.dataType, Callers: callers})
	}
	sort.Slice(obs.APIs, func(i, j int) bool {
		if obs.APIs[i].DataType != obs.APIs[j].DataType {
			return obs.APIs[i].DataType < obs.APIs[j].DataType
		}
		return obs.APIs[i].API < obs.APIs[j].API
	})
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
