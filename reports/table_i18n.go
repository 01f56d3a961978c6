package reports

import "privdiff/diff"

// tableZh are the Chinese words of the scan and policy tables (titles,
// headers, field names); a word without an entry stays English.
var tableZh = map[string]string{
	"App": "应用", "Field": "项目", "Value": "值", "path": "路径", "sha256": "SHA-256", "package": "包名",
	"version": "版本", "label": "应用名称", "developer": "开发者", "signers": "签名证书",
	"min / target SDK": "最低 / 目标 SDK", "files": "安装包文件", "dex": "DEX", "packer": "加固",
	"Permissions": "权限", "Permission": "权限", "Protection": "保护级别", "Max SDK": "最高 SDK",
	"SDK 23+ only": "仅 SDK 23+", "Components": "组件", "Type": "类型", "Name": "名称", "Exported": "导出",
	"Meta-data": "meta-data", "Component": "组件", "Largest Java packages (of %d)": "类最多的 Java 包（共 %d 个）",
	"Classes": "类数", "Package": "Java 包", "Native libraries": "原生库", "Path": "路径", "SDKs": "第三方 SDK", "ID": "ID",
	"Vendor": "厂商", "Category": "类别", "Status": "状态", "Evidence": "证据",
	"Sensitive API calls": "敏感接口调用", "Data": "数据类型", "API": "接口", "Caller": "调用方",
	"Code of": "代码归属", "Calls": "调用次数", "Warnings": "警告", "Warning": "警告",
	"SDKs (%d)": "第三方 SDK（%d）", "line": "行", "name": "名称", "catalog id": "规则库 ID",
	"platforms": "平台", "purpose": "目的", "data": "数据类型",
	"Permission statements (%d)": "权限说明（%d）", "as written": "原文", "Android permissions": "Android 权限",
	"Data types (%d)": "数据类型（%d）", "(none)": "（无）", "warning: ": "警告：", "yes": "是", "no": "否",
	"(not Android)": "（非 Android 权限）",
}

// words returns the translation function of lang for the table words.
func words(lang string) func(string) string {
	if lang != "zh" {
		return func(s string) string { return s }
	}
	return func(s string) string {
		if z, ok := tableZh[s]; ok {
			return z
		}
		return s
	}
}

// dataTypeNames names data type ids in Chinese ("installed-apps" →
// 已安装应用列表); in English the ids stay, as JSON has them.
func dataTypeNames(ids []string, lang string) []string {
	if lang != "zh" {
		return ids
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = diff.DataTypeName(id, lang)
	}
	return out
}
