package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"privdiff/catalog"
)

func TestChooseFormat(t *testing.T) {
	audit := []string{"table", "json", "sarif", "markdown", "html"}
	tests := []struct {
		format, output string
		allowed        []string
		want           string
		wantErr        bool
	}{
		{"", "report.html", audit, "html", false},
		{"", "Report.HTM", audit, "html", false},
		{"", "out/report.md", audit, "markdown", false},
		{"", "results.sarif", audit, "sarif", false},
		{"", "results.sarif.json", audit, "sarif", false},
		{"", "audit.json", audit, "json", false},
		{"", "audit.txt", audit, "table", false},
		{"", "audit.out", audit, "json", false},                // no known extension: the byte-stable format
		{"json", "report.html", audit, "json", false},          // --format wins
		{"", "scan.html", []string{"table", "json"}, "", true}, // scan has no HTML
		{"", "apps.csv", []string{"table", "json", "csv"}, "csv", false},
		{"xml", "", audit, "", true},
	}
	for _, tt := range tests {
		got, err := chooseFormat(tt.format, tt.output, tt.allowed...)
		if (err != nil) != tt.wantErr || got != tt.want && !tt.wantErr {
			t.Errorf("chooseFormat(%q, %q) = %q, %v; want %q (error %v)", tt.format, tt.output, got, err, tt.want, tt.wantErr)
		}
	}
}

// TestAuditOutputExtension: -o report.html writes the HTML page, -o
// results.sarif SARIF, with no --format.
func TestAuditOutputExtension(t *testing.T) {
	dir := t.TempDir()
	for name, prefix := range map[string]string{
		"report.html": "<!DOCTYPE html>", "report.md": "# ", "results.sarif": "{\n  \"$schema\": \"https://json.schemastore",
		"audit.json": "{\n  \"schema\": \"privdiff/audit/v1\"",
	} {
		out := filepath.Join(dir, name)
		if code, _, stderr := runCLI(t, "audit", exampleAPK, "--policy", examplePolicy, "-o", out); code != 0 {
			t.Fatalf("%s: exit %d: %s", name, code, stderr)
		}
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(got), prefix) {
			t.Errorf("%s starts with %.40q, want %q", name, got, prefix)
		}
	}
}

func TestVersionFlagAndCommand(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, _ := runCLI(t, args...)
		if code != 0 || !strings.HasPrefix(out, "privdiff ") || !strings.Contains(out, "\ncatalog  "+catalog.Version()+"\n") {
			t.Errorf("%v: exit %d, %q", args, code, out)
		}
	}
}

// TestDateOfAnalysis: JSON carries no date unless SOURCE_DATE_EPOCH (or
// --dated) asks for one, and then the date it names.
func TestDateOfAnalysis(t *testing.T) {
	audit := func(args ...string) string {
		code, out, stderr := runCLI(t, append([]string{"audit", exampleAPK, "--policy", examplePolicy}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		return out
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")
	if out := audit("--format", "json"); strings.Contains(out, "analysedAt") {
		t.Error("undated JSON has analysedAt")
	}
	if out := audit("--format", "json", "--dated"); !strings.Contains(out, `"analysedAt": "20`) {
		t.Error("--dated JSON lacks analysedAt")
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	for format, want := range map[string]string{
		"json": `"analysedAt": "2023-11-14T22:13:20Z"`, "markdown": "analysed on 2023-11-14 22:13 UTC",
		"html": "2023-11-14 22:13 UTC", "table": "analysed on 2023-11-14 22:13 UTC",
	} {
		if out := audit("--format", format, "--lang", "en"); !strings.Contains(out, want) {
			t.Errorf("%s with SOURCE_DATE_EPOCH lacks %q", format, want)
		}
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if code, _, _ := runCLI(t, "audit", exampleAPK, "--policy", examplePolicy, "--format", "json"); code != 2 {
		t.Errorf("a bad SOURCE_DATE_EPOCH: exit %d, want 2", code)
	}
}
