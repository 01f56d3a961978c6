package diff

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"privdiff/apk"
	"privdiff/declared"
)

func strp(s string) *string { return &s }

func sdk(id, name, nameZh, category string, ev ...apk.Evidence) apk.SDK {
	return apk.SDK{ID: id, Name: name, NameZh: nameZh, Category: category, Evidence: ev}
}

func perm(name, level string) apk.Permission {
	return apk.Permission{Name: name, ProtectionLevel: level}
}

// keys renders findings as rule/subject strings for comparison.
func keys(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		subject := f.SDK + f.Permission + f.DataType
		out = append(out, string(f.Severity)+" "+f.Rule+" "+subject)
	}
	return out
}

func TestCompareRules(t *testing.T) {
	jpush := sdk("jpush", "JPush", "极光推送", "push", apk.Evidence{Kind: "dex-package", Value: "cn.jpush.android"}, apk.Evidence{Kind: "component", Value: "cn.jpush.android.service.PushService"})
	cases := []struct {
		name string
		obs  apk.Observed
		pol  declared.Policy
		want []string
	}{
		{
			name: "undeclared SDK, with its strongest evidence",
			obs:  apk.Observed{SDKs: []apk.SDK{jpush}},
			pol:  declared.Policy{SDKs: []declared.SDK{}},
			want: []string{"high sdk-undeclared jpush"},
		},
		{
			name: "declared under a Chinese alias",
			obs:  apk.Observed{SDKs: []apk.SDK{jpush}},
			pol:  declared.Policy{SDKs: []declared.SDK{{Name: "极光推送SDK", Line: 3}}},
		},
		{
			name: "a JPush vendor channel is covered by JPush, an Umeng product by 友盟",
			obs: apk.Observed{SDKs: []apk.SDK{
				sdk("jpush-xiaomi-channel", "JPush MiPush channel", "", "push"),
				sdk("umeng-analytics", "Umeng Analytics", "友盟统计", "analytics"),
				jpush,
			}},
			pol: declared.Policy{SDKs: []declared.SDK{{Name: "极光推送", CatalogID: strp("jpush")}, {Name: "友盟", CatalogID: strp("umeng-common")}}},
		},
		{
			name: "a vendor alone covers nothing",
			obs:  apk.Observed{SDKs: []apk.SDK{sdk("bugly", "Bugly", "腾讯Bugly", "crash-reporting")}},
			pol:  declared.Policy{SDKs: []declared.SDK{{Name: "微信SDK", CatalogID: strp("wechat-opensdk"), Vendor: "深圳市腾讯计算机系统有限公司"}}},
			want: []string{"high sdk-undeclared bugly", "info sdk-unobserved wechat-opensdk"},
		},
		{
			name: "libraries are not data processors",
			obs:  apk.Observed{SDKs: []apk.SDK{sdk("okhttp", "OkHttp", "", "library"), sdk("androidx-core", "AndroidX", "", "androidx")}},
			pol:  declared.Policy{SDKs: []declared.SDK{}},
		},
		{
			name: "declared SDKs not in the APK; iOS-only ones never count",
			obs:  apk.Observed{},
			pol: declared.Policy{SDKs: []declared.SDK{
				{Name: "曠視Face++", CatalogID: strp("megvii"), Platforms: []string{"ios"}},
				{Name: "百度地圖", CatalogID: strp("baidu-map"), Platforms: []string{"android", "ios"}},
				{Name: "某某内部SDK"},
			}},
			want: []string{"info sdk-unobserved baidu-map", "info sdk-unobserved 某某内部SDK"},
		},
		{
			name: "a packed app reports no unobserved SDK",
			obs:  apk.Observed{Packer: &apk.Packer{ID: "jiagu-360", Name: "360 Jiagu", NameZh: "360加固"}},
			pol:  declared.Policy{SDKs: []declared.SDK{{Name: "百度地圖", CatalogID: strp("baidu-map")}}},
		},
		{
			name: "dangerous and special permissions; groups justify each other",
			obs: apk.Observed{Permissions: []apk.Permission{
				perm("android.permission.CAMERA", "dangerous"),
				perm("android.permission.READ_CONTACTS", "dangerous"),
				perm("android.permission.READ_MEDIA_IMAGES", "dangerous"),
				perm("android.permission.ACCESS_COARSE_LOCATION", "dangerous"),
				perm("android.permission.SYSTEM_ALERT_WINDOW", "signature"),
				perm("android.permission.QUERY_ALL_PACKAGES", "normal"),
				perm("android.permission.INTERNET", "normal"),
			}},
			pol: declared.Policy{Permissions: []declared.Permission{
				{Text: "相机权限", Permissions: []string{"android.permission.CAMERA"}, Line: 4},
				{Text: "存储权限", Permissions: []string{"android.permission.READ_EXTERNAL_STORAGE"}, Line: 5},
				{Text: "精确定位", Permissions: []string{"android.permission.ACCESS_FINE_LOCATION"}, Line: 6},
				{Text: "日历权限", Permissions: []string{"android.permission.READ_CALENDAR", "android.permission.WRITE_CALENDAR"}, Line: 7},
				{Text: "相册权限(iOS系统)", Permissions: []string{}, Line: 8},
			}},
			want: []string{
				"high permission-unjustified android.permission.READ_CONTACTS",
				"medium permission-unjustified android.permission.QUERY_ALL_PACKAGES",
				"medium permission-unjustified android.permission.SYSTEM_ALERT_WINDOW",
				"info permission-unrequested android.permission.READ_CALENDAR",
				"info permission-unrequested android.permission.WRITE_CALENDAR",
			},
		},
		{
			name: "data collected: the app's general disclosure or the SDK's entry covers it",
			obs: apk.Observed{
				SDKs: []apk.SDK{sdk("umeng-analytics", "Umeng Analytics", "友盟统计", "analytics"), jpush},
				APIs: []apk.APIUse{
					{API: "android.telephony.TelephonyManager.getDeviceId", DataType: "imei", Callers: []apk.Caller{
						{Class: "com.umeng.commonsdk.statistics.common.DeviceConfig", SDK: "umeng-analytics", Via: "call"},
						{Class: "com.example.app.Util", SDK: "app", Via: "call"},
					}},
					{API: "android.net.wifi.WifiInfo.getMacAddress", DataType: "mac", Callers: []apk.Caller{
						{Class: "cn.jpush.android.helper.DeviceInfo", SDK: "jpush", Via: "call"},
						{Class: "a.b.c", SDK: "unknown", Via: "reflection"},
					}},
					{API: "android.location.LocationManager.getLastKnownLocation", DataType: "location", Callers: []apk.Caller{
						{Class: "com.example.app.Map", SDK: "app", Via: "call"},
					}},
				},
			},
			pol: declared.Policy{
				SDKs: []declared.SDK{
					{Name: "友盟统计SDK", CatalogID: strp("umeng-analytics"), DataTypes: []string{"设备信息(IMEI/MAC/Android ID)"}, Line: 20},
					{Name: "极光推送SDK", CatalogID: strp("jpush"), DataTypes: []string{"网络信息"}, Line: 21},
				},
				DataTypes: []string{"location"},
			},
			want: []string{
				"high data-undeclared imei",
				"high data-undeclared mac",
				"high data-undeclared jpushmac",
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := keys(Compare(&c.obs, &c.pol))
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("findings\n  %q\nwant\n  %q", got, c.want)
			}
		})
	}
}

