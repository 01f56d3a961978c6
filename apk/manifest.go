package apk

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/avast/apkparser"
)

// manifest holds the facts of one APK's AndroidManifest.xml, before the APKs
// of a split set are merged.
type manifest struct {
	Package     string
	VersionCode int64
	VersionName string
	// Split is the split name ("config.arm64_v8a"); empty for a base APK.
	Split     string
	MinSdk    int
	TargetSdk int
	hasMin    bool
	hasTarget bool
	Label     string
	// Application is the <application android:name> class.
	Application string

	UsesPermissions []usesPermission
	// DefinedPermissions maps permissions the app defines itself to the
	// protection level it gives them.
	DefinedPermissions map[string]string
	Components         []manifestComponent
	MetaData           []MetaData
	Warnings           []string
}

type usesPermission struct {
	Name          string
	MaxSdkVersion *int
	SDK23         bool
}

type manifestComponent struct {
	Component
	exportedAttr    *bool
	hasIntentFilter bool
}

var componentTags = map[string]bool{
	"activity": true, "activity-alias": true, "service": true, "receiver": true, "provider": true,
}

// unresolvedRef is how apkparser prints a reference it could not resolve.
// Compiled on first use: every command pays for what runs at init.
var unresolvedRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^@[0-9a-f]{1,8}$`) })

// refID is the resource id of a reference apkparser left unresolved
// ("@7f0b0001"); ok is false for any other value.
func refID(value string) (id uint32, ok bool) {
	if !unresolvedRef().MatchString(value) {
		return 0, false
	}
	v, err := strconv.ParseUint(value[1:], 16, 32)
	return uint32(v), err == nil
}

// parseManifest decodes a binary AndroidManifest.xml with apkparser's
// resource table (res may be nil: no resources.arsc, references then stay
// unresolved, with a warning). Scans read the manifest with decodeManifest
// and a lazy table instead; this is what they must equal, and what reads a
// manifest whose references cannot be told from literal text.
func parseManifest(data []byte, res *apkparser.ResourceTable) (m *manifest, err error) {
	defer func() {
		if p := recover(); p != nil {
			m, err = nil, fmt.Errorf("malformed binary XML: %v", p)
		}
	}()
	b := newManifestBuilder()
	if res != nil {
		b.res = parsedTable{res}
	}
	return b.finish(apkparser.ParseXml(bytes.NewReader(data), b, res))
}

// manifestTokens is a manifest as apkparser decodes it without a resource
// table, each reference printed as "@7f0b0001", kept until the table is
// read: the manifest's bytes and the table's are then never held at once.
type manifestTokens struct {
	tokens []xml.Token
	err    error
	// panicked is what apkparser panicked with, after the tokens.
	panicked any
	// literals are the texts like "@7f0b0001" that the manifest's bytes
	// hold, as UTF-8 or UTF-16: an attribute with such a value may be a
	// string written so rather than a reference.
	literals map[string]bool
}

// decodeManifest reads the manifest's elements for build.
func decodeManifest(data []byte) *manifestTokens {
	t := &manifestTokens{literals: refLiterals(data)}
	func() {
		defer func() { t.panicked = recover() }()
		t.err = apkparser.ParseXml(bytes.NewReader(data), t, nil)
	}()
	return t
}

func (t *manifestTokens) Flush() error { return nil }

func (t *manifestTokens) EncodeToken(tok xml.Token) error {
	switch tok.(type) {
	case xml.StartElement, xml.EndElement:
		t.tokens = append(t.tokens, tok)
	}
	return nil
}

// build is parseManifest's result with res as the table (nil when there is
// none). reparse is true when an attribute the manifest keeps reads like a
// reference and the manifest also holds that text: only apkparser with the
// whole table then knows which it is.
func (t *manifestTokens) build(res resourceValues) (m *manifest, reparse bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			m, reparse, err = nil, false, fmt.Errorf("malformed binary XML: %v", p)
		}
	}()
	b := newManifestBuilder()
	b.res, b.lazy, b.literals = res, true, t.literals
	for _, tok := range t.tokens {
		b.EncodeToken(tok)
	}
	if b.ambiguous {
		return nil, true, nil
	}
	if t.panicked != nil {
		return nil, false, fmt.Errorf("malformed binary XML: %v", t.panicked)
	}
	m, err = b.finish(t.err)
	return m, false, err
}

// refLiterals lists every text "@" followed by one to eight lowercase hex
// digits that data holds in UTF-8 or UTF-16LE (each prefix of a longer run
// too): apkparser's strings are read from contiguous bytes, so a string
// attribute can read like a reference only if its text is in this set.
func refLiterals(data []byte) map[string]bool {
	set := map[string]bool{}
	isHex := func(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' }
	for i := 0; i < len(data); i++ {
		j := bytes.IndexByte(data[i:], '@')
		if j < 0 {
			break
		}
		i += j
		for k := i + 1; k < len(data) && k-i <= 8 && isHex(data[k]); k++ {
			set[string(data[i:k+1])] = true
		}
		run := []byte{'@'}
		for k := i + 2; k < len(data) && len(run) <= 8 && data[k-1] == 0 && isHex(data[k]); k += 2 {
			run = append(run, data[k])
			set[string(run)] = true
		}
	}
	return set
}

func newManifestBuilder() *manifestBuilder {
	return &manifestBuilder{m: &manifest{DefinedPermissions: map[string]string{}}}
}

// finish maps apkparser's outcome to parseManifest's.
func (b *manifestBuilder) finish(perr error) (*manifest, error) {
	if errors.Is(perr, apkparser.ErrPlainTextManifest) {
		return nil, errors.New("plain-text XML, not compiled binary XML: Android cannot install this")
	}
	if !b.sawManifest {
		if perr != nil {
			return nil, fmt.Errorf("malformed binary XML: %v", perr)
		}
		return nil, errors.New("binary XML has no <manifest> element")
	}
	if perr != nil {
		// apkparser stops at the first chunk it cannot read; what came before
		// is still what Android would have read up to there.
		b.m.Warnings = append(b.m.Warnings, fmt.Sprintf("AndroidManifest.xml: read up to a malformed chunk: %v", perr))
	}
	if b.m.Package == "" && b.m.Split == "" {
		b.m.Warnings = append(b.m.Warnings, "AndroidManifest.xml: <manifest> has no package attribute")
	}
	return b.m, nil
}

// manifestBuilder receives the decoded XML tokens from apkparser and keeps
// only elements where Android's package parser looks for them.
type manifestBuilder struct {
	m   *manifest
	res resourceValues
	// lazy: the tokens came without a table, and a reference attribute is
	// looked up when read (as apkparser does, once) unless it is in
	// literals, which sets ambiguous.
	lazy        bool
	literals    map[string]bool
	ambiguous   bool
	path        []string
	sawManifest bool
	// current is the component being read, for its meta-data and intent-filters.
	current *manifestComponent
}

func (b *manifestBuilder) Flush() error { return nil }

func (b *manifestBuilder) EncodeToken(t xml.Token) error {
	switch t := t.(type) {
	case xml.StartElement:
		b.path = append(b.path, t.Name.Local)
		b.start(t)
	case xml.EndElement:
		if len(b.path) > 0 {
			if componentTags[b.path[len(b.path)-1]] && len(b.path) == 3 && b.current != nil {
				b.m.Components = append(b.m.Components, *b.current)
				b.current = nil
			}
			b.path = b.path[:len(b.path)-1]
		}
	}
	return nil
}

// under reports whether the element just opened has exactly the given
// ancestors (outermost first).
func (b *manifestBuilder) under(ancestors ...string) bool {
	if len(b.path) != len(ancestors)+1 {
		return false
	}
	for i, a := range ancestors {
		if b.path[i] != a {
			return false
		}
	}
	return true
}

func (b *manifestBuilder) start(e xml.StartElement) {
	name := e.Name.Local
	m := b.m
	switch {
	case len(b.path) == 1:
		if name != "manifest" {
			return
		}
		b.sawManifest = true
		m.Package = b.attr(e, "package")
		m.VersionName = b.attr(e, "versionName")
		m.Split = b.attr(e, "split")
		code, major := b.attr(e, "versionCode"), b.attr(e, "versionCodeMajor")
		if code != "" {
			if v, err := parseInt(code); err == nil {
				m.VersionCode = v & 0xffffffff
			} else {
				b.warn("versionCode %q is not a number", code)
			}
		}
		if major != "" {
			if v, err := parseInt(major); err == nil {
				m.VersionCode |= v << 32
			}
		}
	case b.under("manifest") && name == "uses-sdk":
		b.sdkLevel(e, "minSdkVersion", &m.MinSdk, &m.hasMin)
		b.sdkLevel(e, "targetSdkVersion", &m.TargetSdk, &m.hasTarget)
	case b.under("manifest") && (name == "uses-permission" || name == "uses-permission-sdk-23" || name == "uses-permission-sdk-m"):
		p := usesPermission{Name: b.attr(e, "name"), SDK23: name != "uses-permission"}
		if p.Name == "" {
			b.warn("<%s> without a name is ignored", name)
			return
		}
		if s := b.attr(e, "maxSdkVersion"); s != "" {
			if v, err := parseInt(s); err == nil {
				n := int(v)
				p.MaxSdkVersion = &n
			} else {
				b.warn("%s: maxSdkVersion %q is not a number", p.Name, s)
			}
		}
		m.UsesPermissions = append(m.UsesPermissions, p)
	case b.under("manifest") && name == "permission":
		if n := b.attr(e, "name"); n != "" {
			m.DefinedPermissions[n] = protectionLevelName(b.attr(e, "protectionLevel"))
		}
	case b.under("manifest") && name == "application":
		m.Label = b.resolve("application label", b.attr(e, "label"))
		m.Application = b.className(b.attr(e, "name"))
	case b.under("manifest", "application") && componentTags[name]:
		c := &manifestComponent{Component: Component{
			Type:           name,
			Name:           b.className(b.attr(e, "name")),
			TargetActivity: b.className(b.attr(e, "targetActivity")),
			Permission:     b.attr(e, "permission"),
			Authorities:    b.attr(e, "authorities"),
		}}
		if c.Name == "" {
			b.warn("<%s> without a name is ignored", name)
			return
		}
		if s := b.attr(e, "exported"); s != "" {
			v := s == "true"
			if s != "true" && s != "false" {
				b.warn("%s: exported=%q is not a boolean", c.Name, s)
			}
			c.exportedAttr = &v
		}
		b.current = c
	case b.under("manifest", "application") && name == "meta-data":
		b.metaData(e, "")
	case len(b.path) == 4 && b.current != nil && b.path[1] == "application":
		switch name {
		case "intent-filter":
			b.current.hasIntentFilter = true
		case "meta-data":
			b.metaData(e, b.current.Name)
		}
	case len(b.path) == 5 && b.current != nil && b.path[1] == "application" && b.path[3] == "intent-filter" && name == "category":
		if launcherCategories[b.attr(e, "name")] {
			b.current.Launcher = true
		}
	}
}

// launcherCategories mark the activities a home screen (phone or TV) lists.
var launcherCategories = map[string]bool{
	"android.intent.category.LAUNCHER":          true,
	"android.intent.category.LEANBACK_LAUNCHER": true,
}

func (b *manifestBuilder) metaData(e xml.StartElement, component string) {
	name := b.attr(e, "name")
	if name == "" {
		return
	}
	value, ok := b.attrOK(e, "value")
	if !ok {
		value = b.attr(e, "resource")
	}
	b.m.MetaData = append(b.m.MetaData, MetaData{
		Name:      name,
		Value:     b.resolve("meta-data "+name, value),
		Component: component,
	})
}

// resolve follows resource references that apkparser left unresolved: a
// reference to a reference ("@string/a" whose value is "@string/b").
func (b *manifestBuilder) resolve(what, value string) string {
	for hops := 0; ; hops++ {
		id, ok := refID(value)
		if !ok || b.res == nil || hops == 8 {
			break
		}
		next, ok := b.res.value(id)
		if !ok || next == value {
			break
		}
		value = next
	}
	if _, ok := refID(value); ok {
		b.warn("%s: resource reference %s could not be resolved", what, value)
	}
	return value
}

func (b *manifestBuilder) sdkLevel(e xml.StartElement, key string, dst *int, has *bool) {
	s := b.attr(e, key)
	if s == "" {
		return
	}
	v, err := parseInt(s)
	if err != nil {
		// A codename ("Tiramisu") marks a preview SDK.
		b.warn("%s %q is not an API level", key, s)
		return
	}
	*dst, *has = int(v), true
}

// className expands Android's shorthand ".Foo" and "Foo" against the package.
func (b *manifestBuilder) className(n string) string {
	n = strings.TrimSpace(n)
	switch {
	case n == "":
		return ""
	case strings.HasPrefix(n, "."):
		return b.m.Package + n
	case !strings.Contains(n, "."):
		return b.m.Package + "." + n
	}
	return n
}

func (b *manifestBuilder) warn(format string, args ...any) {
	b.m.Warnings = append(b.m.Warnings, "AndroidManifest.xml: "+fmt.Sprintf(format, args...))
}

// attr reads an attribute of the manifest, its reference resolved.
func (b *manifestBuilder) attr(e xml.StartElement, local string) string {
	v, _ := b.attrOK(e, local)
	return v
}

func (b *manifestBuilder) attrOK(e xml.StartElement, local string) (string, bool) {
	v, ok := attrOK(e, local)
	if !ok || !b.lazy || !strings.HasPrefix(v, "@") {
		return v, ok
	}
	// apkparser prints a reference it cannot resolve as "@%x", and keeps it.
	id, isRef := refID(v)
	switch {
	case !isRef:
	case b.literals[v]:
		b.ambiguous = true
	case b.res != nil:
		if s, found := b.res.value(id); found {
			return s, true
		}
	}
	return v, true
}

// attr reads an attribute by local name: Android reads manifest attributes by
// resource id, so a wrong or missing namespace does not hide them.
func attr(e xml.StartElement, local string) string {
	v, _ := attrOK(e, local)
	return v
}

func attrOK(e xml.StartElement, local string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func parseInt(s string) (int64, error) {
	return strconv.ParseInt(strings.TrimSpace(s), 0, 64)
}

// protectionLevelName turns a <permission android:protectionLevel> value,
// which apkparser prints as a number or hex flag set, into the base level.
func protectionLevelName(s string) string {
	v, err := parseInt(s)
	if err != nil {
		if s == "" {
			return "normal"
		}
		return s
	}
	switch v & 0xf {
	case 0:
		return "normal"
	case 1:
		return "dangerous"
	case 2, 3:
		return "signature"
	case 4:
		return "internal"
	}
	return "unknown"
}
