package diff

import (
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"

	"privdiff/apk"
	"privdiff/catalog"
	"privdiff/declared"
)

func strp(s string) *string { return &s }

// sdk is an observed SDK as the scan reports it: the catalog's names,
// vendor and category for a catalog id, with the evidence given.
func sdk(id string, ev ...apk.Evidence) apk.SDK {
	s := apk.SDK{ID: id, Evidence: ev}
	if c, ok := catalog.SDKByID(id); ok {
		s.Name, s.NameZh, s.Vendor, s.Category = c.Name, c.NameZh, c.Vendor, c.Category
	}
	return s
}

func perm(name, level string, flags ...string) apk.Permission {
	return apk.Permission{Name: name, ProtectionLevel: level, ProtectionFlags: flags}
}

// keys renders findings as "severity rule subject" for comparison; the
// subject is the SDK, permission and data type, joined by "/" when there
// are several.
func keys(fs []Finding) []string {
	out := []string{}
	for _, f := range fs {
		var subject []string
		for _, s := range []string{f.SDK, f.Permission, f.DataType} {
			if s != "" {
				subject = append(subject, s)
			}
		}
		out = append(out, string(f.Severity)+" "+f.Rule+" "+strings.Join(subject, "/"))
	}
	return out
}

func find(fs []Finding, rule, subject string) *Finding {
	for i := range fs {
		f := &fs[i]
		if f.Rule == rule && (f.SDK == subject || f.Permission == subject || f.DataType == subject) {
			return f
		}
	}
	return nil
}

func TestCompareNothingToSay(t *testing.T) {
	got := Compare(&apk.Observed{}, &declared.Policy{})
	if got == nil || len(got) != 0 {
		t.Errorf("empty inputs give %#v, want an empty, non-nil list", got)
	}
}

func TestRunWarnings(t *testing.T) {
	packed := &apk.Observed{Packer: &apk.Packer{ID: "jiagu-360", Name: "360 Jiagu", NameZh: "360加固"}}
	listed := &declared.Policy{SDKs: []declared.SDK{{Name: "极光推送", Line: 3}}}
	cases := []struct {
		name string
		obs  *apk.Observed
		pol  *declared.Policy
		lang string
		want []string // substrings, one per warning, in order
	}{
		{"clean", &apk.Observed{}, listed, "en", nil},
		{"no SDK list", &apk.Observed{}, &declared.Policy{}, "en", []string{"policy has no SDK list: every observed SDK is reported as undeclared"}},
		{"no SDK list, zh", &apk.Observed{}, &declared.Policy{}, "zh", []string{"隐私政策没有第三方SDK清单"}},
		{"packed", packed, listed, "en", []string{"packed with 360 Jiagu: the DEX-derived results cover only the packer's stub"}},
		{"packed, zh-CN, no list", packed, &declared.Policy{}, "zh-CN", []string{"应用经360加固", "没有第三方SDK清单"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := Run(c.obs, c.pol, c.lang)
			if a.Warnings == nil || len(a.Warnings) != len(c.want) {
				t.Fatalf("warnings %q, want %d", a.Warnings, len(c.want))
			}
			for i, w := range c.want {
				if !strings.Contains(a.Warnings[i], w) {
					t.Errorf("warning %q does not say %q", a.Warnings[i], w)
				}
			}
			if a.Observed != c.obs || a.Declared != c.pol || a.Findings == nil {
				t.Errorf("audit does not carry its inputs and a findings list: %+v", a)
			}
		})
	}
	if a := Run(&apk.Observed{}, listed, "fr"); a.Lang != "en" {
		t.Errorf("lang fr gives %q, want en", a.Lang)
	}
}

func TestSummarize(t *testing.T) {
	fs := []Finding{{Severity: High}, {Severity: High}, {Severity: Medium}, {Severity: Info}, {Severity: "bogus"}}
	if s := Summarize(fs); s != (Summary{High: 2, Medium: 1, Info: 1}) {
		t.Errorf("summary %+v", s)
	}
}

