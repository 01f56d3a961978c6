package catalog

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
)

func TestSignatureIndex(t *testing.T) {
	ix := Signatures()
	tests := []struct {
		name  string
		match func(string) (Match, bool)
		in    string
		want  string // SDK id; "" for no match
	}{
		{"class", ix.MatchClass, "cn.jpush.android.service.PushService", "jpush"},
		{"class longest prefix", ix.MatchClass, "cn.jiguang.verifysdk.api.JVerificationInterface", "jverification"},
		{"class parent", ix.MatchClass, "cn.jiguang.api.JCoreInterface", "jiguang-core"},
		{"class umeng", ix.MatchClass, "com.umeng.analytics.MobclickAgent", "umeng-analytics"},
		{"class firebase product", ix.MatchClass, "com.google.firebase.analytics.FirebaseAnalytics", "firebase-analytics"},
		{"class no partial segment", ix.MatchClass, "cn.jpushx.Foo", ""},
		{"class app code", ix.MatchClass, "com.example.app.MainActivity", ""},
		{"component", ix.MatchComponent, "cn.jpush.android.service.PushService", "jpush"},
		{"component proxy channel", ix.MatchComponent, "cn.jpush.android.service.PluginXiaomiPlatformsReceiver", "jpush-xiaomi-channel"},
		{"meta-data", ix.MatchMetaData, "JPUSH_APPKEY", "jiguang-core"},
		{"meta-data umeng", ix.MatchMetaData, "UMENG_APPKEY", "umeng-common"},
		{"meta-data amap", ix.MatchMetaData, "com.amap.api.v2.apikey", "amap-map"},
		{"meta-data baidu", ix.MatchMetaData, "com.baidu.lbsapi.API_KEY", "baidu-map"},
		{"meta-data getui", ix.MatchMetaData, "PUSH_APPID", "getui"},
		{"native glob", ix.MatchNativeLib, "lib/arm64-v8a/libjcore400.so", "jiguang-core"},
		{"native exact", ix.MatchNativeLib, "lib/armeabi-v7a/libBugly.so", "bugly"},
		{"native none", ix.MatchNativeLib, "lib/arm64-v8a/libmyapp.so", ""},
		{"asset", ix.MatchAsset, "assets/supplierconfig.json", "msa-oaid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := tt.match(tt.in)
			if tt.want == "" {
				if ok {
					t.Errorf("%q matched %v, want no match", tt.in, m)
				}
				return
			}
			if !ok || len(m.SDKs) != 1 || m.SDKs[0] != tt.want {
				t.Errorf("%q = %v, %v; want %s", tt.in, m, ok, tt.want)
			}
		})
	}
	if ms := ix.MatchStrings("https://ssp.bianxianmao.com/api"); len(ms) != 1 || ms[0].SDKs[0] != "bianxianmao" {
		t.Errorf("MatchStrings = %v", ms)
	}
}

// TestSignaturesAreUnshared lists package prefixes and components that
// point at more than one entry; a detector could not tell those SDKs apart.
func TestSignaturesAreUnshared(t *testing.T) {
	ix := Signatures()
	for _, m := range []map[string][]string{ix.dex, ix.components, ix.metaData} {
		for p, ids := range m {
			if len(ids) > 1 {
				t.Errorf("signature %q belongs to %v", p, ids)
			}
		}
	}
}

// syntheticClasses returns n class names spread over catalog packages and
// app-like packages, as a dex of a large app would have.
func syntheticClasses(n int) []string {
	var prefixes []string
	for _, s := range SDKs() {
		prefixes = append(prefixes, s.Signatures.DexPackages...)
	}
	for i, n := 0, len(prefixes); i < n; i++ {
		prefixes = append(prefixes, fmt.Sprintf("com.example.feature%d.ui.", i))
	}
	sort.Strings(prefixes)
	classes := make([]string, n)
	for i := range classes {
		classes[i] = fmt.Sprintf("%sinternal.a%d.Class%d", prefixes[i%len(prefixes)], i%7, i)
	}
	sort.Strings(classes)
	return classes
}

func BenchmarkMatchClass100k(b *testing.B) {
	classes := syntheticClasses(100_000)
	ix := Signatures()
	b.ResetTimer()
	for b.Loop() {
		hits := 0
		for _, c := range classes {
			if _, ok := ix.MatchClass(c); ok {
				hits++
			}
		}
		if hits == 0 {
			b.Fatal("no hits")
		}
	}
}

type exodusFile struct {
	Trackers map[string]struct {
		Name          string `json:"name"`
		CodeSignature string `json:"code_signature"`
	} `json:"trackers"`
}

// bigTrackers must stay covered: they are the trackers found most often in
// Chinese and international apps.
var bigTrackers = []string{
	"Google Firebase Analytics", "Google CrashLytics", "Google AdMob", "Facebook Login",
	"Facebook Analytics", "Umeng Analytics", "JiGuang Aurora Mobile JPush", "Bugly", "AutoNavi / Amap",
	"Baidu Map", "Baidu Location",
}

// TestExodusCoverage reports the Exodus trackers whose code signatures no
// catalog package prefix covers. The Exodus list (GPL-3.0) is read only here.
func TestExodusCoverage(t *testing.T) {
	data, err := os.ReadFile("../testdata/reference/exodus-trackers.json")
	if err != nil {
		t.Fatal(err)
	}
	var ex exodusFile
	if err := json.Unmarshal(data, &ex); err != nil {
		t.Fatal(err)
	}
	var prefixes []string
	for _, s := range SDKs() {
		prefixes = append(prefixes, s.Signatures.DexPackages...)
	}
	covered := map[string]bool{}
	var missing []string
	meta := regexp.MustCompile(`[\\^$*+?()\[\]{}]`)
	for _, tr := range ex.Trackers {
		ok := false
		for _, sig := range strings.Split(tr.CodeSignature, "|") {
			sig = strings.TrimSuffix(strings.ReplaceAll(sig, `\.`, "."), ".")
			if sig == "" || meta.MatchString(sig) {
				continue
			}
			for _, p := range prefixes {
				// The catalog prefix is the tracker's package or one inside it.
				if strings.HasPrefix(sig+".", p) || strings.HasPrefix(p, sig+".") {
					ok = true
					break
				}
			}
			if ok {
				break
			}
		}
		if ok {
			covered[tr.Name] = true
		} else if tr.CodeSignature != "" {
			missing = append(missing, tr.Name)
		}
	}
	sort.Strings(missing)
	t.Logf("Exodus trackers covered: %d of %d; not covered:\n  %s", len(covered), len(ex.Trackers),
		strings.Join(missing, "\n  "))
	for _, name := range bigTrackers {
		if !covered[name] {
			t.Errorf("Exodus tracker %q is not covered by any catalog package prefix", name)
		}
	}
}
