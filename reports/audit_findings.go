package reports

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"privdiff/apk"
	"privdiff/catalog"
	"privdiff/declared"
	"privdiff/diff"
)

// The pieces every audit format shows of a finding, in the audit's
// language; each format only lays them out.

// severityGroup is the findings of one severity, in the audit's order.
type severityGroup struct {
	Severity diff.Severity
	Label    string
	Findings []diff.Finding
}

// groupBySeverity returns one group per severity that has findings, most
// severe first; findings of an unknown severity come last, under their own
// name, rather than being dropped.
func groupBySeverity(a *diff.Audit, t *auditText) []severityGroup {
	var groups []severityGroup
	for _, s := range diff.Severities {
		g := severityGroup{Severity: s, Label: t.Severity[s]}
		for _, f := range a.Findings {
			if f.Severity == s {
				g.Findings = append(g.Findings, f)
			}
		}
		if len(g.Findings) > 0 {
			groups = append(groups, g)
		}
	}
	var odd []severityGroup
	for _, f := range a.Findings {
		if f.Severity.Rank() > 0 {
			continue
		}
		i := slices.IndexFunc(odd, func(g severityGroup) bool { return g.Severity == f.Severity })
		if i < 0 {
			odd = append(odd, severityGroup{Severity: f.Severity, Label: string(f.Severity)})
			i = len(odd) - 1
		}
		odd[i].Findings = append(odd[i].Findings, f)
	}
	return append(groups, odd...)
}

// ruleByID finds a rule's metadata and its index in diff.Rules.
func ruleByID(id string) (diff.Rule, int, bool) {
	for i, r := range diff.Rules {
		if r.ID == id {
			return r, i, true
		}
	}
	return diff.Rule{}, -1, false
}

// ruleName is a rule's short title in lang, or its id when unknown.
func ruleName(id, lang string) string {
	if r, _, ok := ruleByID(id); ok {
		if n := localized(r.Name, lang); n != "" {
			return n
		}
	}
	return id
}

// subjectParts names what a finding is about: the SDK, the permission, the
// data type, whichever it has.
func subjectParts(f diff.Finding, lang string) []string {
	var parts []string
	switch {
	case f.SDKName != "" && f.SDK != "" && f.SDKName != f.SDK:
		parts = append(parts, f.SDKName+fmt.Sprintf(textFor(lang).Parens, f.SDK))
	case f.SDKName != "":
		parts = append(parts, f.SDKName)
	case f.SDK != "":
		parts = append(parts, f.SDK)
	}
	if f.Permission != "" {
		parts = append(parts, f.Permission)
	}
	if f.DataType != "" {
		// In Chinese by its name (已安装应用列表), as the scan table has it.
		parts = append(parts, dataTypeNames([]string{f.DataType}, lang)[0])
	}
	return parts
}

// evidenceParts says what in the APK shows a finding: the kind and value,
// and for an API call the class that makes it and whose code that is.
func evidenceParts(f diff.Finding, t *auditText) []string {
	o := f.Observed
	if o == nil {
		return nil
	}
	kind := t.EvidenceKind[o.Kind]
	if kind == "" {
		kind = o.Kind
	}
	parts := []string{kind + t.Colon + o.Value}
	if o.Class != "" {
		parts = append(parts, fmt.Sprintf(t.CalledBy, o.Class+callerSuffix(o.CallerSDK, t)))
	}
	return parts
}

func callerSuffix(sdk string, t *auditText) string {
	switch sdk {
	case "":
		return ""
	case "app":
		return fmt.Sprintf(t.Parens, t.AppCode)
	case "unknown":
		return fmt.Sprintf(t.Parens, t.UnknownCode)
	}
	return fmt.Sprintf(t.Parens, sdk)
}

// declaredLine is the policy line of a finding, "" when it has none.
func declaredLine(f diff.Finding, t *auditText) string {
	if f.Declared == nil || f.Declared.Line <= 0 {
		return ""
	}
	return fmt.Sprintf(t.Line, f.Declared.Line)
}

// appName is how the reports title an app: its label, else its package.
func appName(a *diff.Audit) string {
	if l := labelIn(a.App, a.Lang); l != "" {
		return l
	}
	if a.App.Package != "" {
		return a.App.Package
	}
	return a.App.Path
}

// fileName is how a report meant to be attached names a local file: by its
// name, not the path on the auditor's machine; a URL stays whole.
func fileName(path string) string {
	if declared.IsURL(path) || path == "" {
		return path
	}
	return filepath.Base(filepath.FromSlash(path))
}

// policyName names the policy in an attachable report: its title and the
// file name or URL it was read from.
func policyName(p *declared.Policy, t *auditText) string {
	source := fileName(p.Source)
	if p.Title == "" || p.Title == source {
		return source
	}
	return p.Title + fmt.Sprintf(t.Parens, source)
}

// versionText is "1.0 (1)", or whichever half is known.
func versionText(app apk.App) string {
	switch {
	case app.VersionName != "" && app.VersionCode != 0:
		return fmt.Sprintf("%s (%d)", app.VersionName, app.VersionCode)
	case app.VersionName != "":
		return app.VersionName
	case app.VersionCode != 0:
		return fmt.Sprint(app.VersionCode)
	}
	return ""
}

