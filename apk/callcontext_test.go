package apk

import (
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"privdiff/catalog"
)

// apiCallers lists each caller as "dataType api class sdk attribution
// unavailable", the facts the call-context rules decide.
func apiCallers(obs *Observed) []string {
	var out []string
	for _, a := range obs.APIs {
		for _, c := range a.Callers {
			out = append(out, fmt.Sprintf("%s %s %s %s %s %s", a.DataType, a.API, c.Class, c.SDK, c.Attribution, a.Unavailable))
		}
	}
	return out
}

// The callcontext fixture holds each shape in smali: R8-renamed
// text-selection and paste code, a launcher query that is the app list and
// one that is one package's, a wrapper that gets its intent from outside,
// JPush's obfuscated helpers, a helper shared by the app and JPush, and
// audio recording with RECORD_AUDIO only up to API 20 (minSdk 21).
func TestCallContextFixture(t *testing.T) {
	got := apiCallers(scanFixture(t, "callcontext.apk"))
	want := []string{
		// Read when the activity starts: no paste menu id in the method.
		"clipboard android.content.ClipboardManager.getPrimaryClip org.privdiff.fixture.callcontext.MainActivity app package ",
		// x1.a$a is part of x1.a, which only JPush calls.
		"iccid android.telephony.TelephonyManager.getSimSerialNumber x1.a$a jpush call-graph ",
		"imei android.telephony.TelephonyManager.getDeviceId x1.a jpush call-graph ",
		// Nothing calls x1.b by name; its obfuscated package is JPush's.
		"imsi android.telephony.TelephonyManager.getSubscriberId x1.b jpush call-graph ",
		// Every launcher activity: the installed-app list.
		"installed-apps android.content.pm.PackageManager.queryIntentActivities l0.u unknown none ",
		"microphone android.media.AudioRecord.<init> org.privdiff.fixture.callcontext.MainActivity app package permission",
		"microphone android.media.AudioRecord.startRecording org.privdiff.fixture.callcontext.MainActivity app package permission",
		// Called by the app and by JPush: nobody's.
		"phone-number android.telephony.TelephonyManager.getLine1Number y1.a unknown none ",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("callers:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

// On real apps: what the rules drop (framework code acting for the user)
// and what they must keep (real collection, the pairs' expected findings).
func TestCallContextRealAPKs(t *testing.T) {
	tests := []struct {
		apk string
		// present are "dataType class sdk attribution unavailable" that
		// must be reported; absent are "dataType class" that must not.
		present, absent []string
	}{
		{
			apk: "../testdata/pairs/yuekuan/app.apk",
			present: []string{
				// The Weibo SDK's helpers, expected by the pair; without
				// READ_PHONE_STATE the IMEI and serial cannot be read.
				"imei com.weibo.ssosdk.WeiboSsoSdk",
				"android-id com.weibo.ssosdk.WeiboSsoSdk",
				"mac w6.a",
				"wifi-info w6.a",
				"serial w6.a",
			},
			absent: []string{
				"clipboard androidx.appcompat.widget.AppCompatEditText", // paste menu
				"installed-apps y0.g$a",                                 // PROCESS_TEXT menu
				"installed-apps d.f",                                    // one settings action
			},
		},
		{
			apk: "../testdata/pairs/yinxing/app.apk",
			// A launcher: its app drawer is the installed-app list.
			present: []string{"installed-apps z2", "location i4"},
			absent: []string{
				"clipboard t4",       // obfuscated EditText paste
				"installed-apps de0", // PROCESS_TEXT menu
				"installed-apps gt",  // MAIN+LAUNCHER for one package
				"installed-apps i0",  // a wrapper given its intent
				"installed-apps com.google.android.accessibility.selecttospeak.SelectToSpeakService", // home apps
			},
		},
		{
			apk: apiDemos,
			present: []string{
				"clipboard io.appium.android.apis.content.ClipboardSample",
				"installed-apps io.appium.android.apis.app.LoaderCustom$AppListLoader",
				"installed-apps io.appium.android.apis.view.Grid1",
			},
			absent: []string{
				"clipboard androidx.appcompat.widget.AppCompatReceiveContentHelper",
				"installed-apps androidx.appcompat.widget.ActivityChooserModel",
				"installed-apps androidx.core.widget.TextViewCompat$OreoCallback",
				"installed-apps io.appium.android.apis.app.VoiceRecognition",
			},
		},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(filepath.Dir(tt.apk))+"/"+filepath.Base(tt.apk), func(t *testing.T) {
			requireFile(t, tt.apk, "run scripts/fetch-apidemos.sh")
			obs, err := ScanFile(tt.apk, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, a := range obs.APIs {
				for _, c := range a.Callers {
					got[a.DataType+" "+c.Class] = true
				}
			}
			for _, p := range tt.present {
				if !got[p] {
					t.Errorf("%s not reported", p)
				}
			}
			for _, a := range tt.absent {
				if got[a] {
					t.Errorf("%s reported", a)
				}
			}
		})
	}
}

// Class 1 on real apps: calls whose permission the app does not request,
// or whose data the app's platforms no longer return.
func TestUnavailableRealAPKs(t *testing.T) {
	tests := []struct {
		apk  string
		want []string // "dataType api class sdk attribution unavailable"
	}{
		// yuekuan requests neither READ_PHONE_STATE nor RECORD_AUDIO (CameraX
		// and a picture selector hold AudioRecord code). Class 3: the Weibo
		// SSO helper is Weibo's by the catalog's com.weibo.ssosdk. prefix,
		// and the obfuscated w6.a is called only from it.
		{"../testdata/pairs/yuekuan/app.apk", []string{
			"imei android.telephony.TelephonyManager.getDeviceId com.weibo.ssosdk.WeiboSsoSdk weibo package permission",
			"serial android.os.Build.getSerial w6.a weibo call-graph permission",
			"microphone android.media.AudioRecord.<init> n.j1 unknown none permission",
			"wifi-info android.net.wifi.WifiManager.getConnectionInfo w6.a weibo call-graph ",
			"mac java.net.NetworkInterface.getHardwareAddress w6.a weibo call-graph ",
		}},
		// The Weibo SDK's JNI device-id class: nothing in the dex calls it,
		// it loads libweibosdkcore.so.
		{"../testdata/realapks/weibo-sdk-demo-3.1.4.apk", []string{
			"imei android.telephony.TelephonyManager.getDeviceId com.sina.deviceidjnisdk.DeviceId weibo strings ",
		}},
		// yinxing requests no location permission.
		{"../testdata/pairs/yinxing/app.apk", []string{
			"location android.location.LocationManager.getLastKnownLocation i4 unknown none permission",
			"contacts android.content.ContentResolver.query c30 unknown none ",
		}},
		// JPush's location code in an app without location permissions;
		// AppCompat's night mode asks for the location too.
		{"../testdata/realapks/jbox.apk", []string{
			"location android.location.LocationManager.getLastKnownLocation cn.jpush.android.a.g jpush package permission",
			"location android.location.LocationManager.getLastKnownLocation android.support.v7.app.TwilightManager support-library package permission",
		}},
		// Build.SERIAL is "unknown" for an app targeting API 26+.
		{"../testdata/realapks/androidproject.apk", []string{
			"serial android.os.Build.SERIAL com.umeng.analytics.pro.aj umeng-analytics package target-sdk",
		}},
		// ApiDemos requests no READ_PHONE_STATE; it does request RECORD_AUDIO.
		{apiDemos, []string{
			"imei android.telephony.TelephonyManager.getDeviceId androidx.core.telephony.TelephonyManagerCompat jetpack-core package permission",
			"camera android.hardware.Camera.open io.appium.android.apis.graphics.CameraPreview app package ",
		}},
		// Class 3 on a real app: Tinker's service helper, which only
		// Bugly's hot-fix code (and Tinker's, which nothing else calls) uses.
		{"../testdata/realapks/bugly-hotfix-demo.apk", []string{
			"running-apps android.app.ActivityManager.getRunningAppProcesses com.tencent.tinker.lib.util.TinkerServiceInternals bugly call-graph ",
		}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.apk), func(t *testing.T) {
			requireFile(t, tt.apk, "run scripts/fetch-apidemos.sh")
			obs, err := ScanFile(tt.apk, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := apiCallers(obs)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %q", w)
				}
			}
		})
	}
}

// TestUnavailable: whether an API can return its data in an app, from the
// manifest's permissions (maxSdkVersion, uses-permission-sdk-23, implied
// by an old target) and the platforms the app runs on.
func TestUnavailable(t *testing.T) {
	maxSdk := func(n int) *int { return &n }
	p := func(name string) Permission { return Permission{Name: "android.permission." + name} }
	tests := []struct {
		name           string
		api, dataType  string
		perms          []Permission
		minSdk, target int
		want           string
	}{
		{"imei with the permission", "android.telephony.TelephonyManager.getDeviceId", "imei", []Permission{p("READ_PHONE_STATE")}, 21, 33, ""},
		{"imei without it", "android.telephony.TelephonyManager.getDeviceId", "imei", nil, 21, 33, "permission"},
		{"imei implied for a target below 4", "android.telephony.TelephonyManager.getDeviceId", "imei", nil, 1, 3, ""},
		{"imei only on Android 10+", "android.telephony.TelephonyManager.getDeviceId", "imei", []Permission{p("READ_PHONE_STATE")}, 29, 33, "min-sdk"},
		{"imei for a system app", "android.telephony.TelephonyManager.getDeviceId", "imei", []Permission{p("READ_PHONE_STATE"), p("READ_PRIVILEGED_PHONE_STATE")}, 29, 33, ""},
		{"permission only below minSdk", "android.telephony.TelephonyManager.getDeviceId", "imei", []Permission{{Name: "android.permission.READ_PHONE_STATE", MaxSdkVersion: maxSdk(20)}}, 21, 33, "permission"},
		{"permission on some platforms", "android.telephony.TelephonyManager.getDeviceId", "imei", []Permission{{Name: "android.permission.READ_PHONE_STATE", MaxSdkVersion: maxSdk(22)}}, 21, 33, ""},
		{"sdk-23 permission capped below 23", "android.telephony.TelephonyManager.getDeviceId", "imei", []Permission{{Name: "android.permission.READ_PHONE_STATE", SDK23: true, MaxSdkVersion: maxSdk(22)}}, 21, 33, "permission"},
		{"fine location alone", "android.location.LocationManager.getLastKnownLocation", "location", []Permission{p("ACCESS_FINE_LOCATION")}, 21, 33, ""},
		{"scan results need location too", "android.net.wifi.WifiManager.getScanResults", "wifi-info", []Permission{p("ACCESS_WIFI_STATE")}, 21, 33, "permission"},
		{"scan results with both", "android.net.wifi.WifiManager.getScanResults", "wifi-info", []Permission{p("ACCESS_WIFI_STATE"), p("ACCESS_COARSE_LOCATION")}, 21, 33, ""},
		{"call log by READ_CONTACTS before API 16", "android.content.ContentResolver.query", "call-log", []Permission{p("READ_CONTACTS")}, 9, 15, ""},
		{"call log needs READ_CALL_LOG from 16", "android.content.ContentResolver.query", "call-log", []Permission{p("READ_CONTACTS")}, 21, 16, "permission"},
		{"Build.SERIAL before target 26", "android.os.Build.SERIAL", "serial", nil, 21, 25, ""},
		{"Build.SERIAL from target 26", "android.os.Build.SERIAL", "serial", nil, 21, 26, "target-sdk"},
		{"Wi-Fi MAC before Android 6", "android.net.wifi.WifiInfo.getMacAddress", "mac", []Permission{p("ACCESS_WIFI_STATE")}, 21, 33, ""},
		{"Wi-Fi MAC from Android 6 only", "android.net.wifi.WifiInfo.getMacAddress", "mac", []Permission{p("ACCESS_WIFI_STATE")}, 23, 33, "min-sdk"},
		{"Bluetooth MAC by BLUETOOTH before target 31", "android.bluetooth.BluetoothAdapter.getAddress", "mac", []Permission{p("BLUETOOTH")}, 21, 30, ""},
		{"no permission needed", "android.provider.Settings$Secure.getString", "android-id", nil, 21, 33, ""},
	}
	ix := catalog.Signatures()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			obs := &Observed{App: App{Package: "com.example", MinSdk: tt.minSdk, TargetSdk: tt.target}, Permissions: tt.perms}
			attributeAPIs(obs, map[callSite]int{{tt.api, tt.dataType, "com.example.A", "call"}: 1}, ix)
			if len(obs.APIs) != 1 {
				t.Fatalf("APIs %+v", obs.APIs)
			}
			if got := obs.APIs[0].Unavailable; got != tt.want {
				t.Errorf("unavailable %q, want %q", got, tt.want)
			}
		})
	}
}

