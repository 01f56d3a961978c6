package catalog

// SDK is one third-party SDK as policies name it and as an APK shows it.
type SDK struct {
	// ID is stable across releases: reports, baselines and policies' catalogId
	// refer to it.
	ID string `json:"id"`
	// Name is the SDK's usual English (or romanised) name, NameZh its usual
	// Chinese name.
	Name   string `json:"name"`
	NameZh string `json:"nameZh,omitempty"`
	// Vendor is the legal entity a Chinese policy names for the SDK
	// (深圳市和讯华谷信息技术有限公司 for 极光), or the company's common name
	// when the legal name is not known.
	Vendor   string `json:"vendor,omitempty"`
	Category string `json:"category"`
	// Aliases are the other names policies use for the SDK (极光推送SDK, JPush…).
	Aliases []string `json:"aliases,omitempty"`
	// CoveredBy lists the ids of umbrella entries whose declaration also
	// declares this SDK: a JPush vendor channel is covered by "jpush", each
	// Umeng product by "umeng-common" (policies write just 友盟).
	CoveredBy []string `json:"coveredBy,omitempty"`
	// Family is the product family the entry belongs to ("jiguang" for
	// JPush, JCore and JVerification): a key or string of one member seen
	// beside another member's code is that member's, not a second SDK.
	Family string `json:"family,omitempty"`
	// Brings lists the ids of libraries this SDK pulls into every app that
	// embeds it (AdMob brings the Play services base): found beside it they
	// are part of it, not SDKs of their own.
	Brings []string `json:"brings,omitempty"`
	// FormerIDs are ids earlier catalogs gave what is now this entry (two
	// entries merged into one); baselines and policies may still use them.
	FormerIDs   []string `json:"formerIds,omitempty"`
	Platforms   []string `json:"platforms,omitempty"`
	Website     string   `json:"website,omitempty"`
	Description string   `json:"description,omitempty"`
	// Sources name where the entry's facts come from: libchecker-rules,
	// libradar, research (the hand-curated file).
	Sources    []string     `json:"sources"`
	Signatures SignatureSet `json:"signatures"`
}

// SignatureSet holds the traces an SDK leaves in an APK, one list per kind of
// evidence.
type SignatureSet struct {
	// DexPackages are Java package prefixes ending in "." ("cn.jpush.android.").
	DexPackages []string `json:"dexPackages,omitempty"`
	// Components are manifest class names of activities, services, receivers
	// and providers ("cn.jpush.android.service.PushService").
	Components []string `json:"components,omitempty"`
	// MetaData are <meta-data> keys ("JPUSH_APPKEY").
	MetaData []string `json:"metaData,omitempty"`
	// NativeLibs are file-name globs of lib/<abi>/*.so ("libjcore*.so").
	NativeLibs []string `json:"nativeLibs,omitempty"`
	// Assets are globs of paths under assets/, for SDKs whose only trace is
	// a bundled file.
	Assets []string `json:"assets,omitempty"`
	// Strings are literal substrings of dex strings, for SDKs with no other
	// trace.
	Strings []string `json:"strings,omitempty"`
}

// Kinds lists the evidence kinds the signatures provide, in contract order.
func (s SignatureSet) Kinds() []EvidenceKind {
	var kinds []EvidenceKind
	for _, k := range evidenceKinds {
		if len(s.patterns(k)) > 0 {
			kinds = append(kinds, k)
		}
	}
	return kinds
}

func (s SignatureSet) patterns(k EvidenceKind) []string {
	switch k {
	case EvidenceDexPackage:
		return s.DexPackages
	case EvidenceComponent:
		return s.Components
	case EvidenceMetaData:
		return s.MetaData
	case EvidenceNativeLib:
		return s.NativeLibs
	case EvidenceAsset:
		return s.Assets
	case EvidenceString:
		return s.Strings
	}
	return nil
}