// TestSortOrder: severity, then the report order of Rules, then subject.
func TestSortOrder(t *testing.T) {
	obs := &apk.Observed{
		SDKs:        []apk.SDK{sdk("getui"), sdk("bugly")},
		Permissions: []apk.Permission{perm("android.permission.SYSTEM_ALERT_WINDOW", "signature", "appop"), perm("android.permission.READ_SMS", "dangerous")},
		APIs:        []apk.APIUse{{API: "x.getDeviceId", DataType: "imei", Callers: []apk.Caller{{Class: "a.A", SDK: "app"}}}},
	}
	pol := &declared.Policy{SDKs: []declared.SDK{{Name: "某内部SDK", Line: 9}},
		Permissions: []declared.Permission{{Text: "相机", Permissions: []string{"android.permission.CAMERA"}, Line: 4}}}
	want := []string{
		"high sdk-undeclared bugly",
		"high sdk-undeclared getui",
		"high permission-unjustified android.permission.READ_SMS",
		"high data-undeclared imei",
		"medium permission-unjustified android.permission.SYSTEM_ALERT_WINDOW",
		"info sdk-unobserved 某内部SDK",
		"info permission-unrequested android.permission.CAMERA",
	}
	if got := keys(Compare(obs, pol)); !reflect.DeepEqual(got, want) {
		t.Errorf("order\n  %q\nwant\n  %q", got, want)
	}
}

// TestDeterministic shuffles every input list and expects identical
// findings, evidence and policy lines included.
func TestDeterministic(t *testing.T) {
	obs := apk.Observed{
		SDKs: []apk.SDK{
			sdk("jpush", apk.Evidence{Kind: "dex-package", Value: "cn.jpush.android", Classes: 3}, apk.Evidence{Kind: "component", Value: "cn.jpush.android.service.PushService"}),
			sdk("getui", apk.Evidence{Kind: "meta-data", Value: "GETUI_APPID"}, apk.Evidence{Kind: "dex-package", Value: "com.igexin", Classes: 9}, apk.Evidence{Kind: "dex-package", Value: "com.getui", Classes: 2}),
			sdk("bugly"), sdk("umeng-analytics"), sdk("okhttp"),
		},
		Permissions: []apk.Permission{perm("android.permission.CAMERA", "dangerous"), perm("android.permission.READ_SMS", "dangerous"),
			perm("android.permission.RECORD_AUDIO", "dangerous"), perm("android.permission.QUERY_ALL_PACKAGES", "normal")},
		APIs: []apk.APIUse{
			{API: "x.getDeviceId", DataType: "imei", Callers: []apk.Caller{{Class: "b.B", SDK: "app"}, {Class: "a.A", SDK: "app"}, {Class: "z.Z", SDK: "unknown"}}},
			{API: "x.getImei", DataType: "imei", Callers: []apk.Caller{{Class: "a.A", SDK: "app"}}},
			{API: "x.getMacAddress", DataType: "mac", Callers: []apk.Caller{{Class: "c.C", SDK: "bugly"}, {Class: "u.U", SDK: "umeng-analytics"}}},
		},
	}
	pol := declared.Policy{
		SDKs: []declared.SDK{{Name: "百度地图", Line: 2}, {Name: "Getui", Line: 1}, {Name: "极光推送", Line: 3}, {Name: "友盟", Line: 5, DataTypes: []string{"IMEI"}},
			{Name: "友盟+", Line: 4, DataTypes: []string{"设备型号"}}},
		Permissions: []declared.Permission{
			{Text: "日历", Permissions: []string{"android.permission.READ_CALENDAR"}, Line: 8},
			{Text: "读写日历", Permissions: []string{"android.permission.READ_CALENDAR"}, Line: 6},
		},
	}
	first := Compare(&obs, &pol)
	Localize(first, "zh")
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 50; i++ {
		o, p := obs, pol
		o.SDKs = slices.Clone(obs.SDKs)
		o.Permissions = slices.Clone(obs.Permissions)
		o.APIs = slices.Clone(obs.APIs)
		for j := range o.APIs {
			o.APIs[j].Callers = slices.Clone(o.APIs[j].Callers)
			rng.Shuffle(len(o.APIs[j].Callers), func(a, b int) {
				o.APIs[j].Callers[a], o.APIs[j].Callers[b] = o.APIs[j].Callers[b], o.APIs[j].Callers[a]
			})
		}
		for j := range o.SDKs {
			o.SDKs[j].Evidence = slices.Clone(o.SDKs[j].Evidence)
			rng.Shuffle(len(o.SDKs[j].Evidence), func(a, b int) {
				o.SDKs[j].Evidence[a], o.SDKs[j].Evidence[b] = o.SDKs[j].Evidence[b], o.SDKs[j].Evidence[a]
			})
		}
		p.SDKs = slices.Clone(pol.SDKs)
		p.Permissions = slices.Clone(pol.Permissions)
		rng.Shuffle(len(o.SDKs), func(a, b int) { o.SDKs[a], o.SDKs[b] = o.SDKs[b], o.SDKs[a] })
		rng.Shuffle(len(o.Permissions), func(a, b int) { o.Permissions[a], o.Permissions[b] = o.Permissions[b], o.Permissions[a] })
		rng.Shuffle(len(o.APIs), func(a, b int) { o.APIs[a], o.APIs[b] = o.APIs[b], o.APIs[a] })
		rng.Shuffle(len(p.SDKs), func(a, b int) { p.SDKs[a], p.SDKs[b] = p.SDKs[b], p.SDKs[a] })
		rng.Shuffle(len(p.Permissions), func(a, b int) { p.Permissions[a], p.Permissions[b] = p.Permissions[b], p.Permissions[a] })
		got := Compare(&o, &p)
		Localize(got, "zh")
		if !reflect.DeepEqual(got, first) {
			t.Fatalf("shuffle %d gives\n%+v\nnot\n%+v", i, got, first)
		}
	}
	// The facts the shuffles must not move.
	if f := find(first, RuleDataUndeclared, "imei"); f == nil || f.Observed.Class != "a.A" || f.Observed.Value != "x.getDeviceId" {
		t.Errorf("imei evidence %+v, want the first caller a.A of x.getDeviceId", f)
	}
	if f := find(first, RuleSDKUndeclared, "getui"); f != nil {
		t.Errorf("Getui is declared: %+v", f)
	}
	if f := find(first, RulePermissionUnrequested, "android.permission.READ_CALENDAR"); f == nil || f.Declared.Line != 6 {
		t.Errorf("READ_CALENDAR quotes %+v, want the first statement, line 6", f)
	}
	if f := find(first, RuleDataUndeclared, "umeng-analytics"); f == nil || f.Declared.Line != 4 {
		t.Errorf("Umeng's mac finding quotes %+v, want the first 友盟 entry, line 4", f)
	}
}

