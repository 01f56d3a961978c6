package declared

// This file reads a policy printed or exported as PDF (regulators often
// receive them so). github.com/ledongthuc/pdf reads the file's structure
// (cross-reference tables and streams, object streams, filters, the
// standard encryption with an empty user password); the content streams
// are interpreted here, because its own text extraction ignores a font's
// ToUnicode map when the font also has an /Encoding, which is how
// Chromium (Skia) and other printers write CJK text (Type3 fonts of 256
// glyphs each, "/Differences [0 /g0 …]" plus a ToUnicode CMap).

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/unicode/norm"
)

// Bounds on what a PDF may cost. A printed policy is a few hundred
// kilobytes and tens of pages; past these the rest is not read, with a
// warning, and a hostile file costs bounded time and memory.
const (
	// MaxPDFBytes caps the size of a PDF read: embedded fonts make a PDF
	// larger than the same policy as text, and a PDF cut short cannot be
	// read at all (its index is at the end).
	MaxPDFBytes = 64 << 20
	maxPDFPages = 2000
	// maxPDFContent caps the decoded bytes of all content streams.
	maxPDFContent = 64 << 20
	// maxPDFOps caps the operators interpreted.
	maxPDFOps = 20_000_000
	// maxPDFGlyphs caps the characters kept (about 2 MB of Chinese text,
	// a hundred times a long policy).
	maxPDFGlyphs = 2_000_000
	// maxPDFForms caps how deep form XObjects nest.
	maxPDFForms = 8
	// maxCMapEntries caps the codes one ToUnicode map may define.
	maxCMapEntries = 1 << 17
	// maxPDFFontWork caps the entries of all fonts' maps and width tables
	// built, all pages (fonts are loaded again on each page).
	maxPDFFontWork = 8_000_000
	// maxPDFObjects caps the object numbers a file's index may declare:
	// the reader allocates a table that large before reading anything.
	maxPDFObjects = 4_000_000
)

// pdfTimeout bounds reading one PDF, as a last guard against a file that
// sends the structure reader round in circles.
var pdfTimeout = 60 * time.Second

// ErrPDFNoText marks a PDF whose pages have no text to read: scanned
// images, or text drawn as outlines.
var ErrPDFNoText = errors.New("a PDF with no text layer (scanned?): privdiff needs the policy as text")

// isPDF sniffs a PDF by its header, whatever the file is called.
func isPDF(data []byte) bool {
	head := bytes.TrimLeft(data[:min(len(data), 1024)], " \t\r\n\x00")
	return bytes.HasPrefix(head, []byte("%PDF-"))
}

// pdfFailure wraps what the reader said about a file it could not read.
func pdfFailure(what string, cause any) error {
	msg := fmt.Sprint(cause)
	if len(msg) > 120 {
		msg = msg[:120] + "…"
	}
	return fmt.Errorf("%s (%s): privdiff needs the policy as text: %w", what, strings.ToValidUTF8(msg, "?"), ErrNotText)
}

// readPDF turns a PDF's text layer into lines: the characters of each page
// grouped by their baseline, top to bottom, and ordered left to right, so
// that a table's cells come out as one row, "cell | cell".
func readPDF(data []byte) (*Text, error) {
	if len(data) > MaxPDFBytes {
		return nil, fmt.Errorf("a PDF of %d bytes, over the %d-byte cap: privdiff needs the policy as text: %w", len(data), MaxPDFBytes, ErrNotText)
	}
	if start := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-")); start > 0 {
		data = data[start:]
	}
	if bytes.HasPrefix(data, []byte("%PDF-2.")) {
		// The reader knows versions 1.x; 2.0 files are written the same way.
		data = append([]byte("%PDF-1.7"), data[8:]...)
	}
	if err := checkPDFIndex(data); err != nil {
		return nil, err
	}
	type result struct {
		t   *Text
		err error
	}
	done := make(chan result, 1)
	go func() {
		t, err := readPDFText(data)
		done <- result{t, err}
	}()
	timer := time.NewTimer(pdfTimeout)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.t, r.err
	case <-timer.C:
		// The reader is left to finish on its own; nothing waits for it.
		return nil, pdfFailure("a damaged PDF", fmt.Sprintf("not read in %v", pdfTimeout))
	}
}

// checkPDFIndex refuses, before the reader sees them, files whose
// cross-reference index would make it allocate without bound or follow
// its chain of sections round in a circle: every number the reader sizes
// a table by (/Size, /Index, xref subsection ranges, /W, /Columns) is
// bounded, and no /Prev points at a section already in the chain.
func checkPDFIndex(data []byte) error {
	bad := func(why string) error { return pdfFailure("a damaged PDF", why) }
	for _, key := range []string{"/Size", "/Index", "/W", "/Columns"} {
		scope := [][]byte{data}
		if key == "/W" {
			// Only an index stream's /W; a CID font's /W lists glyph widths.
			scope = nil
			for rest, off := data, 0; len(scope) < 64; {
				i := bytes.Index(rest, []byte("/XRef"))
				if i < 0 {
					break
				}
				at := off + i
				scope = append(scope, data[max(0, at-1024):min(len(data), at+1024)])
				rest, off = rest[i+5:], at+5
			}
		}
		for _, nums := range numbersAfterAll(scope, key) {
			for i, n := range nums {
				switch {
				case key == "/Size" && n > maxPDFObjects:
					return bad(fmt.Sprintf("its index declares %d objects", n))
				case key == "/Index" && i%2 == 1 && nums[i-1]+n > maxPDFObjects:
					return bad(fmt.Sprintf("its index declares objects up to %d", nums[i-1]+n))
				case key == "/W" && n > 8:
					return bad("its index has entries wider than 8 bytes")
				case key == "/Columns" && n > 1<<16:
					return bad(fmt.Sprintf("a stream has %d columns", n))
				}
			}
		}
	}
	seen := map[int64]bool{}
	if i := bytes.LastIndex(data, []byte("startxref")); i >= 0 {
		if nums := leadingNumbers(data[i+len("startxref"):], 1); len(nums) == 1 {
			seen[nums[0]] = true
		}
	}
	for _, nums := range numbersAfter(data, "/Prev") {
		if len(nums) > 0 {
			if seen[nums[0]] {
				return bad("its index sections point back at each other")
			}
			seen[nums[0]] = true
		}
	}
	if nested := nestedObjectStreams(data); nested {
		// The reader would look for the object stream inside itself, or
		// inside another, without end (a stack overflow, not an error).
		return bad("an object stream is stored inside an object stream")
	}
	// Subsections of classic xref tables: "start count" lines.
	for rest := data; ; {
		i := bytes.Index(rest, []byte("xref"))
		if i < 0 {
			break
		}
		rest = rest[i+4:]
		if i > 0 && !isPDFSpace(data[len(data)-len(rest)-5]) || len(rest) == 0 || !isPDFSpace(rest[0]) {
			continue // startxref, or a word containing "xref"
		}
		if nums := leadingNumbers(rest, 2); len(nums) == 2 && nums[0]+nums[1] > maxPDFObjects {
			return bad(fmt.Sprintf("its index declares objects up to %d", nums[0]+nums[1]))
		}
	}
	return nil
}

