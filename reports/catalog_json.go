package reports

import (
	"io"

	"privdiff/catalog"
)

// CatalogSchema names the JSON document of `privdiff catalog list`;
// CatalogSDKSchema the one of `privdiff catalog show`.
const (
	CatalogSchema    = "privdiff/catalog/v1"
	CatalogSDKSchema = "privdiff/catalog-sdk/v1"
)

type catalogDocument struct {
	Schema string        `json:"schema"`
	SDKs   []catalog.SDK `json:"sdks"`
}

type catalogSDKDocument struct {
	Schema string `json:"schema"`
	catalog.SDK
}

// CatalogJSON writes the listed entries as one privdiff/catalog/v1 document.
func CatalogJSON(w io.Writer, sdks []catalog.SDK) error {
	if sdks == nil {
		sdks = []catalog.SDK{}
	}
	return writeJSON(w, catalogDocument{Schema: CatalogSchema, SDKs: sdks})
}

// CatalogSDKJSON writes one entry as a privdiff/catalog-sdk/v1 document.
func CatalogSDKJSON(w io.Writer, s catalog.SDK) error {
	return writeJSON(w, catalogSDKDocument{Schema: CatalogSDKSchema, SDK: s})
}
