package reports

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestOverviewHTMLInChromium renders the campaign page in headless
// Chromium: it loads without console errors, fetches nothing, and its
// table sorts (by the #sort= address, the same code a click runs).
func TestOverviewHTMLInChromium(t *testing.T) {
	browser, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed (apt-get install -y chromium)")
		}
		t.Skip("chromium is not installed")
	}
	o := &Overview{Lang: "zh", Database: "results/privdiff.db", Apps: []OverviewApp{
		{Label: "兼客兼职示例", Package: "com.example.jianke", Version: "2.0 (2)", High: 4, Info: 19, Report: "jianke/report.html",
			UndeclaredSDKs: []string{"腾讯Bugly", "神策分析"},
			Change: &OverviewChange{Since: "1.0 (1)", SDKsAdded: []string{"神策分析"}, SDKsRemoved: []string{"个推推送"},
				New: []string{"sensors (sdk-undeclared)"}, Fixed: []string{"getui (sdk-undeclared)"}, Persisting: []string{"bugly (sdk-undeclared)"}}},
		{Label: "WeiboSDKDemo", Package: "com.sina.weibo.sdk.demo", Version: "3.1.4 (8)", High: 3, Medium: 1, Info: 14},
		{Label: "Privdiff Minimal", Package: "org.privdiff.fixture.minimal", Version: "1.0 (1)"},
	}}
	var b bytes.Buffer
	if err := OverviewHTML(&b, o); err != nil {
		t.Fatal(err)
	}
	page := strings.ToLower(b.String())
	for _, fetch := range []string{"<link", " src=", "url(", "@import", "http://", "https://"} {
		if strings.Contains(page, fetch) {
			t.Errorf("page has %s: not self-contained", fetch)
		}
	}
	for _, want := range []string{"问题仍存在的应用</div>", "<b>1</b>问题仍存在的应用", "<b>2</b>有高危问题的应用", `href="jianke/report.html"`, "仍存在"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("page lacks %q", want)
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "overview.html")
	os.WriteFile(path, b.Bytes(), 0o644)
	order := regexp.MustCompile(`data-package="([^"]+)"`)
	for _, c := range []struct{ hash, want string }{
		{"", "com.example.jianke com.sina.weibo.sdk.demo org.privdiff.fixture.minimal"},
		{"#sort=high", "org.privdiff.fixture.minimal com.sina.weibo.sdk.demo com.example.jianke"},
		{"#sort=medium-desc", "com.sina.weibo.sdk.demo com.example.jianke org.privdiff.fixture.minimal"},
		{"#sort=package-desc", "org.privdiff.fixture.minimal com.sina.weibo.sdk.demo com.example.jianke"},
	} {
		cmd := exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
			"--user-data-dir="+filepath.Join(dir, "profile"), "--dump-dom", "file://"+path+c.hash)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("chromium: %v\n%s", err, stderr.String())
		}
		for _, l := range strings.Split(stderr.String(), "\n") {
			if strings.Contains(l, "CONSOLE") || strings.Contains(l, "Uncaught") {
				t.Errorf("%s: console: %s", c.hash, l)
			}
		}
		var got []string
		for _, m := range order.FindAllStringSubmatch(stdout.String(), -1) {
			got = append(got, m[1])
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%q: rows %v, want %s", c.hash, got, c.want)
		}
		if c.hash != "" && !strings.Contains(stdout.String(), `aria-sort=`) {
			t.Errorf("%q: no column marked as sorted", c.hash)
		}
	}
}
