package catalog

import (
	"bytes"
	"path"
	"sort"
	"strings"
	"sync"
)

// Match is one catalog signature that a trace in an APK matched.
type Match struct {
	Kind EvidenceKind
	// Pattern is the signature as the catalog writes it ("cn.jpush.android.",
	// "libjcore*.so").
	Pattern string
	// SDKs are the ids of the entries with that signature, sorted; usually one.
	SDKs []string
}

// Index answers "which SDK left this trace?" for each kind of evidence. Build
// it once (Signatures) and share it: it is read-only.
type Index struct {
	dex        map[string][]string // package prefix with trailing "." → ids
	components map[string][]string
	metaData   map[string][]string
	libs       patternSet
	assets     patternSet
	strs       []rule
}

type rule struct {
	pattern string
	ids     []string
}

// patternSet matches exact names by map and globs one by one; catalogs have
// few globs.
type patternSet struct {
	exact map[string][]string
	globs []rule
}

// Signatures returns the index of every catalog signature.
func Signatures() *Index { return signatureIndex() }

var signatureIndex = sync.OnceValue(func() *Index {
	return newIndex(generatedSDKs)
})

func newIndex(sdks []SDK) *Index {
	// Maps sized for their signatures up front: growing them was most of
	// the index's cost, paid by every scan.
	var dex, components, metaData, libs int
	for _, s := range sdks {
		dex += len(s.Signatures.DexPackages)
		components += len(s.Signatures.Components)
		metaData += len(s.Signatures.MetaData)
		libs += len(s.Signatures.NativeLibs)
	}
	ix := &Index{
		dex:        make(map[string][]string, dex),
		components: make(map[string][]string, components),
		metaData:   make(map[string][]string, metaData),
		libs:       patternSet{exact: make(map[string][]string, libs)},
		assets:     patternSet{exact: map[string][]string{}},
	}
	// Most signatures belong to one SDK: their id lists are cut from one
	// array rather than allocated one by one.
	arena := make([]string, 0, dex+components+metaData)
	add := func(m map[string][]string, p, id string) {
		if ids, ok := m[p]; ok {
			m[p] = addID(ids, id)
			return
		}
		arena = append(arena, id)
		m[p] = arena[len(arena)-1 : len(arena) : len(arena)]
	}
	strs := map[string][]string{}
	for _, s := range sdks {
		sig := s.Signatures
		for _, p := range sig.DexPackages {
			add(ix.dex, p, s.ID)
		}
		for _, p := range sig.Components {
			add(ix.components, p, s.ID)
		}
		for _, p := range sig.MetaData {
			add(ix.metaData, p, s.ID)
		}
		for _, p := range sig.NativeLibs {
			ix.libs.add(p, s.ID)
		}
		for _, p := range sig.Assets {
			ix.assets.add(p, s.ID)
		}
		for _, p := range sig.Strings {
			strs[p] = addID(strs[p], s.ID)
		}
	}
	for p, ids := range strs {
		ix.strs = append(ix.strs, rule{p, ids})
	}
	sort.Slice(ix.strs, func(i, j int) bool { return ix.strs[i].pattern < ix.strs[j].pattern })
	return ix
}

func addID(ids []string, id string) []string {
	i := sort.SearchStrings(ids, id)
	if i < len(ids) && ids[i] == id {
		return ids
	}
	ids = append(ids, "")
	copy(ids[i+1:], ids[i:])
	ids[i] = id
	return ids
}

