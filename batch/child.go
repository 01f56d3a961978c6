package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// Isolation runs the audits in child processes: privdiff itself,
// re-executed with a command that reads requests on stdin and answers each
// on stdout (ServeChild). Each worker of the batch keeps one child for app
// after app (its start-up is paid once), and starts a new one when it
// dies. A child that runs out of memory, is killed by the system's
// out-of-memory killer or crashes the Go runtime ends only the audit of
// the app it was on, and one given up at --timeout is killed, so it stops
// allocating, where an abandoned goroutine could not be stopped.
type Isolation struct {
	// Command is the child's command line, e.g. {"/usr/bin/privdiff",
	// "__audit-app"}.
	Command []string
	// MemoryLimit caps each child's address space in bytes (0: no cap).
	MemoryLimit int64
}

// childRequest is one app for a child to audit.
type childRequest struct {
	Job     Job    `json:"job"`
	Lang    string `json:"lang"`
	Workers int    `json:"workers"`
	Dir     string `json:"dir"`
	// APKSHA256 is the APK's digest the parent computed: the child does
	// not hash the file again.
	APKSHA256   string `json:"apkSha256"`
	MemoryLimit int64  `json:"memoryLimit"`
}

// childAnswer is a child's outcome: a row, or the error of the app.
type childAnswer struct {
	Row   Row    `json:"row"`
	Error string `json:"error,omitempty"`
}

// maxAnswerBytes bounds a request and what the parent keeps of a child's
// stderr; a row is a few kilobytes.
const maxAnswerBytes = 1 << 20

// ServeChild audits the apps a parent batch asks for on r, one JSON
// request per line, and writes each outcome to w as one JSON line, until
// r ends: the body of privdiff's hidden child command.
func ServeChild(r io.Reader, w io.Writer) error {
	requests := json.NewDecoder(r)
	answers := json.NewEncoder(w)
	limited := false
	for {
		var req childRequest
		if err := requests.Decode(&req); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return fmt.Errorf("batch child: reading a request: %w", err)
		}
		if req.MemoryLimit > 0 && !limited {
			if err := limitMemory(req.MemoryLimit); err != nil {
				return fmt.Errorf("batch child: %w", err)
			}
			softenMemoryLimit(req.MemoryLimit)
			diePriority()
			limited = true
		}
		fitProcessors(req.Workers)
		row, err := auditSafely(context.Background(), req.Job, req.Lang, req.Workers, req.Dir, req.APKSHA256)
		ans := childAnswer{Row: row}
		if err != nil {
			ans.Error = err.Error()
		}
		if err := answers.Encode(ans); err != nil {
			return err
		}
	}
}

// softenMemoryLimit keeps the soft heap limit and pacing the process started
// with (privdiff's per-app default of 32 MiB without pacing below it, or the
// user's GOMEMLIMIT and GOGC) unless the limit is above ¾ of the hard cap:
// the collector must work harder before the cap is reached, so an app that
// fits only when garbage is collected fits. Raising the limit to ¾ of the
// cap (GiBs) and pacing under it instead cost 10–15 % more CPU time on the
// 40 apps of scripts/bench-batch.sh, and let each child's heap grow.
func softenMemoryLimit(hardCap int64) {
	if soft := hardCap / 4 * 3; debug.SetMemoryLimit(-1) > soft {
		debug.SetMemoryLimit(soft)
	}
}

// fitProcessors gives the child only the processors its share of the batch
// scans with (GOMAXPROCS ÷ --jobs). With more, the collector's idle-time
// workers and the scheduler's spinning threads run on the processors the
// other children are using, and two children on two cores spent 5–10 %
// more CPU time than one.
func fitProcessors(workers int) {
	if workers > 0 && workers < runtime.GOMAXPROCS(0) {
		runtime.GOMAXPROCS(workers)
	}
}

// childWorker is one batch worker's child process, started on its first
// app and again after a death or a timeout.
type childWorker struct {
	iso     *Isolation
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	answers *json.Decoder
	stderr  *cappedBuffer
}

