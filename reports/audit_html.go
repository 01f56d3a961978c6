package reports

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"privdiff/diff"
)

//go:embed audit_html.tmpl
var auditHTMLTemplate string

var auditHTML = template.Must(template.New("audit").Funcs(template.FuncMap{
	"join": strings.Join,
}).Parse(auditHTMLTemplate))

// htmlFinding is one finding as the page shows it.
type htmlFinding struct {
	Severity string
	Class    string
	RuleName string
	RuleID   string
	Subject  string
	Message  string
	Evidence []string
	Line     string
	Excerpt  string
}

type htmlSDKRow struct {
	Gap      bool
	Verdict  string
	Observed string
	Evidence []string
	Declared []string
}

type htmlRule struct {
	ID, Name, Severity, SeverityClass, Description, Help, Basis string
}

type htmlPage struct {
	T       *auditText
	Title   string
	Banner  string
	Facts   [][2]string
	Summary []struct {
		Label, Class string
		Count        int
	}
	Total  int
	Groups []struct {
		Label, Class string
		Findings     []htmlFinding
	}
	Warnings  []string
	SDKs      []htmlSDKRow
	Rules     []htmlRule
	Generated string
}

func severityClass(s diff.Severity) string {
	if s.Rank() > 0 {
		return "sev-" + string(s)
	}
	return "sev-other"
}

// AuditHTML writes the audit as one self-contained page (inline CSS, no
// script, no external resource) that a regulator can read, print or attach
// to a notice: app facts, summary, findings with the policy excerpt and the
// APK evidence, the SDKs declared and observed side by side, and the rules
// with their regulatory basis.
func AuditHTML(w io.Writer, a *diff.Audit) error {
	t := textFor(a.Lang)
	p := htmlPage{T: t, Title: fmt.Sprintf(t.TitleOf, appName(a)), Banner: packerBanner(a, t), Warnings: a.Warnings,
		Generated: provenance(a, t)}
	app := a.App
	for _, kv := range [][2]string{
		{t.Label, labelIn(app, a.Lang)}, {t.Package, app.Package}, {t.Version, versionText(app)},
		{t.MinTarget, fmt.Sprintf("%d / %d", app.MinSdk, app.TargetSdk)},
		{t.Path, app.Path}, {t.SHA256, app.SHA256}, {t.Developer, developer(app.Signers)},
	} {
		if kv[1] != "" {
			p.Facts = append(p.Facts, kv)
		}
	}
	for _, l := range signerLines(app.Signers) {
		p.Facts = append(p.Facts, [2]string{t.Signers, l})
	}
	if a.AnalysedAt != "" {
		p.Facts = append(p.Facts, [2]string{t.AnalysedAt, analysisDay(a.AnalysedAt)})
	}
	if a.Declared != nil {
		p.Facts = append(p.Facts, [2]string{t.Policy, a.Declared.Source}, [2]string{t.PolicyLang, a.Declared.Language})
	}
	s := a.Summary
	for _, c := range []struct {
		sev diff.Severity
		n   int
	}{{diff.High, s.High}, {diff.Medium, s.Medium}, {diff.Low, s.Low}, {diff.Info, s.Info}} {
		p.Summary = append(p.Summary, struct {
			Label, Class string
			Count        int
		}{t.Severity[c.sev], severityClass(c.sev), c.n})
		p.Total += c.n
	}
	for _, g := range groupBySeverity(a, t) {
		group := struct {
			Label, Class string
			Findings     []htmlFinding
		}{Label: g.Label, Class: severityClass(g.Severity)}
		for _, f := range g.Findings {
			hf := htmlFinding{
				Severity: g.Label, Class: severityClass(f.Severity),
				RuleName: ruleName(f.Rule, a.Lang), RuleID: f.Rule,
				Subject: strings.Join(subjectParts(f, a.Lang), " · "), Message: f.Message,
				Evidence: evidenceParts(f, t), Line: declaredLine(f, t),
			}
			if f.Declared != nil {
				hf.Excerpt = oneLine(f.Declared.Text)
			}
			group.Findings = append(group.Findings, hf)
		}
		p.Groups = append(p.Groups, group)
	}
	for _, row := range compareSDKs(a, t) {
		hr := htmlSDKRow{Gap: row.Gap, Verdict: row.Verdict}
		if row.Observed != nil {
			hr.Observed = sdkTitle(row.Observed, a.Lang) + " (" + row.Observed.ID + ")"
			hr.Evidence = evidenceSummary(row.Observed, t)
		}
		for _, d := range row.Declared {
			hr.Declared = append(hr.Declared, fmt.Sprintf(t.Line, d.Line)+t.Colon+d.Name)
		}
		p.SDKs = append(p.SDKs, hr)
	}
	for _, r := range diff.Rules {
		p.Rules = append(p.Rules, htmlRule{
			ID: r.ID, Name: localized(r.Name, a.Lang), Severity: t.Severity[r.Severity], SeverityClass: severityClass(r.Severity),
			Description: localized(r.Description, a.Lang), Help: localized(r.Help, a.Lang), Basis: localized(r.Basis, a.Lang),
		})
	}
	return auditHTML.Execute(w, p)
}
