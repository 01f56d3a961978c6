package tablegen

import (
	"bytes"
	"os"
	"testing"
)

// TestTablesCurrent fails when catalog/tables_gen.go was not regenerated
// after a change to the JSON it is made from.
func TestTablesCurrent(t *testing.T) {
	want, err := Generate("../../data")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../tables_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("catalog/tables_gen.go is stale: run go generate ./catalog (go run ./catalog/gentables)")
	}
}
