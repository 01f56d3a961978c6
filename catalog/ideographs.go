package catalog

import "unicode/utf8"

// IdeographAt returns the character of the CJK Unified Ideographs block
// (U+4E00–U+9FFF, all Han: TestIdeographsAreHan) that starts s[i:], or 0.
// It reads the three bytes without the general decoder, which the loops
// over every character of a Chinese text would otherwise call for each.
func IdeographAt(s string, i int) rune {
	if len(s)-i < 3 || s[i]-0xe4 > 0xe9-0xe4 || (s[i+1]^0x80)|(s[i+2]^0x80) >= 0x40 {
		return 0
	}
	r := rune(s[i]&0x0f)<<12 | rune(s[i+1]&0x3f)<<6 | rune(s[i+2]&0x3f)
	if r < cjkFirst {
		return 0 // U+4000–U+4DFF: not all Han
	}
	return r
}

// NextRune is utf8.DecodeRuneInString(s[i:]) for a character outside
// ASCII (its callers read ASCII inline). A character of three bytes (the
// ideographs, CJK punctuation, full-width forms) is read without the
// general decoder: after a leading byte other than E0 (overlong forms) and
// ED (surrogates), any two continuation bytes make a valid character.
func NextRune(s string, i int) (rune, int) {
	if len(s)-i >= 3 {
		c0, c1, c2 := s[i], s[i+1], s[i+2]
		if c0 >= 0xe1 && c0 <= 0xef && c0 != 0xed && (c1^0x80)|(c2^0x80) < 0x40 {
			return rune(c0&0x0f)<<12 | rune(c1&0x3f)<<6 | rune(c2&0x3f), 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// anyRune reports whether a character of s is one of ascii or, outside
// ASCII and the ideographs (which are letters without case, and no space),
// one other says is: the loops over every character of a text pass most
// of it without the decoder or the Unicode tables. An invalid byte is
// asked of other as utf8.RuneError.
func anyRune(s string, ascii *[utf8.RuneSelf]bool, other func(rune) bool) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if ascii[c] {
				return true
			}
			i++
			continue
		}
		if IdeographAt(s, i) != 0 {
			i += 3
			continue
		}
		r, n := NextRune(s, i)
		if other(r) {
			return true
		}
		i += n
	}
	return false
}
