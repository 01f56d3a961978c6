package diff

import (
	"privdiff/apk"
	"privdiff/catalog"
)

// sdkUndeclared: an SDK found in the APK that no entry of the policy's SDK
// list declares (see declaredIndex.covering for what declares an SDK).
// Severity and confidence follow the evidence: the SDK's code, or its
// components and libraries in an app whose code hides them, make a high
// finding; a key or string alone is configuration left behind as often as
// an SDK, so it is a low finding that says so. A library another SDK
// brings with it (the Play services base under AdMob) is part of that SDK
// and not reported on its own.
func sdkUndeclared(obs *apk.Observed, d *declaredIndex) []Finding {
	seen := map[string]bool{}
	var out []Finding
	for _, s := range obs.SDKs {
		if seen[s.ID] || !receivesData(s) || len(s.BroughtBy) > 0 {
			continue
		}
		seen[s.ID] = true
		if d.covering(s.ID) != nil {
			continue
		}
		nameZh, nameEn := sdkNames(s.ID, s.NameZh, s.Name)
		sev, conf := undeclaredGrade(s.Strength)
		out = append(out, Finding{
			Rule: RuleSDKUndeclared, Severity: sev, SDK: s.ID, Confidence: conf,
			Observed: strongestEvidence(s.Evidence),
			Facts:    Facts{NameZh: nameZh, NameEn: nameEn, Strength: s.Strength},
		})
	}
	return out
}

// undeclaredGrade maps an SDK's evidence strength to the finding's
// severity and confidence. A scan without strength (an older document)
// counts as code.
func undeclaredGrade(strength string) (Severity, Confidence) {
	switch {
	case strength == "" || strength == apk.StrengthCode:
		return High, ConfidenceHigh
	case apk.WeakStrength(strength):
		return Low, ConfidenceLow
	}
	return High, ConfidenceMedium
}

// codeCategories are catalog categories whose entries are code that runs
// inside the app without sending users' data to the code's author: open
// source libraries (OkHttp, Glide, FFmpeg), AndroidX and support
// libraries, UI widgets, app frameworks and game engines (Flutter, React
// Native, Cocos2d), and hardening shells (reported as the packer). A
// policy's SDK list names the companies that receive personal data;
// demanding OkHttp there would bury the real gaps.
//
// The other categories (ads, analytics, push, payment, social, map,
// location, login, security, device-id, webview, media, ai, …) are
// services of a vendor and count.
var codeCategories = map[string]bool{
	"library": true, "androidx": true, "ui": true, "framework": true, "game": true, "hardening": true,
}

// servicesFiledAsCode are catalog entries in one of codeCategories that are
// nonetheless a vendor's service receiving the app's data: game platforms,
// mini-program runtimes, update, crash and APM services, ad networks,
// attribution, RTC and push. The catalog files them there because their
// source (LibChecker rules) has no finer category; recategorising them in
// catalog/data/sdks-curated.json would let this table go.
var servicesFiledAsCode = map[string]bool{
	// framework: runtimes that report to their vendor
	"baidu-swan": true, "mpaas": true, "uni-app": true,
	// game: platform SDKs (account, payment, anti-addiction) and Unity China's engine
	"taptap": true, "tencent-gsdk": true, "tuanjie": true, "vivo-game": true, "xiaomi-game": true, "uc-game": true,
	// library: update, config and platform services
	"mob-common": true, "tencent-kingcard": true, "xiaomi-update": true, "baidu-autoupdate-sdk": true,
	"firebase-remote-config": true, "google-play-services": true, "volcengine-cloudphone": true, "xiaomi-iot": true,
	"appgallery-connect": true, "huawei-dtm": true, "bilibili-oauth-sdk": true, "eid-sdk": true,
	// library: ads, attribution and analytics
	"adcolony": true, "applovin": true, "ironsource": true, "supersonic-mediationsdk-abandoned": true,
	"adjust-sdk": true, "datafinder": true, "alibaba-mtl": true, "app-center": true, "baidu-frontia": true,
	// library: crash reporting and APM
	"agc-apm": true, "qapm": true, "bugsnag": true, "crasheye": true, "instabug": true, "sentry": true, "newrelic": true,
	// library: RTC, voice, IM, payment and push clouds
	"agora-rtc-sdk": true, "anychat": true, "bardumix": true, "gme": true, "justalk-cloud": true, "aiui": true,
	"paypal": true, "qihoo-push": true, "ut-mini-push-sdk": true,
}

// receivesData reports whether an SDK's vendor receives data from the app,
// so that the policy must declare it.
func receivesData(s apk.SDK) bool {
	return !codeCategories[s.Category] || servicesFiledAsCode[s.ID]
}

// evidenceRank orders evidence kinds by how plainly they show an SDK to a
// reader of the notice: a registered component names the SDK's own class
// and is read from the manifest, then its code, its meta-data keys, its
// native libraries; an asset or a string constant last.
var evidenceRank = map[string]int{"component": 0, "dex-package": 1, "meta-data": 2, "native-lib": 3, "asset": 4, "string": 5}

func rankOf(kind string) int {
	if r, ok := evidenceRank[kind]; ok {
		return r
	}
	return len(evidenceRank)
}

// strongestEvidence picks one trace to quote: the best kind; among dex
// packages the one with the most classes; then the first by value.
func strongestEvidence(ev []apk.Evidence) *Observed {
	var best *apk.Evidence
	for i := range ev {
		e := &ev[i]
		switch {
		case best == nil, rankOf(e.Kind) < rankOf(best.Kind):
			best = e
		case rankOf(e.Kind) > rankOf(best.Kind):
		case e.Classes != best.Classes:
			if e.Classes > best.Classes {
				best = e
			}
		case e.Value < best.Value:
			best = e
		}
	}
	if best == nil {
		return nil
	}
	return &Observed{Kind: best.Kind, Value: best.Value}
}

// sdkNames names a catalog SDK in Chinese and English, from the catalog
// when it knows the id, else from what the scan carried.
func sdkNames(id, zh, en string) (string, string) {
	if c, ok := catalog.SDKByID(id); ok {
		zh, en = c.NameZh, c.Name
	}
	if en == "" {
		en = id
	}
	if zh == "" {
		zh = en
	}
	return zh, en
}
