// Package declared reads what a privacy policy declares. This file turns a
// policy file's bytes — any encoding, plain text, Markdown or HTML — into
// lines of text, which is what every extractor and every reported line
// number refers to.
package declared

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// MaxPolicyBytes caps how much of a policy is read. Real policies are tens of
// kilobytes; past the cap the text is cut, with a warning, so a huge file
// costs bounded time and memory.
const MaxPolicyBytes = 16 << 20

// Text is a policy as lines of text.
type Text struct {
	// Lines are the text's lines; line n of a report is Lines[n-1].
	Lines []string
	// Encoding is the encoding the bytes were read in: utf-8, utf-16le,
	// utf-16be, gb18030 or big5; "pdf" for the text layer of a PDF.
	Encoding string
	// HTML is set when the source was HTML (or Markdown with HTML tables)
	// and the lines come from its blocks and table rows.
	HTML     bool
	Warnings []string
	// scriptShell is set for HTML whose text is drawn by JavaScript (an
	// empty application root, a <noscript> asking for JavaScript).
	scriptShell bool
}

// ErrNotText marks input that is not a text document at all.
var ErrNotText = errors.New("not a text document")

// ReadText decodes a policy. name is the file name or URL, used to recognise
// HTML and Markdown by extension; the content is sniffed too.
func ReadText(data []byte, name string) (*Text, error) {
	return readText(data, name, int64(len(data)))
}

// readText is ReadText for the first bytes of a document of size bytes.
func readText(data []byte, name string, size int64) (*Text, error) {
	if isPDF(data) {
		if size > int64(len(data)) {
			return nil, fmt.Errorf("a PDF of %d bytes, over the %d-byte cap: privdiff needs the policy as text: %w", size, MaxPDFBytes, ErrNotText)
		}
		return readPDF(data)
	}
	t := &Text{}
	if size > MaxPolicyBytes || len(data) > MaxPolicyBytes {
		t.Warnings = append(t.Warnings, fmt.Sprintf("policy is %d bytes; only the first %d were read", max(size, int64(len(data))), MaxPolicyBytes))
		data = data[:min(len(data), MaxPolicyBytes)]
		// Cut at a line break so no multi-byte character is split, in any
		// encoding.
		if i := bytes.LastIndexByte(data, '\n'); i > 0 {
			end := i + 1
			if bytes.HasPrefix(data, []byte{0xff, 0xfe}) && i%2 == 0 {
				end++ // UTF-16LE: the newline's second byte
			}
			data = data[:end]
		}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("empty document: %w", ErrNotText)
	}
	s, enc, err := decode(data)
	if err != nil {
		return nil, err
	}
	t.Encoding = enc
	if enc == mixedEncoding {
		t.Warnings = append(t.Warnings, "mixed encodings: the text is UTF-8 but some lines are not; they were read as GB18030 or Big5")
	}
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".html") || strings.HasSuffix(lower, ".htm") || looksLikeHTML(s):
		t.HTML = true
		if doc, err := html.Parse(strings.NewReader(s)); err == nil {
			t.scriptShell = scriptShell(doc)
			s = renderHTML(doc)
		}
	case strings.Contains(s, "<table") || strings.Contains(s, "<TABLE"):
		// Markdown often carries tables as HTML; turn just those into rows.
		t.HTML = true
		s = inlineHTMLTables(s)
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	t.Lines = strings.Split(s, "\n")
	joinCellLines(t.Lines)
	return t, nil
}

// decode finds the encoding: a byte-order mark, else valid UTF-8, else the
// Chinese legacy encoding that decodes the bytes into the most plausible
// Chinese text. It is never asked for.
func decode(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		return checkText(string(data[3:]), "utf-8")
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		return decodeWith(xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), data, "utf-16le")
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return decodeWith(xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), data, "utf-16be")
	case utf8.Valid(data):
		return checkText(string(data), "utf-8")
	}
	if s, ok := decodeMixed(data); ok {
		return checkText(s, mixedEncoding)
	}
	return decodeLegacy(data)
}

// mixedEncoding names a text whose lines are UTF-8 except a few in a
// legacy encoding, as when a policy was pasted together from two sources.
const mixedEncoding = "utf-8 with gb18030/big5 lines"

