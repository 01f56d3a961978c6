package reports

import (
	"io"
	"strings"
)

// Columns is the width of the terminal the tables go to; 0 (a file, a
// pipe) leaves every line as long as its content. The CLI sets it.
var Columns = 0

// minCellColumns is the narrowest a column is squeezed to before a table
// gives way to the stacked layout; a column whose longest word (a rule id,
// a permission) is wider keeps that word whole, up to maxWordColumns.
const (
	minCellColumns = 10
	maxWordColumns = 30
)

// fitColumns returns the width each column gets so that a table with
// borders ("│ a │ b │": three columns per cell and one) fits in total
// columns: each column at least its floor, the widest ones sharing what is
// left equally. widths is nil when the content already fits; ok is false
// when even the floors do not.
func fitColumns(natural, floor []int, total int) (widths []int, ok bool) {
	avail := total - 3*len(natural) - 1
	sum, floors := 0, 0
	for i, n := range natural {
		sum += n
		floors += min(n, floor[i])
	}
	if sum <= avail {
		return nil, true
	}
	if floors > avail {
		return nil, false
	}
	width := func(i, limit int) int { return min(natural[i], max(floor[i], limit)) }
	lo, hi := 0, total
	for lo < hi {
		mid := (lo + hi + 1) / 2
		s := 0
		for i := range natural {
			s += width(i, mid)
		}
		if s <= avail {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	widths = make([]int, len(natural))
	used := 0
	for i := range natural {
		widths[i] = width(i, lo)
		used += widths[i]
	}
	// The columns held at the limit take the remainder, one column each.
	for i := range widths {
		if used < avail && widths[i] == lo && natural[i] > lo {
			widths[i]++
			used++
		}
	}
	return widths, true
}

// longestWord is the widest unit wrapColumns keeps together in a cell.
func longestWord(cell string) int {
	w := 0
	for _, u := range splitWrappable(cell) {
		w = max(w, columns(u))
	}
	return w
}

// cellColumns is the display width of a cell's longest line.
func cellColumns(cell string) int {
	w := 0
	for _, line := range strings.Split(cell, "\n") {
		w = max(w, columns(line))
	}
	return w
}

// wrapCell wraps every line of a cell to n columns, breaking a word (a
// class name, a hash) that is longer than a line on its own.
func wrapCell(cell string, n int) string {
	var out []string
	for _, line := range strings.Split(cell, "\n") {
		for _, l := range strings.Split(wrapColumns(line, n), "\n") {
			out = append(out, hardBreak(l, n)...)
		}
	}
	return strings.Join(out, "\n")
}

// hardBreak cuts a line wider than n columns into pieces of at most n.
func hardBreak(line string, n int) []string {
	if n <= 0 || columns(line) <= n {
		return []string{line}
	}
	var out []string
	var cur strings.Builder
	col := 0
	for _, r := range line {
		w := runeColumns(r)
		if col+w > n && col > 0 {
			out = append(out, cur.String())
			cur.Reset()
			col = 0
		}
		cur.WriteRune(r)
		col += w
	}
	return append(out, cur.String())
}

// fitLine wraps a line of prose to the terminal, continuation lines
// indented by two spaces; unchanged when Columns is 0.
func fitLine(s string) string {
	if Columns <= 0 {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if columns(l) > Columns {
			lines[i] = strings.Join(strings.Split(wrapCell(l, Columns-2), "\n"), "\n  ")
		}
	}
	return strings.Join(lines, "\n")
}

// writeStacked prints each row as a block of "header: value" lines, for a
// table too wide for the terminal even with its columns squeezed.
func writeStacked(w io.Writer, header []string, rows [][]string) error {
	label := 0
	colon := ": "
	for _, h := range header {
		label = max(label, columns(h))
		if columns(h) > len([]rune(h)) {
			colon = "：" // Chinese labels take a full-width colon (two columns, like ": ")
		}
	}
	p := &errWriter{w: w}
	for _, row := range rows {
		for i, cell := range row {
			if strings.TrimSpace(cell) == "" || i >= len(header) {
				continue
			}
			bullet := "  "
			if i == 0 {
				bullet = "- "
			}
			h := header[i] + strings.Repeat(" ", label-columns(header[i]))
			indent := 2 + label + 2
			width := Columns - indent
			if width < 20 {
				// A long header: the value goes under it.
				p.printf("%s%s%s\n", bullet, header[i], strings.TrimRight(colon, " "))
				for _, l := range strings.Split(wrapCell(cell, Columns-4), "\n") {
					p.printf("    %s\n", l)
				}
				continue
			}
			for j, l := range strings.Split(wrapCell(cell, width), "\n") {
				if j == 0 {
					p.printf("%s%s%s%s\n", bullet, h, colon, l)
				} else {
					p.printf("%s%s\n", strings.Repeat(" ", indent), l)
				}
			}
		}
	}
	return p.err
}

// fitRows returns header and rows wrapped to the terminal, or stacked=true
// when the table cannot fit even squeezed.
func fitRows(header []string, rows [][]string) (h []string, r [][]string, stacked bool) {
	if Columns <= 0 {
		return header, rows, false
	}
	natural := make([]int, len(header))
	floor := make([]int, len(header))
	for i, c := range header {
		natural[i] = cellColumns(c)
		floor[i] = minCellColumns
	}
	for _, row := range rows {
		for i, c := range row {
			if i < len(natural) {
				natural[i] = max(natural[i], cellColumns(c))
				floor[i] = max(floor[i], min(longestWord(c), maxWordColumns))
			}
		}
	}
	widths, ok := fitColumns(natural, floor, Columns)
	if !ok {
		return header, rows, true
	}
	if widths == nil {
		return header, rows, false
	}
	wrap := func(cells []string) []string {
		out := make([]string, len(cells))
		for i, c := range cells {
			out[i] = c
			if i < len(widths) {
				out[i] = wrapCell(c, widths[i])
			}
		}
		return out
	}
	h = wrap(header)
	for _, row := range rows {
		r = append(r, wrap(row))
	}
	return h, r, false
}

// DisplayColumns is the width of s on a terminal: a Chinese character
// counts two columns.
func DisplayColumns(s string) int { return columns(s) }
