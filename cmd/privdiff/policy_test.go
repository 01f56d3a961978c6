package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPolicyCommand(t *testing.T) {
	code, out, errOut := runCLI(t, "policy", "--format", "json", "../../testdata/seeds/001_c1fbea3530511be1.txt")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var doc struct {
		Schema string `json:"schema"`
		SDKs   []struct {
			Name      string  `json:"name"`
			CatalogID *string `json:"catalogId"`
		} `json:"sdks"`
		Permissions []struct {
			Permissions []string `json:"permissions"`
		} `json:"permissions"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != "privdiff/policy/v1" || len(doc.SDKs) != 22 || len(doc.Permissions) == 0 {
		t.Errorf("schema %q, %d SDKs, %d permission statements", doc.Schema, len(doc.SDKs), len(doc.Permissions))
	}
}

func TestPolicyCommandBadInput(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	image := filepath.Join(dir, "policy.html")
	os.WriteFile(image, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01"), 0o644)
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"empty", []string{empty}, 2, "empty.txt"},
		{"image", []string{image}, 2, "policy.html"},
		{"missing", []string{filepath.Join(dir, "nope.md")}, 2, "nope.md"},
		{"unreachable URL", []string{"http://127.0.0.1:1/policy.html"}, 2, "http://127.0.0.1:1/policy.html"},
		{"JavaScript shell", []string{"../../declared/testdata/notpolicy/vue-spa.html"}, 2, "vue-spa.html: the page holds no policy text; it is probably rendered by JavaScript: save it from a browser"},
		{"one good, one bad", []string{"../../testdata/seeds/004_9e46848d797970c8.txt", empty}, 2, "empty.txt"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, append([]string{"policy", "--format", "json"}, c.args...)...)
			if code != c.code || !strings.Contains(errOut, c.want) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
				t.Errorf("exit %d, stderr %q; want exit %d and one line naming %q", code, errOut, c.code, c.want)
			}
		})
	}
	// A policy printed to PDF reads like the text it was printed from.
	code, out, errOut := runCLI(t, "policy", "--format", "json", "../../declared/testdata/pdf/seed-001.pdf")
	if code != 0 || !strings.Contains(out, `"catalogId": "netease-qiyu"`) {
		t.Errorf("PDF policy: exit %d, stderr %q", code, errOut)
	}
	// A PDF without text is refused, naming the format.
	scanned := filepath.Join(dir, "scan.pdf")
	os.WriteFile(scanned, []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"), 0o644)
	code, _, errOut = runCLI(t, "policy", scanned)
	if code != 2 || !strings.Contains(errOut, "scan.pdf: a damaged PDF") || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Errorf("damaged PDF: exit %d, stderr %q", code, errOut)
	}
	// A policy without an SDK list is read, with a warning, and exits 0.
	code, out, _ = runCLI(t, "policy", "--format", "json", "../../testdata/seeds/004_9e46848d797970c8.txt")
	if code != 0 || !strings.Contains(out, "no SDK list") {
		t.Errorf("seed 004: exit %d, output without the no-SDK-list warning", code)
	}
}
