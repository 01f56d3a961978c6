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
