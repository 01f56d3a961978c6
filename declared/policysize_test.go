package declared

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// policyCorpora returns the twenty real policies under testdata/policies
// joined into one text corpus (text and Markdown) and one HTML corpus.
func policyCorpora(tb testing.TB) (text, html []byte) {
	files, err := filepath.Glob("testdata/policies/*.*")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no policies: %v", err)
	}
	var t, h bytes.Buffer
	for _, file := range files {
		base := filepath.Base(file)
		if base == "README.md" || base == "SOURCES.md" {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			tb.Fatal(err)
		}
		if bytes.HasPrefix(data, []byte{0xff, 0xfe}) { // one page is saved as UTF-16
			if data, err = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(data); err != nil {
				tb.Fatal(err)
			}
		}
		switch {
		case strings.HasSuffix(file, ".html"):
			h.Write(data)
			h.WriteByte('\n')
		case utf8.Valid(data):
			t.Write(data)
			t.WriteByte('\n')
		}
	}
	return t.Bytes(), h.Bytes()
}

// sized repeats corpus to exactly n bytes, cut at a line end so no
// character is split.
func sized(corpus []byte, n int) []byte {
	out := bytes.Repeat(corpus, n/len(corpus)+1)[:n]
	if i := bytes.LastIndexByte(out, '\n'); i > 0 {
		out = out[:i+1]
	}
	return out
}

// BenchmarkPolicySize extracts policies of 1, 5 and 10 MB made of real
// policies, as text and as HTML: time per byte and bytes allocated per
// byte of input should not grow with the size.
//
//	go test -run XXX -bench PolicySize -benchtime 1x ./declared
func BenchmarkPolicySize(b *testing.B) {
	text, html := policyCorpora(b)
	for _, c := range []struct {
		kind, ext string
		corpus    []byte
	}{{"text", "p.txt", text}, {"html", "p.html", html}} {
		for _, mb := range []int{1, 5, 10} {
			data := sized(c.corpus, mb<<20)
			b.Run(fmt.Sprintf("%s-%dMB", c.kind, mb), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Extract(data, c.ext); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
