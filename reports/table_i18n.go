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
	" (implied)":    "（隐式）", "%d files, %d classes, %d packages": "%d 个文件，%d 个类，%d 个包", "  (%s)": "（%s）",

	// The catalog tables.
	"SDK catalog (%d entries)": "SDK 规则库（%d 条）", "Chinese name": "中文名称", "Evidence kinds": "证据类型",
	"id": "ID", "nameZh": "中文名称", "vendor": "厂商", "category": "类别", "aliases": "别名",
	"coveredBy": "所属统称", "website": "网站", "sources": "来源", "Signatures": "特征", "Pattern": "特征值",

	// SDK categories of the catalog (its "category" ids).
	"library": "开源库", "ads": "广告", "androidx": "AndroidX", "push": "推送", "analytics": "统计分析",
	"social": "社交", "payment": "支付", "ui": "界面组件", "game": "游戏引擎", "security": "安全",
	"map": "地图", "framework": "应用框架", "login": "登录", "media": "音视频", "ai": "人工智能",
	"face-verification": "人脸核验", "hardening": "加固", "cloud": "云服务", "device-id": "设备标识",
	"apm": "性能监控", "im": "即时通讯", "share": "分享", "customer-service": "客服", "rtc": "实时音视频",
	"location": "定位", "crash-reporting": "崩溃上报", "ecommerce": "电商", "app-market": "应用市场",
	"network": "网络", "webview": "浏览器内核", "hotfix": "热修复", "identity": "身份认证", "update": "应用更新",
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
