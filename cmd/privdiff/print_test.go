package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/ledongthuc/pdf"

	"privdiff/declared"
)

// TestHTMLReportPrints prints the HTML report of a real pair (yuekuan) to
// PDF with headless Chromium, as a regulator attaching it would, in both
// languages: A4 pages, a sane page count, page numbers, and every finding
// (its rule id and what it is about) on some page.
func TestHTMLReportPrints(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed; CI must install it (scripts/test.sh does)")
		}
		t.Skip("chromium not installed")
	}
	apkPath, policyPath := "../../testdata/pairs/yuekuan/app.apk", "../../testdata/pairs/yuekuan/policy.html"
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			html := filepath.Join(dir, "report.html")
			if code, _, errOut := runCLI(t, "audit", apkPath, "--policy", policyPath, "--lang", lang, "-o", html); code != 0 {
				t.Fatalf("audit: exit %d: %s", code, errOut)
			}
			_, out, _ := runCLI(t, "audit", apkPath, "--policy", policyPath, "--lang", lang, "--format", "json")
			var doc struct {
				Findings []struct{ Rule, SDK, Permission, DataType string }
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Findings) < 5 {
				t.Fatalf("audit JSON: %v, %d findings", err, len(doc.Findings))
			}

			pages, all := printToPDF(t, chromium, html, filepath.Join(dir, "report.pdf"))
			if pages < 3 || pages > 25 {
				t.Errorf("%d pages for %d findings", pages, len(doc.Findings))
			}
			for _, f := range doc.Findings {
				for _, want := range []string{f.Rule, f.SDK, f.Permission} {
					if want != "" && !strings.Contains(all, squeeze(want)) {
						t.Errorf("finding %s %s%s%s: %q is on no page", f.Rule, f.SDK, f.Permission, f.DataType, want)
					}
				}
			}
			checkPageNumbers(t, filepath.Join(dir, "report.pdf"), pages)
		})
	}
}

// printToPDF prints html to a PDF with Chromium, checks every page is A4,
// and returns the number of pages and the PDF's text without white space
// (its text runs break lines anywhere). The text is read by privdiff's own
// PDF reader (ledongthuc/pdf plus the ToUnicode maps of the subset fonts
// Chromium embeds, which ledongthuc's GetPlainText garbles).
func printToPDF(t *testing.T, chromium, html, out string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	abs, _ := filepath.Abs(html)
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
		"--user-data-dir="+t.TempDir(), "--print-to-pdf="+out, "file://"+abs)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, b)
	}
	f, r, err := pdf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i := 1; i <= r.NumPage(); i++ {
		// A4 is 595 × 842 points (Letter, 612 × 792, is what Chromium
		// prints without an @page size).
		box := r.Page(i).V.Key("MediaBox")
		if w, h := box.Index(2).Float64(), box.Index(3).Float64(); w < 590 || w > 600 || h < 837 || h > 847 {
			t.Errorf("page %d is %.0f × %.0f points, not A4", i, w, h)
		}
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	text, err := declared.ReadText(data, out)
	if err != nil {
		t.Fatal(err)
	}
	return r.NumPage(), squeeze(strings.Join(text.Lines, ""))
}

// checkPageNumbers looks for "n / N" on the first and last page with
// poppler's pdftotext, which keeps the page footers privdiff's reader drops
// as a printer's furniture.
func checkPageNumbers(t *testing.T, path string, pages int) {
	t.Helper()
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext (poppler-utils) not installed: page numbers not checked")
		return
	}
	for _, n := range []int{1, pages} {
		out, err := exec.Command(pdftotext, "-f", fmt.Sprint(n), "-l", fmt.Sprint(n), path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		if number := fmt.Sprintf("%d/%d", n, pages); !strings.Contains(squeeze(string(out)), number) {
			t.Errorf("page %d has no page number %q", n, number)
		}
	}
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
