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

// TestMinSeverityEveryFormat: --min-severity leaves the lower findings out
// of JSON, SARIF, Markdown and HTML with a note, and --fail-on still judges
// every finding.
func TestMinSeverityEveryFormat(t *testing.T) {
	base := []string{"audit", exampleAPK, "--policy", examplePolicy}
	_, out, _ := runCLI(t, append(base, "--format", "json")...)
	var doc struct {
		Findings []struct{ Rule, Severity, Message string }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var info, high string
	for _, f := range doc.Findings {
		switch {
		case f.Severity == "info" && info == "":
			info = f.Message
		case f.Severity == "high" && high == "":
			high = f.Message
		}
	}
	if info == "" || high == "" {
		t.Fatalf("the example no longer has an info and a high finding: %+v", doc.Findings)
	}
	// Messages as each format escapes them: a short stretch of plain text.
	plain := func(s string) string { return strings.Fields(s)[0] + " " + strings.Fields(s)[1] }
	for _, format := range []string{"json", "sarif", "markdown", "html"} {
		t.Run(format, func(t *testing.T) {
			_, all, _ := runCLI(t, append(base, "--format", format)...)
			code, listed, _ := runCLI(t, append(base, "--format", format, "--min-severity", "high", "--fail-on", "info")...)
			if !strings.Contains(all, plain(info)) {
				t.Fatalf("without --min-severity the info finding %q is not in the %s report", info, format)
			}
			if strings.Contains(listed, info) || !strings.Contains(listed, plain(high)) {
				t.Errorf("--min-severity high: info %q listed or high %q missing", info, high)
			}
			if !strings.Contains(listed, "below high are left out") {
				t.Errorf("--min-severity high: no note of what was left out")
			}
			if code != 1 {
				t.Errorf("--fail-on info with --min-severity high: exit %d, want 1", code)
			}
		})
	}
}

// TestBatchReadsConfig: batch takes .privdiff.yaml from the directory it
// runs in (disable, min-severity, lang) into every app's reports and the
// summary, and a run with other settings redoes the apps.
func TestBatchReadsConfig(t *testing.T) {
	in, out := batchInput(t, 1), t.TempDir()
	work := t.TempDir()
	if err := os.WriteFile(filepath.Join(work, ".privdiff.yaml"), []byte("disable: [sdk-unobserved]\nmin-severity: high\nlang: zh\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(work)
	if code, _, stderr := runCLI(t, "batch", in, "--out", out, "--format", "jsonl", "--jobs", "1"); code != 0 {
		t.Fatalf("batch: exit %d: %s", code, stderr)
	}
	audit := func() (doc struct {
		Lang     string
		Findings []struct{ Rule, Severity string }
		Summary  map[string]int
	}) {
		data, err := os.ReadFile(filepath.Join(out, "jianke-a", "audit.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		return doc
	}
	doc := audit()
	if doc.Lang != "zh" || len(doc.Findings) == 0 {
		t.Fatalf("lang %q, %d findings", doc.Lang, len(doc.Findings))
	}
	for _, f := range doc.Findings {
		if f.Rule == "sdk-unobserved" || f.Severity != "high" {
			t.Errorf("config ignored: %+v", f)
		}
	}
	md, _ := os.ReadFile(filepath.Join(out, "jianke-a", "report.md"))
	if !strings.Contains(string(md), "按 --min-severity high 略去") {
		t.Errorf("report.md has no note of what min-severity left out")
	}
	for _, r := range readSummary(t, out) {
		if r.Name == "jianke-a" && r.High != len(doc.Findings) {
			t.Errorf("summary row high %d, audit lists %d", r.High, len(doc.Findings))
		}
	}
	// Without the settings, the apps are audited again and list everything.
	t.Chdir(t.TempDir())
	if code, _, stderr := runCLI(t, "batch", in, "--out", out, "--format", "jsonl", "--jobs", "1", "--lang", "zh"); code != 0 {
		t.Fatalf("batch without config: exit %d: %s", code, stderr)
	}
	if again := audit(); len(again.Findings) <= len(doc.Findings) {
		t.Errorf("without the config: %d findings, with it %d", len(again.Findings), len(doc.Findings))
	}
}
