package declared

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

// declaredIDs are what an audit compares: catalog ids, permission
// constants and data types, each sorted and distinct.
func declaredIDs(p *Policy) [3][]string {
	set := [3]map[string]bool{{}, {}, {}}
	for _, s := range p.SDKs {
		if s.CatalogID != nil {
			set[0][*s.CatalogID] = true
		}
	}
	for _, perm := range p.Permissions {
		for _, c := range perm.Permissions {
			set[1][c] = true
		}
	}
	for _, d := range p.DataTypes {
		set[2][d] = true
	}
	var out [3][]string
	for i, m := range set {
		out[i] = []string{}
		for k := range m {
			out[i] = append(out[i], k)
		}
		sort.Strings(out[i])
	}
	return out
}

// TestPDFPrintedPolicy reads a real policy printed to PDF by Chromium and
// expects what the same policy gives as text: the same SDKs by catalog id,
// the same permission constants and data types.
func TestPDFPrintedPolicy(t *testing.T) {
	text, err := ReadFile("testdata/pdf/seed-001.txt")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	printed, err := ReadFile("testdata/pdf/seed-001.pdf")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("read the PDF in %v", time.Since(start))
	want, got := declaredIDs(text), declaredIDs(printed)
	for i, what := range []string{"SDK catalog ids", "permission constants", "data types"} {
		if len(want[i]) == 0 || !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("%s from the PDF:\n %q\nfrom the text:\n %q", what, got[i], want[i])
		}
	}
	if printed.Language != text.Language {
		t.Errorf("language %s, text %s", printed.Language, text.Language)
	}
	// The table rows come out as rows: the SDK's name, purpose, data and
	// company on one line.
	var row string
	for _, s := range printed.SDKs {
		if s.CatalogID != nil && *s.CatalogID == "netease-qiyu" {
			row = fmt.Sprintf("%s | %s | %s", s.Name, s.Purpose, s.Vendor)
		}
	}
	if !strings.Contains(row, "网易七鱼") || !strings.Contains(row, "在线沟通") || !strings.Contains(row, "网易") {
		t.Errorf("网易七鱼's row: %q", row)
	}
	for _, l := range []string{"11/28/26", "file://"} {
		for _, sdk := range printed.SDKs {
			if strings.Contains(sdk.Name, l) {
				t.Errorf("the printer's header or footer in an SDK: %q", sdk.Name)
			}
		}
	}
}

