package batch

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"privdiff/diff"
	"privdiff/input"
	"privdiff/reports"
)

// columns are the summary's columns, with their headers per language.
var columns = []struct{ en, zh string }{
	{"name", "名称"},
	{"package", "包名"},
	{"version", "版本"},
	{"sha256", "SHA-256"},
	{"high", "高危"},
	{"medium", "中危"},
	{"low", "低危"},
	{"info", "提示"},
	{"undeclared_sdks", "未声明的SDK"},
	{"unjustified_permissions", "未说明用途的权限"},
	{"status", "状态"},
	{"apk", "APK文件"},
	{"policy", "隐私政策"},
}

// Headers returns the summary's column headers in a language.
func Headers(lang string) []string {
	out := make([]string, len(columns))
	for i, c := range columns {
		out[i] = c.en
		if lang == "zh" {
			out[i] = c.zh
		}
	}
	return out
}

// Cells returns a row's values in column order.
func (r Row) Cells(lang string) []string {
	version := r.VersionName
	if r.VersionCode != 0 {
		version = fmt.Sprintf("%s (%d)", r.VersionName, r.VersionCode)
	}
	status := r.Status
	if lang == "zh" {
		status = statusZh(status)
	}
	if r.Packed != "" {
		status += " (packed: " + r.Packed + ")"
		if lang == "zh" {
			status = statusZh(r.Status) + "（已加固：" + r.Packed + "）"
		}
	}
	return []string{
		r.Name, r.Package, version, r.SHA256,
		strconv.Itoa(r.High), strconv.Itoa(r.Medium), strconv.Itoa(r.Low), strconv.Itoa(r.Info),
		strings.Join(r.UndeclaredSDKs, " "), strings.Join(r.UnjustifiedPermissions, " "),
		status, r.APK, r.Policy,
	}
}

func statusZh(s string) string {
	switch {
	case s == StatusOK:
		return "完成"
	case s == StatusNoPolicy:
		return "无隐私政策"
	case strings.HasPrefix(s, StatusPolicyUnreadable+": "):
		return "隐私政策无法读取：" + strings.TrimPrefix(s, StatusPolicyUnreadable+": ")
	case strings.HasPrefix(s, "error: "):
		return "错误：" + strings.TrimPrefix(s, "error: ")
	}
	return s
}

// WriteCSV writes the summary as CSV with a header row.
func WriteCSV(w io.Writer, rows []Row, lang string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Headers(lang)); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write(r.Cells(lang)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSONL writes one JSON object per row.
func WriteJSONL(w io.Writer, rows []Row) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range rows {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}

// Summary files in the output directory.
const (
	SummaryCSV   = "summary.csv"
	SummaryJSONL = "summary.jsonl"
)

// WriteSummaries writes summary.csv and summary.jsonl into dir, atomically.
func WriteSummaries(dir string, rows []Row, lang string) error {
	var csvBuf, jsonlBuf strings.Builder
	if err := WriteCSV(&csvBuf, rows, lang); err != nil {
		return err
	}
	if err := WriteJSONL(&jsonlBuf, rows); err != nil {
		return err
	}
	// A BOM lets spreadsheet programs open the Chinese headers as UTF-8.
	if err := writeFileAtomic(filepath.Join(dir, SummaryCSV), []byte("\ufeff"+csvBuf.String())); err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, SummaryJSONL), []byte(jsonlBuf.String()))
}

// ReadSummary reads the summary.jsonl of a batch output directory.
func ReadSummary(dir string) ([]Row, error) {
	path := filepath.Join(dir, SummaryJSONL)
	f, _, err := input.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (is it a privdiff batch --out directory?)", path, err)
	}
	defer f.Close()
	var rows []Row
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r Row
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s: line %d: %w", path, n, err)
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rows, nil
}

// Merge joins the summaries of several shards' output directories into one
// list sorted by name. An app found in two shards (a rerun with another
// split) keeps its last successful row.
func Merge(dirs []string) ([]Row, error) {
	byName := map[string]Row{}
	for _, d := range dirs {
		rows, err := ReadSummary(d)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if old, ok := byName[r.Name]; ok && old.Audited() && !r.Audited() {
				continue
			}
			byName[r.Name] = r
		}
	}
	out := make([]Row, 0, len(byName))
	for _, r := range byName {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// WriteTable writes the summary as a terminal table: the columns a reader
// scans first (name, package, findings, status), one gap per line, with the
// counts per severity in one column so that the table fits 120 columns; the
// CSV and JSONL summaries have everything in full.
func WriteTable(w io.Writer, rows []Row, lang string) error {
	h := Headers(lang)
	findings := "findings"
	if lang == "zh" {
		findings = "问题"
	}
	header := []string{h[0], h[1], h[2], findings, h[8], h[9], h[10]}
	for i := range header {
		header[i] = strings.ReplaceAll(header[i], "_", " ") // wraps between words
	}
	short := strings.NewReplacer("android.permission.", "", " ", "\n")
	cells := make([][]string, 0, len(rows))
	for _, r := range rows {
		c := r.Cells(lang)
		status := c[10]
		if len([]rune(status)) > 60 {
			status = string([]rune(status)[:59]) + "…"
		}
		cells = append(cells, []string{c[0], c[1], c[2], countsCell(r, h[4:8]), short.Replace(c[8]), short.Replace(c[9]), status})
	}
	// Fitted to the terminal like every other table: cells wrap, and a
	// table that cannot fit is a list of "field: value" lines.
	return reports.WriteTable(w, "", header, cells)
}

// countsCell is a row's findings per severity, one line each, the levels
// with none left out: "high 3" / "info 19".
func countsCell(r Row, names []string) string {
	var lines []string
	for i, n := range []int{r.High, r.Medium, r.Low, r.Info} {
		if n > 0 {
			lines = append(lines, fmt.Sprintf("%s %d", names[i], n))
		}
	}
	if len(lines) == 0 {
		return "0"
	}
	return strings.Join(lines, "\n")
}

// Revised is the row of an app whose audit was changed after the run (a
// project's settings applied to its reports): counts and lists from a.
func Revised(r Row, a *diff.Audit) Row {
	row := rowOf(Job{Name: r.Name, APK: r.APK, Policy: r.Policy}, a, r.Status)
	row.Key = r.Key
	return row
}
