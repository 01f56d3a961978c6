package declared

import (
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
// where some word may start, and only there are the words compared.
type wordSet struct {
	starts  [1 << 16 / 64]uint64 // bit a<<8|b: a word starts with bytes a, b
	byStart map[uint16][]string
	oneByte []byte // the words of one byte
	empty   bool   // "" is a word: every text holds it
}

func newWordSet(words []string) *wordSet {
	w := &wordSet{byStart: map[uint16][]string{}}
	for _, word := range words {
		switch len(word) {
		case 0:
			w.empty = true
		case 1:
			w.oneByte = append(w.oneByte, word[0])
		default:
			k := uint16(word[0])<<8 | uint16(word[1])
			w.starts[k/64] |= 1 << (k % 64)
			w.byStart[k] = append(w.byStart[k], word)
		}
	}
	return w
}

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
		if w.starts[k/64]&(1<<(k%64)) == 0 {
			continue
		}
		for _, word := range w.byStart[k] {
			if strings.HasPrefix(s[i:], word) {
				return true
			}
		}
	}
	return false
}
