package diff

import (
	"privdiff/apk"
	"privdiff/declared"
)

// Audit is the result of one audit: what was observed, what was declared,
// and the gaps between them. It is the privdiff/audit/v1 document without
// its schema field.
type Audit struct {
	App      apk.App          `json:"app"`
	Observed *apk.Observed    `json:"observed"`
	Declared *declared.Policy `json:"declared"`
	Findings []Finding        `json:"findings"`
	Summary  Summary          `json:"summary"`
	// Lang is the language of the messages: "zh" or "en".
	Lang string `json:"lang"`
	// Warnings are the audit's own (a packed app, a policy without an SDK
	// list); the scan's and the policy's stay in their documents.
	Warnings []string `json:"warnings"`
	// AnalysedAt is when the analysis was made (RFC 3339, UTC), set only
	// when asked for (SOURCE_DATE_EPOCH, --dated, the terminal table), so
	// the other formats stay byte-stable by default.
	AnalysedAt string `json:"analysedAt,omitempty"`
}

// Summary counts findings per severity.
type Summary struct {
	High   int `json:"high"`
	Medium int `json:"medium"`
	Low    int `json:"low"`
	Info   int `json:"info"`
}
