package batch

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// BenchmarkBatch audits 40 copies of the fixtures and of ApiDemos with 1
// and 2 workers, in this process and in child processes, and reports apps
// per minute and the CPU time of a batch (this process and its children):
//
//	go test -run XXX -bench Batch -benchtime 3x ./batch
func BenchmarkBatch(b *testing.B) {
	dir := b.TempDir()
	link := func(src, name string) {
		abs, _ := filepath.Abs(src)
		if err := os.Symlink(abs, filepath.Join(dir, name)); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := os.Stat("../testdata/external/ApiDemos-debug.apk"); err != nil {
		b.Skip("run scripts/fetch-apidemos.sh")
	}
	for i := 0; i < 40; i++ {
		n := strconv.Itoa(i)
		link("../testdata/examples/jianke/app.apk", "jianke"+n+".apk")
		link("../testdata/examples/jianke/policy.txt", "jianke"+n+".txt")
		link("../testdata/apks/sdks.apk", "sdks"+n+".apk")
		link("../testdata/seeds/000_fcc99b2fa76f1609.txt", "sdks"+n+".txt")
		link("../testdata/apks/full.apk", "full"+n+".apk")
		link("../testdata/external/ApiDemos-debug.apk", "apidemos"+n+".apk")
		link("../testdata/seeds/001_c1fbea3530511be1.txt", "apidemos"+n+".txt")
	}
	jobs, err := Inputs(dir)
	if err != nil {
		b.Fatal(err)
	}
	// In this process, and in child processes (this test binary serves
	// them, see TestMain) as privdiff batch runs them.
	b.Setenv(childEnv, "1")
	for _, iso := range []*Isolation{nil, {Command: []string{os.Args[0]}}} {
		for _, workers := range []int{1, 2} {
			name := "jobs=" + strconv.Itoa(workers)
			if iso != nil {
				name += "/isolated"
			}
			b.Run(name, func(b *testing.B) {
				var elapsed, cpu time.Duration
				for b.Loop() {
					start, startCPU := time.Now(), cpuTime()
					Run(context.Background(), jobs, Options{Jobs: workers, Out: b.TempDir(), Lang: "zh", Version: "bench", Isolate: iso})
					elapsed += time.Since(start)
					cpu += cpuTime() - startCPU
				}
				b.ReportMetric(float64(len(jobs)*b.N)/elapsed.Minutes(), "apps/min")
				// 2 workers cannot go faster than 2 × (CPU of 1 worker) / (their CPU).
				b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			})
		}
	}
}
