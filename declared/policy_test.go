package declared

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"privdiff/catalog"
)

func seed(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../testdata/seeds", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestExtractShapes checks each way a policy lists SDKs and permissions,
// one small real-looking text per shape.
func TestExtractShapes(t *testing.T) {
	cases := []struct {
		name, file, text string
		sdks             []string // names as written, in order
		catalogIDs       []string // of the same SDKs, "" for none
		permissions      []string // constants, sorted per statement, joined by +
		platforms        map[string]string
	}{
		{
			name: "pipe table",
			file: "p.md",
			text: "第三方SDK目录\n\nSDK名称 | 使用目的 | 收集个人信息类型 | 第三方机构名称 | 隐私政策链接\n" +
				"--- | --- | --- | --- | ---\n" +
				"极光推送SDK | 消息推送 | 设备标识符(IMEI、Android ID)、网络信息 | 深圳市和讯华谷信息技术有限公司 | https://www.jiguang.cn/license/privacy\n" +
				"友盟统计SDK | 统计分析 | 设备信息(IMEI/MAC/OAID) | 友盟同欣(北京)科技有限公司 | https://www.umeng.com/page/policy\n",
			sdks:       []string{"极光推送SDK", "友盟统计SDK"},
			catalogIDs: []string{"jpush", "umeng-analytics"},
		},
		{
			name: "HTML table",
			file: "p.html",
			text: `<html><body><h2>第三方SDK列表</h2><table><tr><th>第三方名称</th><th>SDK名称</th><th>使用目的</th><th>收集信息</th></tr>` +
				`<tr><td>北京百度网讯科技有限公司</td><td>百度定位SDK</td><td>定位服务</td><td>位置信息、WiFi信息</td></tr>` +
				`<tr><td>腾讯</td><td>Bugly</td><td>崩溃分析</td><td>设备型号、系统版本</td></tr></table></body></html>`,
			sdks: []string{"百度定位SDK", "Bugly"},
		},
		{
			name: "HTML table with a vendor cell spanning rows and links behind text",
			file: "p.html",
			text: `<table><tr><th>序号</th><th>第三方名称</th><th>SDK名称</th><th>使用目的</th><th>收集的个人信息</th><th>隐私政策链接</th></tr>` +
				`<tr><td>1</td><td rowspan="2">深圳市腾讯计算机系统有限公司</td><td>微信SDK</td><td>登录</td><td>设备标识信息</td><td><a href="https://weixin.qq.com/privacy">链接</a></td></tr>` +
				`<tr><td>2</td><td>腾讯Bugly</td><td>崩溃上报</td><td>设备型号</td><td><a href="https://bugly.qq.com/contract">查看</a></td></tr>` +
				`<tr><td colspan="2">3</td><td>百度定位SDK</td><td>定位</td><td>位置信息</td><td></td></tr></table>`,
			sdks:       []string{"微信SDK", "腾讯Bugly", "百度定位SDK"},
			catalogIDs: []string{"wechat-opensdk", "bugly", "baidu-location"},
		},
		{
			name: "numbered blocks",
			file: "p.txt",
			text: "(1).Alipay(支付宝)SDK\n业务功能:\n支付\n收集数据类型:\n设备信息、网络信息\n隐私政策链接:\nhttps://opendocs.alipay.com/open/01g6qm\n" +
				"(2).微信SDK\n业务功能:\n分享、登录\n收集数据类型:\n设备信息\n",
			sdks: []string{"Alipay(支付宝)SDK", "微信SDK"},
		},
		{
			name:      "inline prose with platform marks, Traditional",
			file:      "p.txt",
			text:      "地圖功能:我們會接入百度地圖(Android端、iOS端)SDK,以便為您提供定位服務。人臉識別通過曠視Face++ (iOS端)實現。\n",
			sdks:      []string{"百度地圖", "曠視Face++"},
			platforms: map[string]string{"百度地圖": "android,ios", "曠視Face++": "ios"},
		},
		{
			name: "a kind of SDK is not an SDK",
			file: "p.txt",
			text: "为保障客户端的稳定运行,我们的应用中会嵌入授权合作伙伴的SDK或其他类似的应用程序。我们会对第三方SDK进行严格的安全检测。\n",
			sdks: nil,
		},
		{
			name: "numbered blocks under a heading, platform marks with commas",
			file: "p.txt",
			text: "一.第三方SDK\n1. 微信开放平台SDK(Android 端,iOS端)\n使用目的:分享到微信\n涉及的个人信息:设备信息(IMEI、MAC地址)\n第三方名称:深圳市腾讯计算机系统有限公司\n" +
				"2. QQ互联SDK (Android 端)\n使用目的:分享到QQ\n涉及的个人信息:设备信息\n",
			sdks:      []string{"微信开放平台SDK", "QQ互联SDK"},
			platforms: map[string]string{"微信开放平台SDK": "android,ios", "QQ互联SDK": "android"},
		},
		{
			name: "bullet label blocks; a name the catalog knows only in part",
			file: "p.md",
			text: "本应用的第三方SDK目录如下:\n腾讯 Bugly 崩溃统计SDK\n- 使用目的:收集崩溃日志\n- 公司主体:深圳市腾讯计算机系统有限公司\n- 共享信息:设备型号、系统版本\n" +
				"新浪微博开放平台SDK\n- 使用目的:微博登录\n- 共享信息:设备信息\n",
			sdks:       []string{"腾讯 Bugly 崩溃统计SDK", "新浪微博开放平台SDK"},
			catalogIDs: []string{"bugly", "weibo"},
		},
		{
			name:        "permission statements",
			file:        "p.txt",
			text:        "1、相机权限，用于拍摄房源图片。\n2、位置权限，主要目的为推荐附近的房源。\n3、android.permission.READ_CONTACTS: 用于邀请好友。\n4、相册权限(iOS系统)以上传照片。\n如您不再希望我们使用相机，可在系统设置中关闭相机权限。\n如有疑问请拨打400-000-0000联系客服。\n",
			permissions: []string{"android.permission.CAMERA", "android.permission.ACCESS_COARSE_LOCATION+android.permission.ACCESS_FINE_LOCATION", "android.permission.READ_CONTACTS", ""},
		},
		{
			name: "English lists: SDKs after an intro line, permissions under a heading",
			file: "p.md",
			text: "# Privacy Policy\n\nWe collect your Android ID and approximate location.\n\n## Permissions\n- Camera: to scan QR codes and take photos.\n- Location (fine and coarse): to show nearby stores.\n\n" +
				"## Third-party services\nOur app integrates the following third-party SDKs:\n- Google Firebase Crashlytics (crash reports; device model)\n- Google AdMob (advertising; advertising ID)\n- OneSignal (push notifications)\n- Some In-House Helper (logging)\n",
			sdks:        []string{"Google Firebase Crashlytics", "Google AdMob", "OneSignal"},
			catalogIDs:  []string{"firebase-crashlytics", "google-admob", "onesignal"},
			permissions: []string{"android.permission.CAMERA", "android.permission.ACCESS_COARSE_LOCATION+android.permission.ACCESS_FINE_LOCATION"},
		},
		{
			name:        "English policy",
			file:        "p.md",
			text:        "# Privacy Policy\n\n## Third-party SDKs\n\n| SDK | Purpose | Data collected |\n|---|---|---|\n| Firebase Analytics | analytics | app instance ID, device model |\n| AdMob | ads | advertising ID |\n\nWe request the camera permission to scan QR codes.\n",
			sdks:        []string{"Firebase Analytics", "AdMob"},
			permissions: []string{"android.permission.CAMERA"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Extract([]byte(c.text), c.file)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, s := range p.SDKs {
				names = append(names, s.Name)
			}
			if strings.Join(names, "|") != strings.Join(c.sdks, "|") {
				t.Errorf("sdks %q, want %q", names, c.sdks)
			}
			for i, id := range c.catalogIDs {
				if i < len(p.SDKs) {
					got := ""
					if p.SDKs[i].CatalogID != nil {
						got = *p.SDKs[i].CatalogID
					}
					if got != id {
						t.Errorf("%s: catalogId %q, want %q", p.SDKs[i].Name, got, id)
					}
				}
			}
			if c.name == "HTML table with a vendor cell spanning rows and links behind text" {
				if p.SDKs[1].Vendor != "深圳市腾讯计算机系统有限公司" || p.SDKs[1].Link != "https://bugly.qq.com/contract" || p.SDKs[1].Purpose != "崩溃上报" {
					t.Errorf("spanned row read as %+v", p.SDKs[1])
				}
			}
			for _, s := range p.SDKs {
				if want, ok := c.platforms[s.Name]; ok && strings.Join(s.Platforms, ",") != want {
					t.Errorf("%s: platforms %v, want %s", s.Name, s.Platforms, want)
				}
			}
			if c.permissions != nil {
				var got []string
				for _, perm := range p.Permissions {
					got = append(got, strings.Join(perm.Permissions, "+"))
				}
				if strings.Join(got, "|") != strings.Join(c.permissions, "|") {
					t.Errorf("permissions %q, want %q", got, c.permissions)
				}
			}
			if len(c.sdks) == 0 && !hasWarning(p, "no SDK list") {
				t.Errorf("no warning for a policy without SDKs: %q", p.Warnings)
			}
		})
	}
}

// TestExtractEncodings reads seed 001 as GB18030 and seed 000 as Big5 and
// expects the same extraction as from UTF-8.
func TestExtractEncodings(t *testing.T) {
	check := func(name string, encoded []byte) {
		t.Helper()
		want, err := Extract(seed(t, name), name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Extract(encoded, name)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.SDKs) != len(want.SDKs) || len(got.Permissions) != len(want.Permissions) || strings.Join(got.DataTypes, ",") != strings.Join(want.DataTypes, ",") {
			t.Errorf("%s: re-encoded gives %d SDKs, %d permissions, %v; UTF-8 gives %d, %d, %v", name,
				len(got.SDKs), len(got.Permissions), got.DataTypes, len(want.SDKs), len(want.Permissions), want.DataTypes)
		}
	}
	gbk, err := simplifiedchinese.GB18030.NewEncoder().Bytes(seed(t, "001_c1fbea3530511be1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	check("001_c1fbea3530511be1.txt", gbk)
	// Big5 cannot encode the simplified characters seed 000 mixes in, so
	// only its lines that Big5 can hold are compared.
	var big5Lines []string
	for _, l := range strings.Split(string(seed(t, "000_fcc99b2fa76f1609.txt")), "\n") {
		if _, err := traditionalchinese.Big5.NewEncoder().String(l); err == nil {
			big5Lines = append(big5Lines, l)
		}
	}
	utf8Text := strings.Join(big5Lines, "\n")
	big5, _ := traditionalchinese.Big5.NewEncoder().String(utf8Text)
	want, _ := Extract([]byte(utf8Text), "p.txt")
	got, err := Extract([]byte(big5), "p.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.SDKs) == 0 || len(got.SDKs) != len(want.SDKs) || got.Language != "zh-Hant" {
		t.Errorf("Big5: %d SDKs (%s), UTF-8: %d", len(got.SDKs), got.Language, len(want.SDKs))
	}
}

func TestReadFileBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct {
		name, path, want string
	}{
		{"empty", write("empty.txt", nil), "empty"},
		{"binary", write("garbage.txt", bytes.Repeat([]byte{0, 1, 2, 0xff, 0xfe, 0x80}, 200)), "not a text document"},
		{"PNG", write("policy.html", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)), "policy.html"},
		{"missing", filepath.Join(dir, "nope.txt"), "nope.txt"},
		{"directory", dir, "directory"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadFile(c.path)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one mentioning %q", err, c.want)
			}
		})
	}
}

