package diff

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"privdiff/apk"
)

// The documents the rules' Basis cites, as regulators write them.
const (
	methodsZh = "《App违法违规收集使用个人信息行为认定方法》（国信办秘字〔2019〕191号）"
	methodsEn = "Methods for Identifying Illegal Collection and Use of Personal Information by Apps (CAC, MIIT, MPS, SAMR; 国信办秘字〔2019〕191号)"
	miitZh    = "工业和信息化部《关于开展纵深推进APP侵害用户权益专项整治行动的通知》（工信部信管函〔2020〕164号）"
	miitEn    = "MIIT Notice on Further Rectifying Apps that Infringe Users' Rights (工信部信管函〔2020〕164号)"
	specZh    = "GB/T 35273-2020《信息安全技术 个人信息安全规范》"
	specEn    = "GB/T 35273-2020 Information security technology — Personal information security specification"
)

// Rules are the five rules of the contract, in report order, with their
// text in Chinese and English. Basis cites the provisions a finding
// evidences, quoting the behaviour each names, so that an auditor can
// paste it into a notice.
var Rules = []Rule{
	{
		ID: RuleSDKUndeclared, Severity: High,
		Name: map[string]string{"zh": "SDK未在隐私政策中声明", "en": "SDK not declared in the privacy policy"},
		Description: map[string]string{
			"zh": "APK中发现第三方SDK（类、组件、meta-data、原生库等特征），但隐私政策的第三方SDK清单既未以任何名称列出该SDK，也未列出目录认定可涵盖它的产品或厂商总称（如“友盟”涵盖友盟各产品）。开源库、AndroidX、界面组件、开发框架、游戏引擎及加固外壳不在此列。",
			"en": "A third-party SDK was found in the APK (classes, components, meta-data, native libraries…) but the policy's SDK list names it under none of its names, nor an umbrella the catalog says covers it (友盟 covers each Umeng product). Open-source libraries, AndroidX, UI widgets, app frameworks, game engines and hardening shells are not reported.",
		},
		Help: map[string]string{
			"zh": "在隐私政策的第三方SDK清单中补充该SDK的名称、提供方、使用目的、收集的个人信息类型及其隐私政策链接；若不再使用，从应用中移除。",
			"en": "Add the SDK to the policy's third-party SDK list with its name, provider, purpose, the personal information it collects and a link to its privacy policy; or remove it from the app.",
		},
		Basis: map[string]string{
			"zh": methodsZh + "二、1“未逐一列出App（包括委托的第三方或嵌入的第三方代码、插件）收集使用个人信息的目的、方式、范围等”，及五、1“既未经用户同意，也未做匿名化处理，App客户端直接向第三方提供个人信息，包括通过客户端嵌入的第三方代码、插件等方式向第三方提供个人信息”；" +
				miitZh + "将“APP、SDK违规处理用户个人信息”列为整治任务；" + specZh + "9.7“第三方接入管理”。",
			"en": methodsEn + ", items 2.1 (the collection by embedded third-party code and plug-ins is not listed with its purpose, method and scope) and 5.1 (personal information given to third parties through embedded third-party code without consent); " +
				miitEn + ", which targets apps' and SDKs' unlawful processing of personal information; " + specEn + ", 9.7 (management of third-party access).",
		},
	},
	{
		ID: RulePermissionUnjustified, Severity: High,
		Name: map[string]string{"zh": "权限用途未说明", "en": "Permission requested without explanation"},
		Description: map[string]string{
			"zh": "应用申请了危险权限（高危）或特殊权限（中危，如悬浮窗、安装未知应用、所有文件访问、应用列表），但隐私政策没有任何说明该权限（或同组权限）用途的表述。",
			"en": "The app requests a dangerous (high) or special (medium: overlay, install packages, all-files access, the installed-app list…) permission that no statement of the policy explains, for it or for a permission of its group.",
		},
		Help: map[string]string{
			"zh": "在隐私政策中逐项说明该权限的用途及对应的业务功能；若业务不需要，从清单文件中删除该权限。",
			"en": "Explain in the policy what the permission is used for and by which feature; or remove it from the manifest if no feature needs it.",
		},
		Basis: map[string]string{
			"zh": methodsZh + "二、3“在申请打开可收集个人信息的权限……时，未同步告知用户其目的，或者目的不明确、难以理解”；若该权限与业务无关，另见四、1“收集的个人信息类型或打开的可收集个人信息权限与现有业务功能无关”；" +
				miitZh + "所列“强制、频繁、过度索取权限”。",
			"en": methodsEn + ", item 2.3 (the purpose of a permission that can collect personal information is not told when it is requested, or is unclear) and, where no feature needs it, item 4.1 (permissions unrelated to the app's features); " +
				miitEn + ": forcing, repeatedly asking for or over-requesting permissions.",
		},
	},
	{
		ID: RuleDataUndeclared, Severity: High,
		Name: map[string]string{"zh": "收集的个人信息未声明", "en": "Collected data not disclosed"},
		Description: map[string]string{
			"zh": "应用（或其中的SDK）的代码调用了收集某类个人信息的系统接口，但隐私政策既未在该SDK的条目中、也未就应用整体披露该类信息。",
			"en": "Code in the app (or in one of its SDKs) calls a system API that collects a kind of personal information the policy discloses neither in that SDK's entry nor for the app in general.",
		},
		Help: map[string]string{
			"zh": "在隐私政策（及该SDK的条目）中披露该类个人信息及收集目的；若不需要，移除该调用或关闭该SDK的相应功能。",
			"en": "Disclose the data and why it is collected in the policy (and in the SDK's entry); or remove the call, or turn off the SDK feature that makes it.",
		},
		Basis: map[string]string{
			"zh": methodsZh + "二、1“未逐一列出App（包括委托的第三方或嵌入的第三方代码、插件）收集使用个人信息的目的、方式、范围等”及三、9“违反其所声明的收集使用规则，收集使用个人信息”；" +
				miitZh + "“APP、SDK违规处理用户个人信息”方面的“违规收集个人信息”；" + specZh + "5.4“收集个人信息时的授权同意”。",
			"en": methodsEn + ", items 2.1 (the purpose, method and scope of collection, including by embedded third-party code, are not listed) and 3.9 (personal information collected against the app's own stated rules); " +
				miitEn + ": unlawful collection of personal information by apps and SDKs; " + specEn + ", 5.4 (consent when collecting personal information).",
		},
	},
	{
		ID: RuleSDKUnobserved, Severity: Info,
		Name: map[string]string{"zh": "声明的SDK未在APK中发现", "en": "Declared SDK not found in the APK"},
		Description: map[string]string{
			"zh": "隐私政策声明了某SDK（用于Android，或未注明平台），但APK中未发现其特征：政策可能已过时，或该SDK以无法识别的形式打包；目录中没有特征的SDK亦在此列出，供人工核对。仅用于iOS的SDK及加固应用不报告。",
			"en": "The policy declares an SDK (for Android, or for no stated platform) whose traces are not in the APK: the policy may be out of date, or the SDK packaged in a form privdiff cannot recognise. SDKs the catalog has no signature for are listed too, to be checked by hand. iOS-only SDKs and packed apps are not reported.",
		},
		Help: map[string]string{
			"zh": "核对该SDK是否仍在使用；不再使用的应从隐私政策中删除，保持政策与实际一致。",
			"en": "Check whether the SDK is still used; remove it from the policy if not, so that the policy matches the app.",
		},
		Basis: map[string]string{
			"zh": "参考" + specZh + "5.5“个人信息保护政策”：政策所告知的信息应真实、准确、完整。本项为提示，不构成违规认定。",
			"en": "See " + specEn + ", 5.5 (personal information protection policy): what a policy tells should be true, accurate and complete. Advisory; not a violation in itself.",
		},
	},
	{
		ID: RulePermissionUnrequested, Severity: Info,
		Name: map[string]string{"zh": "说明的权限未被申请", "en": "Explained permission not requested"},
		Description: map[string]string{
			"zh": "隐私政策说明了某权限的用途，但APK的清单文件既未申请该权限，也未申请同组权限。",
			"en": "The policy explains a permission that the APK's manifest requests neither itself nor through a permission of its group.",
		},
		Help: map[string]string{
			"zh": "核对政策是否对应当前版本；删除不再使用的权限说明。",
			"en": "Check that the policy matches this version of the app; remove statements for permissions no longer used.",
		},
		Basis: map[string]string{
			"zh": "参考" + specZh + "5.5“个人信息保护政策”：政策所告知的信息应真实、准确、完整。本项为提示，不构成违规认定。",
			"en": "See " + specEn + ", 5.5 (personal information protection policy): what a policy tells should be true, accurate and complete. Advisory; not a violation in itself.",
		},
	},
}

