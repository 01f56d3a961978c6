package reports

import (
	"fmt"
	"io"
	"strings"

	"privdiff/catalog"
)

// CatalogTable lists catalog entries, one row each, in English.
func CatalogTable(w io.Writer, sdks []catalog.SDK) error { return CatalogTableIn(w, sdks, "en") }

// CatalogTableIn lists catalog entries with headers, categories and evidence
// kinds in lang ("zh" or "en").
func CatalogTableIn(w io.Writer, sdks []catalog.SDK, lang string) error {
	l := words(lang)
	rows := make([][]string, 0, len(sdks))
	for _, s := range sdks {
		rows = append(rows, []string{s.ID, s.NameZh, s.Name, s.Vendor, l(s.Category), evidenceKinds(s, lang)})
	}
	title := fmt.Sprintf(l("SDK catalog (%d entries)"), len(sdks))
	return writeTable(w, title, []string{"ID", l("Chinese name"), l("Name"), l("Vendor"), l("Category"), l("Evidence")}, rows)
}

// CatalogSDKTable shows one catalog entry in English: its facts, then its
// signatures.
func CatalogSDKTable(w io.Writer, s catalog.SDK) error { return CatalogSDKTableIn(w, s, "en") }

// CatalogSDKTableIn shows one catalog entry with its field names, category
// and evidence kinds in lang.
func CatalogSDKTableIn(w io.Writer, s catalog.SDK, lang string) error {
	l := words(lang)
	list := listSeparator(lang)
	facts := [][]string{
		{l("id"), s.ID},
		{l("name"), s.Name},
		{l("nameZh"), s.NameZh},
		{l("vendor"), s.Vendor},
		{l("category"), l(s.Category)},
		{l("aliases"), strings.Join(s.Aliases, list)},
		{l("coveredBy"), strings.Join(s.CoveredBy, list)},
		{l("platforms"), strings.Join(s.Platforms, list)},
		{l("website"), s.Website},
		{l("sources"), strings.Join(s.Sources, list)},
	}
	if err := writeTable(w, "SDK", []string{l("Field"), l("Value")}, facts); err != nil {
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
			sigs = append(sigs, []string{evidenceKindIn(string(k.kind), lang), p})
		}
	}
	return writeTable(w, l("Signatures"), []string{l("Evidence"), l("Pattern")}, sigs)
}

func evidenceKinds(s catalog.SDK, lang string) string {
	kinds := s.Signatures.Kinds()
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = evidenceKindIn(string(k), lang)
	}
	return strings.Join(out, listSeparator(lang))
}

// evidenceKindIn names an evidence kind as the audit reports do in Chinese
// (DEX 包, 清单组件…); English keeps the id.
func evidenceKindIn(kind, lang string) string {
	if lang == "zh" {
		if z, ok := textFor(lang).EvidenceKind[kind]; ok {
			return z
		}
	}
	return kind
}
