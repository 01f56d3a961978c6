package main

import (
	"math"
	"os"
	"runtime/debug"
)

// appMemoryLimit is the Go heap, in bytes, one app's analysis is held to when
// the user set no GOMEMLIMIT. The default GC lets the heap grow to twice what
// is live, so a 116 MB dex peaked at ~70 MB of RSS; under a soft limit the GC
// runs a little more often near it instead, keeping the peak under ~60 MB.
// It is soft: a bigger live heap (a huge app) still gets the memory it needs.
const appMemoryLimit = 32 << 20

// limitMemory holds the heap to what n apps analysed at once need. Only main
// sets it, so the tests that call run keep the heap limit of their process.
var limitMemory = func(apps int) {}

// setMemoryLimit holds the heap to apps×appMemoryLimit, unless GOMEMLIMIT
// says otherwise (the runtime has already applied it then).
func setMemoryLimit(apps int) {
	if _, set := os.LookupEnv("GOMEMLIMIT"); set {
		return
	}
	if apps < 1 {
		apps = 1
	}
	limit := int64(math.MaxInt64)
	if apps <= math.MaxInt64/appMemoryLimit {
		limit = int64(apps) * appMemoryLimit
	}
	debug.SetMemoryLimit(limit)
	// Under that limit the collector need not also run each time the heap
	// doubles: an audit's heap starts at a few MB, so the default ran five
	// collections during one ApiDemos scan (~10 % of its CPU, the first
	// stopping the world for 2–3 ms while the dex inflated), and GOGC=400
	// still one. The limit alone keeps the peak down (scripts/bench-rss.sh
	// gives the same peaks with and without pacing); past it the collector
	// runs as it would have.
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(-1)
	}
}