// pdfObjects writes a PDF file from its objects (numbered from 1, the
// first the catalog), with a correct cross-reference table.
func pdfObjects(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// xrefStreamPDF writes a PDF 1.5 file whose index is a cross-reference
// stream, Flate-compressed with the PNG Up predictor as writers make
// them. Its objects are direct except those listed in inStream (object →
// the object stream said to hold it), which the file does not really
// hold: enough for the index checks.
func xrefStreamPDF(inStream map[int]int, objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	n := len(objs) + 2 // 0, the objects, the index stream itself
	var rows bytes.Buffer
	prev := make([]byte, 4)
	for obj := 0; obj < n; obj++ {
		row := []byte{0, 0, 0, 0}
		switch {
		case obj == 0:
		case inStream[obj] != 0:
			row = []byte{2, 0, byte(inStream[obj]), 0}
		case obj == n-1:
			row = []byte{1, byte(xref >> 8), byte(xref), 0}
		default:
			row = []byte{1, byte(offsets[obj-1] >> 8), byte(offsets[obj-1]), 0}
		}
		rows.WriteByte(2) // PNG "Up"
		for i := range row {
			rows.WriteByte(row[i] - prev[i])
		}
		prev = row
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(rows.Bytes())
	zw.Close()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >> /Length %d >>\nstream\n", n-1, n, z.Len())
	b.Write(z.Bytes())
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

func pdfStream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// utf16Hex writes text as the hex string of its UTF-16 code units, which
// is also its character codes in a font whose map is the identity.
func utf16Hex(s string) string {
	var b strings.Builder
	b.WriteByte('<')
	for _, r := range s {
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteByte('>')
	return b.String()
}

// cjkPDF is a one-page PDF drawing content with a Latin font (F1) and a
// composite CJK font (F2) whose ToUnicode map has ranges and single codes.
func cjkPDF(content string) []byte {
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" +
		"1 begincodespacerange <0000> <FFFF> endcodespacerange\n" +
		"3 beginbfrange <4E00> <9FFF> <4E00> <FF00> <FFEF> <FF00> <3001> <3002> [<3001> <3002>] endbfrange\n" +
		"1 beginbfchar <2F45> <2F45> endbfchar\n" +
		"endcmap CMapName currentdict /CMap defineresource pop end end"
	return pdfObjects(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /NotoSansCJK /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>",
		pdfStream("", content),
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /NotoSansCJK /DW 1000 /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
		pdfStream("", cmap),
	)
}

// TestReadPDFText checks the content-stream reader on the constructs
// printers use: ToUnicode ranges and codes, TJ spacing, ActualText, a
// table row, text matrices, inline images and a simple font.
func TestReadPDFText(t *testing.T) {
	content := "BT /F2 12 Tf 1 0 0 1 50 800 Tm " + utf16Hex("隐私政策") + " Tj ET\n" +
		// A sentence in two runs and a TJ with a kerning gap.
		"BT /F2 10 Tf 50 780 Td " + utf16Hex("我们收集您的设备信息，") + " Tj [" + utf16Hex("用于") + " -300 " + utf16Hex("消息推送。") + "] TJ ET\n" +
		// A glyph whose map gives a Kangxi radical, and one replaced by ActualText.
		"BT /F2 10 Tf 50 760 Td " + utf16Hex("地") + " Tj <2F45> Tj /Span << /ActualText <FEFF4F4D> >> BDC <0001> Tj EMC " + utf16Hex("置") + " Tj ET\n" +
		// A table row: cells far apart on one baseline, drawn out of order.
		"BT /F2 10 Tf 300 740 Td " + utf16Hex("消息推送") + " Tj ET BT /F1 10 Tf 50 740 Td (JPush SDK) Tj ET\n" +
		"BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\x01EI\xff\x00 EI\n" +
		"BT /F1 10 Tf 50 720 Td (We collect personal data; contact us to delete it.) Tj ET\n"
	text, err := ReadText(cjkPDF(content), "policy.pdf")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"隐私政策",
		"我们收集您的设备信息，用于 消息推送。",
		"地方位置",
		"JPush SDK | 消息推送",
		"We collect personal data; contact us to delete it.",
	}
	if !reflect.DeepEqual(text.Lines, want) {
		t.Errorf("lines\n %q\nwant\n %q", text.Lines, want)
	}
}

// TestPDFBadInput: a scanned PDF, an encrypted one, a damaged one and a
// PDF over the cap are clear errors naming the format, never a panic.
func TestPDFBadInput(t *testing.T) {
	printed, err := os.ReadFile("testdata/pdf/seed-001.pdf")
	if err != nil {
		t.Fatal(err)
	}
	scanned := pdfObjects(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
		pdfStream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", "\x80"),
		pdfStream("", "q 595 0 0 842 0 0 cm /Im1 Do Q"),
	)
	encrypted := bytes.Replace(cjkPDF("BT /F1 10 Tf (x) Tj ET"), []byte("/Root 1 0 R"),
		[]byte("/Root 1 0 R /Encrypt << /Filter /Standard /V 5 /R 6 /Length 256 /O <00> /U <00> /P -4 >>"), 1)
	loop := pdfObjects(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 1 >>",
	)
	badFilter := pdfObjects(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		pdfStream("/Filter /JBIG2Decode", "garbage"),
	)
	// An index that sizes a table by a huge number, and sections whose
	// /Prev point back at each other: refused before the reader allocates
	// or loops.
	huge := bytes.Replace(scanned, []byte("/Size 6"), []byte("/Size 4000000000"), 1)
	xref := bytes.LastIndex(scanned, []byte("startxref\n"))
	offset := string(leadingNumbersString(scanned[xref+len("startxref\n"):]))
	prevLoop := bytes.Replace(scanned, []byte("/Size 6"), []byte("/Size 6 /Prev "+offset), 1)
	page := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		pdfStream("", "BT /F1 10 Tf 50 700 Td (This privacy policy says what personal data we collect and why.) Tj ET"),
	}
	// An index stream is read like a table.
	text, err := readPDF(xrefStreamPDF(nil, page...))
	if err != nil || len(text.Lines) != 1 || !strings.HasPrefix(text.Lines[0], "This privacy policy") {
		t.Errorf("a PDF indexed by a cross-reference stream: %v, %+v", err, text)
	}
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"object stream inside itself", xrefStreamPDF(map[int]int{3: 3}, page...), "object stream is stored inside an object stream"},
		{"object streams inside each other", xrefStreamPDF(map[int]int{3: 4, 4: 3}, page...), "object stream is stored inside an object stream"},
		{"huge index", huge, "declares 4000000000 objects"},
		{"index sections in a loop", prevLoop, "point back"},
		{"scanned", scanned, "a PDF with no text layer (scanned?): privdiff needs the policy as text"},
		{"encrypted", encrypted, "an encrypted PDF"},
		{"cut in half", printed[:len(printed)/2], "a damaged PDF"},
		{"header only", []byte("%PDF-1.4\n%%EOF\n"), "a damaged PDF"},
		{"pages that loop", loop, "PDF"},
		{"unknown filter", badFilter, "PDF"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "policy.html") // the content decides, not the name
			if err := os.WriteFile(p, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadFile(p)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), p+": ") {
				t.Errorf("error %v, want one naming the file and saying %q", err, c.want)
			}
		})
	}
	// A scan with a printed header and footer: words, but not a policy.
	furniture := cjkPDF("BT /F1 8 Tf 30 820 Td (11/28/26, 10:42 PM) Tj 300 0 Td (Privacy Policy - Example App) Tj ET " +
		"BT /F1 8 Tf 30 20 Td (https://example.com/legal/privacy-policy.html) Tj 500 0 Td (1/1) Tj ET")
	p := filepath.Join(t.TempDir(), "scan.pdf")
	os.WriteFile(p, furniture, 0o644)
	if _, err := ReadFile(p); !errors.Is(err, ErrPDFNoText) {
		t.Errorf("a scan with a printed header: %v, want ErrPDFNoText", err)
	}
	// PDF 2.0 is written like 1.7.
	v2 := bytes.Replace(printed, []byte("%PDF-1.4"), []byte("%PDF-2.0"), 1)
	if _, err := readPDF(v2); err != nil {
		t.Errorf("PDF 2.0: %v", err)
	}
	if _, err := ReadText(append(bytes.Repeat([]byte(" "), 10), printed[:100]...), "x.txt"); err == nil || !strings.Contains(err.Error(), "PDF") {
		t.Errorf("a PDF header after spaces: %v", err)
	}
}

