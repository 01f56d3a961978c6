package apk

import (
	"path/filepath"
	"slices"
	"testing"

	"privdiff/catalog"
)

// Evidence strength on real apps and fixtures: what the scan says it saw
// decides how sure an audit may be.
func TestSDKStrength(t *testing.T) {
	tests := []struct {
		apk, sdk, strength string
		alsoKind           string // an evidence kind the SDK must carry
	}{
		// 悦款: an Amap key left in the manifest, no Amap class in the dex.
		{"../testdata/pairs/yuekuan/app.apk", "amap-map", StrengthKeyOnly, "meta-data"},
		{"../testdata/pairs/yuekuan/app.apk", "weibo", StrengthCode, "component"},
		// One kept Bugly class beside libBugly.so is Bugly's code.
		{"../testdata/pairs/yuekuan/app.apk", "bugly", StrengthCode, "native-lib"},
		{"../testdata/realapks/amap-map-game.apk", "amap-map", StrengthCode, "meta-data"},
		{"../testdata/apks/obfuscated.apk", "jpush", StrengthComponent, "component"},
		{"../testdata/apks/obfuscated.apk", "baidu-map", StrengthNativeLib, "native-lib"},
		// The Amap key of the obfuscated app is its location SDK's key.
		{"../testdata/apks/obfuscated.apk", "amap-location", StrengthComponent, "meta-data"},
		{"../testdata/apks/sdks.apk", "bianxianmao", StrengthString, "string"},
	}
	scans := map[string]*Observed{}
	for _, tt := range tests {
		obs := scanOnce(t, scans, tt.apk)
		s := findSDK(obs, tt.sdk)
		if s == nil {
			t.Errorf("%s: %s not detected", filepath.Base(tt.apk), tt.sdk)
			continue
		}
		if s.Strength != tt.strength {
			t.Errorf("%s: %s strength %q, want %q (evidence %v)", filepath.Base(tt.apk), tt.sdk, s.Strength, tt.strength, s.Evidence)
		}
		if !slices.ContainsFunc(s.Evidence, func(e Evidence) bool { return e.Kind == tt.alsoKind }) {
			t.Errorf("%s: %s has no %s evidence: %v", filepath.Base(tt.apk), tt.sdk, tt.alsoKind, s.Evidence)
		}
	}
}

// A key of one product beside another member's code is that member's key:
// JPUSH_APPKEY beside JPush's classes adds no second JiGuang SDK, and a key
// alone still shows its SDK, as key-only.
func TestKeyFoldsIntoFamily(t *testing.T) {
	withCode := &Observed{
		App:      App{Package: "com.example.app"},
		Classes:  []string{"cn.jpush.android.api.JPushInterface", "cn.jpush.android.api.TagAliasCallback", "cn.jpush.android.service.PushService"},
		MetaData: []MetaData{{Name: "JPUSH_APPKEY", Value: "abc"}, {Name: "UMENG_APPKEY", Value: "5f0c"}},
	}
	settle(withCode)
	if ids := sdkIDs(withCode); !slices.Equal(ids, []string{"jpush", "umeng-common"}) {
		t.Fatalf("detected %v, want jpush and umeng-common", ids)
	}
	if j := findSDK(withCode, "jpush"); !slices.Contains(j.Evidence, Evidence{Kind: "meta-data", Value: "JPUSH_APPKEY"}) {
		t.Errorf("jpush evidence %v lacks its key", j.Evidence)
	}
	if u := findSDK(withCode, "umeng-common"); u.Strength != StrengthKeyOnly {
		t.Errorf("umeng-common strength %q, want key-only", u.Strength)
	}
}

// The Play services base that AdMob, Firebase and Sign-In pull in is
// theirs; the Firebase core under FCM is FCM's.
func TestBroughtLibraries(t *testing.T) {
	obs, err := ScanFile("../testdata/realapks/exodus-blooddonation.apk", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for lib, by := range map[string]string{"google-play-services": "google-admob", "firebase": "fcm"} {
		s := findSDK(obs, lib)
		if s == nil || !slices.Contains(s.BroughtBy, by) {
			t.Errorf("%s: %+v, want brought by %s", lib, s, by)
		}
	}
	for _, id := range []string{"google-admob", "fcm"} {
		if s := findSDK(obs, id); s == nil || len(s.BroughtBy) > 0 {
			t.Errorf("%s: %+v, want detected on its own", id, s)
		}
	}
}

func findSDK(obs *Observed, id string) *SDK {
	for i := range obs.SDKs {
		if obs.SDKs[i].ID == id {
			return &obs.SDKs[i]
		}
	}
	return nil
}

func sdkIDs(obs *Observed) []string {
	var ids []string
	for _, s := range obs.SDKs {
		ids = append(ids, s.ID)
	}
	return ids
}

// settle runs the whole SDK pass of a scan on a hand-made Observed.
func settle(obs *Observed) {
	ix := catalog.Signatures()
	detectSDKs(obs, ix)
	markStarted(obs, nil, ix)
	settleSDKs(obs)
}

// scanOnce scans a file the first time a table names it.
func scanOnce(t *testing.T, scans map[string]*Observed, path string) *Observed {
	t.Helper()
	if obs := scans[path]; obs != nil {
		return obs
	}
	obs, err := ScanFile(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	scans[path] = obs
	return obs
}
