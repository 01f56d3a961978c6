package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// timeLayout is how times are stored: text that sorts as time does, the
// same on both databases.
const timeLayout = "2006-01-02T15:04:05Z"

// Now is the time an audit is recorded: SOURCE_DATE_EPOCH when set, so a
// reproducible run records reproducible rows.
func Now() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	return time.Now().UTC()
}

// Audit is one finished audit to record.
type Audit struct {
	// Document is the privdiff/audit/v1 JSON of the audit.
	Document []byte
	// PolicySHA256 identifies the policy: the sha256 of a file's bytes or
	// of a URL's text; empty for an app audited without a policy.
	PolicySHA256 string
	// Name is the app's name in the batch (or the APK's file name).
	Name string
	// When is when it was audited (Now() when zero).
	When time.Time
}

// document is the part of privdiff/audit/v1 the store splits into rows.
// It is read from the JSON, not from the Go types, so the store keeps
// whatever a newer audit writes: fields added later (signers, evidence
// strength, confidence) are picked up when present and stay in the
// document column either way.
type document struct {
	Schema string `json:"schema"`
	App    struct {
		SHA256      string `json:"sha256"`
		Size        int64  `json:"size"`
		Package     string `json:"package"`
		VersionCode int64  `json:"versionCode"`
		VersionName string `json:"versionName"`
		Label       string `json:"label"`
		Signers     []struct {
			Subject string `json:"subject"`
			SHA256  string `json:"sha256"`
		} `json:"signers"`
	} `json:"app"`
	Observed struct {
		Permissions []struct {
			Name            string `json:"name"`
			ProtectionLevel string `json:"protectionLevel"`
		} `json:"permissions"`
		SDKs []struct {
			ID       string `json:"id"`
			Name     string `json:"name"`
			NameZh   string `json:"nameZh"`
			Vendor   string `json:"vendor"`
			Category string `json:"category"`
			Status   string `json:"status"`
			Strength string `json:"strength"`
			Evidence []struct {
				Kind    string `json:"kind"`
				Value   string `json:"value"`
				Classes int    `json:"classes"`
			} `json:"evidence"`
		} `json:"sdks"`
		APIs []struct {
			API      string `json:"api"`
			DataType string `json:"dataType"`
			Callers  []struct {
				Class string `json:"class"`
				SDK   string `json:"sdk"`
				Via   string `json:"via"`
				Calls int    `json:"calls"`
			} `json:"callers"`
		} `json:"apis"`
		Packer *struct {
			Name string `json:"name"`
		} `json:"packer"`
	} `json:"observed"`
	Declared struct {
		Source   string `json:"source"`
		Language string `json:"language"`
		// A policy's own date, when the policy reader states one.
		Date          string `json:"date"`
		Updated       string `json:"updated"`
		EffectiveDate string `json:"effectiveDate"`
	} `json:"declared"`
	Findings []struct {
		Rule       string `json:"rule"`
		Severity   string `json:"severity"`
		Confidence string `json:"confidence"`
		SDK        string `json:"sdk"`
		SDKName    string `json:"sdkName"`
		Permission string `json:"permission"`
		DataType   string `json:"dataType"`
		Message    string `json:"message"`
		Observed   *struct {
			Kind      string `json:"kind"`
			Value     string `json:"value"`
			Class     string `json:"class"`
			CallerSDK string `json:"callerSdk"`
		} `json:"observed"`
		Declared *struct {
			Line int    `json:"line"`
			Text string `json:"text"`
		} `json:"declared"`
	} `json:"findings"`
	Summary struct {
		High   int `json:"high"`
		Medium int `json:"medium"`
		Low    int `json:"low"`
		Info   int `json:"info"`
	} `json:"summary"`
	Lang string `json:"lang"`
}

const auditSchema = "privdiff/audit/v1"

