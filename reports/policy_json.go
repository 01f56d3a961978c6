package reports

import (
	"io"

	"privdiff/declared"
)

// PolicySchema names the JSON document of `privdiff policy`.
const PolicySchema = "privdiff/policy/v1"

type policyDocument struct {
	Schema string `json:"schema"`
	*declared.Policy
}

// PolicyJSON writes one privdiff/policy/v1 document, or an array of them
// when asArray is set (several policies on the command line).
func PolicyJSON(w io.Writer, policies []*declared.Policy, asArray bool) error {
	docs := make([]policyDocument, len(policies))
	for i, p := range policies {
		docs[i] = policyDocument{Schema: PolicySchema, Policy: p}
	}
	if !asArray && len(docs) == 1 {
		return writeJSON(w, docs[0])
	}
	return writeJSON(w, docs)
}
