package tablegen

import (
	"bytes"
	"os"
	"testing"
)

// TestTablesCurrent fails when catalog/tables_gen.go or indexes_gen.go was
// not regenerated after a change to the JSON it is made from.
func TestTablesCurrent(t *testing.T) {
	srcs, err := Generate("../../data")
	if err != nil {
		t.Fatal(err) // ErrRunAgain too: the built-in t2s table is stale
	}
	for i, want := range srcs {
		got, err := os.ReadFile("../../" + Files[i])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("catalog/%s is stale: run go generate ./catalog (go run ./catalog/gentables)", Files[i])
		}
	}
}
