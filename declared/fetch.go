package declared

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// FetchOptions bound a download. Zero values take the defaults.
type FetchOptions struct {
	// Timeout bounds the whole request, redirects and body included
	// (default 30s).
	Timeout time.Duration
	// MaxRedirects is how many redirects are followed (default 5).
	MaxRedirects int
	// MaxBytes caps the body read (default MaxPolicyBytes); a longer page
	// is cut, with a warning.
	MaxBytes int64
	// Client, when set, is used instead of a new one (tests).
	Client *http.Client
}

// FetchWith downloads a policy page with an HTTP GET and extracts it. The
// charset comes from the Content-Type header or the page's <meta>, else it
// is detected as for a file.
func FetchWith(ctx context.Context, rawURL string, o FetchOptions) (*Policy, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%s: not an http(s) URL", rawURL)
	}
	if o.Timeout == 0 {
		o.Timeout = 30 * time.Second
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = 5
	}
	if o.MaxBytes == 0 {
		o.MaxBytes = MaxPolicyBytes
	}
	client := o.Client
	if client == nil {
		client = &http.Client{}
	}
	c := *client
	c.Timeout = o.Timeout
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > o.MaxRedirects {
			return fmt.Errorf("more than %d redirects", o.MaxRedirects)
		}
		return nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rawURL, err)
	}
	req.Header.Set("User-Agent", "privdiff (privacy policy audit)")
	req.Header.Set("Accept", "text/html, text/plain, text/markdown;q=0.9, application/pdf;q=0.8, */*;q=0.1")
	resp, err := c.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("%s: cannot fetch: %w", rawURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: server answered %s", rawURL, resp.Status)
	}
	ctype := resp.Header.Get("Content-Type")
	media, params, _ := mime.ParseMediaType(ctype)
	if media != "" && !textual(media) && !maybePDF(media) {
		return nil, fmt.Errorf("%s: server sent %s, not a text, HTML or PDF document: %w", rawURL, media, ErrNotText)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, o.MaxBytes+1))
	if err == nil && isPDF(body) && int64(len(body)) > o.MaxBytes && o.MaxBytes < MaxPDFBytes {
		// A PDF is read whole or not at all: its index is at its end.
		var rest []byte
		rest, err = io.ReadAll(io.LimitReader(resp.Body, MaxPDFBytes+1-int64(len(body))))
		body = append(body, rest...)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: reading the page: %w", rawURL, err)
	}
	if isPDF(body) {
		text, err := readText(body[:min(len(body), MaxPDFBytes)], "policy.pdf", int64(len(body)))
		if err == nil {
			err = checkPolicyText(text)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rawURL, err)
		}
		return extractText(text, rawURL), nil
	}
	if media != "" && !textual(media) {
		return nil, fmt.Errorf("%s: server sent %s, not a text, HTML or PDF document: %w", rawURL, media, ErrNotText)
	}
	size := int64(len(body))
	if size > o.MaxBytes {
		body = body[:o.MaxBytes]
	}
	name := path.Base(u.Path)
	if media == "text/html" || media == "application/xhtml+xml" {
		name = "page.html"
	}
	// Decode a declared legacy charset here; UTF-8, UTF-16 and undeclared
	// ones are left to ReadText's detection.
	label := params["charset"]
	if label == "" && strings.HasSuffix(name, ".html") {
		if _, l, certain := charset.DetermineEncoding(body[:min(len(body), 1024)], ctype); certain {
			label = l
		}
	}
	if enc, canonical := charset.Lookup(label); enc != nil && !strings.HasPrefix(canonical, "utf-") {
		if out, err := enc.NewDecoder().Bytes(body); err == nil {
			body = out
		}
	}
	text, err := readText(body, name, int64(len(body)))
	if err == nil {
		err = checkPolicyText(text)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rawURL, err)
	}
	if size > o.MaxBytes {
		text.Warnings = append(text.Warnings, fmt.Sprintf("page is larger than %d bytes; only the first %d were read", o.MaxBytes, o.MaxBytes))
	}
	return extractText(text, rawURL), nil
}

// maybePDF reports media types a PDF policy is served as: its own, or a
// generic download type whose content tells.
func maybePDF(media string) bool {
	switch media {
	case "application/pdf", "application/x-pdf", "application/octet-stream", "binary/octet-stream", "application/download", "application/force-download":
		return true
	}
	return false
}

// textual reports media types that can hold a policy.
func textual(media string) bool {
	switch {
	case strings.HasPrefix(media, "text/"):
		return true
	case media == "application/xhtml+xml", media == "application/xml", media == "application/markdown":
		return true
	}
	return false
}
