package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"
)

// childEnv makes the test binary act as batch's child process: it serves
// the request as privdiff's hidden command does, except for apps named to
// misbehave, which die the ways a hostile app makes an audit die.
const childEnv = "PRIVDIFF_BATCH_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		os.Exit(fakeChild())
	}
	os.Exit(m.Run())
}

func fakeChild() int {
	requests := json.NewDecoder(os.Stdin)
	for {
		var raw json.RawMessage
		if requests.Decode(&raw) != nil {
			return 0
		}
		var req childRequest
		json.Unmarshal(raw, &req)
		if log := os.Getenv(childEnv + "_LOG"); log != "" {
			f, _ := os.OpenFile(log, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
			fmt.Fprintf(f, "%s %d\n", req.Job.Name, os.Getpid())
			f.Close()
		}
		if code, ok := misbehave(req); ok {
			return code
		}
		if err := ServeChild(bytes.NewReader(raw), os.Stdout); err != nil {
			return 2
		}
	}
}

// misbehave dies, or stalls, the way its app's name says.
func misbehave(req childRequest) (int, bool) {
	switch {
	case strings.HasPrefix(req.Job.Name, "bomb"):
		// Allocates until the address-space cap makes the runtime die;
		// twice the cap means it was not enforced.
		limitMemory(req.MemoryLimit)
		var keep [][]byte
		for n := int64(0); n < 2*req.MemoryLimit; n += 64 << 20 {
			chunk := make([]byte, 64<<20)
			for i := 0; i < len(chunk); i += 4096 {
				chunk[i] = 1
			}
			keep = append(keep, chunk)
		}
		fmt.Fprintln(os.Stderr, "the memory cap was not enforced")
		return 3, true
	case strings.HasPrefix(req.Job.Name, "sigkill"):
		signalSelf(syscall.SIGKILL)
		time.Sleep(time.Minute)
	case strings.HasPrefix(req.Job.Name, "sigterm"):
		signalSelf(syscall.SIGTERM)
		time.Sleep(time.Minute)
	case strings.HasPrefix(req.Job.Name, "recursion"):
		debug.SetMaxStack(1 << 20) // overflows at once
		return recurse(1), true
	case strings.HasPrefix(req.Job.Name, "garbage"):
		fmt.Println("PASS (not an answer)")
		time.Sleep(time.Minute)
	case strings.HasPrefix(req.Job.Name, "hang"):
		time.Sleep(time.Minute)
	}
	return 0, false
}

// signalSelf sends the child sig, as the system or a user would; unlike
// syscall.Kill, os.Process builds on every system.
func signalSelf(sig os.Signal) {
	if p, err := os.FindProcess(os.Getpid()); err == nil {
		p.Signal(sig)
	}
}

// recurse never returns: the runtime dies of a stack overflow.
func recurse(n int) int { return recurse(n+1) + 1 }

// isolatedJobs are a real app and three that kill or stall their audit.
func isolatedJobs(t *testing.T) ([]Job, Options) {
	t.Setenv(childEnv, "1")
	dir := fixtureDir(t)
	// One worker, so that one child serves the first two apps and is
	// started again after each death, the last app included.
	jobs := []Job{
		{Name: "jianke", APK: filepath.Join(dir, "jianke.apk"), Policy: filepath.Join(dir, "jianke.txt")},
		{Name: "packed", APK: filepath.Join(dir, "packed.apk"), Policy: filepath.Join(dir, "packed.md")},
		{Name: "sigkill", APK: filepath.Join(dir, "minimal.apk")},
		{Name: "bomb", APK: filepath.Join(dir, "sdks.apk")},
		{Name: "recursion", APK: filepath.Join(dir, "minimal.apk")},
		{Name: "sigterm", APK: filepath.Join(dir, "minimal.apk")},
		{Name: "sdks", APK: filepath.Join(dir, "sdks.apk"), Policy: filepath.Join(dir, "sdks.policy.txt")},
	}
	return jobs, Options{Jobs: 1, Out: t.TempDir(), Lang: "en", Version: "test",
		Isolate: &Isolation{Command: []string{os.Args[0]}, MemoryLimit: 2 << 30}}
}

// TestChildDeathsRecorded: an app whose audit process runs out of memory
// or is killed is an error row while the others are audited; the rerun
// skips it without starting its audit, until RetryKilled.
func TestChildDeathsRecorded(t *testing.T) {
	jobs, opts := isolatedJobs(t)
	log := filepath.Join(t.TempDir(), "children")
	t.Setenv(childEnv+"_LOG", log)
	rows := Run(context.Background(), jobs, opts)
	st := statuses(rows)
	// Which process audited which app: one child for the first apps, a
	// new one after each death.
	b, _ := os.ReadFile(log)
	pid := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if f := strings.Fields(l); len(f) == 2 {
			pid[f[0]] = f[1]
		}
	}
	if pid["jianke"] == "" || pid["jianke"] != pid["packed"] || pid["sdks"] == pid["jianke"] || pid["bomb"] == pid["sigkill"] {
		t.Errorf("child processes by app %v: want jianke and packed in one, a new one after each death", pid)
	}
	os.Setenv(childEnv+"_LOG", "")
	for _, name := range []string{"jianke", "packed", "sdks"} {
		if st[name] != StatusOK {
			t.Errorf("%s: %q", name, st[name])
		}
	}
	// The death a child over its memory limit is recorded with; under the
	// race detector the detector's own allocation usually fails first.
	diedOfMemory := func(status string) bool {
		return strings.Contains(status, "out of memory under its 2048 MiB limit") ||
			raceDetector && strings.Contains(status, "ThreadSanitizer failed to allocate")
	}
	if !strings.HasPrefix(st["bomb"], "error: its audit died: ") || !diedOfMemory(st["bomb"]) {
		t.Errorf("bomb: %q", st["bomb"])
	}
	if !strings.HasPrefix(st["sigkill"], "error: its audit died: ended by signal 9") {
		t.Errorf("sigkill: %q", st["sigkill"])
	}
	if !strings.HasPrefix(st["recursion"], "error: its audit died: exit status 2: fatal error: stack overflow") {
		t.Errorf("recursion: %q", st["recursion"])
	}
	// Stopped by someone, not by the app: an error row, not a death.
	if st["sigterm"] != "error: its audit was stopped: ended by signal 15 (terminated)" {
		t.Errorf("sigterm: %q", st["sigterm"])
	}
	for _, r := range rows {
		if r.Name == "jianke" && (r.High != 3 || len(r.SHA256) != 64) {
			t.Errorf("jianke audited in a child: %+v", r)
		}
	}

	// The rerun: the dead apps are skipped at once, the good one reused.
	start := time.Now()
	again := statuses(Run(context.Background(), jobs, opts))
	for _, name := range []string{"bomb", "sigkill", "recursion"} {
		if !strings.HasPrefix(again[name], "error: skipped: its audit died in a previous run (") ||
			!strings.Contains(again[name], "--retry-killed") {
			t.Errorf("rerun %s: %q", name, again[name])
		}
	}
	if again["jianke"] != StatusOK || !strings.Contains(again["sigterm"], "was stopped") {
		t.Errorf("rerun: jianke %q, sigterm %q", again["jianke"], again["sigterm"])
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("a rerun that skips the dead apps took %v", d)
	}

	// Retried, each dies again and says how often.
	opts.RetryKilled = true
	Run(context.Background(), jobs, opts)
	opts.RetryKilled = false
	again = statuses(Run(context.Background(), jobs, opts))
	if !diedOfMemory(again["bomb"]) || !strings.Contains(again["bomb"], ", 2 times)") {
		t.Errorf("after a retry: %q", again["bomb"])
	}

	// Another APK under the same name is other inputs: audited.
	jobs[2].APK, jobs[2].Policy = jobs[0].APK, jobs[0].Policy // jobs[2] is sigkill
	if got := statuses(Run(context.Background(), jobs[2:], Options{Jobs: 1, Out: opts.Out, Lang: "en", Version: "test"})); got["sigkill"] != StatusOK {
		t.Errorf("new inputs under a dead app's name: %q", got["sigkill"])
	}
	if _, err := os.Stat(filepath.Join(opts.Out, "sigkill", deathFile)); err == nil {
		t.Error("a successful audit left the death record")
	}
}