// nestedObjectStreams decodes the file's cross-reference streams (Flate
// or uncompressed, with or without the PNG Up predictor, as PDF writers
// make them) and reports whether an object said to be in an object stream
// names as its stream an object that is itself in one. Streams it cannot
// decode are left to the reader, which cannot decode them either.
func nestedObjectStreams(data []byte) bool {
	inStream := map[int64]bool{}
	var containers []int64
	for rest, off, n := data, 0, 0; n < 64; n++ {
		i := bytes.Index(rest, []byte("/XRef"))
		if i < 0 {
			break
		}
		at := off + i
		rest, off = rest[i+5:], at+5
		objStart := bytes.LastIndex(data[max(0, at-4096):at], []byte("obj"))
		streamAt := bytes.Index(data[at:min(len(data), at+4096)], []byte("stream"))
		if objStart < 0 || streamAt < 0 {
			continue
		}
		dict := data[max(0, at-4096)+objStart : at+streamAt]
		body := data[at+streamAt+len("stream"):]
		body = bytes.TrimPrefix(bytes.TrimPrefix(body, []byte("\r")), []byte("\n"))
		entries, w, index, ok := xrefStreamEntries(dict, body)
		if !ok {
			continue
		}
		for len(index) >= 2 {
			first, count := index[0], index[1]
			index = index[2:]
			for k := int64(0); k < count && len(entries) >= w[0]+w[1]+w[2]; k++ {
				field := func(n int) int64 {
					v := int64(0)
					for _, c := range entries[:n] {
						v = v<<8 | int64(c)
					}
					entries = entries[n:]
					return v
				}
				kind := int64(1)
				if w[0] > 0 {
					kind = field(w[0])
				}
				container := field(w[1])
				field(w[2])
				if kind == 2 {
					inStream[first+k] = true
					containers = append(containers, container)
				}
			}
		}
	}
	for _, c := range containers {
		if inStream[c] {
			return true
		}
	}
	return false
}

// xrefStreamEntries returns the decoded rows of a cross-reference stream
// with its /W widths and /Index ranges.
func xrefStreamEntries(dict, body []byte) (entries []byte, w [3]int, index []int64, ok bool) {
	one := func(key string) (int64, bool) {
		nums := numbersAfter(dict, key)
		if len(nums) == 0 || len(nums[0]) == 0 {
			return 0, false
		}
		return nums[0][0], true
	}
	length, ok := one("/Length")
	ws := numbersAfter(dict, "/W")
	if !ok || length > int64(len(body)) || len(ws) == 0 || len(ws[0]) != 3 {
		return nil, w, nil, false
	}
	for i, v := range ws[0] {
		if v > 8 {
			return nil, w, nil, false
		}
		w[i] = int(v)
	}
	if idx := numbersAfter(dict, "/Index"); len(idx) > 0 {
		index = idx[0]
	} else if size, ok := one("/Size"); ok {
		index = []int64{0, size}
	}
	raw := body[:length]
	if bytes.Contains(dict, []byte("/FlateDecode")) {
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, w, nil, false
		}
		raw, _ = io.ReadAll(io.LimitReader(zr, int64(maxPDFObjects)*25))
	} else if bytes.Contains(dict, []byte("/Filter")) {
		return nil, w, nil, false
	}
	row := w[0] + w[1] + w[2]
	if predictor, ok := one("/Predictor"); ok && predictor >= 10 {
		// PNG rows: a filter byte, then the row; "Up" adds the row above.
		prev := make([]byte, row)
		var out []byte
		for len(raw) >= row+1 {
			filter, cur := raw[0], raw[1:row+1]
			raw = raw[row+1:]
			line := make([]byte, row)
			for i := range line {
				line[i] = cur[i]
				if filter == 2 {
					line[i] += prev[i]
				}
			}
			out = append(out, line...)
			prev = line
		}
		raw = out
	}
	return raw, w, index, row > 0
}

func numbersAfterAll(scopes [][]byte, key string) [][]int64 {
	var out [][]int64
	for _, sc := range scopes {
		out = append(out, numbersAfter(sc, key)...)
	}
	return out
}

// numbersAfter returns, for each occurrence of key, the integers that
// follow it (inside a following [ ] array, or the single one).
func numbersAfter(data []byte, key string) [][]int64 {
	var out [][]int64
	for rest := data; ; {
		i := bytes.Index(rest, []byte(key))
		if i < 0 {
			return out
		}
		rest = rest[i+len(key):]
		if len(rest) > 0 && !isPDFSpace(rest[0]) && !isPDFDelim(rest[0]) {
			continue // a longer name: /Sizes, /Prevail
		}
		j := 0
		for j < len(rest) && isPDFSpace(rest[j]) {
			j++
		}
		if j < len(rest) && rest[j] == '[' {
			end := bytes.IndexByte(rest[j:], ']')
			if end < 0 {
				end = len(rest) - j
			}
			out = append(out, leadingNumbers(rest[j+1:j+end], 1<<20))
			continue
		}
		out = append(out, leadingNumbers(rest, 1))
	}
}