func (w *childWorker) start() error {
	cmd := exec.Command(w.iso.Command[0], w.iso.Command[1:]...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	w.stderr = &cappedBuffer{}
	cmd.Stderr = w.stderr
	cmd.WaitDelay = 5 * time.Second
	dieWithParent(cmd)
	if err := cmd.Start(); err != nil {
		return err
	}
	w.cmd, w.stdin, w.answers = cmd, stdin, json.NewDecoder(stdout)
	return nil
}

// stop ends the child (killing it unless it has ended) and waits for it.
func (w *childWorker) stop(kill bool) *os.ProcessState {
	if w.cmd == nil {
		return nil
	}
	w.stdin.Close()
	if kill {
		w.cmd.Process.Kill()
	}
	w.cmd.Wait()
	st := w.cmd.ProcessState
	w.cmd = nil
	return st
}

// audit audits one app in the worker's child; the child is killed when
// ctx ends.
func (w *childWorker) audit(ctx context.Context, job Job, opts Options, dir, apkSHA string) outcome {
	if w.cmd == nil {
		if err := w.start(); err != nil {
			// privdiff's fault, not the app's.
			return outcome{err: fmt.Errorf("starting the audit process: %w", err)}
		}
	}
	w.stderr.Reset()
	req, err := json.Marshal(childRequest{Job: job, Lang: opts.Lang, Workers: opts.scanWorkers(), Dir: dir,
		APKSHA256: apkSHA, MemoryLimit: w.iso.MemoryLimit})
	if err != nil {
		return outcome{err: err}
	}
	type reply struct {
		ans childAnswer
		err error
	}
	got := make(chan reply, 1)
	go func() {
		var r reply
		if _, r.err = w.stdin.Write(append(req, '\n')); r.err == nil {
			r.err = w.answers.Decode(&r.ans)
		}
		got <- r
	}()
	var r reply
	select {
	case r = <-got:
	case <-ctx.Done():
		w.stop(true)
		<-got
		return outcome{err: ctx.Err()}
	}
	if r.err == nil {
		if r.ans.Error != "" {
			return outcome{err: errors.New(r.ans.Error)}
		}
		return outcome{row: r.ans.Row}
	}
	if !errors.Is(r.err, io.EOF) && !errors.Is(r.err, io.ErrUnexpectedEOF) {
		// Something that is not an answer: not privdiff's child, or a
		// bug; the child is ended, the app is not blamed.
		w.stop(true)
		return outcome{err: fmt.Errorf("the audit process gave no answer: %w", r.err)}
	}
	// No answer: the child ended on this app (a kill does not change the
	// status of one that exited).
	st := w.stop(true)
	why, appsFault := deathReason(st, w.stderr.String(), heldMemoryLimit(w.iso.MemoryLimit))
	if !appsFault {
		return outcome{err: errors.New("its audit was stopped: " + why)}
	}
	if sig, _ := signalOf(st); sig != "" {
		// When a whole container or cgroup is killed, the child may die a
		// moment before the batch: wait that moment out before blaming
		// the app.
		time.Sleep(killGrace)
	}
	return outcome{died: why}
}

// killGrace is how long a batch whose child was killed waits, in case it
// is being killed too, before recording the app as the cause.
const killGrace = 300 * time.Millisecond

// deathReason says in a few words why a child ended without an answer,
// and whether the app is to blame.
func deathReason(st *os.ProcessState, stderr string, limit int64) (string, bool) {
	if strings.Contains(stderr, "out of memory") || strings.Contains(stderr, "cannot allocate memory") {
		if limit > 0 {
			return fmt.Sprintf("out of memory under its %d MiB limit", limit>>20), true
		}
		return "out of memory", true
	}
	if sig, appsFault := signalOf(st); sig != "" {
		if appsFault {
			return "ended by " + sig + ": the system's out-of-memory killer, a crash or an operator", true
		}
		return "ended by " + sig, false
	}
	// A fatal error of the Go runtime: a stack overflow, a deadlock.
	why := fmt.Sprintf("exit status %d", st.ExitCode())
	if line := causeLine(stderr); line != "" {
		why += ": " + line
	}
	return why, true
}

// causeLine is the line of a child's stderr that says why it ended: the
// runtime's "fatal error: …" (after it come the goroutines' stacks), else
// the last line.
func causeLine(stderr string) string {
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	line := lines[len(lines)-1]
	for _, l := range lines {
		if strings.HasPrefix(l, "fatal error: ") || strings.HasPrefix(l, "panic: ") {
			line = l
			break
		}
	}
	if len(line) > 200 {
		line = line[:200] + "…"
	}
	return line
}

// cappedBuffer keeps the first maxAnswerBytes written to it and drops the
// rest, so a child that prints without end cannot exhaust the parent. It
// is written by exec's copying goroutine while the worker resets it.
type cappedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if room := maxAnswerBytes - c.buf.Len(); room > 0 {
		c.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (c *cappedBuffer) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.buf.Reset()
}

func (c *cappedBuffer) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.String()
}

// deathFile in an app's directory records that its audit died, with the
// key of the inputs it died on; a successful audit removes it.
const deathFile = "died.json"

type death struct {
	Key    string `json:"key"`
	Reason string `json:"reason"`
	// Deaths counts the runs whose audit of these inputs died.
	Deaths int `json:"deaths"`
}

// noteDeath records that the audit of these inputs died.
func noteDeath(dir, key, reason string) {
	d := death{Key: key, Reason: reason, Deaths: 1}
	if old, ok := readDeath(dir); ok && old.Key == key {
		d.Deaths = old.Deaths + 1
	}
	if os.MkdirAll(dir, 0o755) == nil {
		writeJSONFile(filepath.Join(dir, deathFile), d)
	}
}

// diedBefore reports why the audit of these inputs died in an earlier run.
func diedBefore(dir, key string) (string, bool) {
	d, ok := readDeath(dir)
	if !ok || d.Key != key {
		return "", false
	}
	if d.Deaths > 1 {
		return fmt.Sprintf("%s, %d times", d.Reason, d.Deaths), true
	}
	return d.Reason, true
}

func readDeath(dir string) (death, bool) {
	var d death
	b, err := os.ReadFile(filepath.Join(dir, deathFile))
	if err != nil || len(b) > maxAnswerBytes || json.Unmarshal(b, &d) != nil {
		return death{}, false
	}
	return d, true
}

func clearDeath(dir string) { os.Remove(filepath.Join(dir, deathFile)) }
