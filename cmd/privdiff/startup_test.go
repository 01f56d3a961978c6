package main

import (
	"bufio"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// initLine is one line of GODEBUG=inittrace=1: "init privdiff/declared @7.5 ms,
// 2.2 ms clock, 685936 bytes, 4771 allocs".
var initLine = regexp.MustCompile(`^init (\S+) @[0-9.]+ ms, [0-9.]+ ms clock, (\d+) bytes, (\d+) allocs`)

// TestStartupInitsSmall guards start-up: privdiff's own packages must not
// decode catalog data or compile policy patterns at init, which once cost
// 0.85 MB and ~17 ms before every command, nor parse the report templates
// (108 KB, now parsed on first use), nor compile regexps (the APK manifest's
// and the store's are compiled on first use). What they allocate at init
// now, about 56 KB of small tables and flag sets, is under the bound.
func TestStartupInitsSmall(t *testing.T) {
	bin := buildBinary(t)
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	const bound, allocBound = 64 << 10, 512
	total, allocs, seen := 0, 0, 0
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		m := initLine.FindStringSubmatch(sc.Text())
		if m == nil || (m[1] != "main" && !strings.HasPrefix(m[1], "privdiff/")) { // main is this command
			continue
		}
		seen++
		n, _ := strconv.Atoi(m[2])
		k, _ := strconv.Atoi(m[3])
		total, allocs = total+n, allocs+k
		t.Logf("%s: %d bytes, %s allocs", m[1], n, m[3])
	}
	if seen == 0 {
		t.Fatalf("no init trace of privdiff's packages in:\n%s", out)
	}
	if total > bound {
		t.Errorf("privdiff's packages allocate %d bytes at init, want at most %d", total, bound)
	}
	if allocs > allocBound {
		// ~400 now: a few hundred small map entries and flag sets.
		t.Errorf("privdiff's packages make %d allocations at init, want at most %d", allocs, allocBound)
	}
}

// BenchmarkStartup runs the built binary as a user would: the time of a
// command that does almost nothing is privdiff's fixed start-up cost.
//
//	go test -run XXX -bench Startup ./cmd/privdiff
func BenchmarkStartup(b *testing.B) {
	bin := buildBinary(b)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"version", []string{"version"}},
		{"help", []string{"--help"}},
		{"scan-minimal", []string{"scan", "../../testdata/apks/minimal.apk", "--format", "json"}},
		{"policy-small", []string{"policy", examplePolicy, "--format", "json"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				cmd := exec.Command(bin, c.args...)
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("%v\n%s", err, out)
				}
			}
		})
	}
}