// decodeMixed reads a text that is mostly UTF-8, line by line: valid lines
// as UTF-8, the others in the legacy encoding that reads them best. Most
// of its non-ASCII lines must be valid UTF-8, or the whole text is legacy.
func decodeMixed(data []byte) (string, bool) {
	lines := bytes.SplitAfter(data, []byte("\n"))
	valid, invalid := 0, 0
	for _, l := range lines {
		switch {
		case !utf8.Valid(l):
			invalid++
		case bytes.IndexFunc(l, func(r rune) bool { return r >= utf8.RuneSelf }) >= 0:
			valid++
		}
	}
	if invalid == 0 || valid < 2*invalid {
		return "", false
	}
	var b strings.Builder
	for _, l := range lines {
		if utf8.Valid(l) {
			b.Write(l)
			continue
		}
		s, _, err := decodeLegacy(l)
		if err != nil {
			return "", false
		}
		b.WriteString(s)
	}
	return b.String(), true
}

// decodeLegacy decodes with the Chinese legacy encoding that gives the
// most plausible Chinese text.
func decodeLegacy(data []byte) (string, string, error) {
	type candidate struct {
		text  string
		name  string
		score float64
	}
	var best *candidate
	for _, c := range []struct {
		enc  encoding.Encoding
		name string
	}{{simplifiedchinese.GB18030, "gb18030"}, {traditionalchinese.Big5, "big5"}} {
		out, err := c.enc.NewDecoder().Bytes(data)
		if err != nil {
			continue
		}
		text := string(out)
		if score := chineseScore(text); best == nil || score > best.score {
			best = &candidate{text, c.name, score}
		}
	}
	if best == nil || best.score < 0 {
		return "", "", fmt.Errorf("bytes are neither UTF-8, UTF-16, GB18030 nor Big5: %w", ErrNotText)
	}
	return checkText(best.text, best.name)
}

func decodeWith(enc encoding.Encoding, data []byte, name string) (string, string, error) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("invalid %s: %v: %w", name, err, ErrNotText)
	}
	return checkText(string(out), name)
}

// checkText rejects binary data that happens to decode: text has few control
// characters and no NULs.
func checkText(s, enc string) (string, string, error) {
	control, total := 0, 0
	for _, r := range s {
		total++
		if r == 0 {
			return "", "", fmt.Errorf("contains NUL bytes (binary data): %w", ErrNotText)
		}
		if r == utf8.RuneError || (unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' && r != '\f') {
			control++
		}
	}
	if total > 0 && control*20 > total {
		return "", "", fmt.Errorf("%d of %d characters are control or invalid characters (binary data): %w", control, total, ErrNotText)
	}
	return s, enc, nil
}

// chineseScore rates how much a decoding looks like Chinese prose: the share
// of characters that are common CJK ideographs, Chinese punctuation or ASCII,
// minus the share of replacement characters, private-use characters and rare
// ideographs, which a wrong legacy decoding produces.
func chineseScore(s string) float64 {
	good, bad, total := 0, 0, 0
	for _, r := range s {
		total++
		switch {
		case r == utf8.RuneError || (r >= 0xe000 && r <= 0xf8ff):
			bad += 4
		case r >= 0x4e00 && r <= 0x9fa5:
			good++
		case r < 0x80 || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef):
			good++
		default:
			bad++
		}
	}
	if total == 0 {
		return -1
	}
	return float64(good-bad) / float64(total)
}

func looksLikeHTML(s string) bool {
	head := strings.ToLower(s[:min(len(s), 4096)])
	return strings.Contains(head, "<!doctype html") || strings.Contains(head, "<html") || strings.Contains(head, "<body")
}

// blockElements end a line of text.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true, atom.Blockquote: true,
	atom.Pre: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Table: true, atom.Tr: true,
	atom.Hr: true, atom.Title: true, atom.Caption: true, atom.Tbody: true, atom.Thead: true,
	// A button's label stands alone ("Accept all", "同意"), not inside the
	// sentence before it.
	atom.Button: true,
}

// htmlToText renders HTML as lines: one per block element, each table row
// as "cell | cell | …", scripts and styles dropped, whitespace collapsed.
func htmlToText(src string) string {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		// html.Parse accepts any input; an error means a reader failure.
		return src
	}
	return renderHTML(doc)
}

