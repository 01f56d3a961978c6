package diff

import (
	"fmt"
	"sort"
	"strings"

	"privdiff/apk"
	"privdiff/declared"
)

// Compare applies every rule and returns the findings sorted: most severe
// first, then in the order of Rules, then by SDK, permission, data type
// and evidence, so equal inputs give equal output whatever the order of
// their lists. Messages are left empty; Localize writes them.
func Compare(obs *apk.Observed, pol *declared.Policy) []Finding {
	d := newDeclaredIndex(pol)
	out := []Finding{}
	out = append(out, sdkUndeclared(obs, d)...)
	out = append(out, sdkUnobserved(obs, d)...)
	out = append(out, permissionUnjustified(obs, pol)...)
	out = append(out, permissionUnrequested(obs, pol)...)
	out = append(out, dataUndeclared(obs, pol, d)...)
	sortFindings(out)
	return out
}

// Summarize counts findings per severity.
func Summarize(findings []Finding) Summary {
	var s Summary
	for _, f := range findings {
		switch f.Severity {
		case High:
			s.High++
		case Medium:
			s.Medium++
		case Low:
			s.Low++
		case Info:
			s.Info++
		}
	}
	return s
}

// Run is the whole audit: compare, write the messages in lang ("zh" or
// "en"; any zh-* tag counts as zh, anything else as en), summarise, and
// warn where the comparison cannot be taken at face value.
func Run(obs *apk.Observed, pol *declared.Policy, lang string) *Audit {
	lang = normalizeLang(lang)
	findings := Compare(obs, pol)
	Localize(findings, lang)
	a := &Audit{
		App: obs.App, Observed: obs, Declared: pol,
		Findings: findings, Summary: Summarize(findings), Lang: lang, Warnings: []string{},
	}
	if obs.Packer != nil {
		a.Warnings = append(a.Warnings, packedWarning(obs.Packer, lang))
	}
	if n := len(obs.UnanalysedCode); n > 0 {
		list := strings.Join(obs.UnanalysedCode, "; ")
		a.Warnings = append(a.Warnings, text(lang,
			fmt.Sprintf("应用携带的%d个代码文件未能分析（%s）：其中的SDK和敏感API调用不在本报告中，未报告不代表不存在。", n, list),
			fmt.Sprintf("%d file(s) the app carries as code could not be analysed (%s): SDKs and API calls in them are not in this report, so their absence proves nothing", n, list)))
	}
	if len(pol.SDKs) == 0 {
		a.Warnings = append(a.Warnings, text(lang,
			"隐私政策没有第三方SDK清单：应用中发现的每个SDK均报告为未声明。",
			"policy has no SDK list: every observed SDK is reported as undeclared"))
	}
	return a
}

// packedWarning: a hardened app's dex is the packer's loader; the real
// code is decrypted at run time, so what the scan found in code is a lower
// bound and absence proves nothing.
func packedWarning(p *apk.Packer, lang string) string {
	name := p.Name
	if lang == "zh" && p.NameZh != "" {
		name = p.NameZh
	}
	return text(lang,
		"应用经"+name+"加固：DEX中只有加固外壳，由代码得出的SDK和敏感API结果只覆盖外壳，未发现某SDK或API并不代表应用不含它；声明而未发现的SDK因此不予报告。",
		"the app is packed with "+name+": the DEX-derived results cover only the packer's stub, so an SDK or API not found is not a clean result; declared SDKs are therefore not reported as unobserved")
}

func normalizeLang(lang string) string {
	if lang == "zh" || strings.HasPrefix(strings.ToLower(lang), "zh-") || strings.HasPrefix(strings.ToLower(lang), "zh_") {
		return "zh"
	}
	return "en"
}

func text(lang, zh, en string) string {
	if lang == "zh" {
		return zh
	}
	return en
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Severity.Rank() != b.Severity.Rank() {
			return a.Severity.Rank() > b.Severity.Rank()
		}
		if a.Rule != b.Rule {
			if ra, rb := ruleOrder(a.Rule), ruleOrder(b.Rule); ra != rb {
				return ra < rb
			}
			return a.Rule < b.Rule
		}
		for _, p := range [][2]string{{a.SDK, b.SDK}, {a.Permission, b.Permission}, {a.DataType, b.DataType}, {evidenceKey(a), evidenceKey(b)}} {
			if p[0] != p[1] {
				return p[0] < p[1]
			}
		}
		return declaredLine(a) < declaredLine(b)
	})
}

func evidenceKey(f Finding) string {
	if f.Observed == nil {
		return ""
	}
	o := f.Observed
	return o.Kind + "\x00" + o.Value + "\x00" + o.Class + "\x00" + o.CallerSDK
}

func declaredLine(f Finding) int {
	if f.Declared == nil {
		return 0
	}
	return f.Declared.Line
}

// ruleOrder is a rule's place in Rules: the report order, which puts the
// SDK gap first among the high findings, as auditors read them.
func ruleOrder(id string) int {
	for i, r := range Rules {
		if r.ID == id {
			return i
		}
	}
	return len(Rules)
}