func TestEvidenceAndMessages(t *testing.T) {
	obs := &apk.Observed{
		SDKs: []apk.SDK{sdk("jpush", "JPush", "极光推送", "push",
			apk.Evidence{Kind: "dex-package", Value: "cn.jpush.android"},
			apk.Evidence{Kind: "component", Value: "cn.jpush.android.service.PushService"})},
		Permissions: []apk.Permission{perm("android.permission.READ_CONTACTS", "dangerous")},
		APIs: []apk.APIUse{{API: "android.telephony.TelephonyManager.getDeviceId", DataType: "imei",
			Callers: []apk.Caller{{Class: "cn.jpush.android.helper.DeviceInfo", SDK: "jpush", Via: "call"}}}},
	}
	pol := &declared.Policy{SDKs: []declared.SDK{}, Permissions: []declared.Permission{}, DataTypes: []string{}}
	zh := Run(obs, pol, "zh")
	want := "应用集成了极光推送SDK（证据：cn.jpush.android.service.PushService），但隐私政策未声明该SDK。"
	found := false
	for _, f := range zh.Findings {
		if f.Message == want {
			found = true
		}
		if f.Message == "" || f.Message == f.Rule {
			t.Errorf("%s has no message", f.Rule)
		}
	}
	if !found {
		t.Errorf("no finding says %q: %+v", want, zh.Findings)
	}
	if len(zh.Warnings) != 1 || !strings.Contains(zh.Warnings[0], "未列出任何第三方SDK") {
		t.Errorf("warnings %q", zh.Warnings)
	}
	en := Run(obs, pol, "en")
	for _, f := range en.Findings {
		if strings.ContainsFunc(f.Message, func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) {
			t.Errorf("English message with Chinese: %q", f.Message)
		}
	}
	if en.Summary != (Summary{High: 3}) {
		t.Errorf("summary %+v", en.Summary)
	}
	for _, r := range Rules {
		for _, field := range []map[string]string{r.Name, r.Description, r.Help, r.Basis} {
			if field["zh"] == "" || field["en"] == "" {
				t.Errorf("rule %s lacks a language: %v", r.ID, field)
			}
		}
	}
	if !strings.Contains(Rules[0].Basis["zh"], "国信办秘字〔2019〕191号") {
		t.Error("sdk-undeclared does not cite its regulatory basis")
	}
}

