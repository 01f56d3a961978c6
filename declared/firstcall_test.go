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
// difference, the one-time cost:
//
//	go test -run XXX -bench ExtractFirstCall -benchtime 30x ./declared
func BenchmarkExtractFirstCall(b *testing.B) {
	for _, file := range []string{
		"../testdata/examples/jianke/policy.txt", // Chinese text
		"testdata/policies/gotify-privacy.md",    // English
		"testdata/policies/huasheng-privacy.html",
	} {
		b.Run(filepath.Base(filepath.Dir(file))+"/"+filepath.Base(file), func(b *testing.B) {
			var first, steady, once []float64
			for b.Loop() {
				f, s := runFirstCallChild(b, file)
				first, steady, once = append(first, f), append(steady, s), append(once, f-s)
			}
			b.ReportMetric(median(first), "first-ns/op")
			b.ReportMetric(median(steady), "steady-ns/op")
			b.ReportMetric(median(once), "onetime-ns/op")
		})
	}
}

// runFirstCallChild runs TestExtractFirstCallChild on file in a fresh
// process and returns its first and steady-state times in nanoseconds.
func runFirstCallChild(b *testing.B, file string) (first, steady float64) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestExtractFirstCallChild$", "-test.v")
	cmd.Env = append(os.Environ(), firstCallEnv+"="+file)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("%v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if _, rest, ok := strings.Cut(line, "firstcall "); ok {
			if _, err := fmt.Sscan(rest, &first, &steady); err == nil {
				return first, steady
			}
		}
	}
	b.Fatalf("no timing in the child's output:\n%s", out)
	return 0, 0
}

func median(v []float64) float64 {
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
	extract := func() time.Duration {
		start := time.Now()
		if _, err := Extract(data, file); err != nil {
			t.Fatal(err)
		}
		return time.Since(start)
	}
	first := extract()
	steady := extract()
	for range steadyCalls - 1 {
		steady = min(steady, extract())
	}
	fmt.Printf("firstcall %d %d\n", first.Nanoseconds(), steady.Nanoseconds())
}