func (ps *patternSet) add(pattern, id string) {
	if !strings.ContainsAny(pattern, `*?[\`) {
		ps.exact[pattern] = addID(ps.exact[pattern], id)
		return
	}
	for i := range ps.globs {
		if ps.globs[i].pattern == pattern {
			ps.globs[i].ids = addID(ps.globs[i].ids, id)
			return
		}
	}
	ps.globs = append(ps.globs, rule{pattern, []string{id}})
	sort.Slice(ps.globs, func(i, j int) bool { return ps.globs[i].pattern < ps.globs[j].pattern })
}

func (ps *patternSet) match(kind EvidenceKind, name string) (Match, bool) {
	if ids, ok := ps.exact[name]; ok {
		return Match{Kind: kind, Pattern: name, SDKs: ids}, true
	}
	for _, g := range ps.globs {
		if ok, _ := path.Match(g.pattern, name); ok {
			return Match{Kind: kind, Pattern: g.pattern, SDKs: g.ids}, true
		}
	}
	return Match{}, false
}

// MatchClass finds the longest catalog package prefix of a dotted class name
// ("cn.jpush.android.service.PushService" → "cn.jpush.android."). It does
// one map lookup per package level, so a whole dex is one pass over its
// class names.
func (ix *Index) MatchClass(class string) (Match, bool) {
	for i := len(class) - 1; i > 0; i-- {
		if class[i] != '.' {
			continue
		}
		if ids, ok := ix.dex[class[:i+1]]; ok {
			return Match{Kind: EvidenceDexPackage, Pattern: class[:i+1], SDKs: ids}, true
		}
	}
	return Match{}, false
}

// MatchComponent looks up a manifest component's class name.
func (ix *Index) MatchComponent(name string) (Match, bool) {
	if ids, ok := ix.components[name]; ok {
		return Match{Kind: EvidenceComponent, Pattern: name, SDKs: ids}, true
	}
	return Match{}, false
}

// MatchMetaData looks up a <meta-data> key.
func (ix *Index) MatchMetaData(key string) (Match, bool) {
	if ids, ok := ix.metaData[key]; ok {
		return Match{Kind: EvidenceMetaData, Pattern: key, SDKs: ids}, true
	}
	return Match{}, false
}

// MatchNativeLib matches a native library by its file name; a full path
// ("lib/arm64-v8a/libjcore400.so") is reduced to the file name first.
func (ix *Index) MatchNativeLib(p string) (Match, bool) {
	return ix.libs.match(EvidenceNativeLib, path.Base(p))
}

// MatchAsset matches a file path inside the APK ("assets/bugly.dat").
func (ix *Index) MatchAsset(p string) (Match, bool) {
	return ix.assets.match(EvidenceAsset, p)
}

// MatchStrings returns every string signature contained in s.
func (ix *Index) MatchStrings(s string) []Match {
	var ms []Match
	for _, r := range ix.strs {
		if strings.Contains(s, r.pattern) {
			ms = append(ms, Match{Kind: EvidenceString, Pattern: r.pattern, SDKs: r.ids})
		}
	}
	return ms
}

// MatchBytes returns every string signature found in raw bytes, such as a
// whole dex file: dex strings are MUTF-8, byte-identical to ASCII
// signatures, so one search of the file replaces decoding every string.
func (ix *Index) MatchBytes(b []byte) []Match {
	m := ix.NewByteMatcher()
	m.Search(b, 0)
	return m.Matches()
}

// ByteMatcher is MatchBytes for bytes that arrive front to back, searched
// as they come (a dex file still inflating).
type ByteMatcher struct {
	ix    *Index
	found []bool // by ix.strs
}

// NewByteMatcher starts a search of the string signatures.
func (ix *Index) NewByteMatcher() *ByteMatcher {
	return &ByteMatcher{ix: ix, found: make([]bool, len(ix.strs))}
}

// Search searches b, whose first from bytes an earlier Search covered: a
// signature that straddles from is found too.
func (m *ByteMatcher) Search(b []byte, from int) {
	for i, r := range m.ix.strs {
		if !m.found[i] {
			start := max(from-len(r.pattern)+1, 0)
			m.found[i] = bytes.Contains(b[start:], []byte(r.pattern))
		}
	}
}

// Matches returns the signatures found so far, in MatchBytes' order.
func (m *ByteMatcher) Matches() []Match {
	var ms []Match
	for i, r := range m.ix.strs {
		if m.found[i] {
			ms = append(ms, Match{Kind: EvidenceString, Pattern: r.pattern, SDKs: r.ids})
		}
	}
	return ms
}

// HoldsPrefix reports whether a catalog package prefix equals root (a
// prefix ending in ".") or lies below it: code under root may then be an
// SDK's.
func (ix *Index) HoldsPrefix(root string) bool {
	if _, ok := ix.dex[root]; ok {
		return true
	}
	for p := range ix.dex {
		if strings.HasPrefix(p, root) {
			return true
		}
	}
	return false
}
