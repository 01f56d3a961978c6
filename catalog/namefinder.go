package catalog

import "slices"

// NameHit is one catalog name found in a text by FindSDKNames.
type NameHit struct {
	// Start and End are byte offsets of the name in the searched key.
	Start, End int
	// ID is the catalog entry the name belongs to.
	ID string
}

// FindSDKNames finds every catalog name and alias (as NormalizeName folds
// them) in key, a text folded the same way: lower case, Simplified, without
// spaces and punctuation. It runs one pass over key (Aho–Corasick) and
// returns the leftmost-longest hits that do not overlap, in text order. Only
// names of four ASCII letters or two other characters are looked for;
// shorter ones ("QQ", "AB") are too often something else.
func FindSDKNames(key string) []NameHit {
	a := &generatedNameAutomaton
	var raw []NameHit
	s := 0
	for i := 0; i < len(key); i++ {
		c := key[i]
		n := a.next(s, c)
		for n < 0 && s != 0 {
			s = int(a.fail[s])
			n = a.next(s, c)
		}
		if n >= 0 {
			s = n
		}
		for o := a.outLink[s]; o != 0; o = a.outLink[a.fail[o]] {
			raw = append(raw, NameHit{Start: i + 1 - int(a.depth[o]), End: i + 1, ID: generatedSDKs[a.entry[o]].ID})
		}
	}
	// Leftmost-longest: "googleanalyticsforfirebase" wins over "googleanalytics"
	// and "firebase" inside it.
	// No two hits share both ends (a state ends one name), so any sort
	// orders them alike.
	if len(raw) == 0 {
		return nil
	}
	slices.SortFunc(raw, func(a, b NameHit) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	var out []NameHit
	end := 0
	for _, h := range raw {
		if h.Start < end {
			continue
		}
		out = append(out, h)
		end = h.End
	}
	return out
}

// NameAutomaton is a byte-level Aho–Corasick automaton over the catalog's
// normalised names. States are numbered breadth-first and the edges of
// state s are edges[first[s]:first[s+1]], sorted by byte: the alphabet is
// bytes of UTF-8, most states have one or two edges. go generate builds it
// from the catalog's names into tables_gen.go (generatedNameAutomaton), so
// the first policy of a process does not pay for building it.
type NameAutomaton struct {
	first   []int32
	edges   []edge
	fail    []int32
	outLink []int32 // nearest state on the fail chain (itself included) that ends a name
	entry   []int32 // catalog index of the name ending here, or -1
	depth   []int32
	// root is the root's edges by byte (-1: none): the root has the most
	// edges, and both the search and the fail links fall back to it often.
	root [256]int32
}

type edge struct {
	c  byte
	to int32
}

func (a *NameAutomaton) next(s int, c byte) int {
	if s == 0 {
		return int(a.root[c])
	}
	lo, hi := a.first[s], a.first[s+1]
	if hi-lo <= 8 {
		for _, e := range a.edges[lo:hi] {
			if e.c == c {
				return int(e.to)
			}
		}
		return -1
	}
	// The first edge not below c, by halving (sort.Search without the
	// call per step).
	end := hi
	for lo < hi {
		m := int32(uint32(lo+hi) >> 1)
		if a.edges[m].c < c {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < end && a.edges[lo].c == c {
		return int(a.edges[lo].to)
	}
	return -1
}

// NewNameAutomaton builds the automaton over sorted, the NameKeys sorted by
// key (the longEnough ones are kept). It builds the trie breadth-first: the
// keys below a state are a run of the sorted list, and its children the
// sub-runs sharing a next byte, so each state's edges are laid out
// together, in byte order, with no sorting and one allocation per table.
func NewNameAutomaton(sorted []NameKey) *NameAutomaton {
	type run struct{ lo, hi int }
	keys := make([]NameKey, 0, len(sorted))
	size := 1
	for _, k := range sorted {
		if longEnough(k.Key) {
			keys = append(keys, k)
			size += len(k.Key)
		}
	}
	a := &NameAutomaton{
		first: make([]int32, 0, size+1), edges: make([]edge, 0, size),
		entry: make([]int32, 0, size), depth: make([]int32, 0, size),
	}
	runs := make([]run, 0, size)
	runs = append(runs, run{0, len(keys)})
	a.entry = append(a.entry, -1)
	a.depth = append(a.depth, 0)
	for s := 0; s < len(runs); s++ {
		a.first = append(a.first, int32(len(a.edges)))
		lo, hi, d := runs[s].lo, runs[s].hi, int(a.depth[s])
		if lo < hi && len(keys[lo].Key) == d {
			a.entry[s] = int32(keys[lo].SDK) // the key that ends here sorts first
			lo++
		}
		for lo < hi {
			c := keys[lo].Key[d]
			end := lo + 1
			for end < hi && keys[end].Key[d] == c {
				end++
			}
			a.edges = append(a.edges, edge{c, int32(len(runs))})
			runs = append(runs, run{lo, end})
			a.entry = append(a.entry, -1)
			a.depth = append(a.depth, int32(d+1))
			lo = end
		}
	}
	a.first = append(a.first, int32(len(a.edges)))
	for c := range a.root {
		a.root[c] = -1
	}
	for _, e := range a.edges[a.first[0]:a.first[1]] {
		a.root[e.c] = e.to
	}
	// A state's fail link is the longest proper suffix of its path that is
	// also a path from the root; it is shallower, so numbered before it.
	n := len(runs)
	a.fail = make([]int32, n)
	a.outLink = make([]int32, n)
	for s := 0; s < n; s++ {
		if a.entry[s] >= 0 {
			a.outLink[s] = int32(s)
		} else if s != 0 {
			a.outLink[s] = a.outLink[a.fail[s]]
		}
		for _, e := range a.edges[a.first[s]:a.first[s+1]] {
			if s == 0 {
				continue // the root's children fail to the root
			}
			f := int(a.fail[s])
			for f != 0 && a.next(f, e.c) < 0 {
				f = int(a.fail[f])
			}
			if t := a.next(f, e.c); t >= 0 && t != int(e.to) {
				a.fail[e.to] = int32(t)
			}
		}
	}
	return a
}
