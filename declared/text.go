// Package declared reads what a privacy policy declares. This file turns a
// policy file's bytes — any encoding, plain text, Markdown or HTML — into
// lines of text, which is what every extractor and every reported line
// number refers to.
package declared

import (
	"bytes"
	"errors"
	"fmt"
	"math"
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

	"privdiff/catalog"
)

// MaxPolicyBytes caps how much of a policy is read. Real policies are tens of
// kilobytes; past the cap the text is cut, with a warning, so a huge file
// costs bounded time and memory.
const MaxPolicyBytes = 16 << 20

// MaxPolicyLines caps how many lines of a policy are read. Real policies
// have a few thousand; each line costs every extractor a pass and some
// bookkeeping, so 16 MiB of one-letter lines would take minutes and
// gigabytes. Past the cap the text is cut, with a warning.
const MaxPolicyLines = 200_000

// firstLines is the length of s's first n lines (without the line break
// after the last), and whether s has more.
func firstLines(s string, n int) (int, bool) {
	end := 0
	for range n {
		i := strings.IndexByte(s[end:], '\n')
		if i < 0 {
			return len(s), false
		}
		end += i + 1
	}
	return max(end-1, 0), true
}

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
	// Title is an HTML page's <title>; empty for other documents.
	Title string
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
		data = data[:cutPoint(data)]
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("empty document: %w", ErrNotText)
	}
	s, enc, weak, err := decode(data)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(strings.ReplaceAll(s, "\ufeff", "")) == "" {
		// A file holding only a byte-order mark is no policy.
		return nil, fmt.Errorf("empty document (only a byte-order mark): %w", ErrNotText)
	}
	t.Encoding = enc
	switch enc {
	case mixedEncoding:
		t.Warnings = append(t.Warnings, "mixed encodings: the text is UTF-8 but some lines are not; they were read as GB18030 or Big5")
	case damagedUTF8:
		_, invalid := utf8Counts(data)
		t.Encoding = "utf-8"
		t.Warnings = append(t.Warnings, fmt.Sprintf("the text is UTF-8 but %d bytes are not valid UTF-8; they were read as U+FFFD", invalid))
	}
	switch {
	case weak:
		t.Warnings = append(t.Warnings, fmt.Sprintf("read as %s, but GB18030 and Big5 read the text about equally well: the encoding was guessed from the bytes and may be wrong", t.Encoding))
	case size > 1<<20 && bytes.IndexByte(data, '\n') < 0 && !strings.HasPrefix(t.Encoding, "utf-"):
		t.Warnings = append(t.Warnings, fmt.Sprintf("%d bytes without a line break, read as %s: the encoding was guessed from the bytes and may be wrong", len(data), t.Encoding))
	}
	lower := strings.ToLower(name)
	cut := false // a table was cut to its caps
	switch {
	case strings.HasSuffix(lower, ".html") || strings.HasSuffix(lower, ".htm") || looksLikeHTML(s):
		t.HTML = true
		if doc, err := html.Parse(strings.NewReader(s)); err == nil {
			t.scriptShell = scriptShell(doc)
			t.Title = htmlTitle(doc)
			s = renderHTML(doc, &cut)
		}
	case indexASCIIFold(s, "<table") >= 0:
		// Markdown often carries tables as HTML; turn just those into rows.
		t.HTML = true
		s = inlineHTMLTables(s, &cut)
	}
	if cut {
		t.Warnings = append(t.Warnings, fmt.Sprintf("a table's spans or columns go past the caps (%d columns; spans repeat a table's cells at most %d times over): the rest of its spans or columns were left out", maxTableColumns, spanCopiesPerCell))
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	if end, cut := firstLines(s, MaxPolicyLines); cut {
		t.Warnings = append(t.Warnings, fmt.Sprintf("policy has over %d lines; only the first %d were read", MaxPolicyLines, MaxPolicyLines))
		s = s[:end]
	}
	t.Lines = strings.Split(s, "\n")
	joinCellLines(t.Lines)
	return t, nil
}

