// Command gentables writes catalog/tables_gen.go, the Go tables compiled from
// catalog/data/sdks.json and permissions.json and the catalog version. Run it
// from the module root after changing any data file:
//
//	go generate ./catalog    (or go run ./catalog/gentables)
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"privdiff/catalog/internal/tablegen"
)

func main() {
	// go generate runs in the package directory, go run from the root.
	dir := flag.String("dir", "catalog", "the catalog package directory")
	flag.Parse()
	src, err := tablegen.Generate(filepath.Join(*dir, "data"))
	if err == nil {
		err = os.WriteFile(filepath.Join(*dir, "tables_gen.go"), src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gentables:", err)
		os.Exit(1)
	}
}
