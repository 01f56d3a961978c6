// Command gentables writes catalog/tables_gen.go, the Go tables compiled from
// catalog/data/sdks.json and permissions.json and the catalog version, and
// catalog/indexes_gen.go, the search structures derived from them. Run it
// from the module root after changing any data file:
//
//	go generate ./catalog    (or go run ./catalog/gentables)
package main

import (
	"errors"
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
	srcs, err := tablegen.Generate(filepath.Join(*dir, "data"))
	for i := 0; (err == nil || errors.Is(err, tablegen.ErrRunAgain)) && i < len(srcs); i++ {
		if werr := os.WriteFile(filepath.Join(*dir, tablegen.Files[i]), srcs[i], 0o644); werr != nil {
			err = werr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gentables:", err)
		os.Exit(1)
	}
}