// packerBanner is the warning a packed app's report opens with, "" when the
// app is not packed.
func packerBanner(a *diff.Audit, t *auditText) string {
	if a.Observed == nil || a.Observed.Packer == nil {
		return ""
	}
	p := a.Observed.Packer
	zh, name := p.NameZh, p.Name
	if zh == "" {
		zh = name
	}
	return fmt.Sprintf(t.Packed, zh, name, p.Vendor)
}

// sdkComparison is one row of the declared-vs-observed SDK table: an SDK
// found in the APK with the policy entries that declare it, or a policy
// entry no SDK of the APK matched.
type sdkComparison struct {
	Observed *apk.SDK
	Declared []declared.SDK
	// Gap is set when the row is a difference an auditor should look at.
	Gap     bool
	Verdict string
}

// compareSDKs pairs the APK's SDKs with the policy's entries: directly by
// catalog id, or through an umbrella entry the catalog says covers the SDK
// (友盟 covers each Umeng product). The audit's findings have the last
// word: an SDK with an sdk-undeclared finding is undeclared whatever
// matched here, and one with neither a match nor a finding is shown as
// such rather than guessed.
func compareSDKs(a *diff.Audit, t *auditText) []sdkComparison {
	var obs []apk.SDK
	if a.Observed != nil {
		obs = a.Observed.SDKs
	}
	var decl []declared.SDK
	if a.Declared != nil {
		decl = a.Declared.SDKs
	}
	undeclared := map[string]bool{}
	for _, f := range a.Findings {
		if f.Rule == diff.RuleSDKUndeclared {
			undeclared[f.SDK] = true
		}
	}
	used := make([]bool, len(decl))
	var rows []sdkComparison
	for i := range obs {
		s := &obs[i]
		var covers []string
		if c, ok := catalog.SDKByID(s.ID); ok {
			covers = c.CoveredBy
		}
		row := sdkComparison{Observed: s}
		direct, umbrella := false, ""
		for j, d := range decl {
			if d.CatalogID == nil {
				continue
			}
			switch {
			case *d.CatalogID == s.ID:
				direct = true
			case slices.Contains(covers, *d.CatalogID):
				if umbrella == "" {
					umbrella = d.Name
				}
			default:
				continue
			}
			used[j] = true
			row.Declared = append(row.Declared, d)
		}
		switch {
		case undeclared[s.ID] && apk.WeakStrength(s.Strength):
			row.Gap, row.Verdict = true, t.VerdictKeyOnly
		case undeclared[s.ID]:
			row.Gap, row.Verdict = true, t.VerdictMissing
		case len(s.BroughtBy) > 0 && !direct && umbrella == "":
			row.Verdict = fmt.Sprintf(t.VerdictBrought, strings.Join(s.BroughtBy, ", "))
		case direct:
			row.Verdict = t.VerdictDeclared
		case umbrella != "":
			row.Verdict = fmt.Sprintf(t.VerdictCovered, umbrella)
		default:
			row.Verdict = t.VerdictNoGap
		}
		rows = append(rows, row)
	}
	for j, d := range decl {
		if used[j] {
			continue
		}
		row := sdkComparison{Declared: []declared.SDK{d}}
		switch {
		case len(d.Platforms) > 0 && !slices.Contains(d.Platforms, "android"):
			row.Verdict = t.VerdictIOS
		case d.CatalogID == nil:
			row.Verdict = t.VerdictUnknown
		default:
			row.Gap, row.Verdict = true, t.VerdictUnused
		}
		rows = append(rows, row)
	}
	return rows
}

// sdkTitle is an observed SDK's name in lang with its catalog id.
func sdkTitle(s *apk.SDK, lang string) string {
	name := s.Name
	if lang == "zh" && s.NameZh != "" {
		name = s.NameZh
	}
	if name == "" {
		return s.ID
	}
	return name
}

// evidenceSummary lists an SDK's traces as "kind: value" in lang.
func evidenceSummary(s *apk.SDK, t *auditText) []string {
	out := make([]string, 0, len(s.Evidence))
	for _, e := range s.Evidence {
		kind := t.EvidenceKind[e.Kind]
		if kind == "" {
			kind = e.Kind
		}
		out = append(out, kind+t.Colon+e.Value)
	}
	return out
}

// oneLine folds a policy excerpt (which may span a table row with pipes and
// tabs) into single-spaced text.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// labelIn is the app's name as a reader in lang knows it: in Chinese, the
// label a zh-CN phone shows under the icon (values-zh-rCN), else the default.
func labelIn(app apk.App, lang string) string {
	if lang == "zh" && app.LabelZh != "" {
		return app.LabelZh
	}
	return app.Label
}

// listSeparator joins the items of a list in a sentence: 、 in Chinese.
func listSeparator(lang string) string {
	if lang == "zh" {
		return "、"
	}
	return ", "
}
