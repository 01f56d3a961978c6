package inflate

import "sync"

// A decoding table maps the next rootBits of input (least significant bit
// first, as deflate packs its codes) to an entry. A code longer than
// rootBits has a link entry that points at a subtable for its remaining
// bits, as zlib and libdeflate lay theirs out.
//
// An entry is a uint32:
//
//	bits 0–3   the bits the code takes (for a link, rootBits)
//	bit  4     a literal byte
//	bit  5     the end of the block
//	bit  6     a link to a subtable
//	bit  7     no symbol, or one deflate forbids (lengths 286–287, distances 30–31)
//	bits 8–11  the extra bits after a length or distance code; for a link, the subtable's bits
//	bits 16–31 the literal, the base length or distance, or the subtable's offset
const (
	entryLiteral = 1 << 4
	entryEnd     = 1 << 5
	entryLink    = 1 << 6
	entryInvalid = 1 << 7
)

const (
	maxCodeBits = 15
	litRootBits = 10
	// litTableSize and distTableSize hold the root table and every
	// subtable the longest codes can need: zlib's "enough" bounds for 286
	// symbols at 10 root bits (1332) and 30 at 8 (402), rounded up to a
	// power of two so that a masked index needs no bounds check.
	litTableSize  = 2048
	distRootBits  = 8
	distTableSize = 512
	// The code-length code has codes of at most 7 bits: no subtables.
	lenRootBits  = 7
	lenTableSize = 1 << lenRootBits
)

var lengthBase = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
var lengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
var distBase = [30]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
var distExtra = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}

// The order in which a dynamic block lists the code-length code's lengths.
var lengthOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

func litEntry(sym int) uint32 {
	switch {
	case sym < 256:
		return uint32(sym)<<16 | entryLiteral
	case sym == 256:
		return entryEnd
	case sym < 286:
		i := sym - 257
		return uint32(lengthBase[i])<<16 | uint32(lengthExtra[i])<<8
	}
	return entryInvalid
}

func distEntry(sym int) uint32 {
	if sym < 30 {
		return uint32(distBase[sym])<<16 | uint32(distExtra[sym])<<8
	}
	return entryInvalid
}

func lenEntry(sym int) uint32 { return uint32(sym) << 16 }

// buildTable fills table from the code lengths of symbols 0…len(lengths)-1.
// It accepts what Go's and klauspost's inflaters accept: a complete prefix
// code, no code at all (which fails once used), or zlib's degenerate single
// code of one bit. Bit sequences that are no code get invalid entries.
func buildTable(table []uint32, lengths []uint8, rootBits uint, entry func(sym int) uint32) bool {
	var count [maxCodeBits + 1]int
	maxLen := 0
	for _, n := range lengths {
		count[n]++
		maxLen = max(maxLen, int(n))
	}
	count[0] = 0
	left := 1
	total := 0
	for n := 1; n <= maxCodeBits; n++ {
		left <<= 1
		left -= count[n]
		if left < 0 {
			return false // over-subscribed
		}
		total += count[n]
	}
	complete := left == 0
	if !complete {
		for i := range table[:1<<rootBits] {
			table[i] = entryInvalid
		}
		if total != 0 && !(total == 1 && count[1] == 1) {
			return false
		}
		if total == 0 {
			return true
		}
	}

	// The symbols in canonical order: by code length, then by symbol.
	var offsets [maxCodeBits + 2]int
	for n := 1; n <= maxCodeBits; n++ {
		offsets[n+1] = offsets[n] + count[n]
	}
	var sorted [288]uint16
	for sym, n := range lengths {
		if n != 0 {
			sorted[offsets[n]] = uint16(sym)
			offsets[n]++
		}
	}

	rootSize := 1 << rootBits
	next := rootSize // where the next subtable goes
	prefix := -1     // the root index of the current subtable
	subBase := 0
	code := 0 // the current code, most significant bit first
	i := 0
	for n := 1; n <= maxLen; n++ {
		for c := 0; c < count[n]; c++ {
			e := entry(int(sorted[i]))
			i++
			rev := reverseBits(code, n)
			if uint(n) <= rootBits {
				for j := rev; j < rootSize; j += 1 << n {
					table[j] = e | uint32(n)
				}
			} else {
				root := rev & (rootSize - 1)
				if root != prefix {
					// A new subtable: as wide as the longest code that
					// shares this prefix (zlib's inflate_table).
					subBits := n - int(rootBits)
					room := 1 << subBits
					for subBits+int(rootBits) < maxLen {
						room -= remaining(count, c, n, subBits+int(rootBits))
						if room <= 0 {
							break
						}
						subBits++
						room <<= 1
					}
					prefix, subBase = root, next
					next += 1 << subBits
					if next > len(table) {
						return false
					}
					table[root] = uint32(subBase)<<16 | uint32(subBits)<<8 | entryLink | uint32(rootBits)
				}
				subBits := int(table[root]>>8) & 15
				step := 1 << (n - int(rootBits))
				for j := rev >> rootBits; j < 1<<subBits; j += step {
					table[subBase+j] = e | uint32(n-int(rootBits))
				}
			}
			code++
		}
		code <<= 1
	}
	return true
}

// remaining is how many codes of length n are still to be placed when the
// c-th code of length current is being placed.
func remaining(count [maxCodeBits + 1]int, c, current, n int) int {
	if n == current {
		return count[n] - c
	}
	return count[n]
}

func reverseBits(code, n int) int {
	r := 0
	for range n {
		r = r<<1 | code&1
		code >>= 1
	}
	return r
}

// fixedTables are the tables of deflate's fixed code, built on first use.
var fixedTables = sync.OnceValue(func() *tables {
	var lengths [288]uint8
	for i := range lengths {
		switch {
		case i < 144:
			lengths[i] = 8
		case i < 256:
			lengths[i] = 9
		case i < 280:
			lengths[i] = 7
		default:
			lengths[i] = 8
		}
	}
	t := &tables{}
	buildTable(t.lit[:], lengths[:], litRootBits, litEntry)
	var dist [32]uint8
	for i := range dist {
		dist[i] = 5
	}
	buildTable(t.dist[:], dist[:], distRootBits, distEntry)
	return t
})

// tables are one block's decoding tables.
type tables struct {
	lit  [litTableSize]uint32
	dist [distTableSize]uint32
}
