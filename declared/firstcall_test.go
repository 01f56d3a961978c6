package declared

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// firstCallEnv names the policy a child process of BenchmarkExtractFirstCall
// extracts; unset, TestExtractFirstCallChild does nothing.
const firstCallEnv = "PRIVDIFF_FIRSTCALL_POLICY"

// steadyCalls is how many extractions after the first a child times; the
// fastest is its steady state.
const steadyCalls = 5

// BenchmarkExtractFirstCall measures what every `privdiff policy` or `audit`
// process pays once: each iteration re-executes this test binary, whose
// child extracts a policy once (the catalog's tables, word indexes and
// patterns set up on the way) and then steadyCalls times more. It reports
// the medians of the first call, of the fastest later one and of their
// difference, the one-time cost, in wall time and in the process's CPU
// time (cpu-…, every thread's, the collector's included):
//
//	go test -run XXX -bench ExtractFirstCall -benchtime 30x ./declared
func BenchmarkExtractFirstCall(b *testing.B) {
	for _, file := range []string{
		"../testdata/examples/jianke/policy.txt", // Chinese text
		"testdata/policies/gotify-privacy.md",    // English
		"testdata/policies/huasheng-privacy.html",
	} {
		b.Run(filepath.Base(filepath.Dir(file))+"/"+filepath.Base(file), func(b *testing.B) {
			var runs [][4]float64
			for b.Loop() {
				runs = append(runs, runFirstCallChild(b, file))
			}
			for _, m := range []struct {
				unit        string
				first, then int
			}{{"", 0, 1}, {"cpu-", 2, 3}} {
				b.ReportMetric(median(runs, func(r [4]float64) float64 { return r[m.first] }), m.unit+"first-ns/op")
				b.ReportMetric(median(runs, func(r [4]float64) float64 { return r[m.then] }), m.unit+"steady-ns/op")
				b.ReportMetric(median(runs, func(r [4]float64) float64 { return r[m.first] - r[m.then] }), m.unit+"onetime-ns/op")
			}
		})
	}
}

// runFirstCallChild runs TestExtractFirstCallChild on file in a fresh
// process and returns its first and steady-state wall times, then CPU
// times, in nanoseconds.
func runFirstCallChild(b *testing.B, file string) (times [4]float64) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestExtractFirstCallChild$", "-test.v")
	cmd.Env = append(os.Environ(), firstCallEnv+"="+file)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("%v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if _, rest, ok := strings.Cut(line, "firstcall "); ok {
			if _, err := fmt.Sscan(rest, &times[0], &times[1], &times[2], &times[3]); err == nil {
				return times
			}
		}
	}
	b.Fatalf("no timing in the child's output:\n%s", out)
	return times
}

func median(runs [][4]float64, of func([4]float64) float64) float64 {
	v := make([]float64, len(runs))
	for i, r := range runs {
		v[i] = of(r)
	}
	slices.Sort(v)
	return v[len(v)/2]
}

// TestExtractFirstCallChild is BenchmarkExtractFirstCall's child: it times
// the first extraction of a process and the fastest of steadyCalls later
// ones. It must run first in its process, so it runs only when asked.
func TestExtractFirstCallChild(t *testing.T) {
	file := os.Getenv(firstCallEnv)
	if file == "" {
		t.Skip("run by BenchmarkExtractFirstCall")
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	extract := func() (wall, cpu time.Duration) {
		start, startCPU := time.Now(), processCPU()
		if _, err := Extract(data, file); err != nil {
			t.Fatal(err)
		}
		return time.Since(start), processCPU() - startCPU
	}
	first, firstCPU := extract()
	steady, steadyCPU := extract()
	for range steadyCalls - 1 {
		wall, cpu := extract()
		steady, steadyCPU = min(steady, wall), min(steadyCPU, cpu)
	}
	fmt.Printf("firstcall %d %d %d %d\n", first, steady, firstCPU, steadyCPU)
}
