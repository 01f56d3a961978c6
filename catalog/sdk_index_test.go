package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"reflect"
	"regexp"
	"slices"
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

// TestSignaturesAreUnshared keeps the catalog one entry per SDK: a
// signature (package, component, key, library, asset, string) that points
// at two entries would count one SDK twice, as would a library glob of one
// entry matching another's library. A package prefix may lie inside
// another entry's only when the catalog says how the two are related
// (one product family, an umbrella, a library one brings, one vendor):
// two unrelated entries nesting (butterknife. and butterknife.internal.)
// are one library filed twice.
func TestSignaturesAreUnshared(t *testing.T) {
	ix := Signatures()
	exact := map[EvidenceKind]map[string][]string{
		EvidenceDexPackage: ix.dex.asMap(), EvidenceComponent: ix.components.asMap(), EvidenceMetaData: ix.metaData.asMap(),
		EvidenceNativeLib: ix.libs.exact.asMap(), EvidenceAsset: ix.assets.exact.asMap(),
	}
	for kind, m := range exact {
		for p, ids := range m {
			if len(ids) > 1 {
				t.Errorf("%s signature %q belongs to %v", kind, p, ids)
			}
		}
	}
	for _, r := range ix.strs {
		if len(r.ids) > 1 {
			t.Errorf("string signature %q belongs to %v", r.pattern, r.ids)
		}
	}
	for kind, ps := range map[EvidenceKind]patternSet{EvidenceNativeLib: ix.libs, EvidenceAsset: ix.assets} {
		for _, g := range ps.globs {
			if len(g.ids) > 1 {
				t.Errorf("%s glob %q belongs to %v", kind, g.pattern, g.ids)
			}
			for name, ids := range ps.exact.asMap() {
				if ok, _ := path.Match(g.pattern, name); ok && ids[0] != g.ids[0] && !related(g.ids[0], ids[0]) {
					t.Errorf("%s glob %q of %s matches %q of %s", kind, g.pattern, g.ids[0], name, ids[0])
				}
			}
			for _, h := range ps.globs {
				if ok, _ := path.Match(g.pattern, h.pattern); ok && h.pattern != g.pattern && !related(g.ids[0], h.ids[0]) {
					t.Errorf("%s glob %q of %s matches glob %q of %s", kind, g.pattern, g.ids[0], h.pattern, h.ids[0])
				}
			}
		}
	}
	dex := ix.dex.asMap()
	for p, ids := range dex {
		for i := len(p) - 2; i > 0; i-- {
			if p[i] != '.' {
				continue
			}
			for _, outer := range dex[p[:i+1]] {
				if outer != ids[0] && !related(ids[0], outer) {
					t.Errorf("package %q of %s lies in %q of %s, and the catalog relates them in no way", p, ids[0], p[:i+1], outer)
				}
			}
		}
	}
}

// related: one product family, one covering the other, one bringing the
// other, or one vendor.
func related(a, b string) bool {
	sa, _ := SDKByID(a)
	sb, _ := SDKByID(b)
	switch {
	case sa.Family != "" && sa.Family == sb.Family, sa.Vendor != "" && sa.Vendor == sb.Vendor:
		return true
	}
	return slices.Contains(sa.CoveredBy, b) || slices.Contains(sb.CoveredBy, a) ||
		slices.Contains(sa.Brings, b) || slices.Contains(sb.Brings, a)
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

// TestByteMatcherInPieces: bytes searched as they arrive, cut anywhere, even
// through a signature, give what one search of them all gives.
func TestByteMatcherInPieces(t *testing.T) {
	ix := Signatures()
	if len(ix.strs) == 0 {
		t.Skip("no string signatures in the catalog")
	}
	var data []byte
	for i, r := range ix.strs {
		data = append(data, fmt.Sprintf("filler %d ", i)...)
		data = append(data, r.pattern...)
	}
	want := ix.MatchBytes(data)
	if len(want) != len(ix.strs) {
		t.Fatalf("one search found %d of %d signatures", len(want), len(ix.strs))
	}
	for step := 1; step <= 64; step++ {
		m := ix.NewByteMatcher()
		for from := 0; from < len(data); from += step {
			m.Search(data[:min(from+step, len(data))], from)
		}
		if got := m.Matches(); !reflect.DeepEqual(got, want) {
			t.Fatalf("in pieces of %d bytes: %d matches, want %d", step, len(got), len(want))
		}
	}
	// A signature cut off at the end of what has arrived is not found yet.
	last := ix.strs[len(ix.strs)-1].pattern
	m := ix.NewByteMatcher()
	m.Search(data[:len(data)-1], 0)
	for _, got := range m.Matches() {
		if got.Pattern == last && !bytes.Contains(data[:len(data)-1], []byte(last)) {
			t.Errorf("%q found before its last byte arrived", last)
		}
	}
}

// asMap is the table as the map it was made from.
func (t *signatureTable) asMap() map[string][]string {
	m := map[string][]string{}
	for i, p := range t.patterns {
		m[p] = t.ids[i]
	}
	return m
}

// TestSignatureTablesFindEveryPattern holds each table's lookup to its
// lists: every pattern is found with its ids, and names that are not
// patterns (a pattern cut short or lengthened) are not found.
func TestSignatureTablesFindEveryPattern(t *testing.T) {
	ix := Signatures()
	for _, st := range []*signatureTable{&ix.dex, &ix.components, &ix.metaData, &ix.libs.exact, &ix.assets.exact} {
		if len(st.patterns) != len(st.ids) {
			t.Fatalf("%d patterns, %d id lists", len(st.patterns), len(st.ids))
		}
		listed := st.asMap()
		for i, p := range st.patterns {
			if ids, ok := st.get(p); !ok || !slices.Equal(ids, st.ids[i]) {
				t.Errorf("get(%q) = %v, %v; want %v", p, ids, ok, st.ids[i])
			}
			for _, other := range []string{p[:len(p)-1], p + "x", strings.ToUpper(p)} {
				if _, ok := listed[other]; ok {
					continue
				}
				if ids, ok := st.get(other); ok {
					t.Errorf("get(%q) = %v, not a pattern", other, ids)
				}
			}
		}
	}
	if len(ix.dex.patterns) < 500 || len(ix.components.patterns) < 500 {
		t.Errorf("%d package and %d component signatures: the catalog has more", len(ix.dex.patterns), len(ix.components.patterns))
	}
}

// TestMatchClassHashesAsLookups holds MatchClass, which hashes a name once,
// to a lookup per package level (matchClassDeep, which it falls back on for
// names of more levels than it keeps hashes for).
func TestMatchClassHashesAsLookups(t *testing.T) {
	ix := Signatures()
	deep := strings.Repeat("a.", 30)
	for _, p := range ix.dex.patterns {
		for _, class := range []string{p + "Main", p + "x.y.Z", p[:len(p)-1] + "x.Y", deep + p + "Z", p + deep + "Z", "." + p + "Z", p} {
			got, gotOK := ix.MatchClass(class)
			want, wantOK := ix.matchClassDeep(class)
			if gotOK != wantOK || !reflect.DeepEqual(got, want) {
				t.Fatalf("MatchClass(%q) = %v, %v; one lookup per level gives %v, %v", class, got, gotOK, want, wantOK)
			}
		}
	}
	if m, ok := ix.MatchClass("cn.jpush.android.service.PushService"); !ok || m.Pattern != "cn.jpush.android." {
		t.Errorf("MatchClass(cn.jpush.android.service.PushService) = %v, %v", m, ok)
	}
}
