package apk

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"
)

func scanFixture(t *testing.T, name string) *Observed {
	t.Helper()
	obs, err := ScanFile(filepath.Join("../testdata/apks", name), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return obs
}

// The full fixture's manifest exercises every export rule Android applies
// to an app targeting API 30.
func TestFullFixtureComponents(t *testing.T) {
	obs := scanFixture(t, "full.apk")
	type want struct {
		typ               string
		exported, implied bool
	}
	wants := map[string]want{
		"org.privdiff.fixture.full.MainActivity":     {"activity", true, false},
		"org.privdiff.fixture.full.ShareActivity":    {"activity", true, true},   // intent-filter, no attribute
		"org.privdiff.fixture.full.SettingsActivity": {"activity", false, true},  // neither
		"org.privdiff.fixture.full.InternalActivity": {"activity", false, false}, // explicit false wins over its filter
		"org.privdiff.fixture.full.LauncherAlias":    {"activity-alias", true, false},
		"cn.jpush.android.service.PushService":       {"service", false, false},
		"org.privdiff.fixture.full.SyncService":      {"service", false, true},
		"cn.jpush.android.service.PushReceiver":      {"receiver", true, true},
		"org.privdiff.fixture.full.BootReceiver":     {"receiver", true, false}, // exported="@bool/…" resolved
		"org.privdiff.fixture.full.DataProvider":     {"provider", false, true}, // target ≥ 17: not exported
		"org.privdiff.fixture.full.SharedProvider":   {"provider", true, false},
	}
	if len(obs.Components) != len(wants) {
		t.Errorf("%d components, want %d", len(obs.Components), len(wants))
	}
	for _, c := range obs.Components {
		w, ok := wants[c.Name]
		if !ok {
			t.Errorf("unexpected component %s", c.Name)
			continue
		}
		if c.Type != w.typ || c.Exported != w.exported || c.ExportedImplied != w.implied {
			t.Errorf("%s: type %s exported %v implied %v; want %s %v %v", c.Name, c.Type, c.Exported, c.ExportedImplied, w.typ, w.exported, w.implied)
		}
	}
}

func TestFullFixtureMetaDataAndLibs(t *testing.T) {
	obs := scanFixture(t, "full.apk")
	got := map[string]string{}
	for _, m := range obs.MetaData {
		got[m.Component+"|"+m.Name] = m.Value
	}
	want := map[string]string{
		"|UMENG_APPKEY":           "5f0c1a2b3c4d5e6f7a8b9c0d",         // @string
		"|UMENG_CHANNEL":          "official",                         // literal
		"|JPUSH_APPKEY":           "1c29cb5814072b5b1f8ef829",         // literal
		"|com.amap.api.v2.apikey": "0123456789abcdef0123456789abcdef", // @string
		"|org.privdiff.MAX_ITEMS": "42",                               // @integer
		"|org.privdiff.DEBUG":     "false",                            // @bool
		"|org.privdiff.RETRIES":   "3",                                // int literal
		"|org.privdiff.PATHS":     "res/xml/file_paths.xml",           // android:resource
		"org.privdiff.fixture.full.ShareActivity|org.privdiff.SHARE_TITLE": "Share with privdiff",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("meta-data:\n got %v\nwant %v", got, want)
	}
	wantLibs := []string{
		"lib/arm64-v8a/libjcore236.so", "lib/arm64-v8a/libnative-demo.so",
		"lib/x86_64/libjcore236.so", "lib/x86_64/libnative-demo.so",
	}
	if !reflect.DeepEqual(obs.NativeLibs, wantLibs) {
		t.Errorf("native libs = %q, want %q", obs.NativeLibs, wantLibs)
	}
	levels := map[string]string{}
	for _, p := range obs.Permissions {
		levels[p.Name] = p.ProtectionLevel
	}
	for name, level := range map[string]string{
		"android.permission.CAMERA":                         "dangerous",
		"android.permission.INTERNET":                       "normal",
		"android.permission.SYSTEM_ALERT_WINDOW":            "signature",
		"org.privdiff.fixture.full.permission.PUSH_MESSAGE": "signature", // the app's own <permission>
	} {
		if levels[name] != level {
			t.Errorf("%s: protection level %q, want %q", name, levels[name], level)
		}
	}
}

func TestMultidexFixture(t *testing.T) {
	obs := scanFixture(t, "multidex.apk")
	var files []string
	for _, e := range obs.Dex.Entries {
		files = append(files, e.File)
	}
	if want := []string{"classes.dex", "classes2.dex", "classes3.dex"}; !reflect.DeepEqual(files, want) {
		t.Errorf("dex entries %q, want %q", files, want)
	}
	if obs.Dex.Classes != 12 {
		t.Errorf("%d classes, want 12", obs.Dex.Classes)
	}
	pkgs := map[string]int{}
	for _, p := range obs.Dex.Packages {
		pkgs[p.Name] = p.Classes
	}
	want := map[string]int{
		"org.privdiff.fixture.multidex": 3, "org.privdiff.fixture.multidex.util": 2,
		"com.umeng.analytics": 1, "com.umeng.analytics.pro": 2, "com.umeng.commonsdk": 1,
		"cn.jpush.android.api": 1, "cn.jpush.android.service": 2,
	}
	if !reflect.DeepEqual(pkgs, want) {
		t.Errorf("packages %v, want %v", pkgs, want)
	}
}

// A split set is one app: identity from the base, native libraries from the
// ABI split, whichever container format carries it.
func TestSplitSets(t *testing.T) {
	for _, tt := range []struct {
		file  string
		files []string
	}{
		{"splitapp.apks", []string{"base.apk", "split_config.arm64_v8a.apk"}},
		{"splitapp.xapk", []string{"org.privdiff.fixture.split.apk", "config.arm64_v8a.apk"}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			obs := scanFixture(t, tt.file)
			a := obs.App
			if a.Package != "org.privdiff.fixture.split" || a.VersionCode != 12 || a.MinSdk != 24 || a.TargetSdk != 34 || a.Label != "Privdiff Split" {
				t.Errorf("app = %+v", a)
			}
			if !reflect.DeepEqual(a.Files, tt.files) {
				t.Errorf("files = %q, want %q", a.Files, tt.files)
			}
			if !reflect.DeepEqual(obs.NativeLibs, []string{"lib/arm64-v8a/libsplitdemo.so"}) {
				t.Errorf("native libs = %q", obs.NativeLibs)
			}
			if obs.Dex.Files != 1 || obs.Dex.Classes != 1 {
				t.Errorf("dex = %+v", obs.Dex)
			}
			if len(obs.Permissions) != 2 || len(obs.Warnings) != 0 {
				t.Errorf("permissions %v, warnings %q", obs.Permissions, obs.Warnings)
			}
			if _, err := json.Marshal(obs); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// An .xapk whose manifest.json disagrees with the APKs it holds is still read
// from the APKs, with the disagreement reported.
func TestXAPKManifestMismatch(t *testing.T) {
	base := fixtureEntry(t, "../testdata/apks/splitapp.xapk", "org.privdiff.fixture.split.apk")
	data := buildZip(t,
		entry{"manifest.json", []byte(`{"package_name":"com.example.other","split_apks":[{"file":"org.privdiff.fixture.split.apk","id":"base"},{"file":"config.x86.apk","id":"config.x86"}]}`)},
		entry{"org.privdiff.fixture.split.apk", base})
	obs, err := Scan(bytes.NewReader(data), int64(len(data)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if obs.App.Package != "org.privdiff.fixture.split" {
		t.Errorf("package %q, want the base APK's", obs.App.Package)
	}
	for _, want := range []string{`manifest.json names package "com.example.other"`, "manifest.json lists config.x86.apk"} {
		if !containsString(obs.Warnings, want) {
			t.Errorf("warnings %q lack %q", obs.Warnings, want)
		}
	}
}

// Apps targeting API 31+ must say whether a component with an intent-filter
// is exported; Android refuses to install them otherwise, so privdiff warns.
// The minimal fixture (target 33) has such a launcher activity.
func TestImpliedExportOnAPI31(t *testing.T) {
	obs := scanFixture(t, "minimal.apk")
	if !containsString(obs.Warnings, "activity org.privdiff.fixture.minimal.MainActivity has an intent-filter but no android:exported") {
		t.Errorf("warnings %q", obs.Warnings)
	}
	if full := scanFixture(t, "full.apk"); containsString(full.Warnings, "no android:exported") {
		t.Errorf("full fixture targets API 30 and must not warn: %q", full.Warnings)
	}
}
