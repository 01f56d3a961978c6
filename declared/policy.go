package declared

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"privdiff/catalog"
	"privdiff/input"
)

// Policy is what a privacy policy declares: the privdiff/policy/v1 document
// without its schema field.
type Policy struct {
	// Source is the file path or URL the policy was read from.
	Source string `json:"source"`
	// Language is zh-Hans, zh-Hant or en.
	Language    string       `json:"language"`
	SDKs        []SDK        `json:"sdks"`
	Permissions []Permission `json:"permissions"`
	// DataTypes are contract data-type ids, in contract order.
	DataTypes []string `json:"dataTypes"`
	Warnings  []string `json:"warnings"`
	// Date is when the policy says it was last updated or took effect
	// (YYYY-MM-DD, or YYYY-MM when it names no day); absent when it says
	// neither.
	Date string `json:"date,omitempty"`
	// Title is the document's title: an HTML page's <title>, else its first
	// line when that is short enough to be one; absent when neither.
	Title string `json:"title,omitempty"`
}

// SDK is one third-party SDK the policy says the app integrates.
type SDK struct {
	// Name is as written, without numbering, platform marks or brackets
	// that follow a trailing "SDK".
	Name   string `json:"name"`
	Vendor string `json:"vendor"`
	// Purpose and DataTypes are as written; DataTypes is the policy's own
	// list, split on top-level separators, not contract ids.
	Purpose   string   `json:"purpose"`
	DataTypes []string `json:"dataTypes"`
	// Link is the URL the policy gives for the SDK (its privacy policy or
	// home page); empty when the text shows none.
	Link string `json:"link"`
	// Line is the 1-based line of the policy text where the SDK is named.
	Line int `json:"line"`
	// Platforms are "android" and/or "ios" as the text marks them
	// (Android端, 仅iOS); empty when the text does not say.
	Platforms []string `json:"platforms"`
	// CatalogID is the catalog entry the name resolves to, or nil.
	CatalogID *string `json:"catalogId"`
}

// Permission is one statement that justifies a permission.
type Permission struct {
	// Text is the permission as written: 相机权限, 读写日历,
	// android.permission.CAMERA.
	Text string `json:"text"`
	// Permissions are the Android constants requested for it; empty for a
	// permission of another platform (相册权限(iOS系统)).
	Permissions []string `json:"permissions"`
	Purpose     string   `json:"purpose"`
	Line        int      `json:"line"`
}

// ReadFile reads and extracts the policy in a file: text, Markdown, HTML or
// PDF, recognised by content. Only the first MaxPolicyBytes of a text are
// read; a longer file is cut with a warning. A PDF is read whole, up to
// MaxPDFBytes.
func ReadFile(path string) (*Policy, error) {
	f, st, err := input.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) {
			return nil, err // already names the file
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	data, err := input.ReadAll(f, st.Size(), MaxPolicyBytes)
	if err == nil && isPDF(data) && st.Size() > int64(len(data)) {
		// A PDF is read whole or not at all: its index is at its end.
		var rest []byte
		rest, err = io.ReadAll(io.LimitReader(f, MaxPDFBytes-int64(len(data))))
		data = append(data, rest...)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	text, err := readText(data, filepath.Base(path), st.Size())
	if err == nil {
		err = checkPolicyText(text)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return extractText(text, path), nil
}

// Extract reads a policy from its bytes; source names it (a file name or
// URL, whose extension tells HTML and Markdown apart) in the result.
func Extract(data []byte, source string) (*Policy, error) {
	text, err := ReadText(data, source)
	if err != nil {
		return nil, err
	}
	return extractText(text, source), nil
}

// Fetch downloads a policy page and extracts it; see FetchOptions for the
// limits that apply.
func Fetch(ctx context.Context, url string) (*Policy, error) {
	return FetchWith(ctx, url, FetchOptions{})
}

// maxTitleRunes is the longest first line taken as a document's title; a
// longer one is a sentence of the text.
const maxTitleRunes = 60

// titleSearchLines is how many opening lines may hold the title.
const titleSearchLines = 8

// documentTitle is the page's <title>, else the first of the document's
// opening lines short enough to be a title that names a kind of document
// (隐私政策, 第三方SDK清单, Privacy Notice), without Markdown's heading marks.
// A salutation (尊敬的用户：), a sentence, a rule of = or -, markup and list
// items are passed over.
func documentTitle(text *Text) string {
	if text.Title != "" {
		return truncateRunes(text.Title, maxTitleRunes)
	}
	lines := text.Lines
	if title, rest, ok := frontMatter(lines); ok {
		if title != "" {
			return truncateRunes(title, maxTitleRunes)
		}
		lines = rest
	}
	words := catalog.Signals().TitleWords
	seen := 0
	for _, line := range lines {
		line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "#"))
		if line == "" || !strings.ContainsFunc(line, unicode.IsLetter) {
			continue
		}
		if seen++; seen > titleSearchLines {
			break
		}
		switch {
		case runesOver(line, maxTitleRunes),
			strings.HasSuffix(line, ":"), strings.HasSuffix(line, "："),
			strings.HasSuffix(line, "。"), strings.HasSuffix(line, "."), strings.Contains(line, "，"),
			strings.HasPrefix(line, "<"), strings.HasPrefix(line, "* "), strings.HasPrefix(line, "- "):
			continue
		}
		if len(words.FindAll(catalog.FoldWord(line))) > 0 {
			return strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(line, "《"), "》"))
		}
	}
	return ""
}

