package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"testing"

	"privdiff/diff"
)

// TestTablesGoldenAtWidths pins every terminal table (audit, scan, policy,
// catalog) at 80 and 120 columns in both languages, from the bundled
// example's golden audit: the only formats whose bytes depend on the
// terminal. JSON, SARIF, Markdown and HTML, which do not, have their
// goldens per language in testdata/examples/golden. Refresh with -update
// and read the diff.
func TestTablesGoldenAtWidths(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		a := exampleAudit(t, lang)
		tables := []struct {
			name  string
			write func(io.Writer) error
		}{
			{"audit_table", func(w io.Writer) error { return AuditTable(w, a) }},
			{"scan_table", func(w io.Writer) error { return ScanTableIn(w, a.Observed, lang) }},
			{"policy_table", func(w io.Writer) error { return PolicyTableIn(w, a.Declared, lang) }},
			{"catalog_list", func(w io.Writer) error { return CatalogTableIn(w, catalogFixture, lang) }},
			{"catalog_show", func(w io.Writer) error { return CatalogSDKTableIn(w, catalogFixture[0], lang) }},
		}
		for _, tc := range tables {
			for _, cols := range []int{80, 120} {
				name := fmt.Sprintf("%s.%s.%d.txt", tc.name, lang, cols)
				t.Run(name, func(t *testing.T) {
					checkGolden(t, "widths/"+name, renderAt(t, name, cols, tc.write).Bytes())
				})
			}
		}
	}
}

// exampleAudit is the bundled example's audit in lang, from its golden JSON.
func exampleAudit(t *testing.T, lang string) *diff.Audit {
	t.Helper()
	data, err := os.ReadFile("../testdata/examples/golden/audit." + lang + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var a diff.Audit
	if err := json.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	a.Observed.App = a.App // the document says the app once, at the top
	return &a
}
