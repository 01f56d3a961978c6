package catalog

import (
	"bufio"
	"bytes"
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

// t2sTXT maps Traditional characters to Simplified ones, one "T\tS" line
// each, taken from OpenCC's TSCharacters.txt (see data/README.md).
//
//go:embed data/t2s.txt
var t2sTXT []byte

var t2s = sync.OnceValue(func() map[rune]rune {
	m := make(map[rune]rune, 4096)
	sc := bufio.NewScanner(bytes.NewReader(t2sTXT))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		from, to, ok := strings.Cut(line, "\t")
		f, fn := utf8.DecodeRuneInString(from)
		s, sn := utf8.DecodeRuneInString(to)
		if !ok || fn != len(from) || sn != len(to) {
			// The file is generated and checked by tests.
			panic("catalog: data/t2s.txt: bad line " + line)
		}
		m[f] = s
	}
	return m
})

// ToSimplified converts Traditional Chinese characters to Simplified ones,
// character by character (雲→云, 華為→华为). Where OpenCC offers several
// Simplified forms (乾→干/乾) the first is used; characters without a
// mapping are kept.
func ToSimplified(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	m := t2s()
	if !needsSimplifying(s, m) {
		// Most text is Simplified already: no copy.
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if simple, ok := m[r]; ok {
			r = simple
		}
		b.WriteRune(r)
	}
	return b.String()
}

// needsSimplifying reports whether ToSimplified changes s: a character it
// maps, or an invalid byte (written back as U+FFFD).
func needsSimplifying(s string, m map[rune]rune) bool {
	mapped := t2sBMP()
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = NextRune(s, i)
		}
		i += n
		switch {
		case r == utf8.RuneError:
			return true
		case r < 0x10000:
			if mapped[r/64]&(1<<(r%64)) != 0 {
				return true
			}
		default:
			if _, ok := m[r]; ok {
				return true
			}
		}
	}
	return false
}

// t2sBMP has a bit for each character of the Basic Multilingual Plane
// that t2s maps, so most characters are passed without a map lookup.
var t2sBMP = sync.OnceValue(func() *[0x10000 / 64]uint64 {
	var bits [0x10000 / 64]uint64
	for r := range t2s() {
		if r < 0x10000 {
			bits[r/64] |= 1 << (r % 64)
		}
	}
	return &bits
})
