package catalog

import "testing"

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
