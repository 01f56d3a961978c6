// Package apk reads what an Android app really contains — manifest,
// resources, DEX code, native libraries — from an .apk or a split set
// (.apks, .xapk), straight from the zip, into an Observed value.
package apk

import "privdiff/catalog"

// Observed is everything privdiff learns from the binary of one app. Its JSON
// form is the privdiff/scan/v1 document without "schema" (see the contract).
type Observed struct {
	App         App          `json:"app"`
	Permissions []Permission `json:"permissions"`
	Components  []Component  `json:"components"`
	MetaData    []MetaData   `json:"metaData"`
	Dex         DexSummary   `json:"dex"`
	NativeLibs  []string     `json:"nativeLibs"`
	SDKs        []SDK        `json:"sdks"`
	APIs        []APIUse     `json:"apis"`
	// Packer is the hardening service that packed the app; null when none.
	Packer *Packer `json:"packer"`
	// UnanalysedCode lists the files the app carries as code (a dex, jar or
	// APK in assets/, instant-run.zip) that could not be read as code, with
	// why: encrypted, not a dex file, over the size cap.
	UnanalysedCode []string `json:"unanalysedCode,omitempty"`
	Warnings       []string `json:"warnings"`

	// Classes holds every class name (dotted, e.g. "com.umeng.analytics.MobclickAgent")
	// of every dex file, sorted and unique: the input of SDK detection.
	Classes []string `json:"-"`
	// Assets are the archive's assets/ entries (SDK traces such as
	// "assets/bugly.dat").
	Assets []string `json:"-"`
	// stringHits are the catalog string signatures found in the dex files.
	stringHits []catalog.Match
	// ownPackages are package roots ("cn.jiguang.jmlinkdemo.") of the app's
	// own code besides its manifest package (see findOwnPackages).
	ownPackages []string
	// code holds what ties unattributed classes to an SDK.
	code codeFacts
	// signWarnings are the warnings about the base APK's signatures, read
	// beside the dex files and reported after every other warning.
	signWarnings []string
}

// SDK is one third-party SDK found in the app, with every trace of it.
type SDK struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	NameZh   string `json:"nameZh"`
	Vendor   string `json:"vendor"`
	Category string `json:"category"`
	// Status is "initialised" when code outside the SDK calls into it
	// (InitialisedBy lists those classes, callers of its entry points such
	// as JPushInterface.init first), "present" when nothing outside it does.
	Status        string   `json:"status,omitempty"`
	InitialisedBy []string `json:"initialisedBy,omitempty"`
	// Strength is the strongest kind of evidence seen: code (its classes, or
	// calls into it), component, native-lib (also a file it ships in
	// assets/), key-only (a meta-data key) or string. An SDK seen only by a
	// key may be a leftover configuration, not an embedded SDK.
	Strength string `json:"strength"`
	// BroughtBy names the SDKs found beside it that pull this library into
	// every app (the Play services base under AdMob): it is part of them.
	BroughtBy []string   `json:"broughtBy,omitempty"`
	Evidence  []Evidence `json:"evidence"`
}

// Evidence is one trace of an SDK: a dex package with the number of its
// classes, a manifest component, a meta-data key, a native library, an
// asset or a string constant.
type Evidence struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
	// Classes counts the classes under a dex-package prefix.
	Classes int `json:"classes,omitempty"`
}

// App identifies the analysed app.
type App struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	// Size is the file's length in bytes.
	Size        int64  `json:"size"`
	Package     string `json:"package"`
	VersionCode int64  `json:"versionCode"`
	VersionName string `json:"versionName"`
	MinSdk      int    `json:"minSdk"`
	TargetSdk   int    `json:"targetSdk"`
	Label       string `json:"label"`
	// LabelZh is the label a phone set to zh-CN shows (values-zh-rCN, else
	// values-zh), only when it differs from Label.
	LabelZh string `json:"labelZh,omitempty"`
	// ApplicationClass is the manifest's <application android:name>: the
	// class Android starts first (a packer's stub in a packed app).
	ApplicationClass string `json:"applicationClass,omitempty"`
	// Files are the APKs analysed as this app: the file itself, or the base
	// and split APKs inside a split set, base first.
	Files []string `json:"files"`
	// Signers are the certificates that signed the app (of the base APK in
	// a split set), strongest scheme first; empty when it is unsigned.
	Signers []Signer `json:"signers"`
}

// Permission is one permission the app requests.
type Permission struct {
	Name string `json:"name"`
	// ProtectionLevel is the base level from the platform table (normal,
	// dangerous, signature, internal), the level of the app's own <permission>
	// declaration, or "unknown" for permissions defined by neither.
	ProtectionLevel string `json:"protectionLevel"`
	// ProtectionFlags are the flags after the base level (appop, privileged…).
	ProtectionFlags []string `json:"protectionFlags,omitempty"`
	MaxSdkVersion   *int     `json:"maxSdkVersion"`
	// SDK23 is set for <uses-permission-sdk-23>: requested on API 23+ only.
	SDK23 bool `json:"sdk23"`
}

// Component is an activity, activity-alias, service, receiver or provider.
type Component struct {
	Type string `json:"type"`
	Name string `json:"name"`
	// Exported as Android decides it: the explicit attribute, else implied by
	// an intent-filter (providers: exported by default below API 17).
	Exported bool `json:"exported"`
	// ExportedImplied is set when Exported was derived, not written.
	ExportedImplied bool   `json:"exportedImplied,omitempty"`
	TargetActivity  string `json:"targetActivity,omitempty"`
	Permission      string `json:"permission,omitempty"`
	Authorities     string `json:"authorities,omitempty"`
	// Split names the split APK that declares the component, if not the base.
	Split string `json:"split,omitempty"`
	// Launcher is set for an activity (or alias) with a launcher category:
	// what the user starts, the app's own code.
	Launcher bool `json:"launcher,omitempty"`
}

// MetaData is one <meta-data> entry with resource references resolved.
type MetaData struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	// Component is the class of the component that holds it; empty for
	// application-level meta-data.
	Component string `json:"component,omitempty"`
}

// DexSummary counts the classes of every classes*.dex of every APK.
type DexSummary struct {
	Files    int            `json:"files"`
	Classes  int            `json:"classes"`
	Packages []PackageCount `json:"packages"`
	// Entries lists each dex file read, in order.
	Entries []DexEntry `json:"entries"`
}

// DexEntry is one classes*.dex file.
type DexEntry struct {
	// File is the entry name, prefixed with the split APK's name in a split set
	// ("split_feature.apk!classes.dex").
	File    string `json:"file"`
	Version string `json:"version"`
	Classes int    `json:"classes"`
	Bytes   int64  `json:"bytes"`
}

// PackageCount is the number of classes in one Java package.
type PackageCount struct {
	Name    string `json:"name"`
	Classes int    `json:"classes"`
}
