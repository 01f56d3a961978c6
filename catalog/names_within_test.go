package catalog

import (
	"strings"
	"testing"
)

func TestLookupSDKWithin(t *testing.T) {
	for name, want := range map[string]string{
		"腾讯 Bugly 闪退统计SDK":            "bugly",
		"新浪微博开放平台SDK":                 "weibo",
		"极光推送SDK":                     "jpush",
		"BuglyX分析SDK":                 "",
		"某某内部统计SDK":                   "",
		"AB SDK":                      "",
		"Google Firebase Crashlytics": "firebase-crashlytics",
	} {
		got := ""
		if s, ok := LookupSDKWithin(name); ok {
			got = s.ID
		}
		if got != want {
			t.Errorf("LookupSDKWithin(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestLookupSDKWithinStable: a name holding two catalog names of the same
// length (腾讯优图 and 人脸核身, both entries' names) resolves to the same
// entry every time, whatever order the name table is walked in.
func TestLookupSDKWithinStable(t *testing.T) {
	const name = "腾讯优图Faceln人脸核身SDK"
	first, ok := LookupSDKWithin(name)
	if !ok {
		t.Fatalf("LookupSDKWithin(%q) found nothing", name)
	}
	for range 200 {
		if s, _ := LookupSDKWithin(name); s.ID != first.ID {
			t.Fatalf("LookupSDKWithin(%q) gave %q and %q", name, first.ID, s.ID)
		}
	}
}

// TestLookupSDKWithinAsEveryName checks LookupSDKWithin, which reads the
// names longest first, against reading every name of the table, on names
// made of catalog names with words around them.
func TestLookupSDKWithinAsEveryName(t *testing.T) {
	everyName := func(name string) (int, bool) {
		key := NormalizeName(name)
		best, bestLen := -1, 0
		for _, k := range generatedNameKeys {
			n, i := k.Key, k.SDK
			if len(n) < bestLen || !longEnough(n) {
				continue
			}
			at := strings.Index(key, n)
			if at < 0 || !standsAlone(key, at, at+len(n)) {
				continue
			}
			if len(n) > bestLen || (len(n) == bestLen && generatedSDKs[i].ID < generatedSDKs[best].ID) {
				best, bestLen = i, len(n)
			}
		}
		return best, best >= 0
	}
	checked, found := 0, 0
	for k, e := range generatedSDKs {
		if k%7 != 0 {
			continue
		}
		for _, name := range []string{e.Name + "统计分析", "某公司" + e.Name + "x", "the " + e.Name + " kit", e.Name + "sdkx"} {
			if _, whole := LookupSDK(name); whole || len(strings.Fields(name)) > 1 {
				continue // answered before the names are read
			}
			got, ok := LookupSDKWithin(name)
			want, wantOK := everyName(name)
			if ok != wantOK || ok && got.ID != generatedSDKs[want].ID {
				t.Fatalf("LookupSDKWithin(%q) = %q %v, want %q %v", name, got.ID, ok, generatedSDKs[max(want, 0)].ID, wantOK)
			}
			checked++
			if ok {
				found++
			}
		}
	}
	if checked < 200 || found < 50 {
		t.Errorf("%d names checked, %d found", checked, found)
	}
}