// maxFrontMatterLines bounds the search for the end of a Markdown file's
// front matter.
const maxFrontMatterLines = 40

// frontMatter reads the YAML block a Markdown page of a static site opens
// with (---, key: value lines, ---): its title, and the lines after it.
func frontMatter(lines []string) (title string, rest []string, ok bool) {
	start := 0
	for start < len(lines) && strings.TrimSpace(lines[start]) == "" {
		start++
	}
	if start == len(lines) || strings.TrimSpace(lines[start]) != "---" {
		return "", nil, false
	}
	for i := start + 1; i < len(lines) && i <= start+maxFrontMatterLines; i++ {
		line := strings.TrimSpace(lines[i])
		if line == "---" {
			return title, lines[i+1:], true
		}
		if v, found := strings.CutPrefix(line, "title:"); found && title == "" {
			title = strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	return "", nil, false
}

// truncateRunes cuts s to n runes, marking the cut with an ellipsis.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// extractText runs every extractor over the decoded text.
func extractText(text *Text, source string) *Policy {
	d := newDoc(text.Lines)
	p := &Policy{
		Source:    source,
		Language:  d.language(),
		Warnings:  append([]string{}, text.Warnings...),
		DataTypes: []string{},
		Date:      findDate(text.Lines),
		Title:     documentTitle(text),
	}
	sdks, sdkWarnings, permissionRows := findSDKsAndPermissionRows(d)
	p.SDKs = sdks
	p.Warnings = append(p.Warnings, sdkWarnings...)
	p.Permissions = findPermissionsWithRows(d, permissionRows)
	p.DataTypes = findDataTypes(d, p.Permissions)
	if len(p.SDKs) == 0 {
		p.Warnings = append(p.Warnings, "no SDK list found: the policy names no third-party SDK")
	}
	if w := d.truncation(); w != "" {
		p.Warnings = append(p.Warnings, w)
	}
	if p.SDKs == nil {
		p.SDKs = []SDK{}
	}
	// JSON shows empty lists as [], never null.
	for i := range p.SDKs {
		if p.SDKs[i].Platforms == nil {
			p.SDKs[i].Platforms = []string{}
		}
		if p.SDKs[i].DataTypes == nil {
			p.SDKs[i].DataTypes = []string{}
		}
	}
	if p.Permissions == nil {
		p.Permissions = []Permission{}
	}
	return p
}

// Read reads a policy from a file or, for an http(s) URL, from the web.
func Read(ctx context.Context, src string) (*Policy, error) {
	if IsURL(src) {
		return Fetch(ctx, src)
	}
	return ReadFile(src)
}

// IsURL reports whether a policy argument names a web page.
func IsURL(src string) bool {
	return strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://")
}
