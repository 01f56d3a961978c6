package reports

import (
	"bytes"
	"testing"

	"privdiff/declared"
)

// TestPolicyGolden renders a real seed policy's extraction; the golden
// files change when the extractor or the rendering does, and the diff shows
// which entries moved.
func TestPolicyGolden(t *testing.T) {
	p, err := declared.ReadFile("../testdata/seeds/002_ee72fda53e159623.txt")
	if err != nil {
		t.Fatal(err)
	}
	p.Source = "002_ee72fda53e159623.txt"
	var js, table bytes.Buffer
	if err := PolicyJSON(&js, []*declared.Policy{p}, false); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "policy_002.json", js.Bytes())
	if err := PolicyTable(&table, p); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "policy_002.txt", table.Bytes())
}