// cutPoint returns where to cut data read up to the cap so that no
// multi-byte character is split, in any encoding: after its last line
// break; in a text without one (a whole policy on one line), after its last
// byte below 0x30, which is never the second byte of a GB18030 or Big5
// character; else at the start of an incomplete UTF-8 character at its end.
func cutPoint(data []byte) int {
	utf16le := bytes.HasPrefix(data, []byte{0xff, 0xfe})
	if i := bytes.LastIndexByte(data, '\n'); i > 0 {
		if utf16le && i%2 == 0 {
			return min(i+2, len(data)) // UTF-16LE: the newline's second byte
		}
		return i + 1
	}
	if utf16le || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return len(data) &^ 1
	}
	// UTF-8: drop an incomplete character at the end.
	end := len(data)
	for k := len(data) - 1; k >= max(0, len(data)-utf8.UTFMax); k-- {
		if utf8.RuneStart(data[k]) {
			if !utf8.FullRune(data[k:]) {
				end = k
			}
			break
		}
	}
	tail := data[max(0, end-4096):end]
	for len(tail) > 0 && !utf8.RuneStart(tail[0]) {
		tail = tail[1:]
	}
	if utf8.Valid(tail) {
		return end
	}
	if i := bytes.LastIndexFunc(tail, func(r rune) bool { return r < 0x30 }); i >= 0 {
		return end - len(tail) + i + 1
	}
	return len(data)
}

// decode finds the encoding: a byte-order mark, else valid UTF-8, else the
// Chinese legacy encoding that decodes the bytes into the most plausible
// Chinese text. It is never asked for.
func decode(data []byte) (text, enc string, weak bool, err error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		text, enc, err = checkText(string(data[3:]), "utf-8")
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		text, enc, err = decodeWith(xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), data, "utf-16le")
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		text, enc, err = decodeWith(xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), data, "utf-16be")
	case utf8.Valid(data):
		text, enc, err = checkText(string(data), "utf-8")
	default:
		if s, ok := decodeMixed(data); ok {
			text, enc, err = checkText(s, mixedEncoding)
		} else if mostlyUTF8(data) {
			text, enc, err = checkText(strings.ToValidUTF8(string(data), "\ufffd"), damagedUTF8)
		} else {
			return decodeLegacy(data)
		}
	}
	return text, enc, false, err
}

// damagedUTF8 names a UTF-8 text with a few invalid bytes (a truncated
// copy, a stray Latin-1 byte): it is read as UTF-8, with a warning, rather
// than refused as binary or garbled as a legacy encoding.
const damagedUTF8 = "utf-8 (damaged)"

// mostlyUTF8 reports whether data is UTF-8 but for a few bytes: its valid
// multi-byte characters outnumber its invalid bytes fifty to one. A GB18030
// or Big5 text is the other way round: its pairs of high bytes are almost
// never valid UTF-8.
func mostlyUTF8(data []byte) bool {
	multi, invalid := utf8Counts(data)
	return invalid > 0 && multi >= 50*invalid
}

// utf8Counts counts data's valid multi-byte characters and the bytes that
// are not valid UTF-8.
func utf8Counts(data []byte) (multi, invalid int) {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			invalid++
		case n > 1:
			multi++
		}
		i += n
	}
	return multi, invalid
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
		if multi, invalid := utf8Counts(l); multi >= 4*invalid {
			// A UTF-8 line with a stray byte, not a legacy one.
			b.WriteString(strings.ToValidUTF8(string(l), "\ufffd"))
			continue
		}
		s, _, _, err := decodeLegacy(l)
		if err != nil {
			return "", false
		}
		b.WriteString(s)
	}
	return b.String(), true
}

// legacySampleWindow is how much of a legacy text, from each of its start,
// middle and end, decides its encoding: a bounded sample keeps the guess as
// cheap on a 16 MB text as on a page, and three places keep one
// unrepresentative part (an English preamble) from deciding alone.
const legacySampleWindow = 64 << 10

// weakGuess is the margin, in chineseScoreWide, under which the two legacy
// encodings read the text about equally well: the guess is reported as one.
const weakGuess = 0.1

// legacyEncodings are the Chinese legacy encodings a policy may be in.
var legacyEncodings = []struct {
	enc  encoding.Encoding
	name string
}{{simplifiedchinese.GB18030, "gb18030"}, {traditionalchinese.Big5, "big5"}}

