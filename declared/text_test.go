package declared

import (
	"errors"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

func readSeed(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../testdata/seeds/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return b
}

// Real seed policies re-encoded the ways policies are published: the
// decoded lines must equal the UTF-8 original's, whatever the encoding.
func TestReadTextEncodings(t *testing.T) {
	hans := readSeed(t, "003_cf7dd45b4cffd43c.txt") // Simplified
	hant := readSeed(t, "000_fcc99b2fa76f1609.txt") // Traditional
	// Big5 and GBK cannot hold every character of a real text (emoji,
	// rare ideographs); keep the lines they can.
	hansGBK := encodable(simplifiedchinese.GBK, hans)
	hantBig5 := encodable(traditionalchinese.Big5, hant)
	tests := []struct {
		name    string
		data    []byte
		want    string
		wantEnc string
	}{
		{"utf-8", []byte(hans), hans, "utf-8"},
		{"utf-8 with BOM", append([]byte{0xef, 0xbb, 0xbf}, hans...), hans, "utf-8"},
		{"utf-16le with BOM", encode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM), hans), hans, "utf-16le"},
		{"utf-16be with BOM", encode(t, xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM), hant), hant, "utf-16be"},
		{"gbk", encode(t, simplifiedchinese.GBK, hansGBK), hansGBK, "gb18030"},
		{"gb18030", encode(t, simplifiedchinese.GB18030, hans), hans, "gb18030"},
		{"big5", encode(t, traditionalchinese.Big5, hantBig5), hantBig5, "big5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, err := ReadText(tt.data, "policy.txt")
			if err != nil {
				t.Fatal(err)
			}
			if text.Encoding != tt.wantEnc {
				t.Errorf("encoding %s, want %s", text.Encoding, tt.wantEnc)
			}
			want := strings.Split(strings.ReplaceAll(tt.want, "\r\n", "\n"), "\n")
			if len(text.Lines) != len(want) {
				t.Fatalf("%d lines, want %d", len(text.Lines), len(want))
			}
			for i := range want {
				if text.Lines[i] != want[i] {
					t.Fatalf("line %d = %q, want %q", i+1, text.Lines[i], want[i])
				}
			}
		})
	}
}