// TestReadFileHuge reads a policy far over the cap in bounded time and
// memory: only the first MaxPolicyBytes are read, with a warning.
func TestReadFileHuge(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 200 MB file")
	}
	p := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat(seed(t, "001_c1fbea3530511be1.txt"), 8)
	for written := 0; written < 200<<20; written += len(chunk) {
		if _, err := f.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()
	start := time.Now()
	pol, err := ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !hasWarning(pol, "only the first") {
		t.Errorf("no truncation warning: %q", pol.Warnings)
	}
	if len(pol.SDKs) == 0 {
		t.Error("no SDKs from the part that was read")
	}
	t.Logf("200 MB policy: %d SDKs, %d permission statements in %v", len(pol.SDKs), len(pol.Permissions), time.Since(start))
}

func TestFetch(t *testing.T) {
	page := seed(t, "001_c1fbea3530511be1.txt")
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("<html><head><meta charset=\"gbk\"></head><body><h1>隐私政策</h1><p>我们接入了极光推送SDK，用于消息推送，它会收集您的设备标识。</p><p>您可以联系我们删除您的个人信息。</p></body></html>"))
	shell, err := os.ReadFile("testdata/notpolicy/react-spa.html")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/policy.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write(page)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/policy.txt", http.StatusFound)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/gbk", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(gbk)
	})
	mux.HandleFunc("/spa", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(shell)
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for i := 0; i < 64; i++ {
			w.Write(page)
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := context.Background()
	opts := FetchOptions{Timeout: time.Second, Client: srv.Client()}

	p, err := FetchWith(ctx, srv.URL+"/moved", opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.SDKs) < 20 || p.Source != srv.URL+"/moved" {
		t.Errorf("redirected page: %d SDKs, source %s", len(p.SDKs), p.Source)
	}
	p, err = FetchWith(ctx, srv.URL+"/gbk", opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.SDKs) != 1 || p.SDKs[0].Name != "极光推送SDK" {
		t.Errorf("GBK page by <meta>: %+v", p.SDKs)
	}
	small := opts
	small.MaxBytes = int64(len(page))
	p, err = FetchWith(ctx, srv.URL+"/big", small)
	if err != nil {
		t.Fatal(err)
	}
	if !hasWarning(p, "only the first") {
		t.Errorf("no warning for a cut page: %q", p.Warnings)
	}
	for _, c := range []struct{ path, want string }{
		{"/image", "image/png"},
		{"/loop", "redirects"},
		{"/slow", "cannot fetch"},
		{"/missing", "404"},
	} {
		_, err := FetchWith(ctx, srv.URL+c.path, opts)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), srv.URL+c.path) {
			t.Errorf("%s: error %v, want one naming the URL and %q", c.path, err, c.want)
		}
	}
	if _, err := FetchWith(ctx, "http://127.0.0.1:1/policy", opts); err == nil || !strings.Contains(err.Error(), "cannot fetch") {
		t.Errorf("unreachable: %v", err)
	}
	if _, err := FetchWith(ctx, "ftp://example.com/p", opts); err == nil {
		t.Error("ftp URL accepted")
	}
	if _, err := FetchWith(ctx, srv.URL+"/spa", opts); !errors.Is(err, ErrNoPolicyText) || !strings.HasPrefix(err.Error(), srv.URL+"/spa: ") {
		t.Errorf("JavaScript shell: %v, want ErrNoPolicyText naming the URL", err)
	}
	if _, err := FetchWith(ctx, srv.URL+"/image", opts); !errors.Is(err, ErrNotText) {
		t.Errorf("image: %v is not ErrNotText", err)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add([]byte("SDK名称 | 使用目的\n极光推送 | 推送\n"), "p.md")
	f.Add([]byte("(1).Alipay(支付宝)SDK\n业务功能:\n支付\n"), "p.txt")
	f.Add([]byte("我们接入百度地图(Android端、iOS端)SDK。相机权限，用于拍照。"), "p.txt")
	f.Add([]byte("<table><tr><th>SDK</th><th>目的</th></tr><tr><td>Bugly</td><td>崩溃</td></tr></table>"), "p.html")
	f.Add([]byte("- Used by `Play services`:\n  - `Play services measurement`:\n    - android.permission.INTERNET\n*   **Maps SDK for Android**\n"), "p.md")
	f.Add([]byte("（2）应用商店联运SDK\n集成了联运SDK（包含甲联运SDK、乙联运SDK）\n接入腾讯某某及百度XYZ的SDK来实现身份验证"), "p.txt")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		p, err := Extract(data, name)
		if err != nil {
			return
		}
		for _, s := range p.SDKs {
			if s.Name == "" || s.Line < 1 {
				t.Fatalf("SDK without a name or line: %+v", s)
			}
		}
		for _, perm := range p.Permissions {
			if perm.Line < 1 {
				t.Fatalf("permission without a line: %+v", perm)
			}
		}
	})
}