// renderHTML is htmlToText for a parsed document.
func renderHTML(doc *html.Node) string {
	var out strings.Builder
	var line strings.Builder
	flush := func() {
		if l := strings.TrimSpace(line.String()); l != "" {
			out.WriteString(l)
			out.WriteByte('\n')
		}
		line.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			line.WriteString(collapseSpace(n.Data))
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Table:
				flush()
				for _, row := range tableRows(n) {
					line.WriteString(rowLine(row))
					flush()
				}
				return
			}
			if blockElements[n.DataAtom] {
				flush()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if href := linkTarget(n); href != "" {
			line.WriteString(" " + href)
		}
		if n.Type == html.ElementNode && blockElements[n.DataAtom] {
			flush()
		}
	}
	walk(doc)
	flush()
	return out.String()
}

// cellText is a table cell's text on one line; its inner blocks are joined
// with spaces so the row stays one line.
func cellText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(collapseSpace(n.Data))
			return
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		if n.Type == html.ElementNode && blockElements[n.DataAtom] {
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if href := linkTarget(n); href != "" {
			b.WriteString(" " + href)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// linkTarget is the web address of a link whose text does not show it
// ("<a href=https://…>隐私政策</a>"), so that the SDK's link is not lost;
// "" for other nodes.
func linkTarget(n *html.Node) string {
	if n.Type != html.ElementNode || n.DataAtom != atom.A {
		return ""
	}
	for _, a := range n.Attr {
		if a.Key == "href" && (strings.HasPrefix(a.Val, "http://") || strings.HasPrefix(a.Val, "https://")) {
			var text strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.TextNode {
					text.WriteString(c.Data)
				}
			}
			if !strings.Contains(text.String(), "://") {
				return a.Val
			}
		}
	}
	return ""
}

// Bounds on spans, so that rowspan="100000" cannot blow a table up.
const (
	maxRowSpan = 200
	maxColSpan = 20
)

// tableRows lays a table out as a grid of cell texts: a cell spanning
// several rows (the vendor beside its SDKs) is repeated in each, one
// spanning several columns in each column, so that every row has its
// columns where the header says. Rows of nested tables stay inside their
// cell.
func tableRows(table *html.Node) [][]string {
	var trs []*html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				trs = append(trs, c)
			case atom.Table:
			default:
				find(c)
			}
		}
	}
	find(table)
	type carry struct {
		text string
		left int
	}
	var pending []carry // per column: a cell from a row above
	var rows [][]string
	for _, tr := range trs {
		var row []string
		col := 0
		takePending := func() {
			for col < len(pending) && pending[col].left > 0 {
				row = append(row, pending[col].text)
				pending[col].left--
				col++
			}
		}
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || (c.DataAtom != atom.Td && c.DataAtom != atom.Th) {
				continue
			}
			takePending()
			text := cellText(c)
			rowSpan, colSpan := span(c, "rowspan", maxRowSpan), span(c, "colspan", maxColSpan)
			for k := 0; k < colSpan; k++ {
				row = append(row, text)
				for len(pending) <= col {
					pending = append(pending, carry{})
				}
				pending[col] = carry{text, rowSpan - 1}
				col++
			}
		}
		takePending()
		if len(row) > 0 {
			rows = append(rows, row)
		}
	}
	return rows
}

// rowLine writes a table row as "a | b | c". A row whose first or last
// cell is empty (an export that writes an empty <td> where a merged cell
// was) gets outer pipes, so the empty cell still counts and the columns
// stay aligned with the header.
func rowLine(row []string) string {
	s := strings.Join(row, " | ")
	if len(row) > 1 && (strings.TrimSpace(row[0]) == "" || strings.TrimSpace(row[len(row)-1]) == "") {
		s = "| " + s + " |"
	}
	return s
}

// span reads a rowspan or colspan attribute: at least 1, at most limit.
func span(n *html.Node, key string, limit int) int {
	for _, a := range n.Attr {
		if a.Key == key {
			v, err := strconv.Atoi(strings.TrimSpace(a.Val))
			if err != nil || v < 1 {
				return 1
			}
			return min(v, limit)
		}
	}
	return 1
}

func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// inlineHTMLTables replaces each <table>…</table> in Markdown with its rows.
func inlineHTMLTables(s string) string {
	var out strings.Builder
	for {
		lower := strings.ToLower(s)
		i := strings.Index(lower, "<table")
		if i < 0 {
			out.WriteString(s)
			return out.String()
		}
		j := strings.Index(lower[i:], "</table>")
		if j < 0 {
			out.WriteString(s)
			return out.String()
		}
		end := i + j + len("</table>")
		out.WriteString(s[:i])
		out.WriteString(strings.TrimRight(htmlToText(s[i:end]), "\n"))
		s = s[end:]
	}
}
