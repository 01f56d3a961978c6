// Package diff compares what an APK does (apk.Observed) with what its
// privacy policy declares (declared.Policy) and reports every gap as a
// Finding. It is pure: no I/O, no parsing, only the two result types and
// the catalog's vocabulary.
package diff

// Severity orders findings for people and for --fail-on.
type Severity string

const (
	High   Severity = "high"
	Medium Severity = "medium"
	Low    Severity = "low"
	Info   Severity = "info"
)

// Severities lists the levels from most to least severe.
var Severities = []Severity{High, Medium, Low, Info}

// Rank is larger for more severe levels; an unknown level ranks 0.
func (s Severity) Rank() int {
	switch s {
	case High:
		return 4
	case Medium:
		return 3
	case Low:
		return 2
	case Info:
		return 1
	}
	return 0
}

// Confidence grades a finding's evidence.
type Confidence string

const (
	ConfidenceHigh   Confidence = "high"
	ConfidenceMedium Confidence = "medium"
	ConfidenceLow    Confidence = "low"
)

// The rule ids of the contract.
const (
	RuleSDKUndeclared         = "sdk-undeclared"
	RuleSDKUnobserved         = "sdk-unobserved"
	RulePermissionUnjustified = "permission-unjustified"
	RulePermissionUnrequested = "permission-unrequested"
	RuleDataUndeclared        = "data-undeclared"
)

// Finding is one gap between the APK and its policy.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	// SDK is the catalog id of the SDK concerned (or the policy's name for
	// it when the catalog does not know it); empty when no SDK is.
	SDK string `json:"sdk"`
	// SDKName is the SDK's human name in the report's language.
	SDKName    string `json:"sdkName,omitempty"`
	Permission string `json:"permission"`
	DataType   string `json:"dataType"`
	// Confidence says how sure the evidence makes the finding (high,
	// medium, low); empty when the rule does not grade it.
	Confidence Confidence `json:"confidence,omitempty"`
	// Message says what is wrong in the report's language; see Messages.
	Message  string    `json:"message"`
	Observed *Observed `json:"observed"`
	Declared *Declared `json:"declared"`
	// Facts are the message's variable parts, so that it can be rendered in
	// either language after the fact.
	Facts Facts `json:"-"`
}

// Observed is the APK evidence of a finding.
type Observed struct {
	// Kind is an evidence kind of the scan (dex-package, component,
	// meta-data, native-lib, asset, string), "permission" for a manifest
	// <uses-permission>, or "api" for a sensitive call.
	Kind  string `json:"kind"`
	Value string `json:"value"`
	// Class is the calling class of a sensitive API.
	Class string `json:"class,omitempty"`
	// CallerSDK is the catalog id of the SDK the calling class belongs to,
	// "app" for the app's own code, "unknown" otherwise.
	CallerSDK string `json:"callerSdk,omitempty"`
	// Attribution is how the calling class was tied to CallerSDK
	// (apk.Caller.Attribution: package, call-graph, none).
	Attribution string `json:"attribution,omitempty"`
}

// Declared is the policy line a finding relates to.
type Declared struct {
	Line int    `json:"line"`
	Text string `json:"text"`
}

// Facts carry what a message needs beyond the finding's own fields.
type Facts struct {
	// Coverage says, for data-undeclared, which disclosure the data type
	// lacks: sdk-entry (the calling SDK's entry does not list it),
	// sdk-undeclared (the calling SDK has no entry), other-sdks (only SDK
	// entries list it, not the app's own collection) or none.
	Coverage string
	// DisclosedFor names the policy's SDK entries that do list the data
	// type, for a finding about the app's own or unattributed code.
	DisclosedFor []string
	// Written is the SDK's name as the policy writes it (sdk-unobserved).
	Written string
	// ProtectionLevel is the permission's level (dangerous, special…).
	ProtectionLevel string
	// NameZh and NameEn name the SDK in each language.
	NameZh, NameEn string
	// Uncatalogued is set for a declared SDK the catalog has no signature
	// for: privdiff could not look for it.
	Uncatalogued bool
	// Strength is the observed SDK's evidence strength (sdk-undeclared).
	Strength string
	// DeclaredSDKLine is the line of the policy's entry for the calling
	// SDK, when it has one but does not list the data type.
	DeclaredSDKLine int
	// Unavailable is why a data-undeclared call cannot return the data in
	// this app (apk.APIUse.Unavailable); Requires the permissions it needs.
	Unavailable string
	Requires    []string
}

// Rule describes one rule for reports: SARIF's rule metadata, the HTML
// report's legend, the table's headings. Text is per language ("zh", "en").
type Rule struct {
	ID       string
	Severity Severity // default severity
	// Name is a short title; Description one sentence of what the rule
	// finds; Help what to do about it; Basis the regulatory clause the
	// finding evidences, which a regulator can quote.
	Name, Description, Help, Basis map[string]string
}
