package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"privdiff/declared"
	"privdiff/diff"
)

// Recorder keeps finished audits in a results store (package store). Batch
// records each audit after its reports are written and before its
// result.json, so an app whose result exists is either in the store or is
// recorded from its audit.json on resume, never audited twice for it.
type Recorder interface {
	// Recorded reports whether the audit of this APK and policy (sha256,
	// "" for no policy) is already kept.
	Recorded(ctx context.Context, apkSHA256, policySHA256 string) (bool, error)
	// Record keeps one privdiff/audit/v1 document; a second record of the
	// same APK and policy is a no-op.
	Record(ctx context.Context, name string, auditJSON []byte, policySHA256 string) error
	// Document returns the recorded privdiff/audit/v1 document of this
	// APK and policy, or nil.
	Document(ctx context.Context, apkSHA256, policySHA256 string) ([]byte, error)
}

// PolicySHA256 identifies a policy in the results store: a file by the
// sha256 of its bytes, a URL by that of its text (the page may change;
// --force refetches), no policy by "".
func PolicySHA256(policy string) (string, error) {
	return policySHA256(context.Background(), policy)
}

// policySHA256 is PolicySHA256 reading the file under ctx.
func policySHA256(ctx context.Context, policy string) (string, error) {
	switch {
	case policy == "":
		return "", nil
	case declared.IsURL(policy):
		s := sha256.Sum256([]byte(policy))
		return hex.EncodeToString(s[:]), nil
	}
	h := sha256.New()
	if err := hashFile(ctx, h, policy); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// recordAudit keeps the audit.json of an app's directory in the store,
// unless it is there already.
func recordAudit(ctx context.Context, job Job, dir string, rec Recorder, in inputs) error {
	if done, err := rec.Recorded(ctx, in.apk, in.policy); err != nil || done {
		return err
	}
	doc, err := os.ReadFile(filepath.Join(dir, "audit.json"))
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return rec.Record(ctx, job.Name, doc, in.policy)
}

// restore writes an app's reports and result from the audit the store
// holds for its inputs, in the run's language, instead of auditing again.
func restore(ctx context.Context, job Job, in inputs, dir string, opts Options) (Row, bool) {
	doc, err := opts.Store.Document(ctx, in.apk, in.policy)
	if err != nil || doc == nil {
		return Row{}, false
	}
	var a diff.Audit
	// Only the same file's audit: a copy of the APK elsewhere has the same
	// inputs, but its reports must name its own path.
	if json.Unmarshal(doc, &a) != nil || a.Lang != opts.Lang || a.App.Path != job.APK || a.Observed == nil || a.Declared == nil {
		return Row{}, false
	}
	a.Observed.App = a.App
	// audit.json is the recorded document itself, byte for byte.
	keep := func(w io.Writer, _ *diff.Audit) error { _, err := w.Write(doc); return err }
	if writeReports(dir, &a, keep) != nil {
		return Row{}, false
	}
	status := StatusOK
	if job.Policy == "" {
		status = StatusNoPolicy
	}
	row := rowOf(job, &a, status)
	row.Key = in.key
	if writeJSONFile(filepath.Join(dir, resultFile), row) != nil {
		return Row{}, false
	}
	return row, true
}
