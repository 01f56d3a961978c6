package catalog

import (
	"sort"
	"sync"
)

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
	a := nameAutomaton()
	var raw []NameHit
	s := 0
	for i := 0; i < len(key); i++ {
		c := key[i]
		for s != 0 && a.next(s, c) < 0 {
			s = a.fail[s]
		}
		if n := a.next(s, c); n >= 0 {
			s = n
		}
		for o := a.outLink[s]; o != 0; o = a.outLink[a.fail[o]] {
			raw = append(raw, NameHit{Start: i + 1 - a.depth[o], End: i + 1, ID: sdkData().all[a.entry[o]].ID})
		}
	}
	// Leftmost-longest: "googleanalyticsforfirebase" wins over "googleanalytics"
	// and "firebase" inside it.
	sort.Slice(raw, func(i, j int) bool {
		if raw[i].Start != raw[j].Start {
			return raw[i].Start < raw[j].Start
		}
		return raw[i].End > raw[j].End
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

// automaton is a byte-level Aho–Corasick automaton over the catalog's
// normalised names. Each state's edges are a sorted slice: the alphabet is
// bytes of UTF-8, most states have one or two edges.
type automaton struct {
	edges   [][]edge
	fail    []int
	outLink []int // nearest state on the fail chain (itself included) that ends a name
	entry   []int // catalog index of the name ending here, or -1
	depth   []int
}

type edge struct {
	c  byte
	to int
}

func (a *automaton) next(s int, c byte) int {
	es := a.edges[s]
	if len(es) <= 8 {
		for _, e := range es {
			if e.c == c {
				return e.to
			}
		}
		return -1
	}
	i := sort.Search(len(es), func(i int) bool { return es[i].c >= c })
	if i < len(es) && es[i].c == c {
		return es[i].to
	}
	return -1
}

func (a *automaton) newState(depth int) int {
	a.edges = append(a.edges, nil)
	a.fail = append(a.fail, 0)
	a.outLink = append(a.outLink, 0)
	a.entry = append(a.entry, -1)
	a.depth = append(a.depth, depth)
	return len(a.edges) - 1
}

var nameAutomaton = sync.OnceValue(buildNameAutomaton)

func buildNameAutomaton() *automaton {
	// generatedNameKeys is sorted by key (tables_gen.go): a deterministic
	// build with no sort at run time.
	keys := generatedNameKeys
	states := 1
	for _, k := range keys {
		states += len(k.Key)
	}
	a := &automaton{
		edges: make([][]edge, 0, states), fail: make([]int, 0, states), outLink: make([]int, 0, states),
		entry: make([]int, 0, states), depth: make([]int, 0, states),
	}
	a.newState(0)
	// With sorted keys each state's edges come in byte order: a key shares
	// its path with the key before it, so an edge it follows is its state's
	// last, and one it adds goes last.
	for _, nk := range keys {
		k := nk.Key
		if !longEnough(k) {
			continue
		}
		s := 0
		for i := 0; i < len(k); i++ {
			es := a.edges[s]
			if len(es) > 0 && es[len(es)-1].c == k[i] {
				s = es[len(es)-1].to
				continue
			}
			n := a.newState(a.depth[s] + 1)
			a.edges[s] = append(es, edge{k[i], n})
			s = n
		}
		a.entry[s] = nk.SDK
	}
	// Breadth-first: a state's fail link is the longest proper suffix of
	// its path that is also a path from the root.
	queue := []int{}
	for _, e := range a.edges[0] {
		queue = append(queue, e.to)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		if a.entry[s] >= 0 {
			a.outLink[s] = s
		} else {
			a.outLink[s] = a.outLink[a.fail[s]]
		}
		for _, e := range a.edges[s] {
			f := a.fail[s]
			for f != 0 && a.next(f, e.c) < 0 {
				f = a.fail[f]
			}
			if n := a.next(f, e.c); n >= 0 && n != e.to {
				a.fail[e.to] = n
			}
			queue = append(queue, e.to)
		}
	}
	return a
}
