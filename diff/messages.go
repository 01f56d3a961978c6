package diff

import (
	"fmt"
	"strings"
)

// Rules are the five rules of the contract, in report order, with their
// text in Chinese and English. Basis cites the rule or standard a finding
// evidences, worded so a regulator can quote it.
var Rules = []Rule{
	{
		ID: RuleSDKUndeclared, Severity: High,
		Name: map[string]string{"zh": "SDK未在隐私政策中声明", "en": "SDK not declared in the privacy policy"},
		Description: map[string]string{
			"zh": "APK中发现第三方SDK（类、组件、meta-data或原生库），但隐私政策的第三方SDK清单及正文均未提及该SDK、其厂商或其所属的产品。",
			"en": "A third-party SDK was found in the APK (classes, components, meta-data or native libraries) but the privacy policy names neither it, its vendor, nor a product that covers it.",
		},
		Help: map[string]string{
			"zh": "在隐私政策的第三方SDK清单中补充该SDK的名称、提供方、使用目的、收集的个人信息类型及其隐私政策链接；若不再使用，从应用中移除。",
			"en": "Add the SDK to the policy's third-party SDK list with its name, provider, purpose, the personal information it collects and a link to its privacy policy; or remove it from the app.",
		},
		Basis: map[string]string{
			"zh": "《App违法违规收集使用个人信息行为认定方法》（国信办秘字〔2019〕191号）二、1“未逐一列出App（包括委托的第三方或嵌入的第三方代码、插件）收集使用个人信息的目的、方式、范围等”；《个人信息保护法》第二十三条；工信部《关于开展纵深推进APP侵害用户权益专项整治行动的通知》（工信部信管〔2020〕164号）对SDK违规收集个人信息的整治要求；GB/T 35273-2020《信息安全技术 个人信息安全规范》9.7（第三方接入管理）。",
			"en": "China's Methods for Identifying Illegal Collection and Use of Personal Information by Apps (2019, No. 191), item 2(1): the app must list the purpose, method and scope of collection by embedded third-party code and plug-ins; Personal Information Protection Law art. 23; MIIT notice No. 164 (2020) on SDKs; GB/T 35273-2020 §9.7 (third-party access).",
		},
	},
	{
		ID: RulePermissionUnjustified, Severity: High,
		Name: map[string]string{"zh": "权限用途未说明", "en": "Permission requested without explanation"},
		Description: map[string]string{
			"zh": "应用申请了危险权限（高危）或特殊权限（中危），但隐私政策没有任何说明该权限用途的表述。",
			"en": "The app requests a dangerous (high) or special (medium) permission that no statement of the privacy policy explains.",
		},
		Help: map[string]string{
			"zh": "在隐私政策中逐项说明该权限的用途及对应的业务功能；若业务不需要，从清单文件中删除该权限。",
			"en": "Explain in the policy what the permission is used for and by which feature; or remove it from the manifest if no feature needs it.",
		},
		Basis: map[string]string{
			"zh": "《App违法违规收集使用个人信息行为认定方法》二、3“在申请打开可收集个人信息的权限……时，未同步告知用户其目的，或者目的不明确、难以理解”及四、1“收集的个人信息类型或打开的可收集个人信息权限与现有业务功能无关”；工信部信管〔2020〕164号文“超范围收集个人信息”“APP强制、频繁、过度索取权限”。",
			"en": "Methods for Identifying Illegal Collection (2019, No. 191), items 2(3) (purpose of a permission not told when it is requested) and 4(1) (permissions unrelated to the features); MIIT notice No. 164 (2020): excessive permission requests.",
		},
	},
	{
		ID: RuleDataUndeclared, Severity: High,
		Name: map[string]string{"zh": "收集的个人信息未声明", "en": "Collected data not disclosed"},
		Description: map[string]string{
			"zh": "应用（或其中的SDK）的代码调用了收集某类个人信息的系统接口，但隐私政策既未在该SDK的条目中、也未在应用整体的说明中披露该类信息。",
			"en": "Code in the app (or one of its SDKs) calls a system API that collects a kind of personal information the policy discloses neither for that SDK nor for the app.",
		},
		Help: map[string]string{
			"zh": "在隐私政策（及该SDK的条目）中披露该类个人信息及收集目的；若不需要，移除调用或不使用该SDK的相应功能。",
			"en": "Disclose the data and why it is collected in the policy (and in the SDK's entry); or remove the call, or the SDK feature that makes it.",
		},
		Basis: map[string]string{
			"zh": "《App违法违规收集使用个人信息行为认定方法》二、1（未逐一列出收集使用个人信息的目的、方式、范围）及三（未经用户同意收集使用个人信息）；《个人信息保护法》第十七条；工信部信管〔2020〕164号文“违规收集个人信息”。",
			"en": "Methods for Identifying Illegal Collection (2019, No. 191), items 2(1) and 3; Personal Information Protection Law art. 17; MIIT notice No. 164 (2020): illegal collection of personal information.",
		},
	},
	{
		ID: RuleSDKUnobserved, Severity: Info,
		Name: map[string]string{"zh": "声明的SDK未在APK中发现", "en": "Declared SDK not found in the APK"},
		Description: map[string]string{
			"zh": "隐私政策声明（用于Android的）某SDK，但APK中未发现其特征：政策可能已过时，或该SDK以无法识别的形式打包。",
			"en": "The policy declares an SDK (for Android) whose traces are not in the APK: the policy may be out of date, or the SDK is packaged in a form privdiff cannot recognise.",
		},
		Help: map[string]string{
			"zh": "核对该SDK是否仍在使用；不再使用的应从隐私政策中删除，保持政策与实际一致。",
			"en": "Check whether the SDK is still used; remove it from the policy if not, so that the policy matches the app.",
		},
		Basis: map[string]string{
			"zh": "参考GB/T 35273-2020 5.5（个人信息保护政策）：政策所述收集使用规则应与产品的实际情况一致。",
			"en": "See GB/T 35273-2020 §5.5 (privacy policy): the rules a policy states should match what the product does.",
		},
	},
	{
		ID: RulePermissionUnrequested, Severity: Info,
		Name: map[string]string{"zh": "说明的权限未被申请", "en": "Explained permission not requested"},
		Description: map[string]string{
			"zh": "隐私政策说明了某权限的用途，但APK的清单文件未申请该权限（及同组权限）。",
			"en": "The policy explains a permission that the APK's manifest does not request (nor any permission of its group).",
		},
		Help: map[string]string{
			"zh": "核对政策是否对应当前版本；删除不再使用的权限说明。",
			"en": "Check that the policy matches this version of the app; remove statements for permissions no longer used.",
		},
		Basis: map[string]string{
			"zh": "参考GB/T 35273-2020 5.5（个人信息保护政策）：政策所述收集使用规则应与产品的实际情况一致。",
			"en": "See GB/T 35273-2020 §5.5 (privacy policy): the rules a policy states should match what the product does.",
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

// dataTypeNames name the contract's data types in reports.
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

// DataTypeName names a data type in a language.
func DataTypeName(id, lang string) string {
	n, ok := dataTypeNames[id]
	if !ok {
		return id
	}
	if lang == "zh" {
		return n[0]
	}
	return n[1]
}

func shortPermission(p string) string { return strings.TrimPrefix(p, "android.permission.") }

// Localize writes each finding's message (and SDK name) in a language:
// "zh" or "en".
func Localize(fs []Finding, lang string) {
	for i := range fs {
		f := &fs[i]
		if f.Facts.NameZh != "" || f.Facts.NameEn != "" {
			f.SDKName = text(lang, f.Facts.NameZh, f.Facts.NameEn)
		}
		f.Message = message(f, lang)
	}
}

func evidenceText(o *Observed, lang string) string {
	if o == nil {
		return ""
	}
	if o.Kind == "api" {
		return o.Value + text(lang, "，调用类：", ", called from ") + o.Class
	}
	return o.Value
}

func message(f *Finding, lang string) string {
	zh := lang == "zh"
	name := f.SDKName
	ev := evidenceText(f.Observed, lang)
	switch f.Rule {
	case RuleSDKUndeclared:
		if zh {
			return fmt.Sprintf("应用集成了%sSDK（证据：%s），但隐私政策未声明该SDK。", trimSDK(name), ev)
		}
		return fmt.Sprintf("The app embeds the %s SDK (evidence: %s), but the privacy policy does not declare it.", trimSDK(name), ev)
	case RuleSDKUnobserved:
		line := 0
		if f.Declared != nil {
			line = f.Declared.Line
		}
		if f.Facts.Uncatalogued {
			if zh {
				return fmt.Sprintf("隐私政策（第%d行）声明了“%s”，privdiff的SDK目录中没有其特征，无法确认APK中是否包含。", line, name)
			}
			return fmt.Sprintf("The policy (line %d) declares \"%s\", which privdiff's SDK catalog has no signature for, so whether the APK contains it could not be checked.", line, name)
		}
		if zh {
			return fmt.Sprintf("隐私政策（第%d行）声明了“%s”，但APK中未发现该SDK。", line, name)
		}
		return fmt.Sprintf("The policy (line %d) declares \"%s\", but the APK does not contain it.", line, name)
	case RulePermissionUnjustified:
		kind := text(lang, "危险权限", "dangerous permission")
		if f.Severity == Medium {
			kind = text(lang, "特殊权限", "special permission")
		}
		if zh {
			return fmt.Sprintf("应用申请了%s %s，但隐私政策未说明其用途。", kind, shortPermission(f.Permission))
		}
		return fmt.Sprintf("The app requests the %s %s, but the privacy policy never explains what it is for.", kind, shortPermission(f.Permission))
	case RulePermissionUnrequested:
		line, said := 0, ""
		if f.Declared != nil {
			line, said = f.Declared.Line, f.Declared.Text
		}
		if zh {
			return fmt.Sprintf("隐私政策（第%d行“%s”）说明了 %s，但应用未申请该权限。", line, said, shortPermission(f.Permission))
		}
		return fmt.Sprintf("The policy (line %d, \"%s\") explains %s, but the app does not request it.", line, said, shortPermission(f.Permission))
	case RuleDataUndeclared:
		dt := DataTypeName(f.DataType, lang)
		who := text(lang, "应用自身代码", "the app's own code")
		if f.Observed != nil && f.Observed.CallerSDK == "unknown" {
			who = text(lang, "应用中未能归属的代码（可能经过混淆）", "unattributed (possibly obfuscated) code in the app")
		}
		if f.SDK != "" {
			who = trimSDK(name) + text(lang, "SDK", " SDK")
		}
		coverage := text(lang, "隐私政策未在任何位置披露该信息", "the policy discloses it nowhere, neither for the app in general")
		if f.SDK != "" && f.Facts.DeclaredSDKLine > 0 {
			coverage = text(lang,
				fmt.Sprintf("隐私政策中该SDK的条目（第%d行）未列出该信息，应用整体说明中也未披露", f.Facts.DeclaredSDKLine),
				fmt.Sprintf("the policy's entry for this SDK (line %d) does not list it, nor does the policy disclose it for the app in general", f.Facts.DeclaredSDKLine))
		} else if f.SDK != "" {
			coverage = text(lang, "隐私政策既未声明该SDK，也未在应用整体说明中披露该信息", "the policy neither declares this SDK nor discloses the data for the app in general")
		}
		if zh {
			return fmt.Sprintf("%s调用了收集%s的接口（证据：%s），但%s。", who, dt, ev, coverage)
		}
		return fmt.Sprintf("%s collects %s (evidence: %s), but %s.", capitalise(who), dt, ev, coverage)
	}
	return f.Rule
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
