package catalog

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

// CodeLibrary reports whether an SDK's code runs inside the app without
// sending users' data to its author: an entry of one of codeCategories
// that is not a service filed there.
func CodeLibrary(id, category string) bool {
	return codeCategories[category] && !servicesFiledAsCode[id]
}