// sha256Hex is compiled on first use: every command pays for what runs at init.
var sha256Hex = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9a-f]{64}$`) })

func parseDocument(b []byte) (*document, error) {
	var d document
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("not a %s document: %w", auditSchema, err)
	}
	if d.Schema != auditSchema {
		return nil, fmt.Errorf("not a %s document (schema %q)", auditSchema, d.Schema)
	}
	if !sha256Hex().MatchString(d.App.SHA256) {
		return nil, fmt.Errorf("%s document without the APK's sha256", auditSchema)
	}
	return &d, nil
}

// Recorded reports whether the audit of this APK and policy by this
// privdiff and catalog is already in the store.
func (s *Store) Recorded(ctx context.Context, apkSHA256, policySHA256 string) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx, s.rebind(`SELECT 1 FROM audits
		WHERE apk_sha256 = ? AND policy_sha256 = ? AND privdiff_version = ? AND catalog_version = ?`),
		apkSHA256, policySHA256, s.opts.PrivdiffVersion, s.opts.CatalogVersion).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, &Error{Name: s.Name, Msg: "cannot read", Err: err}
	}
	return true, nil
}

// Document returns the recorded audit document of an APK and policy by
// this privdiff and catalog, or nil when there is none.
func (s *Store) Document(ctx context.Context, apkSHA256, policySHA256 string) ([]byte, error) {
	var doc string
	err := s.db.QueryRowContext(ctx, s.rebind(`SELECT document FROM audits
		WHERE apk_sha256 = ? AND policy_sha256 = ? AND privdiff_version = ? AND catalog_version = ?`),
		apkSHA256, policySHA256, s.opts.PrivdiffVersion, s.opts.CatalogVersion).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, &Error{Name: s.Name, Msg: "cannot read", Err: err}
	}
	return []byte(doc), nil
}

// Record keeps one audit, with all its rows, in one transaction: a killed
// run leaves the audit whole or absent. An audit already recorded under
// the same key is left as it is (created is false), so reruns and shard
// workers racing on the same app never duplicate it.
func (s *Store) Record(ctx context.Context, a Audit) (created bool, err error) {
	d, err := parseDocument(a.Document)
	if err != nil {
		return false, err
	}
	when := a.When
	if when.IsZero() {
		when = Now()
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, &Error{Name: s.Name, Msg: "cannot write", Err: err}
	}
	defer tx.Rollback()
	created, err = s.insertAudit(ctx, tx, d, a, when)
	if err != nil {
		return false, &Error{Name: s.Name, Msg: fmt.Sprintf("cannot record the audit of %s", d.App.SHA256), Err: err}
	}
	if err := tx.Commit(); err != nil {
		return false, &Error{Name: s.Name, Msg: "cannot commit", Err: err}
	}
	return created, nil
}

// upsertID inserts a row unless its unique key exists, then returns its
// id: the pattern every parent table uses, safe under concurrent writers.
func (s *Store) upsertID(ctx context.Context, tx *sql.Tx, insert, sel string, args []any, key ...any) (int64, error) {
	if _, err := tx.ExecContext(ctx, s.rebind(insert), args...); err != nil {
		return 0, err
	}
	var id int64
	err := tx.QueryRowContext(ctx, s.rebind(sel), key...).Scan(&id)
	return id, err
}

func (s *Store) insertAudit(ctx context.Context, tx *sql.Tx, d *document, a Audit, when time.Time) (bool, error) {
	appID, err := s.upsertID(ctx, tx,
		"INSERT INTO apps (package) VALUES (?) ON CONFLICT (package) DO NOTHING",
		"SELECT id FROM apps WHERE package = ?", []any{d.App.Package}, d.App.Package)
	if err != nil {
		return false, err
	}
	var signer, subject any
	if len(d.App.Signers) > 0 {
		signer, subject = d.App.Signers[0].SHA256, d.App.Signers[0].Subject
	}
	versionID, err := s.upsertID(ctx, tx,
		`INSERT INTO versions (app_id, sha256, version_code, version_name, label, size, signer_sha256, signer_subject)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
		"SELECT id FROM versions WHERE sha256 = ?",
		[]any{appID, d.App.SHA256, d.App.VersionCode, d.App.VersionName, d.App.Label, d.App.Size, signer, subject}, d.App.SHA256)
	if err != nil {
		return false, err
	}
	var policyID any
	if a.PolicySHA256 != "" {
		var date any
		for _, v := range []string{d.Declared.Date, d.Declared.Updated, d.Declared.EffectiveDate} {
			if v != "" {
				date = v
				break
			}
		}
		policyID, err = s.upsertID(ctx, tx,
			"INSERT INTO policies (sha256, source, language, stated_date) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
			"SELECT id FROM policies WHERE sha256 = ?",
			[]any{a.PolicySHA256, d.Declared.Source, d.Declared.Language, date}, a.PolicySHA256)
		if err != nil {
			return false, err
		}
	}
	var packer any
	if d.Observed.Packer != nil {
		packer = d.Observed.Packer.Name
	}
	var auditID int64
	err = tx.QueryRowContext(ctx, s.rebind(`INSERT INTO audits (version_id, policy_id, apk_sha256, policy_sha256,
		privdiff_version, catalog_version, audited_at, name, lang, packer, high, medium, low, info, document)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (apk_sha256, policy_sha256, privdiff_version, catalog_version) DO NOTHING
		RETURNING id`),
		versionID, policyID, d.App.SHA256, a.PolicySHA256, s.opts.PrivdiffVersion, s.opts.CatalogVersion,
		when.UTC().Format(timeLayout), a.Name, d.Lang, packer,
		d.Summary.High, d.Summary.Medium, d.Summary.Low, d.Summary.Info, string(a.Document)).Scan(&auditID)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil // recorded before
	}
	if err != nil {
		return false, err
	}
	return true, s.insertRows(ctx, tx, auditID, d)
}