// leadingNumbers reads up to n non-negative integers at the start of b,
// separated by white space; larger values saturate.
func leadingNumbers(b []byte, n int) []int64 {
	var out []int64
	i := 0
	for len(out) < n {
		for i < len(b) && isPDFSpace(b[i]) {
			i++
		}
		start := i
		var v int64
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			v = min(v*10+int64(b[i]-'0'), 1<<40)
			i++
		}
		if i == start {
			break
		}
		out = append(out, v)
	}
	return out
}

// readPDFText reads the text layer of a PDF whose index passed
// checkPDFIndex.
func readPDFText(data []byte) (t *Text, err error) {
	defer func() {
		// The reader reports malformed structure by panicking.
		if p := recover(); p != nil {
			t, err = nil, pdfFailure("a damaged PDF", p)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if bytes.Contains(data, []byte("/Encrypt")) {
			return nil, pdfFailure("an encrypted PDF", err)
		}
		return nil, pdfFailure("a damaged PDF", err)
	}
	x := &pdfReader{t: &Text{Encoding: "pdf"}}
	var pages []pdfPage
	visits := 0
	collectPages(r.Trailer().Key("Root").Key("Pages"), pdf.Value{}, 0, &pages, &visits)
	if len(pages) >= maxPDFPages {
		x.t.Warnings = append(x.t.Warnings, fmt.Sprintf("the PDF has more than %d pages; only the first %d were read", maxPDFPages, maxPDFPages))
	}
	var lines [][]pdfLine
	for _, p := range pages {
		if x.stopped != "" {
			break
		}
		x.glyphs = x.glyphs[:0]
		x.page(p)
		lines = append(lines, pageLines(x.glyphs))
	}
	x.t.Lines = joinPages(lines)
	letters := 0
	for _, l := range x.t.Lines {
		for _, r := range l {
			if unicode.IsLetter(r) {
				letters++
			}
		}
	}
	if x.stopped != "" {
		x.t.Warnings = append(x.t.Warnings, x.stopped)
	}
	if len(pages) == 0 {
		return nil, pdfFailure("a damaged PDF", "no pages")
	}
	// A scanned page still carries a page number or a printer's header
	// line; a policy has hundreds of letters.
	if letters < 40 {
		return nil, ErrPDFNoText
	}
	return x.t, nil
}

type pdfPage struct {
	v, resources pdf.Value
}

// collectPages walks the page tree in order. Depth and visits are bounded:
// a tree whose kids point back up must not loop.
func collectPages(node, resources pdf.Value, depth int, out *[]pdfPage, visits *int) {
	*visits++
	if depth > 64 || len(*out) >= maxPDFPages || *visits > 4*maxPDFPages || node.Kind() != pdf.Dict {
		return
	}
	if r := node.Key("Resources"); r.Kind() == pdf.Dict {
		resources = r
	}
	kids := node.Key("Kids")
	if node.Key("Type").Name() == "Pages" || kids.Kind() == pdf.Array {
		for i := 0; i < kids.Len() && *visits <= 4*maxPDFPages && len(*out) < maxPDFPages; i++ {
			collectPages(kids.Index(i), resources, depth+1, out, visits)
		}
		return
	}
	*out = append(*out, pdfPage{node, resources})
}

// pdfGlyph is one character (or an ActualText replacement) where the page
// draws it: its baseline start, where the next one would start, and the
// font size on the page.
type pdfGlyph struct {
	x, y, end, size float64
	text            string
}

type pdfReader struct {
	t       *Text
	glyphs  []pdfGlyph
	total   int // glyphs kept, all pages
	content int // content bytes read, all pages
	ops     int
	// fontWork counts font-table entries built, all pages.
	fontWork int
	// stopped says why reading stopped early, for a warning.
	stopped string
}

// errPDFStop unwinds the interpreter when a cap is reached.
var errPDFStop = errors.New("pdf: cap reached")

func (x *pdfReader) stop(why string) {
	if x.stopped == "" {
		x.stopped = why
	}
	panic(errPDFStop)
}

// page interprets one page's content streams.
func (x *pdfReader) page(p pdfPage) {
	defer func() {
		if r := recover(); r != nil && r != errPDFStop {
			x.t.Warnings = append(x.t.Warnings, fmt.Sprintf("a damaged page in the PDF was skipped (%v)", r))
		}
	}()
	data := x.streamBytes(p.v.Key("Contents"))
	st := &pdfState{fonts: map[string]*pdfFont{}, g: pdfGraphics{ctm: identity, th: 1}}
	x.run(data, p.resources, st, 0)
}

// streamBytes reads a stream, or an array of streams joined, within the
// content cap.
func (x *pdfReader) streamBytes(v pdf.Value) []byte {
	var parts []pdf.Value
	switch v.Kind() {
	case pdf.Stream:
		parts = []pdf.Value{v}
	case pdf.Array:
		for i := 0; i < v.Len() && i < 10000; i++ {
			parts = append(parts, v.Index(i))
		}
	}
	var out []byte
	for _, s := range parts {
		if s.Kind() != pdf.Stream {
			continue
		}
		left := maxPDFContent - x.content
		if left <= 0 {
			x.stop(fmt.Sprintf("the PDF's pages hold more than %d bytes of drawing; the rest was not read", maxPDFContent))
		}
		b, err := readStream(s, left)
		x.content += len(b)
		if err != nil {
			x.t.Warnings = append(x.t.Warnings, fmt.Sprintf("a damaged stream in the PDF was skipped (%v)", err))
		}
		out = append(append(out, b...), '\n')
	}
	return out
}

// readStream reads at most limit decoded bytes of a stream; the reader
// panics on filters it does not know.
func readStream(s pdf.Value, limit int) (b []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%v", p)
		}
	}()
	rc := s.Reader()
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, int64(limit)))
}

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul is m × n: m applied first, then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// pdfGraphics is the part of the graphics state text extraction needs;
// q and Q save and restore it.
type pdfGraphics struct {
	ctm                      matrix
	font                     *pdfFont
	size, tc, tw, th, tl, ts float64
}

