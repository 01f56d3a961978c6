package declared

import (
	"strings"
)

// A Markdown table crawled from a web page can come with every cell on its
// own line and a bare "|" line between cells; rows end at a blank line:
//
//	合作伙伴类型
//	|
//	合作伙伴名称
//	---|---
//
//	统计服务合作方
//	|
//	某某科技有限公司
//
// joinCellLines puts each such row back on one line, "a | b", at the row's
// first line, and leaves the row's other lines empty, so line numbers still
// point into the file.

// separatorLine matches a Markdown table's alignment row: ---|---|---.
var separatorLine = lazyRegexp(`^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$`)

func bareBar(s string) bool { return strings.TrimSpace(s) == "|" }

func blankLine(s string) bool { return strings.TrimSpace(s) == "" }

// joinCellLines rewrites the cell-per-line tables of lines in place.
func joinCellLines(lines []string) {
	for i := 0; i < len(lines); i++ {
		if !separatorLine().MatchString(lines[i]) {
			continue
		}
		cols := strings.Count(strings.Trim(strings.TrimSpace(lines[i]), "|"), "|") + 1
		// The header: the non-blank lines just above, holding cols-1 bars.
		h := i - 1
		for h >= 0 && blankLine(lines[h]) {
			h--
		}
		top, bars := h, 0
		for top >= 0 && !blankLine(lines[top]) && i-top <= 8*cols {
			if bareBar(lines[top]) {
				bars++
			}
			top--
		}
		top++
		if bars != cols-1 || h < top {
			continue
		}
		joinRow(lines, top, h+1)
		// The rows: runs of lines with cols-1 bars, ended by a blank line.
		j := i + 1
		for j < len(lines) {
			for j < len(lines) && blankLine(lines[j]) {
				j++
			}
			start, bars := j, 0
			for j < len(lines) && (bars < cols-1 || !blankLine(lines[j])) && j-start <= 8*cols {
				if bareBar(lines[j]) {
					bars++
				} else if bars == 0 && j > start && (separatorLine().MatchString(lines[j]) || strings.HasPrefix(strings.TrimSpace(lines[j]), "===")) {
					break
				}
				j++
			}
			if bars != cols-1 {
				break
			}
			joinRow(lines, start, j)
		}
		i = j - 1
	}
}

// joinRow joins lines[from:to], cells split at bare bars, into lines[from].
func joinRow(lines []string, from, to int) {
	var cells []string
	var cur []string
	for k := from; k < to; k++ {
		if bareBar(lines[k]) {
			cells = append(cells, strings.Join(cur, " "))
			cur = cur[:0]
		} else if t := strings.TrimSpace(lines[k]); t != "" {
			cur = append(cur, t)
		}
		lines[k] = ""
	}
	cells = append(cells, strings.Join(cur, " "))
	lines[from] = strings.Join(cells, " | ")
}
