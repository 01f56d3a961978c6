package catalog

import (
	"bytes"
	"path"
	"sort"
	"strings"
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

// Index answers "which SDK left this trace?" for each kind of evidence. go
// generate lays it out (generatedSignatureIndex), so a process finds it
// ready; it is read-only.
type Index struct {
	dex        signatureTable // package prefix with trailing "." → ids
	components signatureTable
	metaData   signatureTable
	libs       patternSet
	assets     patternSet
	strs       []rule
}

type rule struct {
	pattern string
	ids     []string
}

// signatureTable finds a signature's SDK ids through a StringTable: built
// as maps at first use, the ~3,100 signatures cost every scan about a
// millisecond and 70 page faults.
type signatureTable struct {
	patterns []string
	ids      [][]string // by pattern, each sorted
	table    StringTable
}

func (t *signatureTable) get(s string) ([]string, bool) {
	return t.getHashed(s, stringHash(s))
}

func (t *signatureTable) getHashed(s string, hash uint32) ([]string, bool) {
	if i := t.table.findHashed(s, hash, func(i int) string { return t.patterns[i] }); i >= 0 {
		return t.ids[i], true
	}
	return nil, false
}

// patternSet matches exact names by table and globs one by one; catalogs
// have few globs.
type patternSet struct {
	exact signatureTable
	globs []rule
}

// Signatures returns the index of every catalog signature.
func Signatures() *Index { return &generatedSignatureIndex }

// NewSignatureIndex indexes the signatures of sdks. go generate runs it.
func NewSignatureIndex(sdks []SDK) *Index {
	dex, components, metaData := map[string][]string{}, map[string][]string{}, map[string][]string{}
	libs, assets := map[string][]string{}, map[string][]string{}
	var libGlobs, assetGlobs []rule
	strs := map[string][]string{}
	for _, s := range sdks {
		sig := s.Signatures
		for _, p := range sig.DexPackages {
			dex[p] = addID(dex[p], s.ID)
		}
		for _, p := range sig.Components {
			components[p] = addID(components[p], s.ID)
		}
		for _, p := range sig.MetaData {
			metaData[p] = addID(metaData[p], s.ID)
		}
		for _, p := range sig.NativeLibs {
			libGlobs = addPattern(libs, libGlobs, p, s.ID)
		}
		for _, p := range sig.Assets {
			assetGlobs = addPattern(assets, assetGlobs, p, s.ID)
		}
		for _, p := range sig.Strings {
			strs[p] = addID(strs[p], s.ID)
		}
	}
	ix := &Index{
		dex:        newSignatureTable(dex),
		components: newSignatureTable(components),
		metaData:   newSignatureTable(metaData),
		libs:       patternSet{exact: newSignatureTable(libs), globs: libGlobs},
		assets:     patternSet{exact: newSignatureTable(assets), globs: assetGlobs},
	}
	for p, ids := range strs {
		ix.strs = append(ix.strs, rule{p, ids})
	}
	sort.Slice(ix.strs, func(i, j int) bool { return ix.strs[i].pattern < ix.strs[j].pattern })
	return ix
}

// newSignatureTable lays out m, its patterns sorted so that the generated
// file is the same at every run.
func newSignatureTable(m map[string][]string) signatureTable {
	t := signatureTable{patterns: make([]string, 0, len(m))}
	for p := range m {
		t.patterns = append(t.patterns, p)
	}
	sort.Strings(t.patterns)
	for _, p := range t.patterns {
		t.ids = append(t.ids, m[p])
	}
	t.table = NewStringTable(t.patterns)
	return t
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

// addPattern adds a native library's or an asset's pattern: a name to
// exact, a glob to globs (kept sorted), which it returns.
func addPattern(exact map[string][]string, globs []rule, pattern, id string) []rule {
	if !strings.ContainsAny(pattern, `*?[\`) {
		exact[pattern] = addID(exact[pattern], id)
		return globs
	}
	for i := range globs {
		if globs[i].pattern == pattern {
			globs[i].ids = addID(globs[i].ids, id)
			return globs
		}
	}
	globs = append(globs, rule{pattern, []string{id}})
	sort.Slice(globs, func(i, j int) bool { return globs[i].pattern < globs[j].pattern })
	return globs
}

func (ps *patternSet) match(kind EvidenceKind, name string) (Match, bool) {
	if ids, ok := ps.exact.get(name); ok {
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
// ("cn.jpush.android.service.PushService" → "cn.jpush.android."). It hashes
// the name once, keeping the hash at each dot, then looks the package
// levels up from the deepest: a whole dex is one pass over its class names.
func (ix *Index) MatchClass(class string) (Match, bool) {
	var dots [24]struct {
		end  int
		hash uint32
	}
	n := 0
	h := hashStart
	// The class's own name, after the last dot, is in no prefix.
	last := strings.LastIndexByte(class, '.')
	for i := 0; i <= last; i++ {
		h = hashByte(h, class[i])
		if class[i] != '.' || i == 0 {
			continue
		}
		if n == len(dots) {
			return ix.matchClassDeep(class)
		}
		dots[n].end, dots[n].hash = i+1, h
		n++
	}
	for k := n - 1; k >= 0; k-- {
		if ids, ok := ix.dex.getHashed(class[:dots[k].end], dots[k].hash); ok {
			return Match{Kind: EvidenceDexPackage, Pattern: class[:dots[k].end], SDKs: ids}, true
		}
	}
	return Match{}, false
}

// matchClassDeep is MatchClass for a name of more package levels than it
// keeps hashes for: one lookup per level.
func (ix *Index) matchClassDeep(class string) (Match, bool) {
	for i := len(class) - 1; i > 0; i-- {
		if class[i] != '.' {
			continue
		}
		if ids, ok := ix.dex.get(class[:i+1]); ok {
			return Match{Kind: EvidenceDexPackage, Pattern: class[:i+1], SDKs: ids}, true
		}
	}
	return Match{}, false
}

// MatchComponent looks up a manifest component's class name.
func (ix *Index) MatchComponent(name string) (Match, bool) {
	if ids, ok := ix.components.get(name); ok {
		return Match{Kind: EvidenceComponent, Pattern: name, SDKs: ids}, true
	}
	return Match{}, false
}

// MatchMetaData looks up a <meta-data> key.
func (ix *Index) MatchMetaData(key string) (Match, bool) {
	if ids, ok := ix.metaData.get(key); ok {
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
	if _, ok := ix.dex.get(root); ok {
		return true
	}
	for _, p := range ix.dex.patterns {
		if strings.HasPrefix(p, root) {
			return true
		}
	}
	return false
}