// TestChildTimeoutKills: a child past the timeout is killed at once (it
// would sleep a minute) and its app is an error row that a rerun retries.
func TestChildTimeoutKills(t *testing.T) {
	jobs, opts := isolatedJobs(t)
	jobs = []Job{{Name: "hang", APK: jobs[0].APK}}
	opts.Timeout = 2 * time.Second
	start := time.Now()
	rows := Run(context.Background(), jobs, opts)
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("a stalled child held the run %v", d)
	}
	if !strings.HasPrefix(rows[0].Status, "error: gave up after 2s") {
		t.Errorf("status %q", rows[0].Status)
	}
	if _, ok := diedBefore(filepath.Join(opts.Out, "hang"), rows[0].Key); ok {
		t.Error("a timeout was recorded as a death: the rerun would skip an app a longer --timeout may finish")
	}
}

// TestChildNonsenseNotBlamed: a child that prints something else than an
// answer (a program that is not privdiff) is ended at once, and the app
// is an error row that does not mark it as a killer.
func TestChildNonsenseNotBlamed(t *testing.T) {
	jobs, opts := isolatedJobs(t)
	jobs = []Job{{Name: "garbage", APK: jobs[0].APK}}
	start := time.Now()
	rows := Run(context.Background(), jobs, opts)
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("a child printing nonsense held the run %v", d)
	}
	if !strings.HasPrefix(rows[0].Status, "error: the audit process gave no answer: ") {
		t.Errorf("status %q", rows[0].Status)
	}
	if _, ok := diedBefore(filepath.Join(opts.Out, "garbage"), rows[0].Key); ok {
		t.Error("nonsense from the child was blamed on the app")
	}
}
