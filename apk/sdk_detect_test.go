package apk

import (
	"path/filepath"
	"strings"
	"testing"

	"privdiff/catalog"
)

// The real APKs embed these SDKs visibly: in class packages, components,
// meta-data or native libraries.
func TestDetectSDKsRealAPKs(t *testing.T) {
	tests := []struct {
		apk  string
		want map[string][]string // SDK id → evidence kinds it must have
	}{
		{"amap-map-game.apk", map[string][]string{"amap-map": {"dex-package", "meta-data"}}},
		// UMENG_APPKEY beside U-App's code is U-App's key, not a second Umeng SDK.
		{"androidproject.apk", map[string][]string{"umeng-analytics": {"dex-package", "meta-data"}}},
		{"bugly-hotfix-demo.apk", map[string][]string{"bugly": {"component", "dex-package"}}},
		{"exodus-blooddonation.apk", map[string][]string{"google-admob": {"component", "dex-package"}, "firebase": {"dex-package"}}},
		{"jbox.apk", map[string][]string{"jpush": {"component", "dex-package"}, "jiguang-core": {"meta-data"}}},
		{"weibo-sdk-demo-3.1.4.apk", map[string][]string{"weibo": {"component", "dex-package"}}},
	}
	for _, tt := range tests {
		t.Run(tt.apk, func(t *testing.T) {
			obs, err := ScanFile(filepath.Join("../testdata/realapks", tt.apk), Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]map[string]bool{}
			for _, s := range obs.SDKs {
				got[s.ID] = map[string]bool{}
				for _, e := range s.Evidence {
					got[s.ID][e.Kind] = true
				}
				if s.Name == "" || s.Category == "" || len(s.Evidence) == 0 {
					t.Errorf("%s: incomplete entry %+v", s.ID, s)
				}
			}
			for id, kinds := range tt.want {
				if got[id] == nil {
					t.Errorf("SDK %s not detected", id)
					continue
				}
				for _, k := range kinds {
					if !got[id][k] {
						t.Errorf("SDK %s has no %s evidence", id, k)
					}
				}
			}
		})
	}
}

func TestDetectSDKsGuards(t *testing.T) {
	ix := catalog.Signatures()
	sdkIDs := func(obs *Observed) string {
		detectSDKs(obs, ix)
		var ids []string
		for _, s := range obs.SDKs {
			ids = append(ids, s.ID)
		}
		return strings.Join(ids, ",")
	}
	// The WeChat app's own code is not the WeChat open SDK.
	wechatApp := &Observed{App: App{Package: "com.tencent.mm"}, Classes: []string{
		"com.tencent.mm.opensdk.openapi.WXAPIFactory", "com.tencent.mm.opensdk.openapi.IWXAPI", "com.tencent.mm.ui.LauncherUI",
	}}
	if got := sdkIDs(wechatApp); got != "" {
		t.Errorf("WeChat app: detected %q, want nothing", got)
	}
	// An app that embeds the open SDK has it found.
	wechatUser := &Observed{App: App{Package: "com.example.shop"}, Classes: []string{
		"com.tencent.mm.opensdk.openapi.WXAPIFactory", "com.tencent.mm.opensdk.openapi.IWXAPI",
	}}
	if got := sdkIDs(wechatUser); !strings.Contains(got, "wechat") {
		t.Errorf("app with the open SDK: detected %q, want a wechat entry", got)
	}
	// One stray class is not an SDK; a component with it is.
	stray := &Observed{App: App{Package: "com.example.app"}, Classes: []string{"cn.jpush.android.api.JPushInterface"}}
	if got := sdkIDs(stray); got != "" {
		t.Errorf("one stray class: detected %q, want nothing", got)
	}
	// Obfuscated code: only the manifest, meta-data and native libraries remain.
	obfuscated := &Observed{
		App:        App{Package: "com.example.app"},
		Classes:    []string{"a.a", "a.b", "b.a"},
		Components: []Component{{Type: "service", Name: "cn.jpush.android.service.PushService"}},
		MetaData:   []MetaData{{Name: "UMENG_APPKEY", Value: "5f0c"}},
		NativeLibs: []string{"lib/arm64-v8a/libBugly.so"},
	}
	got := sdkIDs(obfuscated)
	for _, want := range []string{"jpush", "umeng-common", "bugly"} {
		if !strings.Contains(","+got+",", ","+want+",") {
			t.Errorf("obfuscated app: detected %q, want %s", got, want)
		}
	}
}

