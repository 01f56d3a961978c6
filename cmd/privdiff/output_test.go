package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
