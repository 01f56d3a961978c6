package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"
	"time"

	"privdiff/apk"
	"privdiff/declared"
	"privdiff/diff"
	"privdiff/input"
	"privdiff/reports"
)

// Row is one app's line of the summary.
type Row struct {
	Name        string `json:"name"`
	APK         string `json:"apk"`
	Policy      string `json:"policy"`
	Package     string `json:"package"`
	VersionName string `json:"versionName"`
	VersionCode int64  `json:"versionCode"`
	SHA256      string `json:"sha256"`
	diff.Summary
	UndeclaredSDKs         []string `json:"undeclaredSdks"`
	UnjustifiedPermissions []string `json:"unjustifiedPermissions"`
	// Status is "ok", "no policy", "policy unreadable: …" (the APK was
	// scanned, the policy could not be read: no audit is made) or
	// "error: …".
	Status string `json:"status"`
	// Packed names the hardening service when the app is packed.
	Packed string `json:"packed,omitempty"`
	// Key identifies the inputs and privdiff version the row was made
	// from; a rerun with the same key skips the app.
	Key string `json:"key"`
}

// Audited reports whether the row holds an audit (with or without policy).
func (r Row) Audited() bool { return r.Status == StatusOK || r.Status == StatusNoPolicy }

const (
	StatusOK       = "ok"
	StatusNoPolicy = "no policy"
	// StatusPolicyUnreadable starts the status of an app whose policy was
	// given but could not be read (a page that holds no policy text, a
	// scanned PDF, a dead link); the reason follows after ": ".
	StatusPolicyUnreadable = "policy unreadable"
)

// Options tune a run.
type Options struct {
	Jobs int
	// Out is the output directory; each app gets Out/<name>/.
	Out  string
	Lang string
	// Force redoes apps whose result already exists.
	Force bool
	// Timeout bounds one app (default 5 minutes): a pathological file
	// becomes an error row instead of stalling the run.
	Timeout time.Duration
	// Version is privdiff's version, part of each result's key.
	Version string
	// Done is called after each app, from one goroutine at a time.
	Done func(r Row, resumed bool)
	// Store, when set, records every audit (see Recorder).
	Store Recorder
	// Isolate, when set, audits each app in a child process (see
	// Isolation), so that an app that exhausts memory or crashes the
	// runtime takes down only its own audit.
	Isolate *Isolation
	// RetryKilled audits again the apps whose audit died in an earlier
	// run; without it they get an error row at once.
	RetryKilled bool
}

// scanWorkers shares the CPUs between the apps audited at once: with one
// job a scan uses every core, with as many jobs as cores each scan uses
// one, and the cores are not fought over.
func (o Options) scanWorkers() int {
	return max(1, runtime.GOMAXPROCS(0)/max(o.Jobs, 1))
}

// resultFile is written last in an app's directory: its presence means the
// app's reports are whole.
const resultFile = "result.json"

// Run audits the jobs on opts.Jobs workers and returns one row per job, in
// the jobs' order.
func Run(ctx context.Context, jobs []Job, opts Options) []Row {
	if opts.Jobs < 1 {
		opts.Jobs = 1
	}
	if opts.Timeout == 0 {
		opts.Timeout = 5 * time.Minute
	}
	rows := make([]Row, len(jobs))
	next := make(chan int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < opts.Jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var child *childWorker
			if opts.Isolate != nil {
				child = &childWorker{iso: opts.Isolate}
				defer child.stop(false)
			}
			for i := range next {
				row, resumed := runOne(ctx, jobs[i], opts, child)
				rows[i] = row
				if opts.Done != nil {
					mu.Lock()
					opts.Done(row, resumed)
					mu.Unlock()
				}
			}
		}()
	}
	for _, i := range dispatchOrder(jobs, opts.Jobs) {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	for i := range rows {
		if rows[i].Name == "" {
			rows[i] = errorRow(jobs[i], "", ctx.Err())
		}
	}
	return rows
}

// runOne audits one app, in the worker's child process when there is one,
// or reuses its earlier result.
// dispatchOrder is the order the workers take the jobs in: with more than
// one worker, the largest APKs first, so the batch does not end with one
// worker on a big app while the others idle (the rows keep the jobs'
// order). An APK's size stands for its audit's time; one that cannot be
// read counts as empty and fails fast anyway.
func dispatchOrder(jobs []Job, workers int) []int {
	order := make([]int, len(jobs))
	size := make([]int64, len(jobs))
	for i, j := range jobs {
		order[i] = i
		if workers > 1 {
			if st, err := os.Stat(j.APK); err == nil && st.Mode().IsRegular() {
				size[i] = st.Size()
			}
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return size[order[a]] > size[order[b]] })
	return order
}

