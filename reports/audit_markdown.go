package reports

import (
	"fmt"
	"io"
	"strings"

	"privdiff/diff"
)

// AuditMarkdown writes the audit for a ticket or a merge request: title,
// app facts, a summary table, one findings table per severity, warnings.
func AuditMarkdown(w io.Writer, a *diff.Audit) error {
	t := textFor(a.Lang)
	p := &errWriter{w: w}
	p.printf("# %s\n\n", mdEscape(fmt.Sprintf(t.TitleOf, appName(a))))
	if b := packerBanner(a, t); b != "" {
		p.printf("> **%s:** %s\n\n", t.PackedShort, mdEscape(b))
	}
	app := a.App
	p.printf("| | |\n|---|---|\n")
	for _, f := range []struct {
		label, value string
		code         bool
	}{
		{t.Label, labelIn(app, a.Lang), false}, {t.Package, app.Package, true}, {t.Version, versionText(app), false},
		{t.Path, app.Path, true}, {t.SHA256, app.SHA256, true}, {t.Developer, developer(app.Signers), false},
		{t.Signers, strings.Join(signerLines(app.Signers), "; "), false},
	} {
		switch {
		case f.value == "":
		case f.code:
			p.printf("| %s | %s |\n", t.App+" · "+f.label, mdCode(f.value))
		default:
			p.printf("| %s | %s |\n", t.App+" · "+f.label, mdCell(f.value))
		}
	}
	if a.Declared != nil {
		p.printf("| %s | %s (%s) |\n", t.Policy, mdCell(a.Declared.Source), a.Declared.Language)
	}
	s := a.Summary
	p.printf("\n## %s\n\n| %s | %s | %s | %s | %s |\n|---:|---:|---:|---:|---:|\n| %d | %d | %d | %d | %d |\n",
		t.Summary, t.Severity[diff.High], t.Severity[diff.Medium], t.Severity[diff.Low], t.Severity[diff.Info], t.Total,
		s.High, s.Medium, s.Low, s.Info, s.High+s.Medium+s.Low+s.Info)
	groups := groupBySeverity(a, t)
	p.printf("\n## %s\n\n", t.Findings)
	if len(groups) == 0 {
		p.printf("%s\n", t.NoFindings)
	}
	for _, g := range groups {
		p.printf("### %s%s\n\n| %s | %s | %s | %s | %s |\n|---|---|---|---|---|\n",
			mdEscape(g.Label), fmt.Sprintf(t.Parens, len(g.Findings)), t.Rule, t.Subject, t.Message, t.Evidence, t.PolicyLine)
		for _, f := range g.Findings {
			excerpt := declaredLine(f, t)
			if excerpt != "" && f.Declared.Text != "" {
				excerpt += t.Colon + cut(oneLine(f.Declared.Text), excerptRunes)
			}
			p.printf("| %s<br>`%s` | %s | %s | %s | %s |\n",
				mdCell(ruleName(f.Rule, a.Lang)), f.Rule,
				mdCell(strings.Join(subjectParts(f, a.Lang), listSeparator(a.Lang))),
				mdCell(f.Message),
				mdCell(strings.Join(evidenceParts(f, t), "; ")),
				mdCell(excerpt))
		}
		p.printf("\n")
	}
	if len(a.Warnings) > 0 {
		p.printf("## %s\n\n", t.Warnings)
		for _, warn := range a.Warnings {
			p.printf("- %s\n", mdEscape(warn))
		}
		p.printf("\n")
	}
	p.printf("---\n\n%s\n", mdEscape(provenance(a, t)))
	return p.err
}

// mdCell makes text safe inside a Markdown table cell: pipes escaped,
// newlines as <br>.
func mdCell(s string) string {
	s = mdEscape(s)
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(strings.TrimSpace(s), "\n", "<br>")
}

// mdCode shows a name or path as code; only a backtick or a pipe could
// break out of it.
func mdCode(s string) string {
	return "`" + strings.NewReplacer("`", "'", "|", `\|`, "\n", " ").Replace(s) + "`"
}

// mdEscape keeps text from turning into markup: HTML tags and the
// characters that start emphasis or links.
var mdReplacer = strings.NewReplacer("<", "&lt;", ">", "&gt;", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "`", "\\`")

func mdEscape(s string) string { return mdReplacer.Replace(s) }
