package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"privdiff/declared"
)

// PolicyTable writes what a policy declares as terminal tables: the SDKs,
// the permission statements and the data types, each with its policy line.
func PolicyTable(w io.Writer, p *declared.Policy) error { return PolicyTableIn(w, p, "en") }

// PolicyTableIn is PolicyTable with the titles, headers and data types in
// lang ("zh" or "en").
func PolicyTableIn(w io.Writer, p *declared.Policy, lang string) error {
	w = terminalSafe(w)
	l := words(lang)
	if _, err := fmt.Fprintln(w, fitLine(p.Source+fmt.Sprintf(l("  (%s)"), p.Language))); err != nil {
		return err
	}
	for _, warn := range p.Warnings {
		if _, err := fmt.Fprintln(w, fitLine(l("warning: ")+warn)); err != nil {
			return err
		}
	}
	var sdks [][]string
	for _, s := range p.SDKs {
		id := ""
		if s.CatalogID != nil {
			id = *s.CatalogID
		}
		sdks = append(sdks, []string{strconv.Itoa(s.Line), s.Name, id, strings.Join(s.Platforms, ","), cut(s.Purpose, 30), cut(strings.Join(dataTypeNames(s.DataTypes, lang), "、"), 40)})
	}
	if err := writeTable(w, fmt.Sprintf(l("SDKs (%d)"), len(p.SDKs)), []string{l("line"), l("name"), l("catalog id"), l("platforms"), l("purpose"), l("data")}, sdks); err != nil {
		return err
	}
	var perms [][]string
	for _, perm := range p.Permissions {
		constants := strings.Join(perm.Permissions, "\n")
		if constants == "" {
			constants = l("(not Android)")
		}
		perms = append(perms, []string{strconv.Itoa(perm.Line), perm.Text, constants, cut(perm.Purpose, 40)})
	}
	if err := writeTable(w, fmt.Sprintf(l("Permission statements (%d)"), len(p.Permissions)), []string{l("line"), l("as written"), l("Android permissions"), l("purpose")}, perms); err != nil {
		return err
	}
	sep := " "
	if lang == "zh" {
		sep = "、" // Chinese names hold spaces ("WiFi信息（SSID/BSSID/WiFi列表）")
	}
	types := strings.Join(dataTypeNames(p.DataTypes, lang), sep)
	if types == "" {
		types = l("(none)")
	}
	_, err := fmt.Fprintf(w, "\n"+l("Data types (%d)")+"\n%s\n", len(p.DataTypes), fitLine("  "+types))
	return err
}

// cut shortens s to n characters for a table cell.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