// TestRealScanAgainstSeed audits testdata/apks/sdks.apk (28 SDKs, each
// with real traces) against seed policy 001, a job-board app's policy
// whose SDK table (lines 114–135) lists 友盟, 高德地图, 极光推送 and its
// phone-maker channels, 闪验, 穿山甲, 广点通, 阿里支付, 微信开放平台,
// 百度统计, 百度广告, ShareSDK, 网易云信, … and which nowhere names Getui
// (个推), Bugly, UnionPay (银联), Weibo (微博), X5 or Baidu Map.
func TestRealScanAgainstSeed(t *testing.T) {
	obs, err := apk.ScanFile("../testdata/apks/sdks.apk", apk.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pol, err := declared.ReadFile("../testdata/seeds/001_c1fbea3530511be1.txt")
	if err != nil {
		t.Fatal(err)
	}
	audit := Run(obs, pol, "zh")
	fs := audit.Findings
	has := func(rule, subject string) bool { return find(fs, rule, subject) != nil }

	for _, id := range []string{"getui", "bugly", "unionpay", "weibo", "tencent-tbs"} {
		if !has(RuleSDKUndeclared, id) {
			t.Errorf("%s is in the APK and not in the policy, but not reported", id)
		}
	}
	// The vendor column does not stretch: 百度统计 and 百度广告 are by
	// Baidu, and do not declare Baidu Map.
	if !has(RuleSDKUndeclared, "baidu-map") {
		t.Error("Baidu Map reported as declared through Baidu's other SDKs")
	}
	// Declared directly, through an umbrella (友盟 → each Umeng product,
	// 极光推送 → JCore, 华为移动服务 → Huawei push, 高德地图 → AMap
	// location), or not a data processor (Flutter).
	for _, id := range []string{"umeng-analytics", "umeng-push", "umeng-common", "jpush", "jiguang-core", "huawei-push",
		"amap-map", "amap-location", "xiaomi-push", "oppo-push", "vivo-push", "meizu-push", "gdt", "pangle", "alipay",
		"shanyan", "wechat-opensdk", "netease-qiyu", "bianxianmao", "flutter"} {
		if has(RuleSDKUndeclared, id) {
			t.Errorf("%s reported undeclared", id)
		}
	}
	for _, id := range []string{"baidu-mobstat", "baidu-mobads", "sharesdk", "netease-yunxin"} {
		f := find(fs, RuleSDKUnobserved, id)
		if f == nil || f.Declared == nil || f.Declared.Line < 114 || f.Declared.Line > 135 {
			t.Errorf("%s is declared in the SDK table and absent from the APK: %+v", id, f)
		}
	}
	for _, id := range []string{"umeng-common", "jpush", "hms-core", "amap-map", "pangle"} {
		if has(RuleSDKUnobserved, id) {
			t.Errorf("%s reported unobserved, but the APK holds it or its product", id)
		}
	}
	// The APK requests READ_PHONE_STATE (电话权限) and ACCESS_FINE_LOCATION
	// (地理位置), both explained; the policy explains the camera, which the
	// APK does not request.
	for _, f := range fs {
		if f.Rule == RulePermissionUnjustified {
			t.Errorf("unexpected %s %s", f.Rule, f.Permission)
		}
	}
	if !has(RulePermissionUnrequested, "android.permission.CAMERA") || has(RulePermissionUnrequested, "android.permission.READ_PHONE_STATE") {
		t.Error("permission-unrequested wrong for CAMERA or READ_PHONE_STATE")
	}
	// Getui's strongest evidence is a manifest component, and the Chinese
	// message names it by its Chinese name.
	g := find(fs, RuleSDKUndeclared, "getui")
	c, _ := catalog.SDKByID("getui")
	if g == nil || g.Observed == nil || g.Observed.Kind != "component" ||
		!strings.HasPrefix(g.Message, "应用集成了"+trimSDK(c.NameZh)+"SDK（证据："+g.Observed.Value+"）") {
		t.Errorf("getui finding %+v", g)
	}
	if s := Summarize(fs); s != audit.Summary || s.High == 0 || s.Info == 0 {
		t.Errorf("summary %+v", audit.Summary)
	}
}

// TestRealScanDataAgainstSeed audits testdata/apks/sensitive.apk (one call
// to every sensitive API from the app, plus calls from Umeng and JPush
// code) against seed 001. Every data type the app's code collects is
// reported exactly when the policy does not disclose it for the app; the
// clipboard read in Umeng's code is reported against the 友盟 entry.
func TestRealScanDataAgainstSeed(t *testing.T) {
	obs, err := apk.ScanFile("../testdata/apks/sensitive.apk", apk.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pol, err := declared.ReadFile("../testdata/seeds/001_c1fbea3530511be1.txt")
	if err != nil {
		t.Fatal(err)
	}
	fs := Compare(obs, pol)
	general := map[string]bool{}
	for _, d := range pol.DataTypes {
		general[d] = true
	}
	appTypes := map[string]bool{}
	for _, u := range obs.APIs {
		for _, c := range u.Callers {
			if c.SDK == "app" {
				appTypes[u.DataType] = true
			}
		}
	}
	for dt := range appTypes {
		var got *Finding
		for i := range fs {
			if fs[i].Rule == RuleDataUndeclared && fs[i].DataType == dt && fs[i].Observed.CallerSDK == "app" {
				got = &fs[i]
			}
		}
		if general[dt] && got != nil {
			t.Errorf("%s is disclosed, yet reported: %+v", dt, got)
		}
		if !general[dt] && got == nil {
			t.Errorf("%s is not disclosed, yet not reported", dt)
		}
	}
	// The policy never mentions 通讯录, 短信 as collected data, 剪切板 or
	// 通话记录.
	for _, dt := range []string{"contacts", "sms", "clipboard", "call-log"} {
		if general[dt] {
			t.Errorf("policy reader finds %s in seed 001", dt)
		}
	}
	u := find(fs, RuleDataUndeclared, "umeng-common")
	if u == nil || u.DataType != "clipboard" || u.Declared == nil || u.Declared.Line != 115 || u.Facts.Coverage != coverageSDKEntry {
		t.Errorf("Umeng's clipboard read: %+v", u)
	}
	// JPush reads the MAC address and the app list, which its entry lists.
	for _, f := range fs {
		if f.Rule == RuleDataUndeclared && f.SDK == "jpush" {
			t.Errorf("JPush's collection is disclosed: %+v", f)
		}
	}
}

// TestBundledExample audits the README's example: an app built to carry
// the SDKs and permissions of seed 001, plus Bugly, Getui and
// READ_CONTACTS, which the policy does not mention.
func TestBundledExample(t *testing.T) {
	obs, err := apk.ScanFile("../testdata/examples/jianke/app.apk", apk.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pol, err := declared.ReadFile("../testdata/examples/jianke/policy.txt")
	if err != nil {
		t.Fatal(err)
	}
	var serious []string
	for _, f := range Compare(obs, pol) {
		if f.Severity == High || f.Severity == Medium {
			serious = append(serious, f.Rule+" "+f.SDK+f.Permission+f.DataType)
		}
	}
	want := []string{"sdk-undeclared bugly", "sdk-undeclared getui", "permission-unjustified android.permission.READ_CONTACTS"}
	if !reflect.DeepEqual(serious, want) {
		t.Errorf("high and medium findings %q, want %q", serious, want)
	}
}
