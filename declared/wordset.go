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
// searches s once per word: a bit per bucket of byte pairs tells the
// positions where some word may start, and only there are the words of
// that bucket compared. It is small and built without a map: a process
// builds a few dozen, on its first policy.
type wordSet struct {
	starts [setBuckets / 64]uint64 // bit startBucket(a, b): a word starts with bytes a, b
	// rank[i] counts the bits of starts[:i]: a bucket's bit and those
	// before it give the index r of its words, words[runs[r]:runs[r+1]].
	rank    [setBuckets / 64]uint16
	runs    []int32
	words   []string // by bucket
	oneByte []byte   // the words of one byte
	empty   bool     // "" is a word: every text holds it
}

// setBuckets is how many buckets the pairs of bytes fall in: a set holds
// tens of words, so few buckets hold more than one pair.
const setBuckets = 1 << 12

// startBucket is the bucket of the pair of bytes a, b (a Fibonacci hash).
func startBucket(a, b byte) uint32 {
	return (uint32(a)<<8 | uint32(b)) * 0x9E3779B1 >> (32 - 12)
}

func newWordSet(words []string) *wordSet {
	w := &wordSet{}
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
	bucket := func(word string) uint32 { return startBucket(word[0], word[1]) }
	slices.SortFunc(long, func(a, b string) int { return cmp.Compare(bucket(a), bucket(b)) })
	for i, word := range long {
		k := bucket(word)
		if i == 0 || bucket(long[i-1]) != k {
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
		k := startBucket(s[i], s[i+1])
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
