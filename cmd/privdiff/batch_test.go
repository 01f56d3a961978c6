package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// batchInput is a directory of apps: copies of the example and of the
// fixtures (some with policies), a corrupt APK and a bad policy.
func batchInput(t *testing.T, copies int) string {
	t.Helper()
	dir := t.TempDir()
	link := func(src, name string) {
		abs, _ := filepath.Abs(src)
		if err := os.Symlink(abs, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < copies; i++ {
		n := string(rune('a'+i%26)) + strings.Repeat("x", i/26)
		link(exampleAPK, "jianke-"+n+".apk")
		link(examplePolicy, "jianke-"+n+".txt")
		link("../../testdata/apks/sdks.apk", "sdks-"+n+".apk")
		link("../../testdata/seeds/000_fcc99b2fa76f1609.txt", "sdks-"+n+".policy.txt")
		link("../../testdata/apks/full.apk", "full-"+n+".apk")
	}
	os.WriteFile(filepath.Join(dir, "corrupt.apk"), []byte("PK\x03\x04garbage"), 0o644)
	link("../../testdata/apks/minimal.apk", "badpolicy.apk")
	os.WriteFile(filepath.Join(dir, "badpolicy.html"), []byte{0xff, 0xfe, 0, 0xd8, 0, 0, 1, 2}, 0o644)
	return dir
}

type summaryRow struct {
	Name   string `json:"name"`
	Status string `json:"status"`
	High   int    `json:"high"`
	Key    string `json:"key"`
}

func readSummary(t *testing.T, dir string) []summaryRow {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "summary.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []summaryRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r summaryRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("summary line %q: %v", sc.Text(), err)
		}
		rows = append(rows, r)
	}
	return rows
}

func TestBatchEndToEnd(t *testing.T) {
	bin := buildBinary(t)
	in, out := batchInput(t, 2), t.TempDir()
	code, stdout, stderr := runBinary(t, bin, nil, "batch", in, "--out", out, "--jobs", "2", "--format", "csv", "--lang", "zh", "--fail-on", "high")
	if code != 1 {
		t.Fatalf("exit %d (want 1: high findings), stderr %q", code, stderr)
	}
	if !strings.HasPrefix(stdout, "名称,包名,版本,SHA-256,高危") || !strings.Contains(stderr, "共 8 个应用，完成审计 6 个，出错 2 个") || !strings.Contains(stderr, "corrupt：错误：") || !strings.Contains(stderr, "：不是 APK（") {
		t.Errorf("stdout %.80q, stderr %q", stdout, stderr)
	}
	rows := readSummary(t, out)
	status := map[string]string{}
	for _, r := range rows {
		status[r.Name] = r.Status
	}
	if !strings.HasPrefix(status["corrupt"], "error: ") || !strings.HasPrefix(status["badpolicy"], "policy unreadable: ") || !strings.Contains(status["badpolicy"], "badpolicy.html") || status["jianke-a"] != "ok" || status["full-b"] != "no policy" {
		t.Errorf("statuses %v", status)
	}
	// Nothing auditable at all: exit 2.
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "x.apk"), []byte("nope"), 0o644)
	if code, _, stderr := runBinary(t, bin, nil, "batch", bad, "--out", t.TempDir()); code != 2 || !strings.Contains(stderr, "no app could be audited") {
		t.Errorf("all bad: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := runBinary(t, bin, nil, "batch", in, "--shard", "3/2"); code != 2 {
		t.Errorf("--shard 3/2: exit %d", code)
	}
}

