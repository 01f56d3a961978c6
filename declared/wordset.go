package declared

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"
	"sync"

	"privdiff/catalog"
)

// The word lists asked of every sentence, as wordSets.
var (
	negationWords       = sync.OnceValue(func() *wordSet { return newWordSet(negations) })
	negatedListCueWords = sync.OnceValue(func() *wordSet { return newWordSet(negatedListCues) })
	collectionWordSet   = sync.OnceValue(func() *wordSet { return newWordSet(collectionWords) })
	actorWords          = sync.OnceValue(func() *wordSet { return newWordSet(catalog.PermissionWords().Actions.Actors) })
)

// A wordSet answers containsAny(s, words) for a list asked of every line
// (the SDK negations and cue words) in one pass over s, where containsAny
// searches s once per word: a bit per pair of bytes tells the positions
// where some word may start, and only there are the words compared. It is
// built without a map: a process builds a few dozen, on its first policy.
type wordSet struct {
	starts [1 << 16 / 64]uint64 // bit a<<8|b: a word starts with bytes a, b
	// rank[i] counts the bits of starts[:i]: a pair's bit and those before
	// it give the index k of its words, words[runs[k]:runs[k+1]].
	rank    [1 << 16 / 64]uint16
	runs    []int32
	words   []string // by their first two bytes
	oneByte []byte   // the words of one byte
	empty   bool     // "" is a word: every text holds it
}

func newWordSet(words []string) *wordSet {
	w := &wordSet{}
	// Written before the bits are set: a fresh page read first is mapped
	// to the shared zero page, and the write after it faults a second
	// time and flushes the other cores' TLBs (~40 of an audit's faults).
	clear(w.starts[:])
	clear(w.rank[:])
	var long []string
	for _, word := range words {
		switch len(word) {
		case 0:
			w.empty = true
		case 1:
			w.oneByte = append(w.oneByte, word[0])
		default:
			long = append(long, word)
		}
	}
	slices.SortFunc(long, func(a, b string) int { return cmp.Compare(startKey(a), startKey(b)) })
	for i, word := range long {
		k := startKey(word)
		if i == 0 || startKey(long[i-1]) != k {
			w.starts[k/64] |= 1 << (k % 64)
			w.runs = append(w.runs, int32(i))
		}
	}
	w.runs = append(w.runs, int32(len(long)))
	w.words = long
	for i := 1; i < len(w.rank); i++ {
		w.rank[i] = w.rank[i-1] + uint16(bits.OnesCount64(w.starts[i-1]))
	}
	return w
}

// startKey is the pair of bytes a word of two or more starts with.
func startKey(word string) uint16 { return uint16(word[0])<<8 | uint16(word[1]) }

// in reports whether s holds one of the words.
func (w *wordSet) in(s string) bool {
	if w.empty {
		return true
	}
	for _, c := range w.oneByte {
		if strings.IndexByte(s, c) >= 0 {
			return true
		}
	}
	for i := 0; i+1 < len(s); i++ {
		k := uint16(s[i])<<8 | uint16(s[i+1])
		bit := uint64(1) << (k % 64)
		if w.starts[k/64]&bit == 0 {
			continue
		}
		r := int(w.rank[k/64]) + bits.OnesCount64(w.starts[k/64]&(bit-1))
		for _, word := range w.words[w.runs[r]:w.runs[r+1]] {
			if strings.HasPrefix(s[i:], word) {
				return true
			}
		}
	}
	return false
}