type pdfState struct {
	g     pdfGraphics
	saved []pdfGraphics
	tm    matrix
	tlm   matrix
	fonts map[string]*pdfFont
	// fontDict is the resources' /Font dictionary, once read.
	fontDict     pdf.Value
	fontDictRead bool
	// marked holds the open marked-content sequences; one with ActualText
	// stands for the glyphs drawn inside it ("方" for a glyph whose map
	// says "⽅").
	marked []pdfMarked
}

type pdfMarked struct {
	actual  string
	has     bool
	emitted int // index+1 of the glyph that carries the text, 0 before
}

// run interprets a content stream.
func (x *pdfReader) run(data []byte, resources pdf.Value, st *pdfState, depth int) {
	lx := &pdfLexer{data: data}
	var args []any
	for {
		tok, ok := lx.next()
		if !ok {
			return
		}
		if tok.kind != tokOp {
			v, ok := lx.value(tok, 0)
			if ok && len(args) < 64 {
				args = append(args, v)
			}
			continue
		}
		x.ops++
		if x.ops > maxPDFOps {
			x.stop(fmt.Sprintf("the PDF draws more than %d operations; the rest was not read", maxPDFOps))
		}
		x.op(tok.s, args, lx, resources, st, depth)
		args = args[:0]
	}
}

func num(args []any, i int) float64 {
	if i < len(args) {
		if f, ok := args[i].(float64); ok && !math.IsNaN(f) && !math.IsInf(f, 0) {
			return f
		}
	}
	return 0
}

func translate(tx, ty float64) matrix { return matrix{1, 0, 0, 1, tx, ty} }

func matrixArgs(args []any) matrix {
	return matrix{num(args, 0), num(args, 1), num(args, 2), num(args, 3), num(args, 4), num(args, 5)}
}

// op carries out one operator: the text ones, the state they depend on,
// marked content (for ActualText) and forms.
func (x *pdfReader) op(op string, args []any, lx *pdfLexer, resources pdf.Value, st *pdfState, depth int) {
	g := &st.g
	switch op {
	case "q":
		if len(st.saved) < 256 {
			st.saved = append(st.saved, *g)
		}
	case "Q":
		if n := len(st.saved); n > 0 {
			*g = st.saved[n-1]
			st.saved = st.saved[:n-1]
		}
	case "cm":
		if len(args) == 6 {
			g.ctm = matrixArgs(args).mul(g.ctm)
		}
	case "BT":
		st.tm, st.tlm = identity, identity
	case "Tf":
		if len(args) == 2 {
			name, _ := args[0].(pdfName)
			g.font = x.font(string(name), resources, st)
			g.size = num(args, 1)
		}
	case "Tc":
		g.tc = num(args, 0)
	case "Tw":
		g.tw = num(args, 0)
	case "Tz":
		g.th = num(args, 0) / 100
	case "TL":
		g.tl = num(args, 0)
	case "Ts":
		g.ts = num(args, 0)
	case "Td":
		st.tlm = translate(num(args, 0), num(args, 1)).mul(st.tlm)
		st.tm = st.tlm
	case "TD":
		g.tl = -num(args, 1)
		st.tlm = translate(num(args, 0), num(args, 1)).mul(st.tlm)
		st.tm = st.tlm
	case "Tm":
		if len(args) == 6 {
			st.tlm = matrixArgs(args)
			st.tm = st.tlm
		}
	case "T*":
		st.tlm = translate(0, -g.tl).mul(st.tlm)
		st.tm = st.tlm
	case "Tj":
		if len(args) > 0 {
			s, _ := args[0].(pdfString)
			x.show(string(s), st)
		}
	case "'", "\"":
		if op == "\"" && len(args) == 3 {
			g.tw, g.tc = num(args, 0), num(args, 1)
			args = args[2:]
		}
		st.tlm = translate(0, -g.tl).mul(st.tlm)
		st.tm = st.tlm
		if len(args) > 0 {
			s, _ := args[0].(pdfString)
			x.show(string(s), st)
		}
	case "TJ":
		if len(args) == 0 {
			return
		}
		arr, _ := args[0].([]any)
		for _, e := range arr {
			switch e := e.(type) {
			case pdfString:
				x.show(string(e), st)
			case float64:
				st.tm = translate(-e/1000*g.size*g.th, 0).mul(st.tm)
			}
		}
	case "BMC":
		st.marked = append(st.marked, pdfMarked{})
	case "BDC":
		m := pdfMarked{}
		if len(args) == 2 {
			if d, ok := args[1].(map[string]any); ok {
				if s, ok := d["ActualText"].(pdfString); ok {
					m.actual, m.has = pdfTextString(string(s)), true
				}
			}
		}
		st.marked = append(st.marked, m)
	case "EMC":
		if n := len(st.marked); n > 0 {
			st.marked = st.marked[:n-1]
		}
	case "BI":
		lx.skipInlineImage()
	case "Do":
		if len(args) == 0 || depth >= maxPDFForms {
			return
		}
		name, _ := args[0].(pdfName)
		form := resources.Key("XObject").Key(string(name))
		if form.Kind() != pdf.Stream || form.Key("Subtype").Name() != "Form" {
			return
		}
		inner := resources
		if r := form.Key("Resources"); r.Kind() == pdf.Dict {
			inner = r
		}
		m := identity
		if mv := form.Key("Matrix"); mv.Kind() == pdf.Array && mv.Len() == 6 {
			for i := range m {
				m[i] = mv.Index(i).Float64()
			}
		}
		saved, savedFonts, savedDict, savedRead := st.g, st.fonts, st.fontDict, st.fontDictRead
		st.g.ctm = m.mul(st.g.ctm)
		st.fonts, st.fontDictRead = map[string]*pdfFont{}, false
		x.run(x.streamBytes(form), inner, st, depth+1)
		st.g, st.fonts, st.fontDict, st.fontDictRead = saved, savedFonts, savedDict, savedRead
	}
}

