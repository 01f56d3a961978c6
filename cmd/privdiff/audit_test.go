package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"privdiff/catalog"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/examples/golden")

const (
	exampleAPK    = "../../testdata/examples/jianke/app.apk"
	examplePolicy = "../../testdata/examples/jianke/policy.txt"
	goldenDir     = "../../testdata/examples/golden"
)

// buildBinary builds privdiff once per test run, so the end-to-end tests
// run it as a user would.
func buildBinary(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "privdiff")
	// No VCS stamp: the reports name the commit, and golden files must not.
	cmd := exec.Command("go", "build", "-buildvcs=false", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func runBinary(t *testing.T, bin string, env []string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errOut.String()
}

// TestAuditExampleGolden runs the built binary on the bundled example in
// every format and both languages; go test ./cmd/privdiff -update
// refreshes the golden files.
func TestAuditExampleGolden(t *testing.T) {
	bin := buildBinary(t)
	ext := map[string]string{"table": "txt", "json": "json", "sarif": "sarif", "markdown": "md", "html": "html"}
	for _, format := range []string{"table", "json", "sarif", "markdown", "html"} {
		for _, lang := range []string{"zh", "en"} {
			// The table is dated: SOURCE_DATE_EPOCH pins its date.
			env := []string{"SOURCE_DATE_EPOCH="}
			if format == "table" {
				env = []string{"SOURCE_DATE_EPOCH=1700000000"}
			}
			code, out, errOut := runBinary(t, bin, env, "audit", exampleAPK, "--policy", examplePolicy, "--format", format, "--lang", lang)
			if code != 0 {
				t.Fatalf("%s/%s: exit %d, stderr %q", format, lang, code, errOut)
			}
			// The catalog's version changes with any data file; the
			// golden files need not.
			out = strings.ReplaceAll(out, catalog.Version(), "CATALOG")
			path := filepath.Join(goldenDir, "audit."+lang+"."+ext[format])
			if *update {
				os.MkdirAll(goldenDir, 0o755)
				os.WriteFile(path, []byte(out), 0o644)
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test ./cmd/privdiff -update writes it)", err)
			}
			if out != string(want) {
				t.Errorf("%s differs from the output of audit --format %s --lang %s", path, format, lang)
			}
		}
	}
}

func TestAuditFailOnExitCodes(t *testing.T) {
	bin := buildBinary(t)
	// The example has high and info findings, no medium or low.
	for failOn, want := range map[string]int{"none": 0, "info": 1, "low": 1, "medium": 1, "high": 1} {
		code, _, errOut := runBinary(t, bin, nil, "audit", exampleAPK, "--policy", examplePolicy, "--format", "json", "--fail-on", failOn)
		if code != want {
			t.Errorf("--fail-on %s: exit %d, want %d (stderr %q)", failOn, code, want, errOut)
		}
	}
	code, _, errOut := runBinary(t, bin, nil, "audit", exampleAPK, "--policy", examplePolicy, "--fail-on", "severe")
	if code != 2 || !strings.Contains(errOut, "--fail-on") {
		t.Errorf("bad --fail-on: exit %d, stderr %q", code, errOut)
	}
}

func TestAuditBaseline(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	_, out, _ := runBinary(t, bin, nil, "audit", exampleAPK, "--policy", examplePolicy, "--format", "json", "--lang", "en")
	base := filepath.Join(dir, "accepted.json")
	os.WriteFile(base, []byte(out), 0o644)
	code, out, errOut := runBinary(t, bin, nil, "audit", exampleAPK, "--policy", examplePolicy, "--format", "json", "--baseline", base, "--fail-on", "info")
	if code != 0 {
		t.Fatalf("against its own baseline: exit %d, stderr %q", code, errOut)
	}
	var doc struct {
		Findings []json.RawMessage `json:"findings"`
		Warnings []string          `json:"warnings"`
	}
	json.Unmarshal([]byte(out), &doc)
	if len(doc.Findings) != 0 || len(doc.Warnings) == 0 {
		t.Errorf("%d findings left, warnings %q", len(doc.Findings), doc.Warnings)
	}
	// A baseline from another policy keeps the findings it does not have.
	_, other, _ := runBinary(t, bin, nil, "audit", exampleAPK, "--policy", "../../testdata/seeds/000_fcc99b2fa76f1609.txt", "--format", "json")
	os.WriteFile(base, []byte(other), 0o644)
	code, _, _ = runBinary(t, bin, nil, "audit", exampleAPK, "--policy", examplePolicy, "--format", "json", "--baseline", base, "--fail-on", "high")
	if code != 0 && code != 1 {
		t.Errorf("exit %d", code)
	}
	os.WriteFile(base, []byte("{}"), 0o644)
	if code, _, errOut := runBinary(t, bin, nil, "audit", exampleAPK, "--policy", examplePolicy, "--baseline", base); code != 2 || !strings.Contains(errOut, "accepted.json") {
		t.Errorf("bad baseline: exit %d, stderr %q", code, errOut)
	}
}

func TestAuditBadInput(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	empty := filepath.Join(dir, "policy.txt")
	os.WriteFile(empty, nil, 0o644)
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"policy unreadable", []string{exampleAPK, "--policy", empty}, "policy.txt"},
		{"APK unreadable", []string{examplePolicy, "--policy", examplePolicy}, "policy.txt"},
		{"no policy flag", []string{exampleAPK}, "--policy"},
		{"unreachable URL", []string{exampleAPK, "--policy", "http://127.0.0.1:1/p.html"}, "127.0.0.1:1"},
		{"page without policy text", []string{exampleAPK, "--policy", "../../declared/testdata/notpolicy/login-zh.html"}, "login-zh.html: the page holds no policy text"},
		{"bad format", []string{exampleAPK, "--policy", examplePolicy, "--format", "pdf"}, "pdf"},
		{"bad lang", []string{exampleAPK, "--policy", examplePolicy, "--lang", "fr"}, "fr"},
	} {
		code, out, errOut := runBinary(t, bin, nil, append([]string{"audit"}, c.args...)...)
		if code != 2 || !strings.Contains(errOut, c.want) || strings.Contains(errOut, "goroutine") || out != "" {
			t.Errorf("%s: exit %d, stdout %d bytes, stderr %q", c.name, code, len(out), errOut)
		}
	}
	// A policy without an SDK list: every SDK is undeclared, with a warning.
	code, out, _ := runBinary(t, bin, nil, "audit", exampleAPK, "--policy", "../../testdata/seeds/004_9e46848d797970c8.txt", "--format", "json", "--lang", "en")
	if code != 0 || !strings.Contains(out, "no SDK list") || strings.Count(out, `"rule": "sdk-undeclared"`) < 8 {
		t.Errorf("no-SDK-list policy: exit %d, %d sdk-undeclared", code, strings.Count(out, `"rule": "sdk-undeclared"`))
	}
	// LANG picks the language when --lang is not given.
	_, out, _ = runBinary(t, bin, []string{"LANG=zh_CN.UTF-8", "LC_ALL="}, "audit", exampleAPK, "--policy", examplePolicy, "--format", "markdown")
	if !strings.Contains(out, "隐私政策未声明该SDK") {
		t.Error("LANG=zh_CN did not give a Chinese report")
	}
}
