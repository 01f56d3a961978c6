package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

const (
	minimalAPK = "../../testdata/apks/minimal.apk"
	fullAPK    = "../../testdata/apks/full.apk"
)

func TestScanJSON(t *testing.T) {
	code, out, errOut := runCLI(t, "scan", "--format", "json", fullAPK)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("stdout is not one JSON document: %v", err)
	}
	if doc["schema"] != "privdiff/scan/v1" {
		t.Errorf("schema = %v", doc["schema"])
	}
	for _, key := range []string{"app", "permissions", "components", "metaData", "dex", "nativeLibs", "sdks", "apis", "packer", "warnings"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("document has no %q", key)
		}
	}
	if doc["packer"] != nil {
		t.Errorf("packer = %v for an unpacked app, want null", doc["packer"])
	}
	// Byte-stable: a second run gives the same bytes.
	_, again, _ := runCLI(t, "scan", "--format", "json", fullAPK)
	if again != out {
		t.Error("two runs gave different JSON")
	}
}

func TestScanSeveralFilesOneBad(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "broken.apk")
	if err := os.WriteFile(bad, []byte("not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "scan", "--format", "json", minimalAPK, bad, fullAPK)
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "privdiff: "+bad+": ") {
		t.Errorf("stderr = %q, want one line naming %s", errOut, bad)
	}
	var docs []map[string]any
	if err := json.Unmarshal([]byte(out), &docs); err != nil {
		t.Fatalf("stdout is not a JSON array: %v", err)
	}
	if len(docs) != 2 {
		t.Errorf("%d documents, want the 2 good files", len(docs))
	}
}

func TestBadInputExitCodes(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.apk")
	os.WriteFile(empty, nil, 0o644)
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"missing file", []string{"scan", filepath.Join(dir, "missing.apk")}, "missing.apk: no such file"},
		{"directory", []string{"scan", dir}, "is a directory"},
		{"empty file", []string{"scan", empty}, "empty.apk: empty file"},
		{"no args", []string{"scan"}, "requires at least 1 arg"},
		{"bad format", []string{"scan", "--format", "xml", minimalAPK}, `unknown --format "xml"`},
		{"unknown command", []string{"frobnicate"}, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(errOut, tt.wantErr) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
				t.Errorf("stderr = %q, want one line containing %q", errOut, tt.wantErr)
			}
			if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
				t.Errorf("stderr shows a panic: %q", errOut)
			}
		})
	}
}

func TestScanTableAndOutputFile(t *testing.T) {
	outFile := filepath.Join(t.TempDir(), "scan.txt")
	code, stdout, errOut := runCLI(t, "scan", "--format", "table", "--output", outFile, fullAPK)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if stdout != "" {
		t.Errorf("stdout should be empty with --output, got %d bytes", len(stdout))
	}
	b, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Permissions", "Components", "Meta-data", "Native libraries", "android.permission.CAMERA"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("table has no %q", want)
		}
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := runCLI(t, "version")
	if code != 0 || !strings.HasPrefix(out, "privdiff ") {
		t.Errorf("version: exit %d, %q", code, out)
	}
}
