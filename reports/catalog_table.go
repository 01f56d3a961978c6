package reports

import (
	"fmt"
	"io"
	"strings"

	"privdiff/catalog"
)

// CatalogTable lists catalog entries, one row each.
func CatalogTable(w io.Writer, sdks []catalog.SDK) error {
	rows := make([][]string, 0, len(sdks))
	for _, s := range sdks {
		rows = append(rows, []string{s.ID, s.NameZh, s.Name, s.Vendor, s.Category, evidenceKinds(s)})
	}
	title := fmt.Sprintf("SDK catalog (%d entries)", len(sdks))
	return writeTable(w, title, []string{"ID", "Chinese name", "Name", "Vendor", "Category", "Evidence"}, rows)
}

// CatalogSDKTable shows one catalog entry: its facts, then its signatures.
func CatalogSDKTable(w io.Writer, s catalog.SDK) error {
	facts := [][]string{
		{"id", s.ID},
		{"name", s.Name},
		{"nameZh", s.NameZh},
		{"vendor", s.Vendor},
		{"category", s.Category},
		{"aliases", strings.Join(s.Aliases, ", ")},
		{"coveredBy", strings.Join(s.CoveredBy, ", ")},
		{"platforms", strings.Join(s.Platforms, ", ")},
		{"website", s.Website},
		{"sources", strings.Join(s.Sources, ", ")},
	}
	if err := writeTable(w, "SDK", []string{"Field", "Value"}, facts); err != nil {
		return err
	}
	if s.Description != "" {
		if _, err := fmt.Fprintf(w, "\n%s\n", fitLine(s.Description)); err != nil {
			return err
		}
	}
	var sigs [][]string
	sig := s.Signatures
	for _, k := range []struct {
		kind     catalog.EvidenceKind
		patterns []string
	}{
		{catalog.EvidenceDexPackage, sig.DexPackages},
		{catalog.EvidenceComponent, sig.Components},
		{catalog.EvidenceMetaData, sig.MetaData},
		{catalog.EvidenceNativeLib, sig.NativeLibs},
		{catalog.EvidenceAsset, sig.Assets},
		{catalog.EvidenceString, sig.Strings},
	} {
		for _, p := range k.patterns {
			sigs = append(sigs, []string{string(k.kind), p})
		}
	}
	return writeTable(w, "Signatures", []string{"Evidence", "Pattern"}, sigs)
}

func evidenceKinds(s catalog.SDK) string {
	kinds := s.Signatures.Kinds()
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = string(k)
	}
	return strings.Join(out, ", ")
}