func runOne(ctx context.Context, job Job, opts Options, child *childWorker) (Row, bool) {
	// Hashing reads the whole APK: it counts against the app's time too.
	actx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	in, err := hashInputs(actx, job, opts)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			err = fmt.Errorf("gave up after %v reading %s", opts.Timeout, job.APK)
		}
		return errorRow(job, "", err), false
	}
	key := in.key
	dir := filepath.Join(opts.Out, job.Name)
	removeStrayTemps(dir)
	if !opts.Force {
		if row, ok := readResult(dir, key); ok {
			// A result made before the store was given (or with another
			// store) is recorded now, from its audit.json.
			if opts.Store == nil || recordAudit(ctx, job, dir, opts.Store, in) == nil {
				return row, true
			}
		} else if opts.Store != nil {
			// Audited elsewhere into a shared store (another shard's
			// machine, a lost volume): its reports are rewritten from it.
			if row, ok := restore(ctx, job, in, dir, opts); ok {
				return row, true
			}
		}
		if why, ok := diedBefore(dir, key); ok && !opts.RetryKilled {
			return errorRow(job, key, fmt.Errorf("skipped: its audit died in a previous run (%s); --retry-killed audits it again", why)), false
		}
	}
	var o outcome
	if child != nil {
		o = child.audit(actx, job, opts, dir, in.apk)
	} else {
		o = auditHere(actx, job, opts, dir, in.apk)
	}
	if o.died != "" {
		// The app took its audit's process down (out of memory, a
		// signal): a rerun skips it instead of dying on it again.
		noteDeath(dir, key, o.died)
		return errorRow(job, key, errors.New("its audit died: "+o.died)), false
	}
	if o.err != nil {
		if errors.Is(o.err, context.DeadlineExceeded) && ctx.Err() == nil {
			o.err = fmt.Errorf("gave up after %v", opts.Timeout)
		}
		return errorRow(job, key, o.err), false
	}
	clearDeath(dir)
	o.row.Key = key
	if !o.row.Audited() {
		// Not kept: a rerun tries the policy again (a page may be fixed).
		return o.row, false
	}
	if opts.Store != nil {
		if err := recordAudit(ctx, job, dir, opts.Store, in); err != nil {
			return errorRow(job, key, err), false
		}
	}
	if err := writeJSONFile(filepath.Join(dir, resultFile), o.row); err != nil {
		return errorRow(job, key, err), false
	}
	return o.row, false
}

// outcome is how one app's audit ended: a row, an error (the app's, or
// the timeout), or, for an audit in a child process, the child's death.
type outcome struct {
	row  Row
	err  error
	died string
}

// auditHere audits in this process. At the timeout the audit is
// abandoned: Go cannot stop a goroutine, but the scan stops at its next
// read (apk.Limits.Done) and its result is never written.
func auditHere(ctx context.Context, job Job, opts Options, dir, apkSHA string) outcome {
	done := make(chan outcome, 1)
	go func() {
		row, err := auditSafely(ctx, job, opts.Lang, opts.scanWorkers(), dir, apkSHA)
		done <- outcome{row: row, err: err}
	}()
	select {
	case o := <-done:
		return o
	case <-ctx.Done():
		return outcome{err: ctx.Err()}
	}
}

// auditSafely audits one app; a parser bug in it becomes an error, with
// the stack in the app's error.txt, and the run goes on.
func auditSafely(ctx context.Context, job Job, lang string, workers int, dir, apkSHA string) (row Row, err error) {
	defer func() {
		if p := recover(); p != nil {
			trace := filepath.Join(dir, "error.txt")
			if os.MkdirAll(dir, 0o755) == nil {
				os.WriteFile(trace, debug.Stack(), 0o644)
			}
			err = fmt.Errorf("internal error (please report it with %s): %v", trace, p)
		}
	}()
	return audit(ctx, job, lang, workers, dir, apkSHA)
}

// audit scans and reads the policy at the same time (a URL's round trip
// costs nothing beside the scan; a file is read with the scan's side work,
// as privdiff audit reads it), diffs and writes the app's reports. apkSHA
// is the APK's digest, already computed for the resume key.
func audit(ctx context.Context, job Job, lang string, workers int, dir, apkSHA string) (Row, error) {
	var (
		pol    *declared.Policy
		polErr error
		read   sync.WaitGroup
	)
	opts := apk.Options{Workers: workers, SHA256: apkSHA, Limits: apk.Limits{Done: ctx.Done()}}
	readPolicy := func() { pol, polErr = declared.Read(ctx, job.Policy) }
	switch {
	case job.Policy == "":
	case declared.IsURL(job.Policy):
		read.Go(readPolicy)
	default:
		opts.Beside = readPolicy
	}
	obs, err := apk.ScanFile(job.APK, opts)
	read.Wait()
	if err != nil {
		return Row{}, err
	}
	status := StatusOK
	if job.Policy == "" {
		status = StatusNoPolicy
		pol = &declared.Policy{Source: "", Language: "", SDKs: []declared.SDK{}, Permissions: []declared.Permission{},
			DataTypes: []string{}, Warnings: []string{"no privacy policy was given for this app"}}
	} else if polErr != nil {
		// An audit against nothing would report every SDK as undeclared:
		// the row says what the APK is and why there is no audit.
		return appRow(job, obs.App, obs.Packer, StatusPolicyUnreadable+": "+polErr.Error()), nil
	}
	a := diff.Run(obs, pol, lang)
	if err := writeReports(dir, a, reports.AuditJSON); err != nil {
		return Row{}, err
	}
	return rowOf(job, a, status), nil
}

