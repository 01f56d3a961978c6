package diff

import (
	"strings"
	"testing"

	"privdiff/apk"
	"privdiff/catalog"
	"privdiff/declared"
)

// TestLibraryCallsAreTheApps: AndroidX's TelephonyManagerCompat reads the
// IMEI only when the app asks it to; the finding is the app's, quoting the
// app's own calling class when there is one.
func TestLibraryCallsAreTheApps(t *testing.T) {
	obs := &apk.Observed{APIs: []apk.APIUse{
		{API: "android.telephony.TelephonyManager.getDeviceId", DataType: "imei", Callers: []apk.Caller{
			{Class: "androidx.core.telephony.TelephonyManagerCompat", SDK: "jetpack-core", Via: "call"},
			{Class: "com.example.Device", SDK: "app", Via: "call"},
		}},
		{API: "android.content.ClipboardManager.getPrimaryClip", DataType: "clipboard", Callers: []apk.Caller{
			{Class: "androidx.appcompat.widget.AppCompatReceiveContentHelper", SDK: "jetpack-appcompat", Via: "call"},
		}},
	}}
	fs := Compare(obs, &declared.Policy{})
	if len(fs) != 2 {
		t.Fatalf("findings %+v", fs)
	}
	for _, f := range fs {
		if f.SDK != "" {
			t.Errorf("%s attributed to %q, want the app", f.DataType, f.SDK)
		}
	}
	if fs[1].DataType != "imei" || fs[1].Observed.Class != "com.example.Device" {
		t.Errorf("imei evidence %+v, want the app's own class", fs[1].Observed)
	}
}

// TestUnavailableCallsAreNotes: a call whose permission the app does not
// request collects nothing. Alone it is an info note saying what it would
// collect; beside a call that can collect, the finding stays high and
// quotes that call.
func TestUnavailableCallsAreNotes(t *testing.T) {
	audio := &catalog.Requirement{AllOf: []string{"android.permission.RECORD_AUDIO"}}
	phone := &catalog.Requirement{AnyOf: []string{"android.permission.READ_PHONE_STATE"}}
	obs := &apk.Observed{APIs: []apk.APIUse{
		{API: "android.media.AudioRecord.<init>", DataType: "microphone", Requires: audio, Unavailable: "permission", Callers: []apk.Caller{
			{Class: "n.j1", SDK: "unknown", Via: "call"},
		}},
		{API: "android.telephony.TelephonyManager.getDeviceId", DataType: "imei", Requires: phone, Unavailable: "permission", Callers: []apk.Caller{
			{Class: "a.a", SDK: "jpush", Via: "call"},
		}},
		{API: "android.telephony.TelephonyManager.getImei", DataType: "imei", Requires: phone, Callers: []apk.Caller{
			{Class: "b.b", SDK: "jpush", Via: "call"},
		}},
	}}
	fs := Compare(obs, &declared.Policy{})
	Localize(fs, "en")
	tests := []struct {
		dataType string
		severity Severity
		class    string
		message  string
	}{
		{"imei", High, "b.b", "calls an API that collects IMEI"},
		{"microphone", Info, "n.j1", "would collect microphone if granted RECORD_AUDIO"},
	}
	if len(fs) != len(tests) {
		t.Fatalf("findings %+v", fs)
	}
	for i, tt := range tests {
		f := fs[i]
		if f.DataType != tt.dataType || f.Severity != tt.severity || f.Observed.Class != tt.class || !strings.Contains(f.Message, tt.message) {
			t.Errorf("finding %d: %s %s %s %q, want %s %s %s …%q…", i, f.DataType, f.Severity, f.Observed.Class, f.Message, tt.dataType, tt.severity, tt.class, tt.message)
		}
	}
}

// TestCallGraphCallerNamesSDK: on the callcontext fixture, the IMEI read
// by JPush's obfuscated helper is JPush's finding, saying why; the helper
// the app also calls stays unattributed.
func TestCallGraphCallerNamesSDK(t *testing.T) {
	obs, err := apk.ScanFile("../testdata/apks/callcontext.apk", apk.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fs := Compare(obs, &declared.Policy{})
	Localize(fs, "en")
	imei := find(fs, RuleDataUndeclared, "imei")
	if imei == nil || imei.SDK != "jpush" || imei.Observed.Attribution != "call-graph" || !strings.Contains(imei.Message, "called only from that SDK's code") {
		t.Errorf("imei finding %+v", imei)
	}
	phone := find(fs, RuleDataUndeclared, "phone-number")
	if phone == nil || phone.SDK != "" || phone.Observed.CallerSDK != "unknown" {
		t.Errorf("phone-number finding %+v", phone)
	}
}

// TestOnDeviceCallsAreNotCollection: a library that uses the location on
// the device (AppCompat's night mode, apk marks it) collects nothing, even
// where the app holds a location permission; the app's own call beside it
// is still its collection.
func TestOnDeviceCallsAreNotCollection(t *testing.T) {
	for _, own := range []bool{false, true} {
		callers := []apk.Caller{{Class: "android.support.v7.app.TwilightManager", SDK: "support-library", Via: "call", OnDevice: true}}
		if own {
			callers = append(callers, apk.Caller{Class: "com.example.Map", SDK: "app", Via: "call"})
		}
		obs := &apk.Observed{APIs: []apk.APIUse{{API: "android.location.LocationManager.getLastKnownLocation", DataType: "location", Callers: callers}}}
		fs := Compare(obs, &declared.Policy{})
		switch {
		case !own && len(fs) != 0:
			t.Errorf("on-device use alone: findings %+v", fs)
		case own && (len(fs) != 1 || fs[0].Observed.Class != "com.example.Map"):
			t.Errorf("with the app's own call: findings %+v", fs)
		}
	}
}
