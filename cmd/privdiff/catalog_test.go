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