// writeReports writes an app's audit.json (with writeJSON), report.html
// and report.md.
func writeReports(dir string, a *diff.Audit, writeJSON func(io.Writer, *diff.Audit) error) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, out := range []struct {
		name   string
		render func(io.Writer, *diff.Audit) error
	}{
		{"audit.json", writeJSON},
		{"report.html", reports.AuditHTML},
		{"report.md", reports.AuditMarkdown},
	} {
		var b bytes.Buffer
		if err := out.render(&b, a); err != nil {
			return fmt.Errorf("%s: %w", out.name, err)
		}
		if err := writeFileAtomic(filepath.Join(dir, out.name), b.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// rowOf is an audit's summary row.
func rowOf(job Job, a *diff.Audit, status string) Row {
	var packer *apk.Packer
	if a.Observed != nil {
		packer = a.Observed.Packer
	}
	row := appRow(job, a.App, packer, status)
	row.Summary = a.Summary
	for _, f := range a.Findings {
		switch f.Rule {
		case diff.RuleSDKUndeclared:
			// A key without the SDK's code is a low note, not an SDK the
			// app embeds; the column lists what a notice can name.
			if f.Severity.Rank() >= diff.Medium.Rank() {
				row.UndeclaredSDKs = append(row.UndeclaredSDKs, f.SDK)
			}
		case diff.RulePermissionUnjustified:
			row.UnjustifiedPermissions = append(row.UnjustifiedPermissions, f.Permission)
		}
	}
	sort.Strings(row.UndeclaredSDKs)
	sort.Strings(row.UnjustifiedPermissions)
	return row
}

// appRow is an app's row with what the scan says and no findings.
func appRow(job Job, app apk.App, packer *apk.Packer, status string) Row {
	row := Row{
		Name: job.Name, APK: job.APK, Policy: job.Policy,
		Package: app.Package, VersionName: app.VersionName, VersionCode: app.VersionCode,
		SHA256: app.SHA256, Status: status,
		UndeclaredSDKs: []string{}, UnjustifiedPermissions: []string{},
	}
	if packer != nil {
		row.Packed = packer.Name
	}
	return row
}

func errorRow(job Job, key string, err error) Row {
	msg := "interrupted"
	if err != nil {
		msg = err.Error()
	}
	return Row{Name: job.Name, APK: job.APK, Policy: job.Policy, Status: "error: " + msg, Key: key,
		UndeclaredSDKs: []string{}, UnjustifiedPermissions: []string{}}
}

// inputs identifies what an app's result depends on.
type inputs struct {
	// apk and policy are the sha256 of the APK's bytes and the policy's
	// (see PolicySHA256; "" for no policy), as the store keys audits.
	apk, policy string
	// key adds the language and privdiff's version: a result with the
	// same key is reused.
	key string
}

// hashInputs reads the APK and the policy file once each; the digests
// serve the resume key, the store and the scan (which does not hash the
// APK again).
func hashInputs(ctx context.Context, job Job, opts Options) (inputs, error) {
	var in inputs
	h := sha256.New()
	if err := hashFile(ctx, h, job.APK); err != nil {
		return in, err
	}
	in.apk = hex.EncodeToString(h.Sum(nil))
	var err error
	if in.policy, err = policySHA256(ctx, job.Policy); err != nil {
		return in, err
	}
	k := sha256.Sum256(fmt.Appendf(nil, "privdiff %s\x00lang %s\x00apk %s\x00policy %s", opts.Version, opts.Lang, in.apk, in.policy))
	in.key = hex.EncodeToString(k[:])
	return in, nil
}

// removeStrayTemps deletes the temporary files a run killed mid-write
// (kill -9, a lost machine) left in an app's directory; writeFileAtomic
// names them .<file>.<random>.tmp.
func removeStrayTemps(dir string) {
	stray, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	for _, p := range stray {
		os.Remove(p)
	}
}

// hashFile writes a regular file's bytes to w (a FIFO or a device would
// never end), stopping when ctx is done.
func hashFile(ctx context.Context, w io.Writer, path string) error {
	f, _, err := input.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) {
			return err // already names the file
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	_, err = io.Copy(w, ctxReader{ctx, f})
	return err
}

// ctxReader stops reading once its context is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// readResult returns an earlier result with the same key.
func readResult(dir, key string) (Row, bool) {
	b, err := os.ReadFile(filepath.Join(dir, resultFile))
	if err != nil {
		return Row{}, false
	}
	var r Row
	if json.Unmarshal(b, &r) != nil || r.Key != key {
		return Row{}, false
	}
	return r, true
}

func writeJSONFile(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(path, append(b, '\n'))
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it into place, so a killed run never leaves half a file under the name.
// It does not fsync: a kill cannot undo a rename, and an fsync per file
// cost a fifth of a two-worker run's time. After a power cut a result may
// be lost or empty; an unreadable result.json is simply redone.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

var errNothingAudited = errors.New("no app could be audited")
