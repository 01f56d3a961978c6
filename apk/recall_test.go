package apk

import (
	"os"
	"strings"
	"testing"

	"privdiff/catalog"
)

// TestRealAPKRecall keeps every SDK the scan found in the real APKs before
// the catalog became one entry per SDK (privdiff of 2026-11-28). An id may
// now be a former id of a merged entry (umeng-game is U-App's), or a key
// or string folded into a member of its family whose code is there (the
// UMENG_APPKEY of umeng-common beside U-App's classes); nothing else may go.
func TestRealAPKRecall(t *testing.T) {
	before := []struct{ apk, ids string }{
		{"../testdata/realapks/amap-map-game.apk", "amap-map"},
		{"../testdata/realapks/androidproject.apk", "android-support-constraint android-support-design android-support-v13 butter-knife butterknife-ui-framework jetpack-core jetpack-media jetpack-versionedparcelable support-library umeng-analytics umeng-common umeng-game"},
		{"../testdata/realapks/bugly-hotfix-demo.apk", "bugly file-provider multidex support-library tinker"},
		{"../testdata/realapks/exodus-blooddonation.apk", "android-support-design fcm firebase google-admob google-play-services google-sign-in metalev-multi-touch openstreetmap-tools protocol-buffer slf4j support-library"},
		{"../testdata/realapks/jbox.apk", "activeandroid glide google-core-libraries-3rd-party google-core-libraries-for-java-6plus jiguang-core jpush nostra13-image-loading okhttp3 okio support-library zxing"},
		{"../testdata/realapks/weibo-sdk-demo-3.1.4.apk", "support-library weibo"},
		{"../testdata/external/ApiDemos-debug.apk", "jetpack-activity jetpack-annotation jetpack-app-startup jetpack-appcompat jetpack-arch-core jetpack-collection jetpack-core jetpack-cursoradapter jetpack-customview jetpack-drawerlayout jetpack-fragment jetpack-interpolator jetpack-lifecycle jetpack-loader jetpack-savedstate jetpack-vectordrawable jetpack-versionedparcelable jetpack-viewpager kotlin kotlin-coroutines kotlin-reflect kotlin-sequences support-library"},
		{"../testdata/pairs/yinxing/app.apk", "jetpack-app-startup jetpack-appcompat jetpack-core jetpack-datastore jetpack-profileinstaller jetpack-recyclerview jetpack-versionedparcelable material-design-components support-library"},
		{"../testdata/pairs/yuekuan/app.apk", "amap-map bugly file-provider flexbox glide jetpack-activity jetpack-appcompat jetpack-camera jetpack-camerax jetpack-cardview jetpack-constraintlayout jetpack-coordinatorlayout jetpack-core jetpack-databinding jetpack-fragment jetpack-lifecycle jetpack-media jetpack-recyclerview jetpack-room jetpack-savedstate jetpack-versionedparcelable jetpack-viewpager2 kotlin-coroutines material-design-components mmkv okhttp3 pictureselector support-library ucrop wechat-opensdk weibo"},
	}
	for _, tt := range before {
		if _, err := os.Stat(tt.apk); err != nil {
			t.Logf("%s: %v (scripts/fetch-apidemos.sh fetches ApiDemos)", tt.apk, err)
			continue
		}
		obs, err := ScanFile(tt.apk, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, old := range strings.Fields(tt.ids) {
			entry, ok := catalog.SDKByID(old)
			if !ok {
				t.Errorf("%s: %s is no catalog id any more", tt.apk, old)
				continue
			}
			if findSDK(obs, entry.ID) != nil {
				continue
			}
			folded := false
			for _, s := range obs.SDKs {
				folded = folded || sameFamily(entry.ID, s.ID)
			}
			if !folded {
				t.Errorf("%s: %s (now %s) no longer detected; found %v", tt.apk, old, entry.ID, sdkIDs(obs))
			}
		}
	}
}
