package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestCatalogCommand(t *testing.T) {
	code, out, errOut := runCLI(t, "catalog", "list", "--format", "json")
	if code != 0 {
		t.Fatalf("catalog list: exit %d: %s", code, errOut)
	}
	var doc struct {
		Schema string `json:"schema"`
		SDKs   []struct {
			ID string `json:"id"`
		} `json:"sdks"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("catalog list --format json: %v", err)
	}
	if doc.Schema != "privdiff/catalog/v1" || len(doc.SDKs) < 300 {
		t.Errorf("catalog list: schema %q, %d entries", doc.Schema, len(doc.SDKs))
	}
	if _, again, _ := runCLI(t, "catalog", "list", "--format", "json"); again != out {
		t.Error("catalog list --format json is not byte-stable")
	}

	code, out, _ = runCLI(t, "catalog", "show", "jpush")
	if code != 0 || !strings.Contains(out, "深圳市和讯华谷信息技术有限公司") || !strings.Contains(out, "cn.jpush.android.") {
		t.Errorf("catalog show jpush: exit %d:\n%s", code, out)
	}
	code, out, _ = runCLI(t, "catalog")
	if code != 0 || !strings.Contains(out, "umeng-analytics") {
		t.Errorf("catalog without subcommand should list: exit %d", code)
	}

	code, _, errOut = runCLI(t, "catalog", "show", "no-such-sdk")
	if code != 2 || !strings.Contains(errOut, `"no-such-sdk"`) {
		t.Errorf("catalog show no-such-sdk: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "catalog", "list", "--format", "sarif")
	if code != 2 || !strings.Contains(errOut, "sarif") {
		t.Errorf("catalog list --format sarif: exit %d, stderr %q", code, errOut)
	}
}

// TestCatalogShowByName: an SDK is found by any name a policy gives it,
// not only its id.
func TestCatalogShowByName(t *testing.T) {
	for _, tt := range []struct{ name, id string }{
		{"极光推送", "jpush"}, {"JPush", "jpush"}, {"友盟+ U-App", "umeng-analytics"}, {"高德地图", "amap-map"},
	} {
		code, out, errOut := runCLI(t, "catalog", "show", tt.name, "--format", "json")
		var doc struct {
			ID string `json:"id"`
		}
		if code != 0 || json.Unmarshal([]byte(out), &doc) != nil || doc.ID != tt.id {
			t.Errorf("catalog show %s: exit %d, id %q, want %q: %s", tt.name, code, doc.ID, tt.id, errOut)
		}
	}
	// 友盟 is the vendor's umbrella: some Umeng entry, whichever the
	// catalog maps the bare name to.
	if code, out, _ := runCLI(t, "catalog", "show", "友盟", "--format", "json"); code != 0 || !strings.Contains(out, `"id": "umeng-`) {
		t.Errorf("catalog show 友盟: exit %d:\n%.200s", code, out)
	}
}