// show draws a string: each character code becomes a glyph at the text
// position, which then advances by the code's width.
func (x *pdfReader) show(s string, st *pdfState) {
	g := &st.g
	f := g.font
	if f == nil {
		return
	}
	var actual *pdfMarked
	for i := len(st.marked) - 1; i >= 0; i-- {
		if st.marked[i].has {
			actual = &st.marked[i]
			break
		}
	}
	for len(s) > 0 {
		n := f.codeLen(s)
		code := s[:n]
		s = s[n:]
		trm := matrix{g.size * g.th, 0, 0, g.size, 0, g.ts}.mul(st.tm).mul(g.ctm)
		adv := f.width(code)*g.size + g.tc
		if n == 1 && code[0] == ' ' {
			adv += g.tw
		}
		st.tm = translate(adv*g.th, 0).mul(st.tm)
		end := matrix{g.size * g.th, 0, 0, g.size, 0, g.ts}.mul(st.tm).mul(g.ctm)
		size := math.Hypot(trm[2], trm[3])
		switch {
		case actual != nil && actual.emitted > 0:
			// The ActualText already stands for this glyph's sequence.
			if gl := &x.glyphs[actual.emitted-1]; end[4] > gl.end {
				gl.end = end[4]
			}
			continue
		case actual != nil:
			x.add(pdfGlyph{trm[4], trm[5], end[4], size, actual.actual})
			actual.emitted = len(x.glyphs)
			continue
		}
		x.add(pdfGlyph{trm[4], trm[5], end[4], size, f.decode(code)})
	}
}

func (x *pdfReader) add(g pdfGlyph) {
	if x.total >= maxPDFGlyphs {
		x.stop(fmt.Sprintf("the PDF holds more than %d characters; the rest was not read", maxPDFGlyphs))
	}
	x.total++
	x.glyphs = append(x.glyphs, g)
}

// font loads a font of the resources by name, once per page.
func (x *pdfReader) font(name string, resources pdf.Value, st *pdfState) *pdfFont {
	if f, ok := st.fonts[name]; ok {
		return f
	}
	if !st.fontDictRead {
		// Resolved once: each Key re-reads the object from the file.
		st.fontDict, st.fontDictRead = resources.Key("Font"), true
	}
	f := x.loadFont(st.fontDict.Key(name))
	if len(st.fonts) < 4096 {
		st.fonts[name] = f
	}
	return f
}

// pdfFont decodes a font's character codes into text and knows their
// widths.
type pdfFont struct {
	// space holds the code-space ranges by code length (1–4 bytes).
	space [4][][2]string
	// unicode maps codes to text (the ToUnicode CMap).
	unicode map[string]string
	// fallback decodes the bytes of a simple font without a map (its
	// standard encoding or /Differences glyph names).
	fallback  *[256]string
	composite bool
	// widths are in text space per unit of font size.
	widths       map[int]float64
	defaultWidth float64
	x            *pdfReader
}

func (x *pdfReader) loadFont(v pdf.Value) (f *pdfFont) {
	f = &pdfFont{defaultWidth: 0.5, x: x}
	defer func() {
		// A damaged font still draws: its text is lost, not the page's.
		if p := recover(); p != nil {
			if p == errPDFStop {
				panic(p)
			}
			f.fallback = nil
		}
	}()
	if v.Kind() != pdf.Dict {
		return f
	}
	f.composite = v.Key("Subtype").Name() == "Type0"
	f.loadWidths(v)
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		if b, err := readStream(tu, 4<<20); err == nil {
			f.parseCMap(b)
		}
	}
	// A simple font without a map: its encoding (standard, or glyph names
	// in /Differences) decodes each byte; decoded once here, since the
	// reader's decoder walks the whole /Differences array for every byte.
	if !f.composite && f.unicode == nil && v.Key("Encoding").Key("Differences").Len() <= 1024 {
		font := pdf.Font{V: v}
		enc := font.Encoder()
		f.fallback = &[256]string{}
		for b := 0; b < 256; b++ {
			f.fallback[b] = enc.Decode(string([]byte{byte(b)}))
		}
	}
	return f
}

// spend counts font-table work against the document's budget.
func (f *pdfFont) spend(n int) {
	f.x.fontWork += n
	if f.x.fontWork > maxPDFFontWork {
		f.x.stop("the PDF's fonts define more characters than privdiff reads; the rest was not read")
	}
}

func (f *pdfFont) loadWidths(v pdf.Value) {
	f.widths = map[int]float64{}
	if f.composite {
		d := v.Key("DescendantFonts").Index(0)
		f.defaultWidth = 1
		if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.defaultWidth = dw.Float64() / 1000
		}
		w := d.Key("W")
		for i := 0; i < w.Len() && len(f.widths) < maxCMapEntries; {
			first := int(w.Index(i).Int64())
			if next := w.Index(i + 1); next.Kind() == pdf.Array {
				f.spend(next.Len())
				for k := 0; k < next.Len() && k < maxCMapEntries; k++ {
					f.widths[first+k] = next.Index(k).Float64() / 1000
				}
				i += 2
				continue
			}
			last, width := int(w.Index(i+1).Int64()), w.Index(i+2).Float64()/1000
			f.spend(min(max(last-first+1, 1), maxCMapEntries))
			for c := first; c <= last && c-first < maxCMapEntries; c++ {
				f.widths[c] = width
			}
			i += 3
		}
		return
	}
	scale := 0.001
	if m := v.Key("FontMatrix"); m.Kind() == pdf.Array && m.Len() == 6 {
		scale = math.Abs(m.Index(0).Float64()) // Type3: glyph space to text space
	}
	first, ws := int(v.Key("FirstChar").Int64()), v.Key("Widths")
	for i := 0; i < ws.Len() && i < 256; i++ {
		f.widths[first+i] = ws.Index(i).Float64() * scale
	}
}

