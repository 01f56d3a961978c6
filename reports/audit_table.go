package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"privdiff/diff"
)

// Cell widths of the findings table, in terminal columns (a Chinese
// character takes two), so a row fits a 160-column terminal.
const (
	messageColumns = 44
	excerptColumns = 30
	excerptRunes   = 60
)

// TableMinSeverity is the least severe level whose findings the table
// lists one by one; those below are folded into a count ("" lists all).
// The CLI sets it to low on a terminal, where info notes would bury the
// few findings that matter.
var TableMinSeverity diff.Severity

// AuditTable writes an audit as terminal tables in the audit's language:
// the app, the counts per severity, then the findings of each severity.
func AuditTable(w io.Writer, a *diff.Audit) error {
	w = terminalSafe(w)
	t := textFor(a.Lang)
	p := &errWriter{w: w}
	p.line(fmt.Sprintf(t.TitleOf, appName(a)))
	if b := packerBanner(a, t); b != "" {
		// Said before everything else: every SDK and data finding below
		// covers only the packer's stub.
		p.line("\n!! " + t.PackedShort + t.Colon + b)
	}
	p.line("\n" + appFactsLine(a, t))
	if d := developer(a.App.Signers); d != "" {
		p.line(t.Developer + t.Colon + d)
	}
	for _, l := range signerLines(a.App.Signers) {
		p.line(t.Signers + t.Colon + l)
	}
	if a.Declared != nil {
		p.line(t.Policy + t.Colon + a.Declared.Source + fmt.Sprintf(t.Parens, a.Declared.Language))
	}
	if p.err != nil {
		return p.err
	}
	s := a.Summary
	header := []string{t.Severity[diff.High], t.Severity[diff.Medium], t.Severity[diff.Low], t.Severity[diff.Info], t.Total}
	counts := []string{strconv.Itoa(s.High), strconv.Itoa(s.Medium), strconv.Itoa(s.Low), strconv.Itoa(s.Info), strconv.Itoa(s.High + s.Medium + s.Low + s.Info)}
	if err := writeTable(w, t.Summary, header, [][]string{counts}); err != nil {
		return err
	}
	groups := groupBySeverity(a, t)
	if len(groups) == 0 {
		p.line("\n" + t.NoFindings)
	}
	var folded []string
	for _, g := range groups {
		if p.err != nil {
			return p.err
		}
		if g.Severity.Rank() < TableMinSeverity.Rank() {
			folded = append(folded, fmt.Sprintf("%s %d", g.Label, len(g.Findings)))
			continue
		}
		rows := make([][]string, 0, len(g.Findings))
		for _, f := range g.Findings {
			rows = append(rows, []string{
				ruleName(f.Rule, a.Lang) + "\n" + f.Rule,
				strings.Join(subjectParts(f, a.Lang), "\n"),
				wrapColumns(f.Message, messageColumns),
				strings.Join(evidenceParts(f, t), "\n"),
				excerptCell(f, t),
			})
		}
		title := g.Label + fmt.Sprintf(t.Parens, len(g.Findings))
		header := []string{t.Rule, t.Subject, t.Message, t.Evidence, t.PolicyLine}
		if err := writeTable(w, title, header, rows); err != nil {
			return err
		}
	}
	if len(folded) > 0 {
		p.line("\n" + fmt.Sprintf(t.Folded, strings.Join(folded, t.Comma), TableMinSeverity, t.Severity[TableMinSeverity]))
	}
	// Warnings are sentences: a list reads better than a one-column box
	// whose header repeats the title.
	if len(a.Warnings) > 0 {
		p.line("\n" + t.Warnings)
		for _, warning := range a.Warnings {
			p.line("- " + warning)
		}
	}
	p.line("\n" + provenance(a, t))
	return p.err
}

// appFactsLine is the app in one line: label, package, version, file, hash.
func appFactsLine(a *diff.Audit, t *auditText) string {
	app := a.App
	parts := []string{}
	for _, s := range []string{labelIn(app, a.Lang), app.Package, versionText(app), app.Path} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if app.SHA256 != "" {
		parts = append(parts, "sha256 "+app.SHA256)
	}
	return t.App + t.Colon + strings.Join(parts, " · ")
}

// excerptCell is "line N" and the start of the policy text there.
func excerptCell(f diff.Finding, t *auditText) string {
	line := declaredLine(f, t)
	if line == "" {
		return ""
	}
	if text := cut(oneLine(f.Declared.Text), excerptRunes); text != "" {
		line += "\n" + wrapColumns(text, excerptColumns)
	}
	return line
}

// wrapColumns breaks s into lines of at most n terminal columns: between
// words in Latin text, between any two characters in Chinese text, which
// has no spaces — but never before a closing mark (，。、）…), which Chinese
// typesetting keeps off the start of a line: the character before it moves
// down with it. A word alone on its line is never split for that: a class
// or API name that fills the line stays whole, to be copied and searched
// for, and the mark after it starts the next line.
func wrapColumns(s string, n int) string {
	var out []byte
	col, space := 0, false
	// lineStart is where the current line starts in out; lastStart where
	// its last unit that is not a closing mark starts.
	lineStart, lastStart := 0, 0
	for _, unit := range splitWrappable(s) {
		if unit == " " {
			space = true
			continue
		}
		uw := columns(unit)
		gap := 0
		if space && col > 0 {
			gap = 1
		}
		space = false
		switch {
		case col > 0 && col+gap+uw > n && gap == 0 && noLineStart(unit) && lastStart > lineStart:
			last := string(out[lastStart:])
			out = append(append(out[:lastStart], '\n'), last...)
			lineStart, lastStart = lastStart+1, lastStart+1
			col = columns(last)
		case col > 0 && col+gap+uw > n:
			out = append(out, '\n')
			lineStart, col = len(out), 0
		case gap > 0:
			out = append(out, ' ')
			col++
		}
		if !noLineStart(unit) {
			lastStart = len(out)
		}
		out = append(out, unit...)
		col += uw
	}
	return string(out)
}

// noLineStart reports whether unit is a mark Chinese typesetting keeps off
// the start of a line.
func noLineStart(unit string) bool {
	return utf8.RuneCountInString(unit) == 1 && strings.ContainsRune("，。、；：！？）》」』】〉”’…", []rune(unit)[0])
}

// splitWrappable cuts s into the units wrapColumns keeps together: a run
// of non-space narrow characters (a word, a class name), one wide
// character, or a space.
func splitWrappable(s string) []string {
	var units []string
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			units = append(units, word.String())
			word.Reset()
		}
	}
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			flush()
			units = append(units, " ")
		case runeColumns(r) == 2:
			flush()
			units = append(units, string(r))
		default:
			word.WriteRune(r)
		}
	}
	flush()
	return units
}

func columns(s string) int {
	n := 0
	for _, r := range s {
		n += runeColumns(r)
	}
	return n
}

func runeColumns(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// errWriter keeps the first write error so a run of prints checks once.
type errWriter struct {
	w   io.Writer
	err error
}

// line prints s and a newline, wrapped to the terminal (see fitLine).
func (p *errWriter) line(s string) {
	if p.err == nil {
		_, p.err = io.WriteString(p.w, fitLine(s)+"\n")
	}
}

func (p *errWriter) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}
