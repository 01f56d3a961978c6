package dex

import (
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// uleb128 decodes an unsigned LEB128 value from b, returning the value and
// the number of bytes used. The format caps a 32-bit value at five bytes;
// longer runs, or a fifth byte carrying bits past bit 31, are malformed, and
// refusing them keeps a hostile run of 0x80 bytes from being walked.
// n == 0 means b ended mid-value; n < 0 means the value is malformed.
func uleb128(b []byte) (v uint32, n int) {
	for i := 0; i < 5; i++ {
		if i >= len(b) {
			return 0, 0
		}
		c := b[i]
		if i == 4 && c > 0x0f {
			return 0, -1
		}
		v |= uint32(c&0x7f) << (7 * i)
		if c < 0x80 {
			return v, i + 1
		}
	}
	return 0, -1
}

// ulebReader decodes consecutive ULEB128 values, remembering the first
// error so a loop can check once.
type ulebReader struct {
	b    []byte
	pos  int
	base int64 // file offset of b[0]
	what string
	err  error
}

func (r *ulebReader) next() uint32 {
	if r.err != nil {
		return 0
	}
	v, n := uleb128(r.b[r.pos:])
	switch {
	case n == 0:
		r.err = formatErr(ErrTruncated, r.base+int64(r.pos), "truncated ULEB128 in "+r.what, nil)
	case n < 0:
		r.err = formatErr(nil, r.base+int64(r.pos), "invalid ULEB128 in "+r.what, fmt.Sprintf("% x", r.b[r.pos:min(r.pos+6, len(r.b))]))
	}
	r.pos += max(n, 0)
	return v
}

// String returns string i from the string table.
func (f *File) String(i uint32) (string, error) {
	e, err := f.entry(&f.strings, i)
	if err != nil {
		return "", err
	}
	return f.stringAt(le32(e))
}

// stringAt decodes the string_data_item at off.
func (f *File) stringAt(off uint32) (string, error) {
	// Most strings (descriptors, member names) are short: one read usually
	// covers length prefix, bytes and terminator.
	b, err := f.prefixAt(uint64(off), 64)
	if err != nil {
		return "", err
	}
	units, n := uleb128(b)
	if n <= 0 {
		if n == 0 && len(b) < 5 {
			return "", formatErr(ErrTruncated, int64(off), "truncated string length", nil)
		}
		return "", formatErr(nil, int64(off), "invalid string length", fmt.Sprintf("% x", b[:min(5, len(b))]))
	}
	body := b[n:]
	end := indexZero(body)
	// A UTF-16 unit takes at most three MUTF-8 bytes, which bounds the
	// read regardless of what the file claims beyond that. The bound is
	// approached by doubling: a file still inflating (OpenArriving) then
	// waits for the bytes up to about twice the string's end, not for the
	// bound — 1 MB further for a 320,000-unit ASCII string.
	for want, bound := uint64(128), uint64(units)*3+1; end < 0; want *= 2 {
		want = min(want, bound)
		if body, err = f.prefixAt(uint64(off)+uint64(n), want); err != nil {
			return "", err
		}
		end = indexZero(body)
		if end < 0 && want == bound {
			return "", formatErr(ErrTruncated, int64(off), "unterminated string", fmt.Sprintf("%d UTF-16 units declared", units))
		}
	}
	body = body[:end]
	if isASCII(body) {
		return string(body), nil
	}
	s, bad := decodeMUTF8(body)
	if bad >= 0 {
		return "", formatErr(nil, int64(off)+int64(n)+int64(bad), "invalid MUTF-8 in string", fmt.Sprintf("% x", body[bad:min(bad+3, len(body))]))
	}
	return s, nil
}

func indexZero(b []byte) int {
	for i, c := range b {
		if c == 0 {
			return i
		}
	}
	return -1
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// decodeMUTF8 converts Modified UTF-8 to a Go (UTF-8) string. Surrogate
// pairs, which MUTF-8 stores as two three-byte sequences, are joined into
// one rune; an unpaired surrogate, legal in a Java string but not
// representable in UTF-8, becomes U+FFFD. bad is the index of the first
// malformed byte, or -1.
func decodeMUTF8(b []byte) (s string, bad int) {
	var sb strings.Builder
	sb.Grow(len(b))
	var pending rune = -1 // high surrogate awaiting its pair
	flush := func() {
		if pending >= 0 {
			sb.WriteRune(utf8.RuneError)
			pending = -1
		}
	}
	for i := 0; i < len(b); {
		c := b[i]
		var r rune
		switch {
		case c < 0x80:
			r = rune(c)
			i++
		case c&0xe0 == 0xc0:
			if i+1 >= len(b) || b[i+1]&0xc0 != 0x80 {
				return "", i
			}
			r = rune(c&0x1f)<<6 | rune(b[i+1]&0x3f)
			i += 2
		case c&0xf0 == 0xe0:
			if i+2 >= len(b) || b[i+1]&0xc0 != 0x80 || b[i+2]&0xc0 != 0x80 {
				return "", i
			}
			r = rune(c&0x0f)<<12 | rune(b[i+1]&0x3f)<<6 | rune(b[i+2]&0x3f)
			i += 3
		default:
			return "", i
		}
		switch {
		case utf16.IsSurrogate(r) && r < 0xdc00: // high
			flush()
			pending = r
		case utf16.IsSurrogate(r): // low
			if pending >= 0 {
				sb.WriteRune(utf16.DecodeRune(pending, r))
				pending = -1
			} else {
				sb.WriteRune(utf8.RuneError)
			}
		default:
			flush()
			sb.WriteRune(r)
		}
	}
	flush()
	return sb.String(), -1
}

// Type returns the descriptor of type i, such as "Lcom/foo/Bar;", "I" or
// "[Ljava/lang/String;".
func (f *File) Type(i uint32) (string, error) {
	e, err := f.entry(&f.types, i)
	if err != nil {
		return "", err
	}
	return f.String(le32(e))
}
