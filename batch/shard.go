package batch

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard is the I-th of N slices of a batch (1 ≤ I ≤ N).
type Shard struct{ I, N int }

// ParseShard reads "I/N".
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return Shard{}, fmt.Errorf("--shard %q: want I/N with 1 ≤ I ≤ N, e.g. 2/8", s)
	}
	return Shard{i, n}, nil
}

// Select keeps the jobs of the shard. A job's slice depends on its name
// alone, so every machine computes the same split, and adding an app to the
// input does not move the others to other shards.
func (s Shard) Select(jobs []Job) []Job {
	if s.N <= 1 {
		return jobs
	}
	var out []Job
	for _, j := range jobs {
		h := fnv.New32a()
		h.Write([]byte(j.Name))
		if int(h.Sum32()%uint32(s.N)) == s.I-1 {
			out = append(out, j)
		}
	}
	return out
}
