package store

import (
	"fmt"
	"strconv"
	"strings"
)

// Table is a query's result as rows of text, for a terminal table or CSV;
// the JSON output is the query's values themselves.
type Table struct {
	Headers []string
	Rows    [][]string
}

// words are the tables' labels per language.
var words = map[string]map[string]string{
	"zh": {
		"package": "包名", "label": "名称", "version": "版本", "versions": "版本数", "audits": "审计次数",
		"audited": "最近审计", "high": "高危", "medium": "中危", "low": "低危", "info": "提示",
		"undeclared SDKs": "未声明的SDK", "signer": "签名者", "sdk": "SDK", "name": "名称", "vendor": "厂商",
		"category": "类别", "apps": "嵌入的应用", "undeclared in": "未声明的应用", "policy": "隐私政策",
		"SDKs added": "新增SDK", "SDKs removed": "移除SDK", "permissions added": "新增权限",
		"permissions removed": "移除权限", "data types added": "新增数据类型", "data types removed": "移除数据类型",
		"findings new": "新问题", "fixed": "已修复", "persisting": "仍存在", "change": "变化", "kind": "类型",
		"item": "项目", "policy covers it": "隐私政策是否覆盖", "added": "新增", "removed": "移除",
		"permission": "权限", "data-type": "数据类型", "yes": "是", "no": "否", "changed": "已更改",
		"same": "未变", "first": "首次", "none": "无", "more info": "另有%d项提示",
	},
	"en": {"more info": "+%d info"},
}

func word(lang, w string) string {
	if t, ok := words[lang][w]; ok {
		return t
	}
	return w
}

func headers(lang string, ws ...string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = word(lang, w)
	}
	return out
}

// In names the SDK as a reader of the language knows it.
func (r SDKRef) In(lang string) string { return sdkName(lang, r) }

// Text is the finding as "subject (rule)", the permission without its
// android.permission. prefix.
func (k FindingKey) Text() string {
	return fmt.Sprintf("%s (%s)", strings.TrimPrefix(k.Subject(), "android.permission."), k.Rule)
}

func sdkName(lang string, r SDKRef) string {
	if lang == "zh" && r.NameZh != "" {
		return r.NameZh
	}
	if r.Name != "" {
		return r.Name
	}
	return r.ID
}

func sdkNames(lang string, l []SDKRef) string {
	out := make([]string, len(l))
	for i, r := range l {
		out[i] = sdkName(lang, r)
	}
	return strings.Join(out, "\n")
}

func versionText(name string, code int64) string {
	return fmt.Sprintf("%s (%d)", name, code)
}

func counts(c Counts) []string {
	return []string{strconv.Itoa(c.High), strconv.Itoa(c.Medium), strconv.Itoa(c.Low), strconv.Itoa(c.Info)}
}

// AppsTable is the apps query as a table.
func AppsTable(apps []App, lang string) Table {
	t := Table{Headers: headers(lang, "package", "label", "version", "versions", "audits", "audited",
		"high", "medium", "low", "info", "undeclared SDKs", "persisting", "signer")}
	for _, a := range apps {
		row := []string{a.Package, a.Label, versionText(a.VersionName, a.VersionCode),
			strconv.Itoa(a.Versions), strconv.Itoa(a.Audits), a.AuditedAt}
		row = append(row, counts(a.Counts)...)
		t.Rows = append(t.Rows, append(row, sdkNames(lang, a.UndeclaredSDKs), findingsText(lang, a.Persisting), a.Signer))
	}
	return t
}

// SDKsTable is the sdks query as a table.
func SDKsTable(sdks []SDKRank, lang string) Table {
	t := Table{Headers: headers(lang, "sdk", "name", "vendor", "category", "apps", "undeclared in")}
	for _, r := range sdks {
		t.Rows = append(t.Rows, []string{r.ID, sdkName(lang, r.SDKRef), r.Vendor, r.Category,
			strconv.Itoa(r.Apps), strconv.Itoa(r.Undeclared)})
	}
	return t
}

// findingsText lists findings above info by subject, then how many info
// findings there are besides: the info rule (declared but not found) is
// long and rarely what a campaign asks about.
func findingsText(lang string, l []FindingKey) string {
	var out []string
	info := 0
	for _, k := range l {
		if k.Severity == "info" {
			info++
			continue
		}
		out = append(out, k.Text())
	}
	if info > 0 {
		out = append(out, fmt.Sprintf(word(lang, "more info"), info))
	}
	return strings.Join(out, "\n")
}

func lines(l []string) string {
	return strings.TrimSpace(strings.ReplaceAll(strings.Join(l, "\n"), "android.permission.", ""))
}

// HistoryTable is an app's history as a table, one row per version.
func HistoryTable(steps []Step, lang string) Table {
	t := Table{Headers: headers(lang, "version", "audited", "policy", "high", "medium", "low", "info",
		"SDKs added", "SDKs removed", "permissions added", "permissions removed",
		"data types added", "data types removed", "findings new", "fixed", "persisting")}
	for i, s := range steps {
		policy := word(lang, "same")
		switch {
		case i == 0:
			policy = word(lang, "first")
		case s.PolicyChanged:
			policy = word(lang, "changed")
		}
		if s.PolicySHA256 == "" {
			policy = word(lang, "none")
		}
		row := []string{versionText(s.VersionName, s.VersionCode), s.AuditedAt, policy}
		row = append(row, counts(s.Counts)...)
		t.Rows = append(t.Rows, append(row,
			sdkNames(lang, s.SDKsAdded), sdkNames(lang, s.SDKsRemoved),
			lines(s.PermissionsAdded), lines(s.PermissionsRemoved),
			lines(s.DataTypesAdded), lines(s.DataTypesRemoved),
			findingsText(lang, s.FindingsNew), findingsText(lang, s.FindingsFixed), findingsText(lang, s.FindingsPersisting)))
	}
	return t
}

// DiffTable is a version diff as a table, one row per change.
func DiffTable(d *VersionDiff, lang string) Table {
	t := Table{Headers: headers(lang, "change", "kind", "item", "name", "policy covers it")}
	for _, c := range d.Changes {
		covered := ""
		if c.Change == "added" {
			covered = word(lang, "yes")
			if c.Uncovered {
				covered = fmt.Sprintf("%s: %s (%s)", word(lang, "no"), c.Rule, word(lang, c.Severity))
			}
		}
		name := ""
		if c.Kind == "sdk" {
			name = sdkName(lang, SDKRef{ID: c.Item, Name: c.Name, NameZh: c.NameZh})
		}
		t.Rows = append(t.Rows, []string{word(lang, c.Change), word(lang, c.Kind), c.Item, name, covered})
	}
	return t
}
