package catalog

import (
	"os"
	"testing"

	"privdiff/catalog/internal/golit"
)

// TestIndexesAsDecoded: the vocabularies a process reads from
// indexes_gen.go are what decoding the data files gives (compared as the
// generator writes them: an empty list and none are the same).
func TestIndexesAsDecoded(t *testing.T) {
	read := func(name string) []byte {
		data, err := os.ReadFile("data/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	perms, err := DecodePermissionWords(read("permission-words.json"), generatedPermissionLabels)
	if err != nil {
		t.Fatal(err)
	}
	signals, err := DecodePolicySignals(read("policy-signals.json"))
	if err != nil {
		t.Fatal(err)
	}
	dataTypes, err := NewDataTypeWordIndex(generatedDataTypeWords)
	if err != nil {
		t.Fatal(err)
	}
	simplifier, err := NewSimplifier(read("t2s.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"permission words", PermissionWords(), perms},
		{"policy signals", Signals(), signals},
		{"data-type words", DataTypeWords(), dataTypes},
		{"t2s", &generatedSimplifier, simplifier},
	} {
		if golit.Literal(c.got) != golit.Literal(c.want) {
			t.Errorf("%s differ from the data files: run go generate ./catalog", c.name)
		}
	}
}