func BenchmarkExtract(b *testing.B) {
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(file), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				if _, err := Extract(data, file); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestExtractLongLines feeds one-line policies of half a megabyte built
// from the patterns each extractor reacts to. Work per word is bounded by
// the sentence cap, so each finishes in well under a second (a quadratic
// walk took 20 s on 32,000 SDK names); the test's timeout is the bound.
func TestExtractLongLines(t *testing.T) {
	for _, unit := range []string{"相机权限,", "极光推送SDK、", "小米PUSH(Android端)、", "1.本机设备信息", "| a ", "通过GPS", "(", "百度地图(android端)sdk"} {
		data := []byte(strings.Repeat(unit, 32000))
		start := time.Now()
		if _, err := Extract(data, "p.txt"); err != nil {
			t.Fatal(err)
		}
		t.Logf("%q × 32000: %v", unit, time.Since(start))
	}
}

// realPolicies are every real policy kept in the repository: the seeds, the
// bundled example's and the twenty of testdata/policies.
func realPolicies(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"../testdata/seeds/*.txt", "../testdata/examples/*/policy.*", "testdata/policies/*-*.*"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 26 {
		t.Fatalf("only %d real policies found", len(files))
	}
	return files
}

// TestNoPolicyText refuses pages that hold no policy (JavaScript shells,
// login, error, consent and WeChat-only pages, an empty body) and accepts
// every real policy, the shortest a five-line Markdown file.
func TestNoPolicyText(t *testing.T) {
	shells, _ := filepath.Glob("testdata/notpolicy/*.html")
	if len(shells) < 9 {
		t.Fatalf("only %d pages in testdata/notpolicy", len(shells))
	}
	for _, f := range shells {
		t.Run(filepath.Base(f), func(t *testing.T) {
			_, err := ReadFile(f)
			if !errors.Is(err, ErrNoPolicyText) || !strings.HasPrefix(err.Error(), f+": ") {
				t.Errorf("error %v, want ErrNoPolicyText naming the file", err)
			}
		})
	}
	for _, f := range realPolicies(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if _, err := ReadFile(f); err != nil {
				t.Errorf("a real policy refused: %v", err)
			}
		})
	}
}

