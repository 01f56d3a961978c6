package apk

import (
	"slices"
	"testing"

	"privdiff/catalog"
)

// The owncode fixture keeps its code in cn.jiguang.owncodedemo, under
// JCore's package cn.jiguang.; its application class and launcher activity
// say it is the app's, so no JCore is found, and its UMENG_APPKEY is U-App's.
func TestOwnCodeFixture(t *testing.T) {
	obs := scanFixture(t, "owncode.apk")
	if s := findSDK(obs, "jiguang-core"); s != nil {
		t.Errorf("the app's own code reported as JCore: %+v", s.Evidence)
	}
	if !slices.Equal(obs.ownPackages, []string{"cn.jiguang.owncodedemo."}) {
		t.Errorf("own packages %v, want cn.jiguang.owncodedemo.", obs.ownPackages)
	}
	u := findSDK(obs, "umeng-analytics")
	if u == nil || u.Strength != StrengthCode || !slices.Contains(u.Evidence, Evidence{Kind: "meta-data", Value: "UMENG_APPKEY"}) {
		t.Errorf("umeng-analytics %+v, want code with its key", u)
	}
	if ids := sdkIDs(obs); !slices.Equal(ids, []string{"umeng-analytics"}) {
		t.Errorf("SDKs %v, want only umeng-analytics", ids)
	}
	launchers := 0
	for _, c := range obs.Components {
		if c.Launcher {
			launchers++
			if c.Name != "cn.jiguang.owncodedemo.MainActivity" {
				t.Errorf("launcher %s", c.Name)
			}
		}
	}
	if launchers != 1 {
		t.Errorf("%d launcher activities, want 1", launchers)
	}
}

// ownRoot takes a class Android starts as the app's code only when it is no
// SDK's and its root holds no SDK.
func TestOwnRoot(t *testing.T) {
	ix := catalog.Signatures()
	tests := []struct {
		class, manifest, root string
	}{
		// The manifest package under another top-level domain, inside JCore's cn.jiguang.
		{"cn.jiguang.jmlinkdemo.MainActivity", "com.jiguang.jmlinkdemo", "cn.jiguang.jmlinkdemo."},
		{"cn.jiguang.jmlinkdemo.ui.main.MainActivity", "com.jiguang.jmlinkdemo", "cn.jiguang.jmlinkdemo."},
		// Under an SDK's package but not the app's name: the SDK's own class.
		{"cn.jiguang.jmlinkdemo.MainActivity", "com.example.shop", ""},
		{"com.tencent.bugly.beta.tinker.TinkerPatchReflectApplication", "com.example.shop", ""},
		{"io.flutter.app.FlutterApplication", "com.example.app", ""},
		{"org.cocos2dx.javascript.AppActivity", "com.example.game", ""},
		// Outside any SDK: the app's, whatever its name.
		{"com.example.shop.ui.MainActivity", "com.example.shop", "com.example.shop."},
		{"com.example.shop.ui.MainActivity", "com.example.shopping", "com.example.shop."},
		// Too shallow to be one app: a company's whole namespace.
		{"com.example.App", "com.example.app", ""},
		// A root would swallow the WeChat SDK: go one level deeper.
		{"com.tencent.mm.ui.LauncherUI", "cn.tencent.mm", "com.tencent.mm.ui."},
		{"com.tencent.mm.ui.LauncherUI", "com.example.app", ""},
		// An SDK's own component started as the app; a packer's stub.
		{"cn.jpush.android.ui.PopWinActivity", "com.example.app", ""},
		{"com.stub.StubApp", "com.example.app", ""},
		{"", "com.example.app", ""},
	}
	for _, tt := range tests {
		root, ok := ownRoot(tt.class, tt.manifest, ix)
		if root != tt.root || ok != (tt.root != "") {
			t.Errorf("ownRoot(%q, %q) = %q, %v; want %q", tt.class, tt.manifest, root, ok, tt.root)
		}
	}
}

// The nested fixture's Bugly lives only in a plugin APK and jar in assets/
// and in instant-run.zip; assets/secret.dex is not a dex file.
func TestNestedCodeFixture(t *testing.T) {
	obs := scanFixture(t, "nested.apk")
	var files []string
	for _, e := range obs.Dex.Entries {
		files = append(files, e.File)
	}
	want := []string{"classes.dex", "assets/plugin.jar!classes.dex", "assets/plugin.apk!classes.dex", "instant-run.zip!slice_0-classes.dex"}
	for _, w := range want {
		if !slices.Contains(files, w) {
			t.Errorf("dex entries %v lack %s", files, w)
		}
	}
	if b := findSDK(obs, "bugly"); b == nil || b.Strength != StrengthCode {
		t.Errorf("bugly %+v, want found by its code", b)
	}
	called := false
	for _, a := range obs.APIs {
		for _, c := range a.Callers {
			called = called || a.API == "android.telephony.TelephonyManager.getDeviceId" && c.SDK == "bugly"
		}
	}
	if !called {
		t.Errorf("the nested Bugly's getDeviceId call not found: %+v", obs.APIs)
	}
	if len(obs.UnanalysedCode) != 1 || !slices.ContainsFunc(obs.Warnings, func(w string) bool { return len(w) > 0 && w[:18] == "code not analysed:" }) {
		t.Errorf("unanalysed %v, warnings %v; want assets/secret.dex named", obs.UnanalysedCode, obs.Warnings)
	}
}