// decodeLegacy decodes with the Chinese legacy encoding that gives the
// most plausible Chinese text on a sample of data; weak says the other
// read the sample almost as well.
func decodeLegacy(data []byte) (text, name string, weak bool, err error) {
	sample := legacySample(data)
	best := -1
	var bestScore float64
	var wide [2]float64
	for i, c := range legacyEncodings {
		out, err := c.enc.NewDecoder().Bytes(sample)
		if err != nil {
			wide[i] = math.Inf(-1)
			continue
		}
		text := string(out)
		wide[i] = chineseScoreWide(text)
		if score := chineseScore(text); best < 0 || score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 || bestScore < 0 {
		return "", "", false, fmt.Errorf("bytes are neither UTF-8, UTF-16, GB18030 nor Big5: %w", ErrNotText)
	}
	c := legacyEncodings[best]
	out, err := c.enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", false, fmt.Errorf("invalid %s: %v: %w", c.name, err, ErrNotText)
	}
	text, name, err = checkText(string(out), c.name)
	return text, name, wide[best]-wide[1-best] < weakGuess, err
}

// legacySample returns data if it is small, else windows of it from its
// start, middle and end. A window in the middle starts after a byte below
// 0x30, which is never inside a GB18030 or Big5 character, so it is read
// in step; one with no such byte near its start is left out.
func legacySample(data []byte) []byte {
	if len(data) <= 3*legacySampleWindow {
		return data
	}
	sample := append([]byte{}, data[:legacySampleWindow]...)
	for _, at := range []int{len(data)/2 - legacySampleWindow/2, len(data) - legacySampleWindow} {
		w := data[at : at+legacySampleWindow]
		i := bytes.IndexFunc(w[:4096], func(r rune) bool { return r < 0x30 })
		if i < 0 {
			continue
		}
		sample = append(append(sample, '\n'), w[i+1:]...)
	}
	return sample
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
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = catalog.NextRune(s, i)
		}
		i += n
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
	good, bad, total, _ := chineseCounts(s)
	if total == 0 {
		return -1
	}
	return float64(good-bad) / float64(total)
}

// chineseScoreWide is chineseScore over the characters outside ASCII: the
// two legacy encodings read ASCII alike, so a page of markup around its
// Chinese would make any two readings look close.
func chineseScoreWide(s string) float64 {
	good, bad, total, ascii := chineseCounts(s)
	if total == ascii {
		return -1
	}
	return float64(good-ascii-bad) / float64(total-ascii)
}

func chineseCounts(s string) (good, bad, total, ascii int) {
	for _, r := range s {
		total++
		switch {
		case r == utf8.RuneError || (r >= 0xe000 && r <= 0xf8ff):
			bad += 4
		case r >= 0x4e00 && r <= 0x9fa5:
			good++
		case r < 0x80:
			good++
			ascii++
		case (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef):
			good++
		default:
			bad++
		}
	}
	return good, bad, total, ascii
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
// *cut is set when a table was cut to its caps.
func htmlToText(src string, cut *bool) string {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		// html.Parse accepts any input; an error means a reader failure.
		return src
	}
	return renderHTML(doc, cut)
}

// htmlTitle is the text of the page's first <title>, spaces collapsed.
func htmlTitle(doc *html.Node) string {
	var found *html.Node
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if depth > 64 {
			return // a page's title sits near its root
		}
		for c := n.FirstChild; c != nil && found == nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Title {
				found = c
				return
			}
			if c.Type == html.ElementNode && (c.DataAtom == atom.Svg || c.DataAtom == atom.Math) {
				continue // their <title> names a drawing, not the page
			}
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	if found == nil {
		return ""
	}
	return strings.TrimSpace(collapseSpace(nodeText(found)))
}