// RuleByID returns the rule with the given id.
func RuleByID(id string) (Rule, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// dataTypeNames name the contract's data types in reports: Chinese, English.
var dataTypeNames = map[string][2]string{
	"imei": {"IMEI", "IMEI"}, "imsi": {"IMSI", "IMSI"}, "meid": {"MEID", "MEID"}, "iccid": {"ICCID（SIM卡序列号）", "ICCID (SIM serial)"},
	"serial": {"设备序列号", "device serial number"}, "android-id": {"Android ID", "Android ID"}, "oaid": {"OAID", "OAID"},
	"mac": {"MAC地址", "MAC address"}, "wifi-info": {"WiFi信息（SSID/BSSID/WiFi列表）", "Wi-Fi information (SSID/BSSID/scan results)"},
	"ip": {"IP地址", "IP address"}, "location": {"位置信息", "location"}, "cell-location": {"基站信息", "cell location"},
	"phone-number": {"本机号码", "phone number"}, "installed-apps": {"已安装应用列表", "installed-app list"},
	"running-apps": {"运行中的应用/进程", "running apps and processes"}, "clipboard": {"剪切板", "clipboard"},
	"contacts": {"通讯录", "contacts"}, "call-log": {"通话记录", "call log"}, "sms": {"短信", "SMS"}, "calendar": {"日历", "calendar"},
	"camera": {"摄像头", "camera"}, "microphone": {"麦克风/录音", "microphone"}, "photos": {"相册/照片", "photos"},
	"storage-files": {"存储中的文件", "files in storage"}, "sensors": {"传感器", "sensors"}, "device-info": {"设备信息", "device information"},
	"accounts": {"设备账户", "device accounts"},
}

// DataTypeName names a data type in a language ("zh" or "en").
func DataTypeName(id, lang string) string {
	n, ok := dataTypeNames[id]
	if !ok {
		return id
	}
	if normalizeLang(lang) == "zh" {
		return n[0]
	}
	return n[1]
}

// Localize writes each finding's Message and SDKName in a language: "zh"
// (or any zh-* tag) or "en" (anything else).
func Localize(fs []Finding, lang string) {
	lang = normalizeLang(lang)
	for i := range fs {
		f := &fs[i]
		if f.Facts.NameZh != "" || f.Facts.NameEn != "" {
			f.SDKName = text(lang, f.Facts.NameZh, f.Facts.NameEn)
		}
		f.Message = message(f, lang)
	}
}

func message(f *Finding, lang string) string {
	zh := lang == "zh"
	line, said := 0, ""
	if f.Declared != nil {
		line, said = f.Declared.Line, f.Declared.Text
	}
	switch f.Rule {
	case RuleSDKUndeclared:
		ev := evidenceText(f.Observed, lang)
		if f.Facts.Strength == apk.StrengthKeyOnly {
			if zh {
				return fmt.Sprintf("应用配置了%s的密钥（meta-data %s），但不含该SDK的代码：可能是移除SDK后遗留的配置；若仍在使用，隐私政策未声明该SDK。", sdkNameZh(f.Facts.NameZh), ev)
			}
			return fmt.Sprintf("The app configures a key of the %s SDK (meta-data %s) but contains none of its code: likely configuration left behind; if the SDK is used, the privacy policy does not declare it.", trimSDK(f.Facts.NameEn), ev)
		}
		if f.Facts.Strength == apk.StrengthString {
			if zh {
				return fmt.Sprintf("应用代码中出现%s的字符串（%s），但没有该SDK的类、组件或原生库：若确已集成，隐私政策未声明该SDK。", trimSDK(f.Facts.NameZh), ev)
			}
			return fmt.Sprintf("The code mentions %s (string %s) but holds none of its classes, components or libraries: if the SDK is embedded, the privacy policy does not declare it.", trimSDK(f.Facts.NameEn), ev)
		}
		if zh {
			return fmt.Sprintf("应用集成了%s（证据：%s），但隐私政策未声明该SDK。", sdkNameZh(f.Facts.NameZh), ev)
		}
		return fmt.Sprintf("The app embeds the %s SDK (evidence: %s), but the privacy policy does not declare it.", trimSDK(f.Facts.NameEn), ev)

	case RuleSDKUnobserved:
		written := f.Facts.Written
		if written == "" {
			written = said
		}
		if f.Facts.Uncatalogued {
			if zh {
				return fmt.Sprintf("隐私政策（第%d行）声明了“%s”，但privdiff的SDK目录中没有该SDK的特征，无法核实APK是否包含它。", line, written)
			}
			return fmt.Sprintf("The policy (line %d) declares \"%s\", which privdiff's SDK catalog has no signature for, so whether the APK contains it could not be checked.", line, written)
		}
		if zh {
			return fmt.Sprintf("隐私政策（第%d行）声明了“%s”，但APK中未发现该SDK。", line, written)
		}
		if f.Facts.NameEn != "" && f.Facts.NameEn != written {
			written = fmt.Sprintf("%s\" (%s)", written, f.Facts.NameEn)
		} else {
			written += "\""
		}
		return fmt.Sprintf("The policy (line %d) declares \"%s, but the APK does not contain it.", line, written)

	case RulePermissionUnjustified:
		p := shortPermission(f.Permission)
		if zh {
			kind := "危险权限"
			if f.Severity == Medium {
				kind = "特殊权限"
			}
			return fmt.Sprintf("应用申请了%s %s，但隐私政策未说明其用途。", kind, p)
		}
		kind := "dangerous permission"
		if f.Severity == Medium {
			kind = "special permission"
		}
		return fmt.Sprintf("The app requests the %s %s, but the privacy policy does not explain what it is for.", kind, p)

	case RulePermissionUnrequested:
		p := shortPermission(f.Permission)
		if zh {
			return fmt.Sprintf("隐私政策（第%d行“%s”）说明了 %s 的用途，但应用未申请该权限。", line, said, p)
		}
		return fmt.Sprintf("The policy (line %d, \"%s\") explains %s, but the app does not request it.", line, said, p)

	case RuleDataUndeclared:
		return dataMessage(f, lang)
	}
	return f.Rule
}

func dataMessage(f *Finding, lang string) string {
	zh := lang == "zh"
	dt := DataTypeName(f.DataType, lang)
	ev := evidenceText(f.Observed, lang)
	caller := ""
	if f.Observed != nil {
		caller = f.Observed.CallerSDK
	}
	var who string
	switch {
	case f.SDK != "":
		who = text(lang, sdkNameZh(f.Facts.NameZh), "the "+trimSDK(f.Facts.NameEn)+" SDK")
	case caller == "unknown":
		who = text(lang, "应用中未能归属的代码（可能经过混淆）", "unattributed (possibly obfuscated) code in the app")
	default:
		who = text(lang, "应用自身代码", "the app's own code")
	}
	var coverage string
	switch f.Facts.Coverage {
	case coverageSDKEntry:
		entry := ""
		if f.Declared != nil {
			entry = f.Declared.Text
		}
		coverage = text(lang,
			fmt.Sprintf("隐私政策中该SDK的条目“%s”（第%d行）未列出该信息，政策也未就应用整体披露", entry, f.Facts.DeclaredSDKLine),
			fmt.Sprintf("the policy's entry for this SDK, \"%s\" (line %d), does not list %s, and the policy does not disclose it for the app in general", entry, f.Facts.DeclaredSDKLine, dt))
	case coverageSDKUndeclared:
		coverage = text(lang,
			"隐私政策既未声明该SDK，也未就应用整体披露该信息",
			"the policy neither declares this SDK nor discloses "+dt+" for the app in general")
	case coverageOtherSDKs:
		coverage = text(lang,
			"隐私政策仅在"+joinNames(f.Facts.DisclosedFor, lang)+"的条目中列出该信息，未披露应用自身收集",
			"the policy lists "+dt+" only in its entries for "+joinNames(f.Facts.DisclosedFor, lang)+", not for the app's own collection")
	default:
		coverage = text(lang,
			"隐私政策既未就任何SDK、也未就应用整体披露该信息",
			"the policy discloses "+dt+" for no SDK and not for the app")
	}
	switch f.Facts.Unavailable {
	case "permission":
		perms := strings.Join(shortPermissions(f.Facts.Requires), "/")
		if zh {
			return fmt.Sprintf("%s调用了在获得 %s 权限时会收集%s的接口（证据：%s）；应用未申请该权限，目前收集不到，但%s。", who, perms, dt, ev, coverage)
		}
		return fmt.Sprintf("%s calls an API that would collect %s if granted %s (evidence: %s); the app does not request it, so nothing is collected now, but %s.", capitalise(who), dt, perms, ev, coverage)
	case "min-sdk", "target-sdk":
		if zh {
			return fmt.Sprintf("%s调用了在旧版Android上收集%s的接口（证据：%s）；在本应用支持或面向的版本上它只返回占位值，但%s。", who, dt, ev, coverage)
		}
		return fmt.Sprintf("%s calls an API that collects %s on older Android versions (evidence: %s); for this app it returns a dummy value, but %s.", capitalise(who), dt, ev, coverage)
	}
	if zh {
		return fmt.Sprintf("%s调用了收集%s的接口（证据：%s），但%s。", who, dt, ev, coverage)
	}
	return fmt.Sprintf("%s calls an API that collects %s (evidence: %s), but %s.", capitalise(who), dt, ev, coverage)
}

func shortPermissions(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = shortPermission(p)
	}
	return out
}