// encodable keeps the lines of s that enc can represent.
func encodable(enc encoding.Encoding, s string) string {
	var keep []string
	for _, line := range strings.Split(s, "\n") {
		if _, err := enc.NewEncoder().String(line); err == nil {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

func TestReadTextHTML(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>隐私政策</title><style>p{color:red}</style>
<script>var x = "<p>not text</p>";</script></head><body>
<h1>第三方SDK目录</h1>
<p>我们接入了以下   第三方
SDK：</p>
<table><tr><th>SDK名称</th><th>使用目的</th><th>收集信息</th></tr>
<tr><td>极光推送SDK</td><td><p>消息推送</p></td><td>设备标识符（IMEI、Android ID）</td></tr>
<tr><td>高德地图SDK</td><td>定位</td><td>位置信息<br>WLAN信息</td></tr></table>
<ul><li>相机权限，用于拍摄头像</li><li>位置权限</li></ul></body></html>`
	text, err := ReadText([]byte(page), "policy.html")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"隐私政策",
		"第三方SDK目录",
		"我们接入了以下 第三方 SDK：",
		"SDK名称 | 使用目的 | 收集信息",
		"极光推送SDK | 消息推送 | 设备标识符（IMEI、Android ID）",
		"高德地图SDK | 定位 | 位置信息 WLAN信息",
		"相机权限，用于拍摄头像",
		"位置权限",
		"",
	}
	if strings.Join(text.Lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(text.Lines, "\n"), strings.Join(want, "\n"))
	}
	if !text.HTML {
		t.Error("not marked as HTML")
	}
}

// Markdown keeps its own lines and pipe tables; an HTML table inside it
// becomes pipe rows in place.
func TestReadTextMarkdownWithHTMLTable(t *testing.T) {
	md := "# 隐私政策\n\n| SDK | 目的 |\n|---|---|\n| 友盟 | 统计 |\n\n<table>\n<tr><td>微信SDK</td><td>分享</td></tr>\n</table>\n\n末尾\n"
	text, err := ReadText([]byte(md), "policy.md")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(text.Lines, "\n")
	for _, want := range []string{"| 友盟 | 统计 |", "微信SDK | 分享", "末尾"} {
		if !strings.Contains(got, want) {
			t.Errorf("text lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "<td>") {
		t.Errorf("HTML left in the text:\n%s", got)
	}
}

func TestReadTextBadInput(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(i*7 + i/13)
	}
	for name, data := range map[string][]byte{
		"empty":       nil,
		"whitespace":  []byte(" \n\t\n"),
		"png":         png,
		"binary":      garbage,
		"utf-16 junk": append([]byte{0xff, 0xfe}, 0x00, 0xd8, 0x00, 0xd8),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := ReadText(data, "x.txt"); !errors.Is(err, ErrNotText) {
				t.Errorf("err = %v, want ErrNotText", err)
			}
		})
	}
}

// A huge policy is cut at MaxPolicyBytes with a warning, not read whole.
func TestReadTextCap(t *testing.T) {
	big := []byte(strings.Repeat("我们会收集您的设备信息。\n", MaxPolicyBytes/30))
	text, err := ReadText(big, "big.txt")
	if err != nil {
		t.Fatal(err)
	}
	// (Its lines also pass MaxPolicyLines: a second warning says so.)
	if len(text.Warnings) == 0 || !strings.Contains(text.Warnings[0], "bytes; only the first") {
		t.Errorf("warnings %q", text.Warnings)
	}
	utf16 := encode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM), string(big))
	text, err = ReadText(utf16, "big16.txt")
	if err != nil {
		t.Fatalf("UTF-16 cut at the cap: %v", err)
	}
	if text.Lines[0] != "我们会收集您的设备信息。" {
		t.Errorf("first line %q", text.Lines[0])
	}
}

func FuzzReadText(f *testing.F) {
	f.Add([]byte("<table><tr><td>a</td></tr></table>"), "p.html")
	f.Add([]byte("相机权限，用于拍摄"), "p.txt")
	f.Add([]byte{0xff, 0xfe, 0x41, 0x00}, "p.md")
	f.Add([]byte("<html><body><noscript>enable JavaScript</noscript><div id=app></div><button>登录</button><button>注册</button></body></html>"), "p.html")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		text, err := ReadText(data, name)
		if err == nil && (text == nil || len(text.Lines) == 0) {
			t.Fatal("no lines without an error")
		}
		if err == nil {
			checkPolicyText(text) // the no-policy-text check reads any text
		}
	})
}

// TestReadTextMixedEncodings reads a UTF-8 policy into which one GBK line
// was pasted: every line is read, with a warning.
func TestReadTextMixedEncodings(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("友盟统计SDK，用于统计。\n")
	data := []byte("第三方SDK列表\n极光推送SDK，用于推送。\n" + gbk + "相机权限，用于拍照。\n")
	text, err := ReadText(data, "p.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"第三方SDK列表", "极光推送SDK，用于推送。", "友盟统计SDK，用于统计。", "相机权限，用于拍照。", ""}
	if strings.Join(text.Lines, "|") != strings.Join(want, "|") || len(text.Warnings) != 1 || !strings.Contains(text.Warnings[0], "mixed encodings") {
		t.Errorf("lines %q, warnings %q", text.Lines, text.Warnings)
	}
	// A legacy text with one stray UTF-8 line is still read as legacy.
	legacy, _ := simplifiedchinese.GB18030.NewEncoder().String("第三方SDK列表\n极光推送SDK，用于推送。\n友盟统计SDK，用于统计。\n")
	text, err = ReadText([]byte(legacy+"相机权限\n"), "p.txt")
	if err != nil || text.Lines[1] != "极光推送SDK，用于推送。" {
		t.Errorf("legacy text: %q, %v", text.Lines, err)
	}
}

// TestEmphasisMarks checks which Markdown marks the folded line drops: the
// folded line keeps the original's length, so offsets stay in step.
func TestEmphasisMarks(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"*   **微信SDK**：分享", "*     微信sdk  :分享"},
		{"__友盟SDK__", "  友盟sdk  "},
		{"READ_PHONE_STATE and take_photo__lib", "read_phone_state and take_photo__lib"},
		{"  * item *note*", "  * item  note "},
		{"5*24小时", "5 24小时"},
	} {
		l := foldLine(c.in)
		if l.norm != c.want {
			t.Errorf("foldLine(%q).norm = %q, want %q", c.in, l.norm, c.want)
		}
		if got := l.written(0, len(l.norm)); got != strings.TrimSpace(c.in) {
			t.Errorf("written = %q, want the original %q", got, c.in)
		}
	}
}

// TestInlineHTMLTablesCaseFolding: characters whose lower case has another
// byte length ('Ⱥ' grows, 'İ' grows, the Kelvin sign shrinks) before a
// Markdown table neither panic nor shift the table's cells.
func TestInlineHTMLTablesCaseFolding(t *testing.T) {
	for _, prefix := range []string{"\u023a", "İ", "\u212a", "ſ", "a"} {
		for _, tag := range []string{"<table>", "<TABLE>", "<Table>"} {
			src := strings.Repeat(prefix, 100) + tag + "<tr><td>友盟SDK</td><td>统计</td></tr></TABLE>\nafter"
			text, err := ReadText([]byte(src), "p.md")
			if err != nil {
				t.Fatalf("%q %s: %v", prefix, tag, err)
			}
			want := strings.Repeat(prefix, 100) + "友盟SDK | 统计"
			if len(text.Lines) < 2 || text.Lines[0] != want || text.Lines[1] != "after" {
				t.Errorf("%q %s: lines %q", prefix, tag, text.Lines)
			}
		}
	}
}

// TestIndexASCIIFold: offsets are into the string searched, whatever
// non-ASCII text comes before.
func TestIndexASCIIFold(t *testing.T) {
	for _, c := range []struct {
		s, sub string
		want   int
	}{
		{"ȺȺ<TaBle>", "<table", 4},
		{"\u212a<table", "<table", 3},
		{"<tabl", "<table", -1},
		{"xx</TABLE>", "</table>", 2},
		{"ſ</table>", "</table>", 2},
		{"abcABC", "bc", 1},
		{"", "<table", -1},
	} {
		if got := indexASCIIFold(c.s, c.sub); got != c.want {
			t.Errorf("indexASCIIFold(%q, %q) = %d, want %d", c.s, c.sub, got, c.want)
		}
	}
}

// TestInlineHTMLTablesLinear: 30,000 small tables in Markdown are each
// found from the end of the one before; the text is scanned a bounded
// number of times, not once per table.
func TestInlineHTMLTablesLinear(t *testing.T) {
	var b strings.Builder
	for range 30000 {
		b.WriteString("text before <table><tr><td>a</td><td>b</td></tr></table>\n")
	}
	src := b.String()
	scanned := 0
	countScan = func(n int) { scanned += n }
	defer func() { countScan = nil }()
	out := inlineHTMLTables(src, new(bool))
	if strings.Count(out, "a | b") != 30000 {
		t.Fatalf("%d rows", strings.Count(out, "a | b"))
	}
	if scanned > 4*len(src) {
		t.Errorf("scanned %d bytes for a %d-byte text", scanned, len(src))
	}
}

// TestTableGridBounded: cells that each span 200 rows and 20 columns
// cannot blow the grid up: its cells stay within a small multiple of the
// cells written, whatever the table's length, and the text warns.
func TestTableGridBounded(t *testing.T) {
	for _, n := range []int{40, 160, 2000} {
		var b strings.Builder
		b.WriteString("<html><body><table>")
		for range n {
			b.WriteString("<tr>" + strings.Repeat(`<td rowspan="200" colspan="20">极光推送SDK</td>`, 10) + "</tr>")
		}
		b.WriteString("</table></body></html>")
		doc, err := html.Parse(strings.NewReader(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		var table *html.Node
		var find func(*html.Node)
		find = func(x *html.Node) {
			if x.Type == html.ElementNode && x.DataAtom == atom.Table && table == nil {
				table = x
			}
			for c := x.FirstChild; c != nil; c = c.NextSibling {
				find(c)
			}
		}
		find(doc)
		rows, cut := tableRows(table)
		cells := 0
		for _, r := range rows {
			cells += len(r)
			if len(r) > maxTableColumns {
				t.Fatalf("%d rows: a row of %d columns", n, len(r))
			}
		}
		written := 10 * n
		if bound := written + spanCopiesPerCell*written + spanCopiesFree; cells > bound || !cut || len(rows) != n {
			t.Errorf("%d rows: %d grid rows, %d cells (bound %d), cut %v", n, len(rows), cells, bound, cut)
		}
		text, err := ReadText([]byte(b.String()), "p.html")
		if err != nil || len(text.Warnings) != 1 || !strings.Contains(text.Warnings[0], "caps") {
			t.Errorf("%d rows: warnings %q, %v", n, text.Warnings, err)
		}
	}
}

// TestTableSpansKept: the spans of an ordinary table (a vendor beside its
// SDKs, a header over two columns) are all laid out.
func TestTableSpansKept(t *testing.T) {
	src := `<table><tr><th colspan="2">SDK</th><th>目的</th></tr>` +
		`<tr><td rowspan="3">腾讯</td><td>Bugly</td><td>崩溃</td></tr>` +
		`<tr><td>X5</td><td>浏览</td></tr><tr><td>QQ</td><td>分享</td></tr></table>`
	text, err := ReadText([]byte(src), "p.html")
	if err != nil {
		t.Fatal(err)
	}
	want := "SDK | SDK | 目的|腾讯 | Bugly | 崩溃|腾讯 | X5 | 浏览|腾讯 | QQ | 分享"
	if got := strings.Join(text.Lines[:4], "|"); got != want || len(text.Warnings) != 0 {
		t.Errorf("lines %q, warnings %q", text.Lines, text.Warnings)
	}
}

// TestReadTextLineCap: millions of one-letter lines are cut at
// MaxPolicyLines, with a warning; a text at the cap is read whole.
func TestReadTextLineCap(t *testing.T) {
	head := "第三方SDK列表：极光推送SDK，用于推送。\n"
	text, err := ReadText([]byte(head+strings.Repeat("a\n", 3*MaxPolicyLines)), "p.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(text.Lines) != MaxPolicyLines || len(text.Warnings) != 1 || !strings.Contains(text.Warnings[0], "lines") {
		t.Errorf("%d lines, warnings %q", len(text.Lines), text.Warnings)
	}
	text, err = ReadText([]byte(head+strings.Repeat("a\n", MaxPolicyLines-2)+"a"), "p.txt")
	if err != nil || len(text.Lines) != MaxPolicyLines || len(text.Warnings) != 0 {
		t.Errorf("at the cap: %d lines, warnings %q, %v", len(text.Lines), text.Warnings, err)
	}
}

// TestReadTextDamaged: a UTF-8 policy with a stray byte is read, with a
// warning; a file of only a byte-order mark is an empty document.
func TestReadTextDamaged(t *testing.T) {
	zh := strings.Repeat("我们会收集您的设备信息，第三方SDK列表：极光推送SDK，用于推送。", 20)
	for name, data := range map[string][]byte{
		"one line":   []byte(zh[:300] + "\xff" + zh[300:]),
		"many lines": []byte(strings.Repeat(zh+"\n", 5) + zh[:300] + "\xff" + zh[300:] + "\n"),
	} {
		text, err := ReadText(data, "p.txt")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !strings.Contains(strings.Join(text.Lines, "\n"), "极光推送SDK，用于推送") || len(text.Warnings) != 1 {
			t.Errorf("%s: encoding %s, warnings %q", name, text.Encoding, text.Warnings)
		}
	}
	for _, bom := range [][]byte{{0xef, 0xbb, 0xbf}, {0xef, 0xbb, 0xbf, '\n', ' '}, {0xff, 0xfe}, {0xfe, 0xff}} {
		if _, err := ReadText(bom, "p.txt"); !errors.Is(err, ErrNotText) || !strings.Contains(err.Error(), "empty") {
			t.Errorf("%x: %v, want an empty document", bom, err)
		}
	}
}