// TestBatchResumeAfterKill kills a run with SIGKILL while it works, then
// reruns: the second run must reuse every result the first one finished,
// redo only the rest, and every result file must be whole JSON.
func TestBatchResumeAfterKill(t *testing.T) {
	bin := buildBinary(t)
	in, out := batchInput(t, 12), t.TempDir()
	cmd := exec.Command(bin, "batch", in, "--out", out, "--jobs", "1", "--format", "jsonl")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill after a few apps are done, while another is in flight.
	sc := bufio.NewScanner(stderr)
	done := 0
	for sc.Scan() && done < 5 {
		if strings.HasPrefix(sc.Text(), "[") {
			done++
		}
	}
	time.Sleep(5 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()

	finished := map[string]bool{}
	results, _ := filepath.Glob(filepath.Join(out, "*", "result.json"))
	for _, r := range results {
		b, err := os.ReadFile(r)
		var row summaryRow
		if err != nil || json.Unmarshal(b, &row) != nil || row.Key == "" {
			t.Fatalf("%s is not whole: %q", r, b)
		}
		finished[filepath.Base(filepath.Dir(r))] = true
	}
	if len(finished) == 0 || len(finished) >= 37 {
		t.Fatalf("%d results after the kill; the test needs a run cut in the middle", len(finished))
	}
	// No half-written file under a final name.
	for _, pattern := range []string{"*/audit.json", "*/result.json"} {
		files, _ := filepath.Glob(filepath.Join(out, pattern))
		for _, f := range files {
			b, _ := os.ReadFile(f)
			if !json.Valid(b) {
				t.Errorf("%s is not whole JSON", f)
			}
		}
	}

	code, _, stderr2 := runBinary(t, bin, nil, "batch", in, "--out", out, "--jobs", "2", "--format", "jsonl")
	if code != 0 {
		t.Fatalf("rerun: exit %d, %s", code, stderr2)
	}
	var redone, reused []string
	for _, l := range strings.Split(stderr2, "\n") {
		if !strings.HasPrefix(l, "[") {
			continue
		}
		name := strings.SplitN(strings.SplitN(l, "] ", 2)[1], ":", 2)[0]
		if strings.HasSuffix(l, "(already done)") {
			reused = append(reused, name)
		} else {
			redone = append(redone, name)
		}
	}
	for _, n := range redone {
		if finished[n] {
			t.Errorf("%s was finished before the kill but redone", n)
		}
	}
	sort.Strings(reused)
	// The app in flight may have been recorded in the store before the
	// kill, its result not yet written: it is rewritten from the store,
	// reused too.
	fromStore := 0
	for _, n := range reused {
		if !finished[n] {
			fromStore++
		}
	}
	if len(reused) != len(finished)+fromStore || fromStore > 1 {
		t.Errorf("reused %d apps, %d were finished: %q", len(reused), len(finished), reused)
	}
	if rows := readSummary(t, out); len(rows) != 38 {
		t.Errorf("%d rows after the rerun, want 38", len(rows))
	}
}

// TestBatchShards runs three shards and merges them: the union is the
// whole input, with no app in two shards.
func TestBatchShards(t *testing.T) {
	bin := buildBinary(t)
	in := batchInput(t, 3)
	whole := t.TempDir()
	runBinary(t, bin, nil, "batch", in, "--out", whole, "--format", "jsonl")
	var dirs []string
	seen := map[string]int{}
	for i := 1; i <= 3; i++ {
		d := t.TempDir()
		dirs = append(dirs, d)
		code, _, stderr := runBinary(t, bin, nil, "batch", in, "--out", d, "--format", "jsonl", "--shard", string(rune('0'+i))+"/3")
		if code != 0 && code != 1 {
			t.Fatalf("shard %d: exit %d %s", i, code, stderr)
		}
		for _, r := range readSummary(t, d) {
			seen[r.Name]++
		}
	}
	wholeRows := readSummary(t, whole)
	if len(seen) != len(wholeRows) {
		t.Errorf("shards cover %d apps, the whole run %d", len(seen), len(wholeRows))
	}
	for n, c := range seen {
		if c != 1 {
			t.Errorf("%s is in %d shards", n, c)
		}
	}
	merged := t.TempDir()
	code, stdout, stderr := runBinary(t, bin, nil, append([]string{"batch", "merge", "--format", "jsonl", "--out", merged}, dirs...)...)
	if code != 0 {
		t.Fatalf("merge: exit %d %s", code, stderr)
	}
	wantNames := make([]string, 0, len(wholeRows))
	for _, r := range wholeRows {
		wantNames = append(wantNames, r.Name+" "+r.Status)
	}
	var gotNames []string
	for _, r := range readSummary(t, merged) {
		gotNames = append(gotNames, r.Name+" "+r.Status)
	}
	if strings.Join(gotNames, "\n") != strings.Join(wantNames, "\n") || strings.Count(stdout, "\n") != len(wholeRows) {
		t.Errorf("merged\n%s\nwhole\n%s", strings.Join(gotNames, "\n"), strings.Join(wantNames, "\n"))
	}
}