func sdkIDSet(obs *Observed) map[string][]Evidence {
	m := map[string][]Evidence{}
	for _, s := range obs.SDKs {
		m[s.ID] = s.Evidence
	}
	return m
}

// The sdks fixture carries the real package, component, meta-data, library
// and asset names of the SDKs Chinese policies name most; the obfuscated one
// keeps only what an obfuscator cannot rename.
func TestDetectSDKsFixtures(t *testing.T) {
	common := []string{
		"alipay", "amap-location", "baidu-map", "bugly", "flutter", "gdt", "getui",
		"huawei-push", "jiguang-core", "jpush", "meizu-push", "netease-qiyu", "oppo-push", "shanyan",
		"tencent-open-sdk", "umeng-push", "unionpay", "vivo-push", "weibo", "xiaomi-push",
	}
	tests := []struct {
		apk      string
		want     []string
		kinds    []string
		noDexHit bool
	}{
		{"sdks.apk", append([]string{"amap-map", "bianxianmao", "msa-oaid", "pangle", "tencent-tbs", "umeng-analytics", "umeng-common", "wechat-opensdk"}, common...),
			[]string{"dex-package", "component", "meta-data", "native-lib", "asset", "string"}, false},
		// The Amap and Umeng keys (com.amap.api.v2.apikey, UMENG_APPKEY) are
		// evidence of Amap's location SDK and Umeng's push, whose components
		// are there, not SDKs of their own.
		{"obfuscated.apk", common, []string{"component", "meta-data", "native-lib"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.apk, func(t *testing.T) {
			got := sdkIDSet(scanFixture(t, tt.apk))
			for _, id := range tt.want {
				if _, ok := got[id]; !ok {
					t.Errorf("SDK %s not detected", id)
				}
			}
			if len(got) != len(tt.want) {
				var ids []string
				for id := range got {
					ids = append(ids, id)
				}
				t.Errorf("detected %d SDKs %v, want exactly %d", len(got), ids, len(tt.want))
			}
			kinds := map[string]bool{}
			for _, ev := range got {
				for _, e := range ev {
					kinds[e.Kind] = true
				}
			}
			for _, k := range tt.kinds {
				if !kinds[k] {
					t.Errorf("no %s evidence at all", k)
				}
			}
			if tt.noDexHit && kinds["dex-package"] {
				t.Error("obfuscated code matched a dex package")
			}
		})
	}
}

// An SDK whose code nothing outside it calls is shipped, not used.
func TestSDKStatus(t *testing.T) {
	tests := []struct {
		apk, sdk, status, by string
	}{
		{"../testdata/realapks/jbox.apk", "jpush", "initialised", "com.jiguang.jbox.AppApplication"},
		// The demo app lives under com.tencent.bugly.hotfix: its own code, not Bugly's.
		{"../testdata/realapks/bugly-hotfix-demo.apk", "bugly", "initialised", "com.tencent.bugly.hotfix.SampleApplicationLike"},
		{"../testdata/realapks/amap-map-game.apk", "amap-map", "initialised", "com.amap.map3d.demo.MainActivity"},
		{"../testdata/apks/sdks.apk", "jpush", "present", ""},
		{"../testdata/apks/sdks.apk", "bugly", "present", ""},
	}
	for _, tt := range tests {
		obs, err := ScanFile(tt.apk, Options{})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, s := range obs.SDKs {
			if s.ID != tt.sdk {
				continue
			}
			found = true
			if s.Status != tt.status {
				t.Errorf("%s: %s status %q, want %q (by %v)", tt.apk, tt.sdk, s.Status, tt.status, s.InitialisedBy)
			}
			if tt.by != "" && !containsString(s.InitialisedBy, tt.by) {
				t.Errorf("%s: %s initialised by %v, want %s among them", tt.apk, tt.sdk, s.InitialisedBy, tt.by)
			}
		}
		if !found {
			t.Errorf("%s: %s not detected", tt.apk, tt.sdk)
		}
	}
}
