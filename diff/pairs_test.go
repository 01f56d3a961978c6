package diff

import (
	"slices"
	"strings"
	"testing"

	"privdiff/apk"
	"privdiff/declared"
)

func auditPair(t *testing.T, name string) []Finding {
	t.Helper()
	obs, err := apk.ScanFile("../testdata/pairs/"+name+"/app.apk", apk.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pol, err := declared.ReadFile("../testdata/pairs/" + name + "/policy.html")
	if err != nil {
		t.Fatal(err)
	}
	return Run(obs, pol, "en").Findings
}

// 悦款 (testdata/pairs/yuekuan) names no SDK. Its manifest keeps an Amap
// key although no Amap class is left: a low finding that says so, never a
// high "undeclared Amap SDK"; the SDKs whose code is there stay high.
// READ_LOGS (signature|privileged) is never granted to it and is not
// reported; QUERY_ALL_PACKAGES opens the installed-app list and is.
func TestPairYuekuanEvidenceStrength(t *testing.T) {
	fs := auditPair(t, "yuekuan")
	want := []struct {
		rule, subject string
		sev           Severity
		conf          Confidence
	}{
		{RuleSDKUndeclared, "amap-map", Low, ConfidenceLow},
		{RuleSDKUndeclared, "wechat-opensdk", High, ConfidenceHigh},
		{RuleSDKUndeclared, "weibo", High, ConfidenceHigh},
		{RuleSDKUndeclared, "bugly", High, ConfidenceHigh},
		{RulePermissionUnjustified, "android.permission.QUERY_ALL_PACKAGES", Medium, ""},
	}
	for _, w := range want {
		f := find(fs, w.rule, w.subject)
		if f == nil {
			t.Errorf("%s %s not reported", w.rule, w.subject)
			continue
		}
		if f.Severity != w.sev || f.Confidence != w.conf {
			t.Errorf("%s %s: %s/%s, want %s/%s (%s)", w.rule, w.subject, f.Severity, f.Confidence, w.sev, w.conf, f.Message)
		}
	}
	if f := find(fs, RuleSDKUndeclared, "amap-map"); f != nil && f.Observed.Kind != "meta-data" {
		t.Errorf("amap-map evidence %+v, want its meta-data key", f.Observed)
	}
	if f := find(fs, RulePermissionUnjustified, "android.permission.READ_LOGS"); f != nil {
		t.Errorf("READ_LOGS reported: %s", f.Message)
	}
}

// 银杏 (testdata/pairs/yinxing): the platform grants USE_FULL_SCREEN_INTENT
// and FOREGROUND_SERVICE_SPECIAL_USE at install (normal|appop), so they
// are not special; SYSTEM_ALERT_WINDOW and MANAGE_EXTERNAL_STORAGE are
// switched on by the user (signature|appop) and are.
func TestPairYinxingSpecialPermissions(t *testing.T) {
	fs := auditPair(t, "yinxing")
	for _, p := range []string{"android.permission.USE_FULL_SCREEN_INTENT", "android.permission.FOREGROUND_SERVICE_SPECIAL_USE",
		"android.permission.BIND_ACCESSIBILITY_SERVICE", "android.permission.REQUEST_IGNORE_BATTERY_OPTIMIZATIONS"} {
		if f := find(fs, RulePermissionUnjustified, p); f != nil {
			t.Errorf("%s reported: %s", p, f.Message)
		}
	}
	for _, f := range fs {
		if f.Rule == RuleSDKUndeclared {
			t.Errorf("no SDK in the app, yet %s reported: %s", f.SDK, f.Message)
		}
	}
}

// Fixtures for what no real pair shows: an app whose code sits under an SDK
// vendor's package and requests GET_TASKS (a deprecated normal permission),
// and an app with code in files it loads itself, one of them unreadable.
func TestFixtureAudits(t *testing.T) {
	scan := func(name string) *apk.Observed {
		obs, err := apk.ScanFile("../testdata/apks/"+name, apk.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return obs
	}
	own := Run(scan("owncode.apk"), &declared.Policy{}, "en")
	if f := find(own.Findings, RulePermissionUnjustified, "android.permission.GET_TASKS"); f != nil {
		t.Errorf("GET_TASKS reported: %s", f.Message)
	}
	if f := find(own.Findings, RuleSDKUndeclared, "jiguang-core"); f != nil {
		t.Errorf("the app's own code reported as JCore: %s", f.Message)
	}
	if f := find(own.Findings, RuleSDKUndeclared, "umeng-analytics"); f == nil || f.Severity != High {
		t.Errorf("U-App: %+v, want a high finding", f)
	}
	nested := Run(scan("nested.apk"), &declared.Policy{}, "en")
	if f := find(nested.Findings, RuleSDKUndeclared, "bugly"); f == nil {
		t.Error("Bugly in the plugin not reported")
	}
	if !slices.ContainsFunc(nested.Warnings, func(w string) bool { return strings.Contains(w, "assets/secret.dex") }) {
		t.Errorf("warnings %q do not name the code not analysed", nested.Warnings)
	}
}