// TestDeterministic shuffles every input list and expects the same output.
func TestDeterministic(t *testing.T) {
	obs := apk.Observed{
		SDKs: []apk.SDK{sdk("jpush", "JPush", "", "push"), sdk("getui", "Getui", "", "push"), sdk("bugly", "Bugly", "", "crash-reporting")},
		Permissions: []apk.Permission{perm("android.permission.CAMERA", "dangerous"), perm("android.permission.READ_SMS", "dangerous"),
			perm("android.permission.RECORD_AUDIO", "dangerous")},
		APIs: []apk.APIUse{
			{API: "x.getDeviceId", DataType: "imei", Callers: []apk.Caller{{Class: "b.B", SDK: "app"}, {Class: "a.A", SDK: "app"}}},
			{API: "x.getMacAddress", DataType: "mac", Callers: []apk.Caller{{Class: "c.C", SDK: "bugly"}}},
		},
	}
	pol := declared.Policy{SDKs: []declared.SDK{{Name: "百度地图", Line: 2}, {Name: "Getui", Line: 1}, {Name: "极光推送", Line: 3}},
		Permissions: []declared.Permission{{Text: "日历", Permissions: []string{"android.permission.READ_CALENDAR"}, Line: 4}}}
	first := Compare(&obs, &pol)
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20; i++ {
		o, p := obs, pol
		o.SDKs = append([]apk.SDK(nil), obs.SDKs...)
		o.Permissions = append([]apk.Permission(nil), obs.Permissions...)
		o.APIs = append([]apk.APIUse(nil), obs.APIs...)
		p.SDKs = append([]declared.SDK(nil), pol.SDKs...)
		rng.Shuffle(len(o.SDKs), func(a, b int) { o.SDKs[a], o.SDKs[b] = o.SDKs[b], o.SDKs[a] })
		rng.Shuffle(len(o.Permissions), func(a, b int) { o.Permissions[a], o.Permissions[b] = o.Permissions[b], o.Permissions[a] })
		rng.Shuffle(len(o.APIs), func(a, b int) { o.APIs[a], o.APIs[b] = o.APIs[b], o.APIs[a] })
		rng.Shuffle(len(p.SDKs), func(a, b int) { p.SDKs[a], p.SDKs[b] = p.SDKs[b], p.SDKs[a] })
		if got := Compare(&o, &p); !reflect.DeepEqual(keys(got), keys(first)) || !reflect.DeepEqual(got[len(got)-1], first[len(first)-1]) {
			t.Fatalf("shuffled input gives\n%q\nnot\n%q", keys(got), keys(first))
		}
	}
	for _, f := range first {
		if f.Rule == RuleDataUndeclared && f.DataType == "imei" && f.Observed.Class != "a.A" {
			t.Errorf("imei evidence %s, want the first caller a.A", f.Observed.Class)
		}
	}
}

// TestRealScanAgainstSeed audits the bundled example: a fixture APK built
// to carry the SDKs and permissions that seed policy 001 declares, plus
// Bugly and Getui and READ_CONTACTS that it does not.
func TestRealScanAgainstSeed(t *testing.T) {
	obs, err := apk.ScanFile("../testdata/examples/jianke/app.apk", apk.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pol, err := declared.ReadFile("../testdata/examples/jianke/policy.txt")
	if err != nil {
		t.Fatal(err)
	}
	var high []string
	for _, f := range Compare(obs, pol) {
		if f.Severity == High || f.Severity == Medium {
			high = append(high, f.Rule+" "+f.SDK+f.Permission+f.DataType)
		}
	}
	want := []string{"sdk-undeclared bugly", "sdk-undeclared getui", "permission-unjustified android.permission.READ_CONTACTS"}
	if !reflect.DeepEqual(high, want) {
		t.Errorf("high and medium findings %q, want %q", high, want)
	}
}