// EvidenceKind names a kind of trace, as written in scan documents.
type EvidenceKind string

const (
	EvidenceDexPackage EvidenceKind = "dex-package"
	EvidenceComponent  EvidenceKind = "component"
	EvidenceMetaData   EvidenceKind = "meta-data"
	EvidenceNativeLib  EvidenceKind = "native-lib"
	EvidenceAsset      EvidenceKind = "asset"
	EvidenceString     EvidenceKind = "string"
)

var evidenceKinds = []EvidenceKind{
	EvidenceDexPackage, EvidenceComponent, EvidenceMetaData,
	EvidenceNativeLib, EvidenceAsset, EvidenceString,
}

// The SDK tables are generatedSDKs (data/sdks.json, sorted by id) and the
// lookups go generate lays out for them in indexes_gen.go:
// generatedSDKIDs and generatedSDKIDTable find an entry by id or former id,
// generatedNameKeyTable an entry of generatedNameKeys by normalised name.

// SDKIDs lists every entry's id, then the former ids that no entry holds as
// its own, each with the index of its entry in sdks (sorted by id). go
// generate stores it.
func SDKIDs(sdks []SDK) []NameKey {
	keys := make([]NameKey, 0, len(sdks))
	taken := make(map[string]bool, len(sdks))
	for i, s := range sdks {
		keys = append(keys, NameKey{s.ID, i})
		taken[s.ID] = true
	}
	for i, s := range sdks {
		for _, old := range s.FormerIDs {
			if !taken[old] {
				taken[old] = true
				keys = append(keys, NameKey{old, i})
			}
		}
	}
	return keys
}

// NameKeyStrings are the keys of keys, for NewStringTable.
func NameKeyStrings(keys []NameKey) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.Key
	}
	return out
}

// sdkByName returns the index in generatedSDKs of the entry a normalised
// name (NameKeys) belongs to.
func sdkByName(key string) (int, bool) {
	i := generatedNameKeyTable.find(key, func(i int) string { return generatedNameKeys[i].Key })
	if i < 0 {
		return 0, false
	}
	return generatedNameKeys[i].SDK, true
}

// NameKey is one normalised SDK name and the index of its entry.
type NameKey struct {
	Key string
	SDK int
}

// NameKeys lists NormalizeName of every name, Chinese name and alias of sdks
// (sorted by id), each key once. Names and Chinese names win over aliases;
// between equals the lower id wins (tests keep such clashes to a documented
// few). go generate stores them in tables_gen.go.
func NameKeys(sdks []SDK) []NameKey {
	var keys []NameKey
	taken := map[string]bool{}
	add := func(i int, name string) {
		key := NormalizeName(name)
		if key != "" && !taken[key] {
			taken[key] = true
			keys = append(keys, NameKey{key, i})
		}
	}
	for i, s := range sdks {
		add(i, s.Name)
		add(i, s.NameZh)
	}
	for i, s := range sdks {
		for _, a := range s.Aliases {
			add(i, a)
		}
	}
	return keys
}

// Names returns the entry's name, Chinese name and aliases.
func (s SDK) Names() []string {
	names := make([]string, 0, 2+len(s.Aliases))
	if s.Name != "" {
		names = append(names, s.Name)
	}
	if s.NameZh != "" {
		names = append(names, s.NameZh)
	}
	return append(names, s.Aliases...)
}

// SDKs returns every catalog entry, sorted by id. The slice is a copy; the
// entries' slices are shared and must not be modified.
func SDKs() []SDK {
	return append([]SDK(nil), generatedSDKs...)
}

// SDKByID returns the entry with the given id, or the entry that now
// holds a former id.
func SDKByID(id string) (SDK, bool) {
	i := generatedSDKIDTable.find(id, func(i int) string { return generatedSDKIDs[i].Key })
	if i < 0 {
		return SDK{}, false
	}
	return generatedSDKs[generatedSDKIDs[i].SDK], true
}