// renderHTML is htmlToText for a parsed document.
func renderHTML(doc *html.Node, cut *bool) string {
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
				rows, c := tableRows(n)
				*cut = *cut || c
				for _, row := range rows {
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

// Bounds on spans and on the grid, so that rowspan="100000", or many
// cells each spanning 200 rows, cannot blow a table up: spans are capped,
// and together they may add at most spanCopiesPerCell cells per cell
// written (plus a few for small tables), so the grid stays within a small
// multiple of the input. Real policy tables have under 20 columns.
const (
	maxRowSpan        = 200
	maxColSpan        = 20
	maxTableColumns   = 256
	spanCopiesPerCell = 2
	spanCopiesFree    = 1024
)

// tableRows lays a table out as a grid of cell texts: a cell spanning
// several rows (the vendor beside its SDKs) is repeated in each, one
// spanning several columns in each column, so that every row has its
// columns where the header says. Rows of nested tables stay inside their
// cell.
// The second result tells that a span or a column was left out at the caps.
func tableRows(table *html.Node) ([][]string, bool) {
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
	written := 0
	for _, tr := range trs {
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if isCell(c) {
				written++
			}
		}
	}
	// copies is what spans may add beyond the cells written.
	copies := spanCopiesPerCell*written + spanCopiesFree
	cut := false
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
				if copies <= 0 || len(row) >= maxTableColumns {
					// Out of budget: no cell is carried down any more.
					pending, cut = nil, true
					return
				}
				row = append(row, pending[col].text)
				pending[col].left--
				copies--
				col++
			}
		}
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if !isCell(c) {
				continue
			}
			takePending()
			if len(row) >= maxTableColumns {
				cut = true
				break
			}
			text := cellText(c)
			rowSpan, colSpan := span(c, "rowspan", maxRowSpan), span(c, "colspan", maxColSpan)
			if copies <= 0 {
				rowSpan, colSpan = 1, 1
			}
			for k := 0; k < colSpan && len(row) < maxTableColumns; k++ {
				row = append(row, text)
				if k > 0 {
					copies--
				}
				if rowSpan > 1 || col < len(pending) {
					for len(pending) <= col {
						pending = append(pending, carry{})
					}
					pending[col] = carry{text, rowSpan - 1}
				}
				col++
			}
		}
		takePending()
		if len(row) > 0 {
			rows = append(rows, row)
		}
	}
	return rows, cut
}

func isCell(n *html.Node) bool {
	return n.Type == html.ElementNode && (n.DataAtom == atom.Td || n.DataAtom == atom.Th)
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
// The tags are found in s itself, case-insensitively, never in a
// lower-cased copy: lower-casing changes byte lengths ('Ⱥ' grows, the
// Kelvin sign 'K' shrinks), so a copy's offsets would cut s in the wrong
// place. Each table is searched for from the end of the one before, so the
// whole text is scanned once.
func inlineHTMLTables(s string, cut *bool) string {
	var out strings.Builder
	out.Grow(len(s))
	for {
		i := indexASCIIFold(s, "<table")
		if i < 0 {
			break
		}
		j := indexASCIIFold(s[i:], "</table>")
		if j < 0 {
			break
		}
		end := i + j + len("</table>")
		out.WriteString(s[:i])
		out.WriteString(strings.TrimRight(htmlToText(s[i:end], cut), "\n"))
		s = s[end:]
	}
	out.WriteString(s)
	return out.String()
}

// indexASCIIFold is the byte offset in s of the first occurrence of the
// ASCII string sub, ignoring ASCII case only, or -1. Only ASCII bytes are
// compared, so a multi-byte character never matches part of a tag and the
// offset is one of s's own.
func indexASCIIFold(s, sub string) int {
	i := indexASCIIFoldFrom(s, sub)
	if countScan != nil {
		if i < 0 {
			countScan(len(s))
		} else {
			countScan(i + len(sub))
		}
	}
	return i
}

// countScan, set by tests, is told how many bytes each search read, so a
// test can tell linear from quadratic without timing anything.
var countScan func(n int)

func indexASCIIFoldFrom(s, sub string) int {
	if sub == "" {
		return 0
	}
	first := lowerASCII(sub[0])
	for i := 0; i+len(sub) <= len(s); i++ {
		if first == upperASCII(first) {
			// A first byte without case ('<'): jump to its next occurrence.
			k := strings.IndexByte(s[i:], first)
			if k < 0 {
				return -1
			}
			if i += k; i+len(sub) > len(s) {
				return -1
			}
		}
		if equalASCIIFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

func equalASCIIFold(a, b string) bool {
	for i := 0; i < len(a); i++ {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func upperASCII(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}