// TestPolicyTextShapes checks each rule of checkPolicyText on the shape it
// is for.
func TestPolicyTextShapes(t *testing.T) {
	short := "# Privacy Policy\nThis app does not collect personal data. It uses the Google Play Services SDK for crash reports.\n" +
		"Camera permission: to scan QR codes.\nContact us: dev@example.com\n"
	for _, c := range []struct {
		name, text string
		want       string // "" accepted, else a word of the reason
	}{
		{"short English policy", short, ""},
		{"short Chinese policy", "本应用不收集任何个人信息。\n相机权限用于扫描二维码。\n我们接入了友盟统计SDK。", ""},
		{"title only", "隐私政策", "says nothing"},
		{"no letters", "| | |\n12345\n", "no text"},
		{"login lines beside a policy link", "登录\n手机号登录\n忘记密码\n我已阅读并同意《隐私政策》，我们会收集您的手机号用于登录，并保护您的个人信息。", "login page"},
		{"one login heading in a policy", "登录\n" + short, ""},
		{"consent buttons", "We value your privacy\nWe and our partners use cookies to collect personal data.\nAccept all\nReject all\n", "cookie consent"},
	} {
		t.Run(c.name, func(t *testing.T) {
			text, err := ReadText([]byte(c.text), "p.md")
			if err != nil {
				t.Fatal(err)
			}
			err = checkPolicyText(text)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("error %v, want one saying %q", err, c.want)
			}
		})
	}
}

