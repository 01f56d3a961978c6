package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDisableAndConfig(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "privdiff.yaml")
	write := func(s string) {
		if err := os.WriteFile(conf, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	count := func(out string) map[string]map[string]int {
		var doc struct {
			Findings []struct{ Rule, Severity string }
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%v\n%.300s", err, out)
		}
		by := map[string]map[string]int{}
		for _, f := range doc.Findings {
			if by[f.Rule] == nil {
				by[f.Rule] = map[string]int{}
			}
			by[f.Rule][f.Severity]++
		}
		return by
	}
	base := []string{"audit", exampleAPK, "--policy", examplePolicy, "--format", "json"}
	_, out, _ := runCLI(t, base...)
	all := count(out)
	if all["sdk-unobserved"]["info"] == 0 || all["sdk-undeclared"]["high"] == 0 {
		t.Fatalf("the example no longer has the findings this test needs: %v", all)
	}

	_, out, _ = runCLI(t, append(base, "--disable", "sdk-unobserved,permission-unrequested")...)
	if got := count(out); len(got["sdk-unobserved"]) != 0 || len(got["permission-unrequested"]) != 0 || got["sdk-undeclared"]["high"] == 0 {
		t.Errorf("--disable: %v", got)
	}

	write("disable: [sdk-unobserved]\nseverity: {sdk-undeclared: medium}\nfail-on: medium\n")
	code, out, _ := runCLI(t, append(base, "--config", conf)...)
	got := count(out)
	if len(got["sdk-unobserved"]) != 0 || got["sdk-undeclared"]["medium"] != all["sdk-undeclared"]["high"] || got["sdk-undeclared"]["high"] != 0 {
		t.Errorf("config: %v", got)
	}
	if code != 1 {
		t.Errorf("fail-on: medium from the config: exit %d, want 1", code)
	}
	if code, _, _ := runCLI(t, append(base, "--config", conf, "--fail-on", "none")...); code != 0 {
		t.Errorf("--fail-on none over the config's medium: exit %d, want 0", code)
	}

	for _, bad := range []string{"disable: [no-such-rule]\n", "severity: {sdk-undeclared: urgent}\n", "colour: red\n"} {
		write(bad)
		if code, _, stderr := runCLI(t, append(base, "--config", conf)...); code != 2 || !strings.Contains(stderr, "privdiff.yaml") {
			t.Errorf("config %q: exit %d, stderr %q", bad, code, stderr)
		}
	}
	if code, _, stderr := runCLI(t, append(base, "--disable", "no-such-rule")...); code != 2 || !strings.Contains(stderr, "no-such-rule") {
		t.Errorf("--disable no-such-rule: exit %d, %q", code, stderr)
	}
}
