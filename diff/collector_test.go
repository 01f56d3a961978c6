package diff

import (
	"testing"

	"privdiff/apk"
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
