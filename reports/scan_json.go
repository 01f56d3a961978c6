package reports

import (
	"io"

	"privdiff/apk"
)

// ScanSchema names the JSON document of `privdiff scan`.
const ScanSchema = "privdiff/scan/v1"

type scanDocument struct {
	Schema string `json:"schema"`
	*apk.Observed
}

// ScanJSON writes one privdiff/scan/v1 document, or an array of them when
// asArray is set (several APKs on the command line).
func ScanJSON(w io.Writer, scans []*apk.Observed, asArray bool) error {
	docs := make([]scanDocument, len(scans))
	for i, s := range scans {
		docs[i] = scanDocument{Schema: ScanSchema, Observed: s}
	}
	if !asArray && len(docs) == 1 {
		return writeJSON(w, docs[0])
	}
	return writeJSON(w, docs)
}
