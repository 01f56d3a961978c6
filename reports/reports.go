// Package reports turns privdiff's results into bytes: one file per format,
// each a small function from a result type to an io.Writer.
package reports

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// writeJSON writes v as indented JSON with a trailing newline. Go's encoder
// sorts map keys and keeps struct order, so equal values give equal bytes.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// WriteTable renders a titled table fitted to the terminal (Columns), for
// the commands whose tables are not a report of their own (db queries).
func WriteTable(w io.Writer, title string, header []string, rows [][]string) error {
	return writeTable(w, title, header, rows)
}

// writeTable renders one titled terminal table; an empty table prints the
// title and "(none)" so the reader knows the section was checked.
func writeTable(w io.Writer, title string, header []string, rows [][]string) error {
	if title != "" {
		if _, err := fmt.Fprintf(w, "\n%s\n", fitLine(title)); err != nil {
			return err
		}
	}
	if len(rows) == 0 {
		_, err := fmt.Fprintln(w, "  (none)")
		return err
	}
	header, rows, stacked := fitRows(header, rows)
	if stacked {
		return writeStacked(w, header, rows)
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeader(header),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
	)
	if err := t.Bulk(rows); err != nil {
		return err
	}
	return t.Render()
}
