package reports

import (
	"bytes"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestAuditHTMLInChromium renders real audits in headless Chromium (Debian's
// chromium): the page must load without console errors, stay
// self-contained, and show every finding's message.
func TestAuditHTMLInChromium(t *testing.T) {
	browser, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed (apt-get install -y chromium)")
		}
		t.Skip("chromium is not installed")
	}
	dir := t.TempDir()
	for _, lang := range []string{"zh", "en"} {
		for name, a := range exampleAudits(t, lang) {
			var b bytes.Buffer
			if err := AuditHTML(&b, a); err != nil {
				t.Fatal(err)
			}
			page := b.String()
			// Self-contained: nothing is fetched when the page opens.
			for _, fetch := range []string{"<script", "<link", " src=", "url(", "@import"} {
				if strings.Contains(strings.ToLower(page), fetch) {
					t.Errorf("%s/%s: page has %s", name, lang, fetch)
				}
			}
			path := filepath.Join(dir, name+"."+lang+".html")
			os.WriteFile(path, b.Bytes(), 0o644)
			cmd := exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
				"--user-data-dir="+filepath.Join(dir, "profile"), "--dump-dom", "file://"+path)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("chromium: %v\n%s", err, stderr.String())
			}
			for _, l := range strings.Split(stderr.String(), "\n") {
				if strings.Contains(l, "CONSOLE") || strings.Contains(l, "Uncaught") {
					t.Errorf("%s/%s: console: %s", name, lang, l)
				}
			}
			dom := html.UnescapeString(stdout.String())
			if len(a.Findings) == 0 {
				t.Fatalf("%s: no findings to look for", name)
			}
			for _, f := range a.Findings {
				if !strings.Contains(dom, f.Message) {
					t.Errorf("%s/%s: the rendered page does not show %q", name, lang, f.Message)
				}
			}
			if strings.Count(dom, `class="finding `) != len(a.Findings) {
				t.Errorf("%s/%s: %d findings rendered, want %d", name, lang, strings.Count(dom, `class="finding `), len(a.Findings))
			}
		}
	}
}
