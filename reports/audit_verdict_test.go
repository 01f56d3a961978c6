package reports

import (
	"testing"

	"privdiff/apk"
	"privdiff/declared"
	"privdiff/diff"
)

// The SDK table says what the evidence shows: an undeclared SDK seen only by
// its key is not "not declared" like one whose code is there, and a library
// another SDK brings is that SDK's.
func TestSDKTableVerdicts(t *testing.T) {
	obs := &apk.Observed{SDKs: []apk.SDK{
		{ID: "amap-map", Category: "map", Strength: apk.StrengthKeyOnly, Evidence: []apk.Evidence{{Kind: "meta-data", Value: "com.amap.api.v2.apikey"}}},
		{ID: "google-admob", Category: "ads", Strength: apk.StrengthCode, Evidence: []apk.Evidence{{Kind: "dex-package", Value: "com.google.android.gms.ads", Classes: 9}}},
		{ID: "google-play-services", Category: "library", Strength: apk.StrengthCode, BroughtBy: []string{"google-admob"},
			Evidence: []apk.Evidence{{Kind: "dex-package", Value: "com.google.android.gms", Classes: 99}}},
	}}
	a := diff.Run(obs, &declared.Policy{}, "en")
	want := map[string]string{
		"amap-map":             "not declared (only its key or a string, none of its code)",
		"google-admob":         "not declared",
		"google-play-services": "brought in by google-admob",
	}
	for _, row := range compareSDKs(a, textFor("en")) {
		if row.Observed == nil {
			continue
		}
		if w := want[row.Observed.ID]; row.Verdict != w {
			t.Errorf("%s: verdict %q, want %q", row.Observed.ID, row.Verdict, w)
		}
	}
}