// TestSDKMentionShapes checks the catalog-as-dictionary reader: a known SDK
// is found however a sentence or list writes it, and only where the text
// declares it (an SDK sentence or list, not negated, not a mere login or
// payment method).
func TestSDKMentionShapes(t *testing.T) {
	for _, c := range []struct {
		name, file, text string
		want             []string // name as written = catalog id
	}{
		{"link texts under a third-party intro", "p.md",
			"Our app relies on these third-party services:\n\n- [Firebase Crashlytics](https://example.com/a)\n- [OneSignal](https://example.com/b)\n",
			[]string{"Firebase Crashlytics=firebase-crashlytics", "OneSignal=onesignal"}},
		{"English prose", "p.md", "The game shows ads through the Unity Ads SDK to pay for itself.\n",
			[]string{"Unity Ads SDK=unity-ads"}},
		{"two SDKs in one phrase", "p.txt", "我们接入了个推及神策的SDK,分别用于消息推送与数据统计。\n",
			[]string{"个推=getui", "神策=sensors"}},
		{"feature with the SDK in brackets", "p.txt", "3. 消息提醒(小米推送SDK):在您的设备上展示通知。\n",
			[]string{"小米推送SDK=xiaomi-push"}},
		{"bare names under an SDK heading", "p.md", "## 我们使用的第三方SDK\n\n- 极光推送\n- 腾讯Bugly\n",
			[]string{"极光推送=jpush", "腾讯Bugly=bugly"}},
		{"push channels by phone maker", "p.txt", "若您使用华为、OPPO或vivo手机,厂商推送通道会获取您的设备标识。\n",
			[]string{"华为=huawei-push", "OPPO=oppo-push", "vivo=vivo-push"}},
		{"push makers named by company and short name", "p.txt",
			"我们的消息推送由甲乙技术有限公司（华为）、丙丁科技有限责任公司（小米）和戊己电子有限公司（vivo）提供，我们会接入这些公司的SDK。\n",
			[]string{"华为=huawei-push", "小米=xiaomi-push", "vivo=vivo-push"}},
		{"one maker's phone beside a company is no list", "p.txt",
			"推送消息由某某科技有限公司提供，在华为手机上也能收到。\n", nil},
		{"numbered titles name an SDK however short", "p.txt",
			"本应用使用的SDK如下\n（1）云鹊SDK：为了提供天气服务，我们使用了云鹊SDK。\n（2）和风SDK：用于消息提醒。\n" +
				"（3）支付SDK：为了充值，我们使用了支付SDK。\n（4）org.example.widgets：用于下载文件。\n",
			[]string{"云鹊SDK=", "和风SDK=", "支付SDK=", "org.example.widgets="}},
		{"a numbered title that is a kind of several SDKs, or a fragment", "p.txt",
			"本应用使用的SDK如下\n（1）推送SDK：为了通知您，我们接入各手机厂商Push\nSDK，获取设备标识。\n（2）这些SDK：用于统计。\n" +
				"（3）android.permission.camera：用于拍照。\n",
			nil},
		{"a numbered login method is no SDK", "p.txt", "您可以选择以下登录方式\n（1）微信：授权后读取昵称。\n（2）支付宝：授权后读取头像。\n", nil},
		{"numbered label blocks with a short or kind title", "p.txt",
			"第三方SDK目录\n1、云鹊SDK\n运营公司：某某科技有限公司\n功能：天气\n2、统计SDK\n运营公司：某某数据有限公司\n功能/服务：数据统计\n" +
				"3、广告SDK\n功能：展示广告\n4、云雀SDK\n信息类型：设备识别码（安卓\nID、序列号）、应用列表\n调用权限：无\n官网链接：https://example.com/\n",
			[]string{"云鹊SDK=", "统计SDK=", "云雀SDK="}},
		{"an SDK named by its maker: one obvious entry, or the maker alone", "p.txt",
			"我们的定位服务由某地图公司提供，我们会接入高德的SDK，他们会收集位置信息。\n崩溃日志服务由某科技公司提供，我们会接入腾讯的SDK。\n",
			[]string{"高德=amap-map", "腾讯="}},
		{"a partner or company that is no brand names no SDK", "p.txt",
			"我们会接入合作伙伴的SDK，也会接入这些公司的SDK和某某网络的SDK。\n本应用不会使用百度的SDK。\n", nil},
		{"one SDK's name cut by a line break", "p.txt",
			"（4）分享SDK：为了便于您分享内容，我们使用了Mobtech\nSharesdk，需要访问您的设备标识。\n",
			[]string{"Mobtech Sharesdk=sharesdk"}},
		{"two SDKs on either side of a line break stay two", "p.txt",
			"为了推送和统计，我们接入了个推SDK、神策\nSDK，需要访问您的设备标识。\n",
			[]string{"个推SDK=getui", "神策=sensors"}},
		{"a negated SDK sentence", "p.txt", "本应用没有接入广告或统计SDK,也没有使用友盟。\n", nil},
		{"a negation wrapped onto the next line", "p.md",
			"This app does not include any tracking code,\nsuch as Google Analytics or Flurry.\n", nil},
		{"login and payment methods are not SDKs", "p.txt",
			"您可以使用微信或支付宝付款,付款由第三方支付机构处理。\n", nil},
		{"sentence fragments ending in SDK are not names", "p.txt",
			"具体的处理方式请参见SDK的隐私政策,我们会确保这些SDK遵守约定。\n- Everything collected by the SDK is encrypted.\n", nil},
		{"a link's address is not a name", "p.txt",
			"第三方服务的规则见 https://firebase.google.com/support/privacy 。\n", nil},
		{"an English product name that runs past SDK", "p.md",
			"We keep nothing about you. Still, the app depends on these Google libraries:\n" +
				"- [Places SDK for Android](https://example.com/places)\n- [Google APIs for Android](https://example.com/ref)\n",
			[]string{"Places SDK for Android=google-places", "Google APIs for Android=google-play-services"}},
		{"an ordinary phrase that is a catalog alias", "p.txt",
			"为了完成签约,我们需要接入某某刷脸SDK来实现身份验证,并支持一键登录。\n", []string{"某某刷脸SDK="}},
		{"an ordinary phrase listed among SDKs", "p.txt",
			"我们会接入第三方SDK(包括微博分享SDK、QQ分享、微信SDK)为您实现分享功能。\n",
			[]string{"微博分享SDK=weibo", "QQ分享=tencent-open-sdk", "微信SDK=wechat-opensdk"}},
		{"libraries as code grouped by who uses a permission", "p.md",
			"## Permissions\n\n- Required by `Example analytics`:\n  - `Example analytics core`:\n    - android.permission.INTERNET\n" +
				"  - `Example analytics ktx`:\n    - android.permission.WAKE_LOCK\n- Used by `okio.core`:\n  - com.example.SOME_PERMISSION\n" +
				"- `ACCESS_FINE_LOCATION`:\n  - to show the map\n",
			[]string{"Example analytics core=", "Example analytics ktx=", "okio.core="}},
		{"Markdown emphasis and code around names", "p.md",
			"## 第三方SDK\n\n*   **某某开放平台 SDK**：用于分享\n*   __某某统计SDK__：统计\n- **某某推送SDK** - 推送消息\n- `Glide`\n1. ***某某地图SDK***\n",
			[]string{"某某开放平台 SDK=", "某某统计SDK=", "某某推送SDK=", "Glide=glide", "某某地图SDK="}},
		{"a kind of SDK in a list", "p.md", "我们接入的第三方SDK如下:\n- 通知类SDK\n- 广告类 SDK\n- 某某推送SDK\n",
			[]string{"某某推送SDK="}},
		{"a negated item under the next heading", "p.md",
			"## Libraries\n\nThe app is built with these SDKs:\n\n- Glide\n\n## What we leave out\n\n- We do not use Google Analytics.\n- No Flurry either\n",
			[]string{"Glide=glide"}},
		{"a name the policy labels as an SDK's", "p.txt",
			"第三方SDK目录\n1.SDK名称:某某统计\n使用目的:统计分析\n2.SDK名称:剪贴板\n使用目的:复制\n",
			[]string{"某某统计=", "剪贴板="}},
		{"a two-character name as a numbered title", "p.txt",
			"第三方SDK说明\n（3）某某SDK\n我们的产品集成某某SDK,用于上传头像。\n（4）统计SDK\n用于统计。\n",
			[]string{"某某SDK="}},
		{"two unknown SDKs before one possessive SDK", "p.txt",
			"为了核验身份,我们需要接入腾讯某某核身及百度XYZ证件识别的SDK来完成认证。\n我们也会接入其他公司的SDK。\n",
			[]string{"腾讯某某核身=", "百度XYZ证件识别="}},
		{"a group with its members in brackets", "p.txt",
			"（9）手机厂商联运SDK\n部分渠道的版本集成了联运SDK（包含甲乙联运SDK、丙丁联运SDK），用于应用内购买。\n",
			[]string{"甲乙联运SDK=", "丙丁联运SDK="}},
		{"share targets in an SDK's description", "p.txt",
			"我们的产品集成某某分享SDK,以提供内容分享（包含QQ、微信、微博、Facebook）的服务。\n",
			[]string{"某某分享SDK="}},
		{"a data item numbered like the SDK blocks around it", "p.md",
			"7、某某推送SDK\n\nSDK用途：消息推送\n\n收集个人信息类型：设备标识\n\n8、剪贴板\n\nSDK用途：复制粘贴文字\n\n收集个人信息类型：您输入的文字\n",
			[]string{"某某推送SDK="}},
		{"code names under a heading that is not about libraries", "p.md",
			"## Settings\n\n- `darkMode`: switches colours\n- `fontSize`:\n", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := Extract([]byte(c.text), c.file)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range p.SDKs {
				id := ""
				if s.CatalogID != nil {
					id = *s.CatalogID
				}
				got = append(got, s.Name+"="+id)
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("SDKs %q, want %q", got, c.want)
			}
		})
	}
}