// codeLen is the length of the character code at the start of s: the
// code-space ranges say, else two bytes for a composite font, else one.
func (f *pdfFont) codeLen(s string) int {
	for n := 1; n <= 4 && n <= len(s); n++ {
		for _, r := range f.space[n-1] {
			if r[0] <= s[:n] && s[:n] <= r[1] {
				return n
			}
		}
	}
	if f.composite && len(s) >= 2 {
		return 2
	}
	return 1
}

func codeValue(code string) int {
	v := 0
	for i := 0; i < len(code); i++ {
		v = v<<8 | int(code[i])
	}
	return v
}

func (f *pdfFont) width(code string) float64 {
	if w, ok := f.widths[codeValue(code)]; ok {
		return w
	}
	return f.defaultWidth
}

func (f *pdfFont) decode(code string) string {
	if t, ok := f.unicode[code]; ok {
		return t
	}
	if f.fallback != nil && len(code) == 1 {
		return f.fallback[code[0]]
	}
	return ""
}

// parseCMap reads a ToUnicode CMap: code-space ranges, bfchar pairs and
// bfrange triples (a start text incremented along the range, or an array
// of texts).
func (f *pdfFont) parseCMap(data []byte) {
	f.unicode = map[string]string{}
	lx := &pdfLexer{data: data}
	var operands []any
	for {
		tok, ok := lx.next()
		if !ok {
			return
		}
		if tok.kind != tokOp {
			if v, ok := lx.value(tok, 0); ok && len(operands) < 3*maxCMapEntries {
				operands = append(operands, v)
			}
			continue
		}
		switch tok.s {
		case "endcodespacerange":
			for i := 0; i+1 < len(operands); i += 2 {
				lo, ok1 := operands[i].(pdfString)
				hi, ok2 := operands[i+1].(pdfString)
				if ok1 && ok2 && len(lo) == len(hi) && len(lo) >= 1 && len(lo) <= 4 && len(f.space[len(lo)-1]) < 64 {
					f.space[len(lo)-1] = append(f.space[len(lo)-1], [2]string{string(lo), string(hi)})
				}
			}
		case "endbfchar":
			f.spend(len(operands) / 2)
			for i := 0; i+1 < len(operands) && len(f.unicode) < maxCMapEntries; i += 2 {
				src, ok1 := operands[i].(pdfString)
				dst, ok2 := operands[i+1].(pdfString)
				if ok1 && ok2 {
					f.unicode[string(src)] = utf16Text(string(dst))
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(operands); i += 3 {
				lo, ok1 := operands[i].(pdfString)
				hi, ok2 := operands[i+1].(pdfString)
				if ok1 && ok2 && len(lo) == len(hi) && len(lo) >= 1 && len(lo) <= 4 {
					f.addRange(string(lo), string(hi), operands[i+2])
				}
			}
		}
		operands = operands[:0]
	}
}

func (f *pdfFont) addRange(lo, hi string, dst any) {
	start, end := codeValue(lo), codeValue(hi)
	end = min(end, start+maxCMapEntries-1)
	if end >= start {
		f.spend(end - start + 1)
	}
	for c, k := start, 0; c <= end && len(f.unicode) < maxCMapEntries; c, k = c+1, k+1 {
		code := make([]byte, len(lo))
		for i, v := len(code)-1, c; i >= 0; i, v = i-1, v>>8 {
			code[i] = byte(v)
		}
		switch d := dst.(type) {
		case pdfString:
			u := utf16.Decode(utf16Units(string(d)))
			if len(u) == 0 {
				return
			}
			u[len(u)-1] += rune(k)
			f.unicode[string(code)] = string(u)
		case []any:
			if k >= len(d) {
				return
			}
			if s, ok := d[k].(pdfString); ok {
				f.unicode[string(code)] = utf16Text(string(s))
			}
		default:
			return
		}
	}
}

func utf16Units(s string) []uint16 {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return u
}

func utf16Text(s string) string { return string(utf16.Decode(utf16Units(s))) }

// pdfTextString decodes a PDF text string: UTF-16BE with its byte-order
// mark, UTF-8 with its mark (PDF 2.0), else PDFDocEncoding, read here as
// Latin-1 (they differ only in rarely used punctuation).
func pdfTextString(s string) string {
	switch {
	case strings.HasPrefix(s, "\xfe\xff"):
		return utf16Text(s[2:])
	case strings.HasPrefix(s, "\xef\xbb\xbf"):
		return strings.ToValidUTF8(s[3:], "")
	}
	r := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		r[i] = rune(s[i])
	}
	return string(r)
}

// pageLines groups a page's glyphs into lines by baseline, top to
// bottom, each ordered left to right.
func pageLines(glyphs []pdfGlyph) []pdfLine {
	idx := make([]int, len(glyphs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return glyphs[idx[a]].y > glyphs[idx[b]].y })
	var lines []pdfLine
	for start := 0; start < len(idx); {
		first := glyphs[idx[start]]
		end := start + 1
		for end < len(idx) && first.y-glyphs[idx[end]].y <= 0.5*max(first.size, glyphs[idx[end]].size, 1) {
			end++
		}
		if l, ok := joinGlyphs(glyphs, idx[start:end]); ok {
			lines = append(lines, l)
		}
		start = end
	}
	return lines
}

// joinPages turns the pages' lines into the text's lines. Running headers
// and footers (the same line at the same place on most pages, page
// numbers aside: a printer's date, title and address) are dropped, and a
// line the printer wrapped is joined to its continuation, across a page
// break too, so that a sentence or a table row is one line, as the source
// had it.
func joinPages(pages [][]pdfLine) []string {
	running := map[string]int{}
	for _, page := range pages {
		seen := map[string]bool{}
		for _, l := range page {
			if k := l.runningKey(); !seen[k] {
				seen[k] = true
				running[k]++
			}
		}
	}
	var lines []pdfLine
	for _, page := range pages {
		for _, l := range page {
			if len(pages) < 3 || running[l.runningKey()] < (len(pages)+1)/2 {
				lines = append(lines, l)
			}
		}
	}
	right := rightMargin(lines)
	var out []string
	for i := 0; i < len(lines); i++ {
		text := lines[i].text
		for i+1 < len(lines) && lines[i].wrapsInto(lines[i+1], right) {
			i++
			text = joinWrapped(text, lines[i].text)
		}
		out = append(out, text)
	}
	return out
}

// rightMargin is where wrapped lines end: the most common right end of
// the lines (to a point), the longest of the ties. The longest line does
// not do: an address too long to wrap runs past the margin.
func rightMargin(lines []pdfLine) float64 {
	count := map[int]int{}
	best, bestN := math.Inf(1), 0
	for _, l := range lines {
		if l.cells {
			continue
		}
		k := int(math.Round(l.right))
		count[k]++
		if n := count[k]; n > bestN || n == bestN && float64(k) > best {
			best, bestN = float64(k), n
		}
	}
	return best + 1
}

// pdfLine is one line of a page with the extent of its text.
type pdfLine struct {
	text              string
	y                 float64
	left, right, size float64
	// firstWord is the width of the line's first word (its first
	// character in CJK text): what would have had to fit on the line
	// before for the printer not to wrap.
	firstWord float64
	cells     bool // it has a column gap: a table row, or a header line
}

// runningKey identifies a line that may repeat on every page: its text
// with digits masked and its place.
func (l pdfLine) runningKey() string {
	masked := strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return '0'
		}
		return r
	}, l.text)
	return fmt.Sprintf("%.0f %.0f %s", l.y/2, l.left/2, masked)
}

