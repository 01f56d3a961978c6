package catalog

import (
	"bufio"
	"bytes"
	"fmt"
	"maps"
	"math/bits"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"
)

// Simplifier maps Traditional characters to Simplified ones, from
// data/t2s.txt (one "T\tS" line each, taken from OpenCC's
// TSCharacters.txt, see data/README.md). go generate lays it out in
// indexes_gen.go (generatedSimplifier): no process reads the file.
type Simplifier struct {
	// from are the characters mapped, sorted, and to what they map to:
	// those of the Basic Multilingual Plane first, found through bmp.
	from, to []rune
	// bmp has a bit for each character of the BMP that is mapped, so most
	// characters are passed at once; rank[i] counts the bits of bmp[:i],
	// so a character's bit and those before it give its index in from.
	bmp  [0x10000 / 64]uint64
	rank [0x10000 / 64]uint16
}

// NewSimplifier reads t2s.txt. go generate runs it.
func NewSimplifier(t2sTXT []byte) (*Simplifier, error) {
	m := map[rune]rune{}
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
			return nil, fmt.Errorf("t2s.txt: bad line %q", line)
		}
		m[f] = s
	}
	t := &Simplifier{}
	for _, r := range slices.Sorted(maps.Keys(m)) {
		t.from = append(t.from, r)
		t.to = append(t.to, m[r])
		if r < 0x10000 {
			t.bmp[r/64] |= 1 << (r % 64)
		}
	}
	for i := 1; i < len(t.rank); i++ {
		t.rank[i] = t.rank[i-1] + uint16(bits.OnesCount64(t.bmp[i-1]))
	}
	return t, nil
}

// Current reports whether s is the table this build holds: go generate
// folds the vocabulary with the built-in one, so after t2s.txt changes it
// must run twice.
func (t *Simplifier) Current() bool { return reflect.DeepEqual(t, &generatedSimplifier) }

// simplified returns the character r maps to.
func (t *Simplifier) simplified(r rune) (rune, bool) {
	var k int
	if r < 0x10000 {
		bit := uint64(1) << (r % 64)
		if t.bmp[r/64]&bit == 0 {
			return r, false
		}
		k = int(t.rank[r/64]) + bits.OnesCount64(t.bmp[r/64]&(bit-1))
	} else {
		var found bool
		if k, found = slices.BinarySearch(t.from, r); !found {
			return r, false
		}
	}
	return t.to[k], true
}

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
	t := &generatedSimplifier
	if !t.changes(s) {
		// Most text is Simplified already: no copy.
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r, _ = t.simplified(r)
		b.WriteRune(r)
	}
	return b.String()
}

// changes reports whether ToSimplified changes s: a character it maps, or
// an invalid byte (written back as U+FFFD).
func (t *Simplifier) changes(s string) bool {
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
			if t.bmp[r/64]&(1<<(r%64)) != 0 {
				return true
			}
		default:
			if _, ok := t.simplified(r); ok {
				return true
			}
		}
	}
	return false
}