func leadingNumbersString(b []byte) []byte {
	i := 0
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return b[:i]
}

// TestFetchPDF reads a PDF policy from the web, by its Content-Type or,
// behind a generic one, by its content.
func TestFetchPDF(t *testing.T) {
	printed, err := os.ReadFile("testdata/pdf/seed-001.pdf")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	for path, ctype := range map[string]string{"/policy.pdf": "application/pdf", "/download": "application/octet-stream"} {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ctype)
			w.Write(printed)
		})
	}
	mux.HandleFunc("/zip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write([]byte("PK\x03\x04 not a policy"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	// A small MaxBytes: a PDF is read whole past the cap for text.
	opts := FetchOptions{Timeout: 10 * time.Second, Client: srv.Client(), MaxBytes: 1 << 10}
	for _, path := range []string{"/policy.pdf", "/download"} {
		p, err := FetchWith(context.Background(), srv.URL+path, opts)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(declaredIDs(p)[0]) < 15 {
			t.Errorf("%s: %d SDKs", path, len(p.SDKs))
		}
	}
	if _, err := FetchWith(context.Background(), srv.URL+"/zip", opts); !errors.Is(err, ErrNotText) {
		t.Errorf("a zip served as octet-stream: %v", err)
	}
}

// FuzzReadPDF feeds the PDF reader damaged and hostile files: it must
// return text or an error, never panic or hang.
func FuzzReadPDF(f *testing.F) {
	f.Add(cjkPDF("BT /F2 12 Tf 50 800 Td " + utf16Hex("隐私政策") + " Tj ET"))
	f.Add(cjkPDF("BT /F1 10 Tf 50 720 Td [(We) -300 (collect)] TJ T* (data) ' 1 2 (x) \" ET"))
	f.Add(cjkPDF("q 1 0 0 1 0 0 cm BT /F2 10 Tf /Span << /ActualText (x) >> BDC <4E00> Tj EMC ET Q BI /W 1 ID x EI"))
	f.Add(pdfObjects("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"))
	f.Add([]byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"))
	f.Add(xrefStreamPDF(map[int]int{4: 6}, "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>", "<< /Type /ObjStm /N 1 /First 4 /Length 10 >>", pdfStream("", "BT (x) Tj ET")))
	// Reading a small file takes milliseconds; the watchdog's error is a
	// hang found.
	pdfTimeout = 5 * time.Second
	f.Fuzz(func(t *testing.T, data []byte) {
		if !isPDF(data) {
			data = append([]byte("%PDF-1.7\n"), data...)
		}
		text, err := readPDF(data)
		if err == nil && text == nil {
			t.Fatal("no text and no error")
		}
		if err != nil && strings.Contains(err.Error(), "not read in") {
			t.Fatal(err)
		}
	})
}

// BenchmarkReadPDF reads the printed policy (8 pages, 720 KB) into lines.
func BenchmarkReadPDF(b *testing.B) {
	data, err := os.ReadFile("testdata/pdf/seed-001.pdf")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		if _, err := readPDF(data); err != nil {
			b.Fatal(err)
		}
	}
}