// wrapsInto reports whether the next line continues this one: the next
// line's first word would not have fitted on this one, neither is a
// table row, and the next is not indented further (a new paragraph or
// item) nor in another font size (a heading).
func (l pdfLine) wrapsInto(next pdfLine, right float64) bool {
	em := max(l.size, 1)
	return !l.cells && !next.cells && l.right+next.firstWord+0.25*em > right && next.left <= l.left+0.5*em &&
		math.Abs(next.size-l.size) < 0.2*em
}

// noLineStart are the characters a line may not start with (Chinese and
// Japanese line-breaking rules): closing brackets and punctuation.
const noLineStart = "、。，．：；？！）」』】〕〉》’”・…,.;:!?)]}%"

// joinWrapped joins a wrapped line to its continuation: directly between
// CJK characters, with a space between words.
func joinWrapped(a, b string) string {
	last, _ := utf8.DecodeLastRuneInString(a)
	first, _ := utf8.DecodeRuneInString(b)
	if last < 0x2e80 && first < 0x2e80 && !unicode.IsSpace(last) {
		return a + " " + b
	}
	return a + b
}

// joinGlyphs writes the glyphs of one line, ordered left to right. A gap
// wider than a few characters (the next table column) becomes " | ", a
// smaller one a space.
func joinGlyphs(glyphs []pdfGlyph, line []int) (pdfLine, bool) {
	sort.SliceStable(line, func(a, b int) bool { return glyphs[line[a]].x < glyphs[line[b]].x })
	var b strings.Builder
	l := pdfLine{left: math.Inf(1), right: math.Inf(-1), y: glyphs[line[0]].y}
	prevEnd, prevSize := math.Inf(-1), 0.0
	inFirstWord, cjkFirst := true, false
	for _, i := range line {
		g := glyphs[i]
		text := cleanPDFText(g.text)
		if strings.TrimSpace(text) == "" {
			if b.Len() > 0 {
				inFirstWord = false
			}
			continue
		}
		if b.Len() > 0 {
			gap, em := g.x-prevEnd, max(g.size, prevSize, 1)
			switch {
			case gap > 2*em:
				b.WriteString(" | ")
				l.cells = true
				inFirstWord = false
			case gap > 0.2*em && !strings.HasSuffix(b.String(), " ") && !strings.HasPrefix(text, " "):
				b.WriteByte(' ')
				inFirstWord = false
			}
		}
		b.WriteString(text)
		prevEnd, prevSize = max(g.end, g.x), g.size
		l.left, l.right, l.size = min(l.left, g.x), max(l.right, prevEnd), max(l.size, g.size)
		if inFirstWord {
			r, _ := utf8.DecodeRuneInString(text)
			switch {
			case cjkFirst && !strings.ContainsRune(noLineStart, r):
				inFirstWord = false
			default:
				l.firstWord = prevEnd - l.left
				// CJK text wraps between any two characters, except before
				// closing punctuation, which moves down with the one before.
				cjkFirst = cjkFirst || r >= 0x2e80
			}
		}
	}
	l.text = strings.TrimSpace(collapseSpace(b.String()))
	return l, l.text != ""
}

// cleanPDFText drops control characters and maps CJK radicals and
// compatibility ideographs (which some fonts' maps give for common
// characters: ⽅ for 方) to the ideographs they stand for.
func cleanPDFText(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == utf8.RuneError || r == 0xfffe || r == 0xffff:
		case r == '\u00a0' || r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r):
		case (r >= 0x2e80 && r <= 0x2fdf) || (r >= 0xf900 && r <= 0xfaff):
			b.WriteString(norm.NFKC.String(string(r)))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// The content-stream lexer. Content streams and CMaps share PDF's object
// syntax; this one never panics and never reads past its data.

type tokKind byte

