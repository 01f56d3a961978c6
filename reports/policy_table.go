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
func PolicyTable(w io.Writer, p *declared.Policy) error {
	w = terminalSafe(w)
	if _, err := fmt.Fprintln(w, fitLine(fmt.Sprintf("%s  (%s)", p.Source, p.Language))); err != nil {
		return err
	}
	for _, warn := range p.Warnings {
		if _, err := fmt.Fprintln(w, fitLine("warning: "+warn)); err != nil {
			return err
		}
	}
	var sdks [][]string
	for _, s := range p.SDKs {
		id := ""
		if s.CatalogID != nil {
			id = *s.CatalogID
		}
		sdks = append(sdks, []string{strconv.Itoa(s.Line), s.Name, id, strings.Join(s.Platforms, ","), cut(s.Purpose, 30), cut(strings.Join(s.DataTypes, "、"), 40)})
	}
	if err := writeTable(w, fmt.Sprintf("SDKs (%d)", len(p.SDKs)), []string{"line", "name", "catalog id", "platforms", "purpose", "data"}, sdks); err != nil {
		return err
	}
	var perms [][]string
	for _, perm := range p.Permissions {
		constants := strings.Join(perm.Permissions, "\n")
		if constants == "" {
			constants = "(not Android)"
		}
		perms = append(perms, []string{strconv.Itoa(perm.Line), perm.Text, constants, cut(perm.Purpose, 40)})
	}
	if err := writeTable(w, fmt.Sprintf("Permission statements (%d)", len(p.Permissions)), []string{"line", "as written", "Android permissions", "purpose"}, perms); err != nil {
		return err
	}
	types := strings.Join(p.DataTypes, " ")
	if types == "" {
		types = "(none)"
	}
	_, err := fmt.Fprintf(w, "\nData types (%d)\n%s\n", len(p.DataTypes), fitLine("  "+types))
	return err
}

// cut shortens s to n characters for a table cell.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
