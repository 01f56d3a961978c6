package reports

import (
	_ "embed"
	"html/template"
	"io"
	"strings"
	"sync"
)

// Overview is a campaign across apps: each app's latest audit and what it
// changed since the version before, from the results store.
type Overview struct {
	Lang string
	// Database names the store the page was made from.
	Database string
	Apps     []OverviewApp
}

// OverviewApp is one app's row.
type OverviewApp struct {
	Label, Package, Version string
	// Developer is the signing certificate's subject, when known.
	Developer string
	AuditedAt string
	// Report links to the app's own report; empty when there is none.
	Report                  string
	High, Medium, Low, Info int
	// UndeclaredSDKs are named as the page's language names them.
	UndeclaredSDKs []string
	// Change is nil for an app with one recorded version.
	Change *OverviewChange
}

// OverviewChange is what an app's latest version changed.
type OverviewChange struct {
	Since                                string
	PolicyChanged                        bool
	SDKsAdded, SDKsRemoved               []string
	PermissionsAdded, PermissionsRemoved []string
	// New, Fixed and Persisting are findings above info, by subject.
	New, Fixed, Persisting []string
}

//go:embed overview_html.tmpl
var overviewHTMLTemplate string

// overviewHTML parses on first use, so commands that write no HTML do not pay for it at start-up.
var overviewHTML = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("overview").Funcs(template.FuncMap{
		"join": strings.Join,
	}).Parse(overviewHTMLTemplate))
})

// overviewText is the page's words per language.
var overviewText = map[string]map[string]string{
	"zh": {
		"title": "专项检查总览", "apps": "应用", "withHigh": "有高危问题的应用", "persisting": "问题仍存在的应用",
		"high": "高危", "medium": "中危", "low": "低危", "info": "提示", "label": "名称", "package": "包名",
		"version": "版本", "developer": "开发者（签名证书）", "audited": "审计时间", "undeclared": "未声明的SDK",
		"change": "较上一版本的变化", "report": "报告", "since": "较", "policyChanged": "隐私政策已更新",
		"sdksAdded": "新增SDK", "sdksRemoved": "移除SDK", "permsAdded": "新增权限", "permsRemoved": "移除权限",
		"new": "新问题", "fixed": "已修复", "persistingItems": "仍存在", "first": "首次审计", "sortHint": "点击表头排序",
		"source": "数据来源",
	},
	"en": {
		"title": "Campaign overview", "apps": "Apps", "withHigh": "Apps with high findings", "persisting": "Apps with persisting findings",
		"high": "High", "medium": "Medium", "low": "Low", "info": "Info", "label": "Name", "package": "Package",
		"version": "Version", "developer": "Developer (signing certificate)", "audited": "Audited", "undeclared": "Undeclared SDKs",
		"change": "Change since the previous version", "report": "Report", "since": "since", "policyChanged": "policy updated",
		"sdksAdded": "SDKs added", "sdksRemoved": "SDKs removed", "permsAdded": "Permissions added", "permsRemoved": "Permissions removed",
		"new": "New", "fixed": "Fixed", "persistingItems": "Persisting", "first": "first audit", "sortHint": "Click a column heading to sort",
		"source": "Source",
	},
}

// OverviewHTML writes the campaign overview: one self-contained page (its
// style and the few lines that sort the table are inline; nothing is
// fetched), totals, and a sortable table of apps.
func OverviewHTML(w io.Writer, o *Overview) error {
	t, ok := overviewText[o.Lang]
	if !ok {
		t = overviewText["en"]
	}
	page := struct {
		*Overview
		T                                 map[string]string
		Lang                              string
		WithHigh, Persisting              int
		TotalHigh, TotalMedium, TotalInfo int
	}{Overview: o, T: t, Lang: o.Lang}
	if page.Lang == "" {
		page.Lang = "en"
	}
	for _, a := range o.Apps {
		if a.High > 0 {
			page.WithHigh++
		}
		if a.Change != nil && len(a.Change.Persisting) > 0 {
			page.Persisting++
		}
		page.TotalHigh += a.High
		page.TotalMedium += a.Medium
		page.TotalInfo += a.Info
	}
	return overviewHTML().Execute(w, page)
}