const (
	tokOp tokKind = iota
	tokNum
	tokString
	tokName
	tokArrayStart
	tokArrayEnd
	tokDictStart
	tokDictEnd
)

type pdfToken struct {
	kind tokKind
	s    string
	n    float64
}

// pdfName and pdfString tell names and strings apart among operands.
type (
	pdfName   string
	pdfString string
)

type pdfLexer struct {
	data []byte
	pos  int
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelim(c byte) bool {
	return strings.IndexByte("()<>[]{}/%", c) >= 0
}

func (lx *pdfLexer) next() (pdfToken, bool) {
	d := lx.data
	for lx.pos < len(d) {
		c := d[lx.pos]
		switch {
		case isPDFSpace(c):
			lx.pos++
		case c == '%':
			for lx.pos < len(d) && d[lx.pos] != '\n' && d[lx.pos] != '\r' {
				lx.pos++
			}
		default:
			return lx.token(), true
		}
	}
	return pdfToken{}, false
}

func (lx *pdfLexer) token() pdfToken {
	d := lx.data
	c := d[lx.pos]
	switch c {
	case '(':
		return pdfToken{kind: tokString, s: lx.literal()}
	case '<':
		if lx.pos+1 < len(d) && d[lx.pos+1] == '<' {
			lx.pos += 2
			return pdfToken{kind: tokDictStart}
		}
		return pdfToken{kind: tokString, s: lx.hex()}
	case '>':
		lx.pos++
		if lx.pos < len(d) && d[lx.pos] == '>' {
			lx.pos++
		}
		return pdfToken{kind: tokDictEnd}
	case '[':
		lx.pos++
		return pdfToken{kind: tokArrayStart}
	case ']':
		lx.pos++
		return pdfToken{kind: tokArrayEnd}
	case '{', '}', ')':
		lx.pos++
		return pdfToken{kind: tokOp, s: string(c)}
	case '/':
		lx.pos++
		return pdfToken{kind: tokName, s: lx.word()}
	}
	w := lx.word()
	if w == "" {
		lx.pos++ // a stray byte
		return pdfToken{kind: tokOp, s: string(c)}
	}
	if f, err := strconv.ParseFloat(w, 64); err == nil && (w[0] == '-' || w[0] == '+' || w[0] == '.' || (w[0] >= '0' && w[0] <= '9')) {
		return pdfToken{kind: tokNum, n: f}
	}
	return pdfToken{kind: tokOp, s: w}
}

func (lx *pdfLexer) word() string {
	start := lx.pos
	for lx.pos < len(lx.data) && !isPDFSpace(lx.data[lx.pos]) && !isPDFDelim(lx.data[lx.pos]) {
		lx.pos++
	}
	return string(lx.data[start:lx.pos])
}

// literal reads a (string) with its escapes and balanced parentheses.
func (lx *pdfLexer) literal() string {
	d := lx.data
	lx.pos++
	var b []byte
	depth := 1
	for lx.pos < len(d) {
		c := d[lx.pos]
		lx.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(b)
			}
		case '\\':
			if lx.pos >= len(d) {
				return string(b)
			}
			e := d[lx.pos]
			lx.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if lx.pos < len(d) && d[lx.pos] == '\n' {
					lx.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && lx.pos < len(d) && d[lx.pos] >= '0' && d[lx.pos] <= '7'; k++ {
						v = v*8 + int(d[lx.pos]-'0')
						lx.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		b = append(b, c)
	}
	return string(b)
}

// hex reads a <hex string>; an odd last digit counts as followed by 0.
func (lx *pdfLexer) hex() string {
	d := lx.data
	lx.pos++
	var b []byte
	hi, half := byte(0), false
	for lx.pos < len(d) {
		c := d[lx.pos]
		lx.pos++
		var v byte
		switch {
		case c == '>':
			if half {
				b = append(b, hi<<4)
			}
			return string(b)
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue
		}
		if half {
			b = append(b, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	return string(b)
}

// value turns a token into an operand: arrays and dictionaries are read
// whole, nested at most 32 deep.
func (lx *pdfLexer) value(tok pdfToken, depth int) (any, bool) {
	switch tok.kind {
	case tokNum:
		return tok.n, true
	case tokString:
		return pdfString(tok.s), true
	case tokName:
		return pdfName(tok.s), true
	case tokArrayStart:
		var arr []any
		for {
			t, ok := lx.next()
			if !ok || t.kind == tokArrayEnd {
				return arr, true
			}
			if depth >= 32 || t.kind == tokOp && t.s != "true" && t.s != "false" && t.s != "null" {
				continue
			}
			if v, ok := lx.value(t, depth+1); ok && len(arr) < 1<<20 {
				arr = append(arr, v)
			}
		}
	case tokDictStart:
		dict := map[string]any{}
		var key string
		for {
			t, ok := lx.next()
			if !ok || t.kind == tokDictEnd {
				return dict, true
			}
			if depth >= 32 {
				continue
			}
			v, ok := lx.value(t, depth+1)
			if !ok {
				continue
			}
			if n, isName := v.(pdfName); isName && key == "" {
				key = string(n)
				continue
			}
			if key != "" && len(dict) < 4096 {
				dict[key] = v
			}
			key = ""
		}
	case tokOp:
		return nil, true // true, false, null
	}
	return nil, false
}

// skipInlineImage skips an inline image's parameters and data, up to the
// "EI" that ends it.
func (lx *pdfLexer) skipInlineImage() {
	for {
		t, ok := lx.next()
		if !ok {
			return
		}
		if t.kind == tokOp && t.s == "ID" {
			break
		}
	}
	d := lx.data
	for i := lx.pos + 1; i+1 < len(d); i++ {
		if d[i] == 'E' && d[i+1] == 'I' && isPDFSpace(d[i-1]) && (i+2 == len(d) || isPDFSpace(d[i+2]) || isPDFDelim(d[i+2])) {
			lx.pos = i + 2
			return
		}
	}
	lx.pos = len(d)
}