// Class 2 on real apps: a library that only runs inside the app and uses
// a sensitive value itself (AppCompat's night mode reads the location to
// tell day from night) is marked on-device, whatever the app's
// permissions; a wrapper that returns the value to the app, or a call
// whose value reaches a listener, is not.
func TestOnDeviceRealAPKs(t *testing.T) {
	tests := []struct {
		apk, api, class string
		onDevice        bool
	}{
		// The support library's TwilightManager: getLastKnownLocationForProvider
		// returns the location to private getLastKnownLocation, which returns
		// it to isNight, which keeps only day or night.
		{"../testdata/realapks/jbox.apk", "android.location.LocationManager.getLastKnownLocation", "android.support.v7.app.TwilightManager", true},
		{"../testdata/realapks/exodus-blooddonation.apk", "android.location.LocationManager.getLastKnownLocation", "android.support.v7.app.TwilightManager", true},
		{apiDemos, "android.location.LocationManager.getLastKnownLocation", "androidx.appcompat.app.TwilightManager", true},
		// JPush's own location code is a vendor's: never marked.
		{"../testdata/realapks/jbox.apk", "android.location.LocationManager.getLastKnownLocation", "cn.jpush.android.a.g", false},
		// Wrappers return the value to the app: the app's collection.
		{apiDemos, "android.telephony.TelephonyManager.getDeviceId", "androidx.core.telephony.TelephonyManagerCompat", false},
		{apiDemos, "android.location.LocationManager.getLastKnownLocation", "androidx.core.location.LocationManagerCompat", false},
		// osmdroid's public LocationUtils.getLastKnownLocation returns it
		// (through a private helper and a backward jump to the return).
		{"../testdata/realapks/exodus-blooddonation.apk", "android.location.LocationManager.getLastKnownLocation", "org.osmdroid.util.LocationUtils", false},
		// Updates go to a listener the caller passes.
		{apiDemos, "android.location.LocationManager.requestLocationUpdates", "androidx.core.location.LocationManagerCompat", false},
		{"../testdata/realapks/exodus-blooddonation.apk", "android.location.LocationManager.requestLocationUpdates", "org.osmdroid.views.overlay.mylocation.GpsMyLocationProvider", false},
	}
	scans := map[string]*Observed{}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.apk)+"/"+tt.class, func(t *testing.T) {
			requireFile(t, tt.apk, "run scripts/fetch-apidemos.sh")
			obs := scanOnce(t, scans, tt.apk)
			found := false
			for _, a := range obs.APIs {
				for _, c := range a.Callers {
					if a.API == tt.api && c.Class == tt.class {
						found = true
						if c.OnDevice != tt.onDevice {
							t.Errorf("onDevice = %v, want %v", c.OnDevice, tt.onDevice)
						}
					}
				}
			}
			if !found {
				t.Errorf("%s %s not reported", tt.api, tt.class)
			}
		})
	}
}