// TestSDKTableShapes checks table layouts real policies use beyond a plain
// "SDK名称 | 目的 | …" table.
func TestSDKTableShapes(t *testing.T) {
	td := func(s ...string) string { return "<tr><td>" + strings.Join(s, "</td><td>") + "</td></tr>" }
	for _, c := range []struct {
		name, file, text string
		columns          bool     // want "name / vendor / purpose", not platforms
		want             []string // name as written @ platforms
	}{
		{"a third-party column that holds SDK names", "p.md",
			"合作方 | 合作方提供的功能 | 收集的个人信息\n---|---|---\n个推SDK | 推送通知 | 设备标识\n高德定位SDK | 定位 | 位置信息\n",
			false, []string{"个推SDK@", "高德定位SDK@"}},
		{"vendor before product, platform sub-headers spanning the table, the header repeated", "p.html",
			`<table><tr><td colspan="3">安卓端接入的SDK</td></tr><tr><td>公司名称</td><td>产品/类型</td><td>共享信息名称</td></tr>` +
				`<tr><td>某某网络科技有限公司</td><td>示例推送SDK</td><td>设备标识</td></tr>` +
				`<tr><td colspan="3">iOS端接入的SDK</td></tr><tr><td>公司名称</td><td>产品/类型</td><td>共享信息名称</td></tr>` +
				`<tr><td>某某网络科技有限公司</td><td>示例推送SDK</td><td>设备标识</td></tr>` +
				`<tr><td>另一家信息技术有限公司</td><td>示例分享SDK</td><td>网络状态</td></tr></table>`,
			false, []string{"示例推送SDK@android,ios", "示例分享SDK@ios"}},
		{"a crawled table with every cell on its own line", "p.txt",
			"附:合作方清单\n\n服务类型\n|\n合作伙伴名称\n|\n合作目的\n  \n---|---|---\n  \n统计服务\n|\n某甲数据科技有限公司\n|\n统计分析,\n跨两行的说明\n  \n" +
				"广告服务\n|\n某乙广告SDK\n|\n展示广告\n\n==========\n",
			false, []string{"某甲数据科技有限公司@", "某乙广告SDK@"}},
		{"an exported merged cell: empty first cells mean the category above", "p.md",
			"## 第三方SDK\n\n<table><tr><th>用途</th><th>SDK名称</th><th>提供方</th></tr>" +
				td("消息推送", "甲通道SDK", "甲某科技有限公司") + td("", "乙通道SDK", "乙某通信有限公司") +
				td("", "丙通道SDK", "丙某软件有限公司") + "</table>\n",
			true, []string{"甲通道SDK / 甲某科技有限公司 / 消息推送", "乙通道SDK / 乙某通信有限公司 / 消息推送",
				"丙通道SDK / 丙某软件有限公司 / 消息推送"}},
		{"an empty last cell keeps the row aligned too", "p.html",
			"<table><tr><th>SDK名称</th><th>提供方</th><th>目的</th></tr>" + td("甲SDK", "甲某有限公司", "") +
				td("乙SDK", "乙某有限公司", "统计") + "</table>",
			true, []string{"甲SDK / 甲某有限公司 / ", "乙SDK / 乙某有限公司 / 统计"}},
		{"English headers whose head noun comes first", "p.md",
			"# Privacy\n\n| SDK name | Purpose of using SDK | Data collected by SDK |\n|:--:|:--:|:--:|\n" +
				"| Examplelytics | Crash reports | Device model |\n| AdThing | Ads | Advertising ID |\n",
			true, []string{"Examplelytics /  / Crash reports", "AdThing /  / Ads"}},
		{"a bare SDK header cell over a table with no other header word", "p.md",
			"# Third-party SDKs\n\nSDK | Analyze | Device\nExample Crash SDK | Crash reports | Device model\nExample Ads SDK | Ads | Advertising ID\n",
			true, []string{"Example Crash SDK /  / Crash reports", "Example Ads SDK /  / Ads"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := Extract([]byte(c.text), c.file)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range p.SDKs {
				if c.columns {
					got = append(got, s.Name+" / "+s.Vendor+" / "+s.Purpose)
				} else {
					got = append(got, s.Name+"@"+strings.Join(s.Platforms, ","))
				}
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("SDKs %q, want %q", got, c.want)
			}
		})
	}
}

