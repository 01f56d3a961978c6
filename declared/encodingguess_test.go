package declared

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// lineless repeats text without its line breaks to n bytes; cut mid-way
// through a character on purpose, as a read stopped at the cap is.
func lineless(text []byte, n int) []byte {
	text = bytes.ReplaceAll(bytes.ReplaceAll(text, []byte("\r"), nil), []byte("\n"), nil)
	return bytes.Repeat(text, n/len(text)+1)[:n]
}

// TestReadTextHugeLineless reads policies of 200 MB on one line as ReadFile
// does: only the first MaxPolicyBytes reach readText, told the file's size.
// The cut must not split a character (a UTF-8 text was reported damaged,
// and once read as Big5), the encoding must be the text's, and a legacy guess
// on a line-less text says it is a guess.
func TestReadTextHugeLineless(t *testing.T) {
	hans := readSeed(t, "003_cf7dd45b4cffd43c.txt")
	hant := readSeed(t, "000_fcc99b2fa76f1609.txt")
	const size = 200 << 20
	for _, c := range []struct {
		name     string
		data     []byte
		wantEnc  string
		wantWarn string
	}{
		{"utf-8", lineless([]byte(hans), MaxPolicyBytes+1), "utf-8", "only the first"},
		{"gb18030", lineless(encode(t, simplifiedchinese.GBK, encodable(simplifiedchinese.GBK, hans)), MaxPolicyBytes+1), "gb18030", "without a line break"},
		{"big5", lineless(encode(t, traditionalchinese.Big5, encodable(traditionalchinese.Big5, hant)), MaxPolicyBytes+1), "big5", "without a line break"},
	} {
		t.Run(c.name, func(t *testing.T) {
			// End the bytes read just after a character's first byte, so
			// the cap falls inside it.
			data := c.data
			k := MaxPolicyBytes - 1
			for data[k] < 0xc0 || data[k+1] < 0x80 {
				k--
			}
			data = data[:k+1]
			text, err := readText(data, "policy.txt", size)
			if err != nil {
				t.Fatal(err)
			}
			warnings := strings.Join(text.Warnings, "\n")
			if text.Encoding != c.wantEnc {
				t.Errorf("read as %s, want %s", text.Encoding, c.wantEnc)
			}
			if !strings.Contains(warnings, c.wantWarn) || strings.Contains(warnings, "not valid UTF-8") {
				t.Errorf("warnings %q, want one with %q and no damaged UTF-8", warnings, c.wantWarn)
			}
			if n := strings.Count(strings.Join(text.Lines, ""), "\ufffd"); n > 0 {
				t.Errorf("%d characters read as U+FFFD", n)
			}
		})
	}
}

// TestLegacyGuessWeak: when GB18030 and Big5 read a text about equally well
// (a page of English with a few Chinese characters), the encoding is a guess
// and the reader says so; a Chinese text in either is no guess.
func TestLegacyGuessWeak(t *testing.T) {
	hans := readSeed(t, "003_cf7dd45b4cffd43c.txt")
	english := strings.Repeat("This privacy policy explains which data the app collects and why.\n", 200)
	for _, c := range []struct {
		name string
		data []byte
		weak bool
	}{
		{"mostly English", encode(t, simplifiedchinese.GBK, english+"隐私政策\n"), true},
		{"Chinese", encode(t, simplifiedchinese.GBK, encodable(simplifiedchinese.GBK, hans)), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			text, err := ReadText(c.data, "policy.txt")
			if err != nil {
				t.Fatal(err)
			}
			warned := strings.Contains(strings.Join(text.Warnings, "\n"), "about equally well")
			if warned != c.weak {
				t.Errorf("encoding %s, warnings %q: weak guess warned %v, want %v", text.Encoding, text.Warnings, warned, c.weak)
			}
		})
	}
}

// TestLegacySampleBounded: the guess reads a bounded sample of a large
// text, from its start, middle and end, each window in step with the
// characters.
func TestLegacySampleBounded(t *testing.T) {
	hans := readSeed(t, "003_cf7dd45b4cffd43c.txt")
	data := encode(t, simplifiedchinese.GBK, strings.Repeat(encodable(simplifiedchinese.GBK, hans), 100))
	sample := legacySample(data)
	if len(sample) > 3*legacySampleWindow+2 || len(sample) < 2*legacySampleWindow {
		t.Fatalf("sample of %d bytes from %d, want about %d", len(sample), len(data), 3*legacySampleWindow)
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(sample)
	if err != nil {
		t.Fatal(err)
	}
	if score := chineseScore(string(out)); score < 0.9 {
		t.Errorf("the sample reads as Chinese with score %.2f, want at least 0.9 (windows out of step?)", score)
	}
	if small := data[:1000]; !bytes.Equal(legacySample(small), small) {
		t.Error("a small text is not its own sample")
	}
}

// FuzzCutPoint: a cut never goes past the data, never splits a UTF-8
// character of a UTF-8 text, and a sample of any bytes can be taken.
func FuzzCutPoint(f *testing.F) {
	for _, s := range []string{"隐私政策\n第三", "隐私政策第三", "\xff\xfe<\x00h\x00", "abc", "\xc4\xe3\xba\xc3 \xca\xc0"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cut := cutPoint(data)
		if cut < 0 || cut > len(data) {
			t.Fatalf("cut at %d of %d bytes", cut, len(data))
		}
		// A UTF-8 text whose last character was cut short: the valid text
		// up to a character's first bytes.
		k := len(data) - 1
		for k > 0 && k > len(data)-utf8.UTFMax && !utf8.RuneStart(data[k]) {
			k--
		}
		if k >= 0 && !bytes.ContainsAny(data, "\n") && utf8.Valid(data[:k]) && data[k] >= 0xc0 && !utf8.FullRune(data[k:]) {
			if !utf8.Valid(data[:cut]) {
				t.Fatalf("cut at %d leaves invalid UTF-8 in %q", cut, data)
			}
		}
		legacySample(data)
	})
}
