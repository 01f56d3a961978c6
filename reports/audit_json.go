package reports

import (
	"io"

	"privdiff/apk"
	"privdiff/declared"
	"privdiff/diff"
)

// AuditSchema names the JSON document of `privdiff audit`.
const AuditSchema = "privdiff/audit/v1"

// auditDocument is privdiff/audit/v1: the field order here is the order
// in the output.
type auditDocument struct {
	Schema   string            `json:"schema"`
	App      apk.App           `json:"app"`
	Observed *observedDocument `json:"observed"`
	Declared *declared.Policy  `json:"declared"`
	Findings []diff.Finding    `json:"findings"`
	Summary  diff.Summary      `json:"summary"`
	// Lang is the language of the messages, so a reader of the document
	// knows which one it got.
	Lang     string   `json:"lang"`
	Warnings []string `json:"warnings"`
	// AnalysedAt is present only in a dated audit (SOURCE_DATE_EPOCH or
	// --dated): the document is otherwise byte-stable.
	AnalysedAt string `json:"analysedAt,omitempty"`
}

// observedDocument is the scan document without schema and app (the app is
// said once, at the top): a nil App at this depth hides the embedded one.
type observedDocument struct {
	App *apk.App `json:"app,omitempty"`
	*apk.Observed
}

// AuditJSON writes one privdiff/audit/v1 document. Absent lists are written
// as [] so that a consumer never meets null where it expects an array.
func AuditJSON(w io.Writer, a *diff.Audit) error {
	doc := auditDocument{
		Schema:   AuditSchema,
		App:      a.App,
		Declared: a.Declared,
		Findings: a.Findings,
		Summary:  a.Summary,
		Lang:     a.Lang,
		Warnings: a.Warnings,

		AnalysedAt: a.AnalysedAt,
	}
	if a.Observed != nil {
		doc.Observed = &observedDocument{Observed: a.Observed}
	}
	if doc.Findings == nil {
		doc.Findings = []diff.Finding{}
	}
	if doc.Warnings == nil {
		doc.Warnings = []string{}
	}
	return writeJSON(w, doc)
}