// BenchmarkExtractPolicies extracts the largest real policy and a 5 MB one
// made of real policies back to back: the time per byte must stay flat
// (extraction is linear), go test -run XXX -bench Extract ./declared.
func BenchmarkExtractPolicies(b *testing.B) {
	files, _ := filepath.Glob("testdata/policies/*.*")
	var largest []byte
	var all bytes.Buffer
	for _, file := range files {
		if strings.HasSuffix(file, ".md") && strings.ToUpper(filepath.Base(file)) == filepath.Base(file) {
			continue // README.md, SOURCES.md
		}
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		if len(data) > len(largest) {
			largest = data
		}
		if utf8.Valid(data) && !strings.HasSuffix(file, ".html") {
			all.Write(data)
			all.WriteByte('\n')
		}
	}
	synthetic := bytes.Repeat(all.Bytes(), 5<<20/all.Len()+1)[:5<<20]
	for _, c := range []struct {
		name string
		data []byte
	}{{"largest", largest}, {"5MB", synthetic}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			for b.Loop() {
				if _, err := Extract(c.data, "p.txt"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestWeakCatalogNames checks which catalog names are ordinary phrases:
// made only of feature words, or common words; a brand in front makes a
// name.
func TestWeakCatalogNames(t *testing.T) {
	v := mentionWords()
	for name, weak := range map[string]bool{
		"身份验证": true, "一键登录": true, "本机号码一键登录": true, "文字识别服务": true, "实人认证": true, "微信": true,
		"极光推送": false, "移动一键登录": false, "百度地图": false, "腾讯刷脸认证": false, "Firebase": false,
	} {
		if got := v.weakName(catalog.NormalizeName(name)); got != weak {
			t.Errorf("weakName(%q) = %v, want %v", name, got, weak)
		}
	}
}

// TestSDKForPlatform checks that an English name running past SDK keeps
// its platform: an SDK "for iOS" is no Android SDK to look for in the APK.
func TestSDKForPlatform(t *testing.T) {
	p, err := Extract([]byte("Our apps use third-party SDKs: on iPhone the Maps SDK for iOS, on phones with Android the Places SDK for Android.\n"), "p.md")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range p.SDKs {
		got[s.Name] = strings.Join(s.Platforms, ",")
	}
	want := map[string]string{"Maps SDK for iOS": "ios", "Places SDK for Android": "android"}
	if len(got) != len(want) || got["Maps SDK for iOS"] != "ios" || got["Places SDK for Android"] != "android" {
		t.Errorf("SDKs and platforms %v, want %v", got, want)
	}
}

// allocated is how many bytes f allocates: unlike time, it does not
// depend on how loaded the machine is.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestExtractStaysLinear: hostile shapes that used to go quadratic (a grid
// of spans, a pipe table of thousands of columns, thousands of HTML tables
// in Markdown, millions of short lines) cost, for four times the input,
// well under sixteen times the memory: linear with slack, never quadratic.
func TestExtractStaysLinear(t *testing.T) {
	head := "隐私政策\n第三方SDK列表：极光推送SDK，用于推送。相机权限，用于拍照。\n"
	shapes := []struct {
		name string
		ext  string
		make func(n int) string
	}{
		{"spans", "p.html", func(n int) string {
			return "<html><body><p>" + head + "</p><table>" + strings.Repeat("<tr>"+strings.Repeat(`<td rowspan="200" colspan="20">极光推送SDK</td>`, 10)+"</tr>", n) + "</table></body></html>"
		}},
		{"wide pipe table", "p.md", func(n int) string {
			return head + "|" + strings.Repeat("SDK名称|使用目的|", 20*n) + "\n|" + strings.Repeat("-|", 40*n) + "\n|" + strings.Repeat("极光推送SDK|推送|", 20*n) + "\n"
		}},
		{"many tables", "p.md", func(n int) string {
			return head + strings.Repeat("Ⱥ <table><tr><td>极光推送SDK</td><td>推送</td></tr></table>\n", 20*n)
		}},
		{"short lines", "p.txt", func(n int) string { return head + strings.Repeat("a\n", 200*n) }},
	}
	for _, s := range shapes {
		t.Run(s.name, func(t *testing.T) {
			small, big := []byte(s.make(50)), []byte(s.make(200))
			Extract(small, s.ext) // warm the catalog up
			a := allocated(func() { Extract(small, s.ext) })
			b := allocated(func() { Extract(big, s.ext) })
			if b > 8*a {
				t.Errorf("4x the input allocated %.1fx the memory (%d → %d bytes): super-linear", float64(b)/float64(a), a, b)
			}
		})
	}
}

// BenchmarkExtractEachPolicy extracts every real policy the tests carry, one
// by one, and all of them in turn ("all"), reporting MB/s:
// go test -run XXX -bench ExtractEachPolicy ./declared.
func BenchmarkExtractEachPolicy(b *testing.B) {
	files := carriedPolicies(b)
	policies := make([][]byte, len(files))
	total := 0
	for i, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		policies[i] = data
		total += len(data)
	}
	extract := func(b *testing.B, data []byte, file string) {
		if _, err := Extract(data, file); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("all", func(b *testing.B) {
		b.SetBytes(int64(total))
		for b.Loop() {
			for i, file := range files {
				extract(b, policies[i], file)
			}
		}
	})
	for i, file := range files {
		b.Run(strings.TrimPrefix(strings.ReplaceAll(file, "/", "_"), ".._"), func(b *testing.B) {
			b.SetBytes(int64(len(policies[i])))
			for b.Loop() {
				extract(b, policies[i], file)
			}
		})
	}
}

// carriedPolicies lists the real policies the tests carry: the policies
// with gold, the seeds, and the policies of the pairs and examples.
func carriedPolicies(tb testing.TB) []string {
	var files []string
	for _, glob := range []string{"testdata/policies/*-*.*", "../testdata/seeds/*.txt",
		"../testdata/pairs/*/policy.*", "../testdata/examples/*/policy.*"} {
		matches, _ := filepath.Glob(glob)
		files = append(files, matches...)
	}
	if len(files) < 25 {
		tb.Fatalf("only %d policies found", len(files))
	}
	return files
}

// carriedPolicyLines returns every line, folded, of carriedPolicies.
func carriedPolicyLines(tb testing.TB) []string {
	var lines []string
	for _, l := range newDoc(carriedPolicyTextLines(tb)).lines {
		lines = append(lines, l.norm)
	}
	return lines
}

// carriedPolicyTextLines returns every line, as read, of carriedPolicies.
func carriedPolicyTextLines(tb testing.TB) []string {
	var lines []string
	for _, file := range carriedPolicies(tb) {
		data, err := os.ReadFile(file)
		if err != nil {
			tb.Fatal(err)
		}
		text, err := ReadText(data, file)
		if err != nil {
			tb.Fatal(err)
		}
		lines = append(lines, text.Lines...)
	}
	return lines
}
