package catalog

// StringTable finds a string in a list that go generate laid out with it:
// an open-addressing hash table stored as plain numbers, so a process uses
// it without building a map first.
type StringTable struct {
	// slots hold 1 + the index of a listed string, or 0 for an empty slot;
	// a string is looked for from slot hash&mask on, until an empty one.
	slots []uint32
}

// NewStringTable lays out keys, which must differ, for find. go generate
// runs it.
func NewStringTable(keys []string) StringTable {
	n := 1
	for n < 2*len(keys) {
		n *= 2
	}
	t := StringTable{slots: make([]uint32, n)}
	for i, k := range keys {
		j := stringHash(k) & uint32(n-1)
		for t.slots[j] != 0 {
			j = (j + 1) & uint32(n-1)
		}
		t.slots[j] = uint32(i + 1)
	}
	return t
}

// find returns the index of s in the list the table was made from, whose
// i-th string is key(i), or -1.
func (t *StringTable) find(s string, key func(i int) string) int {
	return t.findHashed(s, stringHash(s), key)
}

// findHashed is find for a caller that has s's stringHash.
func (t *StringTable) findHashed(s string, hash uint32, key func(i int) string) int {
	if len(t.slots) == 0 {
		return -1
	}
	mask := uint32(len(t.slots) - 1)
	for j := hash & mask; t.slots[j] != 0; j = (j + 1) & mask {
		if i := int(t.slots[j]) - 1; key(i) == s {
			return i
		}
	}
	return -1
}

// stringHash is FNV-1a: the table is laid out at generation time and
// searched at run time with the same function, so it must not change
// without regenerating (TestTablesCurrent).
func stringHash(s string) uint32 {
	h := hashStart
	for i := 0; i < len(s); i++ {
		h = hashByte(h, s[i])
	}
	return h
}

// hashStart and hashByte are stringHash a byte at a time: the hashes of
// all of a string's prefixes come out of one pass.
const hashStart = uint32(2166136261)

func hashByte(h uint32, c byte) uint32 { return (h ^ uint32(c)) * 16777619 }