// insertRows writes the audit's child rows: SDKs with their evidence,
// permissions, API collections and findings.
func (s *Store) insertRows(ctx context.Context, tx *sql.Tx, auditID int64, d *document) error {
	var sdks, evidence, perms, apis, findings [][]any
	seen := map[string]bool{}
	for _, sdk := range d.Observed.SDKs {
		if seen[sdk.ID] {
			continue
		}
		seen[sdk.ID] = true
		sdks = append(sdks, []any{auditID, sdk.ID, sdk.Name, sdk.NameZh, sdk.Vendor, sdk.Category, sdk.Status, sdk.Strength})
		for i, e := range sdk.Evidence {
			evidence = append(evidence, []any{auditID, sdk.ID, i, e.Kind, e.Value, e.Classes})
		}
	}
	seenPerm := map[string]bool{}
	for _, p := range d.Observed.Permissions {
		if seenPerm[p.Name] {
			continue // uses-permission and uses-permission-sdk-23 of one name
		}
		seenPerm[p.Name] = true
		perms = append(perms, []any{auditID, p.Name, p.ProtectionLevel})
	}
	for _, api := range d.Observed.APIs {
		for _, c := range api.Callers {
			apis = append(apis, []any{auditID, len(apis), api.DataType, api.API, c.Class, c.SDK, c.Via, c.Calls})
		}
	}
	for i, f := range d.Findings {
		var kind, value, class, caller string
		if f.Observed != nil {
			kind, value, class, caller = f.Observed.Kind, f.Observed.Value, f.Observed.Class, f.Observed.CallerSDK
		}
		var line, text any
		if f.Declared != nil {
			line, text = f.Declared.Line, f.Declared.Text
		}
		findings = append(findings, []any{auditID, i, f.Rule, f.Severity, f.Confidence, f.SDK, f.SDKName, f.Permission, f.DataType,
			f.Message, kind, value, class, caller, line, text})
	}
	for _, t := range []struct {
		table string
		cols  string
		rows  [][]any
	}{
		{"audit_sdks", "audit_id, sdk, name, name_zh, vendor, category, status, strength", sdks},
		{"audit_sdk_evidence", "audit_id, sdk, seq, kind, value, classes", evidence},
		{"audit_permissions", "audit_id, permission, protection_level", perms},
		{"audit_apis", "audit_id, seq, data_type, api, caller_class, caller_sdk, via, calls", apis},
		{"findings", `audit_id, seq, rule, severity, confidence, sdk, sdk_name, permission, data_type,
			message, evidence_kind, evidence_value, evidence_class, caller_sdk, policy_line, policy_text`, findings},
	} {
		if err := s.insertMany(ctx, tx, t.table, t.cols, t.rows); err != nil {
			return fmt.Errorf("%s: %w", t.table, err)
		}
	}
	return nil
}

// insertMany writes rows with multi-row INSERTs: one round trip per
// hundred rows instead of one per row, which is most of the time of a
// PostgreSQL across a network.
func (s *Store) insertMany(ctx context.Context, tx *sql.Tx, table, cols string, rows [][]any) error {
	const chunk = 100
	for len(rows) > 0 {
		n := min(chunk, len(rows))
		var q strings.Builder
		fmt.Fprintf(&q, "INSERT INTO %s (%s) VALUES ", table, cols)
		args := make([]any, 0, n*len(rows[0]))
		for i, r := range rows[:n] {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(" + strings.TrimSuffix(strings.Repeat("?, ", len(r)), ", ") + ")")
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, s.rebind(q.String()), args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}