// joinNames lists up to three policy names, then says how many more.
func joinNames(names []string, lang string) string {
	const most = 3
	shown := names
	if len(shown) > most {
		shown = shown[:most]
	}
	if lang == "zh" {
		out := "“" + strings.Join(shown, "”、“") + "”"
		if len(names) > most {
			out += fmt.Sprintf("等%d个SDK", len(names))
		}
		return out
	}
	out := "\"" + strings.Join(shown, "\", \"") + "\""
	if len(names) > most {
		out += fmt.Sprintf(" and %d more", len(names)-most)
	}
	return out
}

func evidenceText(o *Observed, lang string) string {
	if o == nil {
		return text(lang, "无", "none")
	}
	if o.Kind == "api" && o.Class != "" {
		by := ""
		// Say why a class outside the SDK's packages is named as its code.
		switch o.Attribution {
		case "call-graph":
			by = text(lang, "（仅由该SDK的代码调用）", " (called only from that SDK's code)")
		case "strings":
			by = text(lang, "（加载该SDK的原生库）", " (loads that SDK's native library)")
		}
		return o.Value + text(lang, "，调用类：", ", called from ") + o.Class + by
	}
	return o.Value
}

func shortPermission(p string) string { return strings.TrimPrefix(p, "android.permission.") }

// trimSDK drops a trailing "SDK" (and the spaces before it) so that the
// message adds exactly one: 极光推送SDK → 极光推送, "MSA OAID SDK" → "MSA OAID".
func trimSDK(s string) string {
	t := strings.TrimRightFunc(s, unicode.IsSpace)
	for _, suf := range []string{"SDK", "sdk", "Sdk"} {
		if cut, ok := strings.CutSuffix(t, suf); ok && strings.TrimSpace(cut) != "" {
			return strings.TrimRightFunc(cut, unicode.IsSpace)
		}
	}
	return t
}

// sdkNameZh is an SDK's Chinese name followed by "SDK" as Chinese text sets
// it: straight after Han characters (极光推送SDK), after a space when the name
// ends in a Latin word or number (腾讯Bugly SDK, MSA OAID SDK).
func sdkNameZh(name string) string {
	base := trimSDK(name)
	if last, _ := utf8.DecodeLastRuneInString(base); last < utf8.RuneSelf && (unicode.IsLetter(last) || unicode.IsDigit(last)) {
		return base + " SDK"
	}
	return base + "SDK"
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
