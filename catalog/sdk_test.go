package catalog

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

type goldFile struct {
	SDKs []struct {
		NameAsWritten    string   `json:"name_as_written"`
		AliasesAsWritten []string `json:"aliases_as_written"`
		PlatformNote     *string  `json:"platform_note"`
	} `json:"sdks"`
}

// TestSeedPolicyNamesResolve resolves every SDK name written in the
// hand-checked seed policies (including iOS-only ones) to a catalog entry.
func TestSeedPolicyNamesResolve(t *testing.T) {
	files, err := filepath.Glob("../testdata/seeds-gold/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no gold files: %v", err)
	}
	var failed []string
	seen := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var g goldFile
		if err := json.Unmarshal(data, &g); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, s := range g.SDKs {
			for _, name := range append([]string{s.NameAsWritten}, s.AliasesAsWritten...) {
				seen++
				sdk, ok := LookupSDK(name)
				if !ok {
					failed = append(failed, filepath.Base(f)+": "+name)
					continue
				}
				t.Logf("%-28q → %s", name, sdk.ID)
			}
		}
	}
	if seen < 50 {
		t.Errorf("only %d names in the gold files", seen)
	}
	if len(failed) > 0 {
		t.Errorf("%d seed SDK names do not resolve:\n  %s", len(failed), strings.Join(failed, "\n  "))
	}
}

// seedIDs are the entries the seed policies name; they must carry what a
// report shows next to a finding.
var seedIDs = []string{
	"cmcc-onekey-login", "cucc-onekey-login", "ctcc-onekey-login", "shanyan", "aliyun-number-auth",
	"xiaomi-push", "huawei-push", "hms-core", "oppo-push", "vivo-push", "meizu-push", "honor-push",
	"getui", "mobpush", "sharesdk", "umeng-common", "umeng-analytics", "umeng-push", "umeng-share",
	"umeng-apm", "umeng-ulink", "jpush", "jverification", "bugly", "tencent-tbs", "wechat-opensdk",
	"tencent-open-sdk", "weibo", "alipay", "alipay-identity-verify", "unionpay", "baidu-map",
	"baidu-location", "amap-map", "amap-location", "tencent-map", "tencent-faceid", "aliyun-face-verify",
	"megvii", "netease-qiyu", "netease-yunxin", "pangle", "gdt", "msa-oaid", "flutter", "react-native",
	"uni-app", "firebase", "firebase-analytics", "firebase-crashlytics", "fcm", "google-admob",
	"facebook-sdk", "baidu-push", "baidu-mobstat", "baidu-mobads",
}

func TestCatalogSanity(t *testing.T) {
	sdks := SDKs()
	if len(sdks) < 300 {
		t.Errorf("catalog has %d entries, want at least 300", len(sdks))
	}
	if !sort.SliceIsSorted(sdks, func(i, j int) bool { return sdks[i].ID < sdks[j].ID }) {
		t.Error("SDKs() is not sorted by id")
	}
	idPattern := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	ids := map[string]bool{}
	for _, s := range sdks {
		if ids[s.ID] {
			t.Errorf("duplicate id %q", s.ID)
		}
		ids[s.ID] = true
		if !idPattern.MatchString(s.ID) {
			t.Errorf("%s: id is not lower-case words joined by '-'", s.ID)
		}
		if len(s.Sources) == 0 {
			t.Errorf("%s: no source", s.ID)
		}
		if s.Name == "" || s.Category == "" {
			t.Errorf("%s: name and category are required", s.ID)
		}
		if got, ok := SDKByID(s.ID); !ok || got.ID != s.ID {
			t.Errorf("SDKByID(%q) = %q, %v", s.ID, got.ID, ok)
		}
		checkSignatures(t, s)
	}
	for _, s := range sdks {
		for _, c := range s.CoveredBy {
			if !ids[c] {
				t.Errorf("%s: coveredBy names unknown id %q", s.ID, c)
			}
		}
	}
	for _, id := range seedIDs {
		s, ok := SDKByID(id)
		if !ok {
			t.Errorf("seed SDK %q missing", id)
			continue
		}
		if s.Vendor == "" || s.NameZh == "" {
			t.Errorf("seed SDK %q needs vendor and nameZh (vendor %q, nameZh %q)", id, s.Vendor, s.NameZh)
		}
	}
}

func checkSignatures(t *testing.T, s SDK) {
	t.Helper()
	sig := s.Signatures
	javaName := regexp.MustCompile(`^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$`)
	for _, p := range sig.DexPackages {
		if !strings.HasSuffix(p, ".") || !javaName.MatchString(strings.TrimSuffix(p, ".")) {
			t.Errorf("%s: dex package %q is not a dotted package prefix ending in '.'", s.ID, p)
		}
	}
	for _, c := range sig.Components {
		if !javaName.MatchString(c) {
			t.Errorf("%s: component %q is not a class name", s.ID, c)
		}
	}
	for _, g := range append(append([]string(nil), sig.NativeLibs...), sig.Assets...) {
		if _, err := path.Match(g, ""); err != nil {
			t.Errorf("%s: glob %q: %v", s.ID, g, err)
		}
	}
	for _, m := range sig.MetaData {
		if strings.TrimSpace(m) != m || m == "" {
			t.Errorf("%s: meta-data key %q", s.ID, m)
		}
	}
	for _, a := range sig.Assets {
		if !strings.HasPrefix(a, "assets/") {
			t.Errorf("%s: asset %q must start with assets/", s.ID, a)
		}
	}
}

// sharedNames are names two entries deliberately share: policies use them
// for both, and LookupSDK returns the entry whose own name it is.
var sharedNames = map[string]bool{}

func TestNoSharedNames(t *testing.T) {
	owner := map[string]string{}
	for _, s := range SDKs() {
		for _, n := range s.Names() {
			key := NormalizeName(n)
			if key == "" {
				t.Errorf("%s: name %q normalises to nothing", s.ID, n)
				continue
			}
			if o, ok := owner[key]; ok && o != s.ID && !sharedNames[key] {
				t.Errorf("%q (%s) is a name of both %s and %s", n, key, o, s.ID)
			}
			owner[key] = s.ID
		}
	}
}

func TestLookupSDK(t *testing.T) {
	tests := []struct{ name, want string }{
		{"极光推送SDK", "jpush"},
		{"极光推送 SDK", "jpush"},
		{"JPush", "jpush"},
		{"友盟+ U-App", "umeng-analytics"},
		{"華為推送", "huawei-push"},
		{"小米推送 SDK", "xiaomi-push"},
		{"Alipay(支付宝)SDK", "alipay"},
		{"百度地圖(Android端、iOS端)SDK", "baidu-map"},
		{"騰訊云人臉核身SDK", "tencent-faceid"},
		{"ＪＰｕｓｈ　ＳＤＫ", "jpush"},
		{"友盟", "umeng-common"},
		{"no such sdk", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := LookupSDK(tt.name)
		if got.ID != tt.want || ok != (tt.want != "") {
			t.Errorf("LookupSDK(%q) = %q, %v; want %q", tt.name, got.ID, ok, tt.want)
		}
	}
}
