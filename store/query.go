package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Counts are findings per severity.
type Counts struct {
	High   int `json:"high"`
	Medium int `json:"medium"`
	Low    int `json:"low"`
	Info   int `json:"info"`
}

// SDKRef names an SDK in both languages.
type SDKRef struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	NameZh string `json:"nameZh"`
}

// App is one app with its latest audit.
type App struct {
	Package     string `json:"package"`
	Label       string `json:"label"`
	VersionCode int64  `json:"versionCode"`
	VersionName string `json:"versionName"`
	SHA256      string `json:"sha256"`
	Signer      string `json:"signer"`
	Versions    int    `json:"versions"`
	Audits      int    `json:"audits"`
	AuditedAt   string `json:"auditedAt"`
	Name        string `json:"name"`
	Counts
	UndeclaredSDKs []SDKRef `json:"undeclaredSdks"`
	// Persisting are the findings above info that the app's previous
	// audit had too: still there after a notice (屡教不改).
	Persisting []FindingKey `json:"persisting"`
	AuditID    int64        `json:"-"`
}

// latestPerApp ranks each app's audits: its newest version first, the
// newest audit of it first. Both databases run the same window query.
const latestPerApp = `SELECT a.id, v.app_id, a.audited_at, a.name, a.high, a.medium, a.low, a.info,
	v.version_code, v.version_name, v.sha256, v.label, COALESCE(v.signer_subject, '') AS signer_subject,
	ROW_NUMBER() OVER (PARTITION BY v.app_id ORDER BY v.version_code DESC, a.audited_at DESC, a.id DESC) AS rn,
	COUNT(*) OVER (PARTITION BY v.app_id) AS audits
	FROM audits a JOIN versions v ON v.id = a.version_id`

// Apps lists every app with its latest version and that audit's findings.
func (s *Store) Apps(ctx context.Context) ([]App, error) {
	rows, err := s.db.QueryContext(ctx, `WITH ranked AS (`+latestPerApp+`)
		SELECT r.id, p.package, r.label, r.version_code, r.version_name, r.sha256, r.signer_subject, r.audits,
			(SELECT COUNT(*) FROM versions v2 WHERE v2.app_id = r.app_id), r.audited_at, r.name,
			r.high, r.medium, r.low, r.info
		FROM ranked r JOIN apps p ON p.id = r.app_id WHERE r.rn = 1 ORDER BY p.package`)
	if err != nil {
		return nil, s.readError(err)
	}
	defer rows.Close()
	var out []App
	index := map[int64]int{}
	for rows.Next() {
		var a App
		var signer string
		if err := rows.Scan(&a.AuditID, &a.Package, &a.Label, &a.VersionCode, &a.VersionName, &a.SHA256, &signer,
			&a.Audits, &a.Versions, &a.AuditedAt, &a.Name, &a.High, &a.Medium, &a.Low, &a.Info); err != nil {
			return nil, s.readError(err)
		}
		a.Signer = signer
		a.UndeclaredSDKs, a.Persisting = []SDKRef{}, []FindingKey{}
		index[a.AuditID] = len(out)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, s.readError(err)
	}
	rows.Close()
	// The undeclared SDKs of every latest audit, in one query.
	und, err := s.db.QueryContext(ctx, `WITH ranked AS (`+latestPerApp+`)
		SELECT f.audit_id, f.sdk, COALESCE(MAX(sd.name), MAX(f.sdk_name)), COALESCE(MAX(sd.name_zh), '')
		FROM ranked r JOIN findings f ON f.audit_id = r.id
		LEFT JOIN audit_sdks sd ON sd.audit_id = f.audit_id AND sd.sdk = f.sdk
		WHERE r.rn = 1 AND f.rule = 'sdk-undeclared'
		GROUP BY f.audit_id, f.sdk ORDER BY f.audit_id, f.sdk`)
	if err != nil {
		return nil, s.readError(err)
	}
	defer und.Close()
	for und.Next() {
		var id int64
		var r SDKRef
		if err := und.Scan(&id, &r.ID, &r.Name, &r.NameZh); err != nil {
			return nil, s.readError(err)
		}
		if i, ok := index[id]; ok {
			out[i].UndeclaredSDKs = append(out[i].UndeclaredSDKs, r)
		}
	}
	if err := und.Err(); err != nil {
		return nil, s.readError(err)
	}
	und.Close()
	changes, err := s.LatestChanges(ctx)
	if err != nil {
		return nil, err
	}
	for i, a := range out {
		for _, k := range changes[a.Package].FindingsPersisting {
			if k.Severity != "info" {
				out[i].Persisting = append(out[i].Persisting, k)
			}
		}
	}
	return out, nil
}

// SDKRank is one SDK with how many apps embed it, and how many of those
// embed it undeclared, in each app's latest audit.
type SDKRank struct {
	SDKRef
	Vendor     string `json:"vendor"`
	Category   string `json:"category"`
	Apps       int    `json:"apps"`
	Undeclared int    `json:"undeclared"`
}

// SDKs ranks SDKs by the number of apps that embed them undeclared.
func (s *Store) SDKs(ctx context.Context) ([]SDKRank, error) {
	rows, err := s.db.QueryContext(ctx, `WITH ranked AS (`+latestPerApp+`),
		latest AS (SELECT id, app_id FROM ranked WHERE rn = 1),
		undeclared AS (SELECT DISTINCT f.audit_id, f.sdk FROM findings f JOIN latest l ON l.id = f.audit_id
			WHERE f.rule = 'sdk-undeclared')
		SELECT sd.sdk, MAX(sd.name), MAX(sd.name_zh), MAX(sd.vendor), MAX(sd.category),
			COUNT(DISTINCT l.app_id),
			COUNT(DISTINCT CASE WHEN u.sdk IS NOT NULL THEN l.app_id END)
		FROM latest l JOIN audit_sdks sd ON sd.audit_id = l.id
		LEFT JOIN undeclared u ON u.audit_id = l.id AND u.sdk = sd.sdk
		GROUP BY sd.sdk`)
	if err != nil {
		return nil, s.readError(err)
	}
	defer rows.Close()
	var out []SDKRank
	for rows.Next() {
		var r SDKRank
		if err := rows.Scan(&r.ID, &r.Name, &r.NameZh, &r.Vendor, &r.Category, &r.Apps, &r.Undeclared); err != nil {
			return nil, s.readError(err)
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Undeclared != b.Undeclared {
			return a.Undeclared > b.Undeclared
		}
		if a.Apps != b.Apps {
			return a.Apps > b.Apps
		}
		return a.ID < b.ID
	})
	return out, s.readError(rows.Err())
}

// FindingKey identifies a finding across versions: the same rule about the
// same SDK, permission or data type is the same gap.
type FindingKey struct {
	Rule       string `json:"rule"`
	Severity   string `json:"severity"`
	SDK        string `json:"sdk,omitempty"`
	Permission string `json:"permission,omitempty"`
	DataType   string `json:"dataType,omitempty"`
}

// Subject is what the finding is about.
func (k FindingKey) Subject() string {
	for _, s := range []string{k.SDK, k.Permission, k.DataType} {
		if s != "" {
			return s
		}
	}
	return ""
}

func (k FindingKey) id() string {
	return k.Rule + "\x00" + k.SDK + "\x00" + k.Permission + "\x00" + k.DataType
}

// snapshot is what one audit saw.
type snapshot struct {
	auditID      int64
	versionCode  int64
	versionName  string
	sha256       string
	label        string
	auditedAt    string
	policySHA256 string
	policySource string
	counts       Counts
	sdks         map[string]SDKRef
	permissions  map[string]bool
	dataTypes    map[string]bool
	findings     map[string]FindingKey
}

// versionsOf returns the audits of an app as snapshots does, with
// everything each saw.
func (s *Store) versionsOf(ctx context.Context, pkg string) ([]*snapshot, error) {
	byApp, err := s.snapshots(ctx, pkg)
	if err != nil {
		return nil, err
	}
	out := byApp[pkg]
	if len(out) == 0 {
		return nil, &Error{Name: s.Name, Msg: fmt.Sprintf("no audit of %s is recorded", pkg)}
	}
	if err := s.fill(ctx, out...); err != nil {
		return nil, s.readError(err)
	}
	return out, nil
}

// snapshots lists the audits of one app (or of every app for ""), oldest
// version first and in the order they were made within a version, without
// their contents.
func (s *Store) snapshots(ctx context.Context, pkg string) (map[string][]*snapshot, error) {
	q := `SELECT p.package, a.id, v.version_code, v.version_name, v.sha256, v.label, a.audited_at,
			a.policy_sha256, COALESCE(po.source, ''), a.high, a.medium, a.low, a.info
		FROM audits a JOIN versions v ON v.id = a.version_id JOIN apps p ON p.id = v.app_id
		LEFT JOIN policies po ON po.id = a.policy_id`
	var args []any
	if pkg != "" {
		q += " WHERE p.package = ?"
		args = append(args, pkg)
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(q+" ORDER BY p.package, v.version_code, v.id, a.audited_at, a.id"), args...)
	if err != nil {
		return nil, s.readError(err)
	}
	defer rows.Close()
	out := map[string][]*snapshot{}
	seen := map[string]int{}
	for rows.Next() {
		var app string
		sn := &snapshot{}
		if err := rows.Scan(&app, &sn.auditID, &sn.versionCode, &sn.versionName, &sn.sha256, &sn.label, &sn.auditedAt,
			&sn.policySHA256, &sn.policySource, &sn.counts.High, &sn.counts.Medium, &sn.counts.Low, &sn.counts.Info); err != nil {
			return nil, s.readError(err)
		}
		// A repeat audit of the same APK and policy (by a newer privdiff)
		// replaces the earlier one; the same APK with another policy (the
		// developer rewrote it after a notice) is a step of its own.
		key := sn.sha256 + " " + sn.policySHA256
		if i, ok := seen[key]; ok {
			out[app][i] = sn
			continue
		}
		seen[key] = len(out[app])
		out[app] = append(out[app], sn)
	}
	return out, s.readError(rows.Err())
}

// LatestChanges returns, per package, what its latest audit changed since
// the one before (a new version, or a new policy for the same version);
// an app audited once has no entry.
func (s *Store) LatestChanges(ctx context.Context) (map[string]Step, error) {
	byApp, err := s.snapshots(ctx, "")
	if err != nil {
		return nil, err
	}
	var load []*snapshot
	for _, snaps := range byApp {
		if len(snaps) >= 2 {
			load = append(load, snaps[len(snaps)-2], snaps[len(snaps)-1])
		}
	}
	if err := s.fill(ctx, load...); err != nil {
		return nil, s.readError(err)
	}
	out := map[string]Step{}
	for app, snaps := range byApp {
		if len(snaps) < 2 {
			continue
		}
		prev, last := snaps[len(snaps)-2], snaps[len(snaps)-1]
		st := step(prev, last)
		st.PolicyChanged = prev.policySHA256 != last.policySHA256
		out[app] = st
	}
	return out, nil
}

// fill loads the SDKs, permissions, data types and findings of audits,
// up to 500 audits per query.
func (s *Store) fill(ctx context.Context, snaps ...*snapshot) error {
	byID := map[int64]*snapshot{}
	for _, sn := range snaps {
		sn.sdks, sn.permissions, sn.dataTypes, sn.findings = map[string]SDKRef{}, map[string]bool{}, map[string]bool{}, map[string]FindingKey{}
		byID[sn.auditID] = sn
	}
	for _, q := range []struct {
		query string
		scan  func(rows *sql.Rows) error
	}{
		{"SELECT audit_id, sdk, name, name_zh FROM audit_sdks WHERE audit_id IN (?)", func(rows *sql.Rows) error {
			var id int64
			var r SDKRef
			err := rows.Scan(&id, &r.ID, &r.Name, &r.NameZh)
			byID[id].sdks[r.ID] = r
			return err
		}},
		{"SELECT audit_id, permission FROM audit_permissions WHERE audit_id IN (?)", func(rows *sql.Rows) error {
			var id int64
			var p string
			err := rows.Scan(&id, &p)
			byID[id].permissions[p] = true
			return err
		}},
		{"SELECT DISTINCT audit_id, data_type FROM audit_apis WHERE audit_id IN (?)", func(rows *sql.Rows) error {
			var id int64
			var d string
			err := rows.Scan(&id, &d)
			byID[id].dataTypes[d] = true
			return err
		}},
		{"SELECT audit_id, rule, severity, sdk, permission, data_type FROM findings WHERE audit_id IN (?)", func(rows *sql.Rows) error {
			var id int64
			var k FindingKey
			err := rows.Scan(&id, &k.Rule, &k.Severity, &k.SDK, &k.Permission, &k.DataType)
			byID[id].findings[k.id()] = k
			return err
		}},
	} {
		const chunk = 500
		for i := 0; i < len(snaps); i += chunk {
			part := snaps[i:min(i+chunk, len(snaps))]
			ids := make([]any, len(part))
			for j, sn := range part {
				ids[j] = sn.auditID
			}
			in := "IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ") + ")"
			if err := s.scanAll(ctx, strings.Replace(q.query, "IN (?)", in, 1), ids, q.scan); err != nil {
				return err
			}
		}
	}
	return nil
}

// scanAll runs a query and hands each row to scan.
func (s *Store) scanAll(ctx context.Context, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := s.db.QueryContext(ctx, s.rebind(query), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Version is one audited version of an app.
type Version struct {
	VersionCode  int64  `json:"versionCode"`
	VersionName  string `json:"versionName"`
	SHA256       string `json:"sha256"`
	Label        string `json:"label"`
	AuditedAt    string `json:"auditedAt"`
	PolicySHA256 string `json:"policySha256"`
	PolicySource string `json:"policySource"`
	Counts
}

func (sn *snapshot) version() Version {
	return Version{VersionCode: sn.versionCode, VersionName: sn.versionName, SHA256: sn.sha256, Label: sn.label,
		AuditedAt: sn.auditedAt, PolicySHA256: sn.policySHA256, PolicySource: sn.policySource, Counts: sn.counts}
}

// Step is one version in an app's history and what changed since the
// version before it.
type Step struct {
	Version
	// Since is the version compared with, "1.0 (1)"; empty for the first.
	Since string `json:"since,omitempty"`
	// PolicyChanged is set when the policy differs from the previous
	// version's: a finding that persists under a new policy was not fixed
	// by rewriting the policy either.
	PolicyChanged      bool         `json:"policyChanged"`
	SDKsAdded          []SDKRef     `json:"sdksAdded"`
	SDKsRemoved        []SDKRef     `json:"sdksRemoved"`
	PermissionsAdded   []string     `json:"permissionsAdded"`
	PermissionsRemoved []string     `json:"permissionsRemoved"`
	DataTypesAdded     []string     `json:"dataTypesAdded"`
	DataTypesRemoved   []string     `json:"dataTypesRemoved"`
	FindingsNew        []FindingKey `json:"findingsNew"`
	FindingsFixed      []FindingKey `json:"findingsFixed"`
	FindingsPersisting []FindingKey `json:"findingsPersisting"`
}

// History walks an app's audits in order of versionCode, then of time:
// one step per version, and one more for each new policy of a version.
func (s *Store) History(ctx context.Context, pkg string) ([]Step, error) {
	snaps, err := s.versionsOf(ctx, pkg)
	if err != nil {
		return nil, err
	}
	out := make([]Step, len(snaps))
	prev := &snapshot{sdks: map[string]SDKRef{}, permissions: map[string]bool{}, dataTypes: map[string]bool{}, findings: map[string]FindingKey{}}
	for i, sn := range snaps {
		out[i] = step(prev, sn)
		out[i].PolicyChanged = i > 0 && sn.policySHA256 != prev.policySHA256
		prev = sn
	}
	return out, nil
}

func step(prev, sn *snapshot) Step {
	st := Step{Version: sn.version()}
	if prev.sha256 != "" {
		st.Since = versionText(prev.versionName, prev.versionCode)
	}
	st.SDKsAdded, st.SDKsRemoved = sdkDelta(prev.sdks, sn.sdks), sdkDelta(sn.sdks, prev.sdks)
	st.PermissionsAdded, st.PermissionsRemoved = setDelta(prev.permissions, sn.permissions), setDelta(sn.permissions, prev.permissions)
	st.DataTypesAdded, st.DataTypesRemoved = setDelta(prev.dataTypes, sn.dataTypes), setDelta(sn.dataTypes, prev.dataTypes)
	st.FindingsNew, st.FindingsFixed, st.FindingsPersisting = []FindingKey{}, []FindingKey{}, []FindingKey{}
	for id, k := range sn.findings {
		if _, ok := prev.findings[id]; ok {
			st.FindingsPersisting = append(st.FindingsPersisting, k)
		} else {
			st.FindingsNew = append(st.FindingsNew, k)
		}
	}
	for id, k := range prev.findings {
		if _, ok := sn.findings[id]; !ok {
			st.FindingsFixed = append(st.FindingsFixed, k)
		}
	}
	for _, l := range [][]FindingKey{st.FindingsNew, st.FindingsFixed, st.FindingsPersisting} {
		sortFindings(l)
	}
	return st
}

func sortFindings(l []FindingKey) {
	sort.Slice(l, func(i, j int) bool { return l[i].id() < l[j].id() })
}

// setDelta lists what is in b and not in a, sorted.
func setDelta(a, b map[string]bool) []string {
	out := []string{}
	for k := range b {
		if !a[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func sdkDelta(a, b map[string]SDKRef) []SDKRef {
	out := []SDKRef{}
	for k, r := range b {
		if _, ok := a[k]; !ok {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Change is one thing a newer version added or removed.
type Change struct {
	// Kind is sdk, permission or data-type.
	Kind   string `json:"kind"`
	Item   string `json:"item"`
	Name   string `json:"name,omitempty"`
	NameZh string `json:"nameZh,omitempty"`
	// Change is added or removed.
	Change string `json:"change"`
	// Uncovered is set for an addition the newer audit has a finding
	// about: the policy does not cover it. Rule and Severity say which.
	Uncovered bool   `json:"uncovered"`
	Rule      string `json:"rule,omitempty"`
	Severity  string `json:"severity,omitempty"`
}

// VersionDiff is what one version of an app changed against another.
type VersionDiff struct {
	Package string  `json:"package"`
	Old     Version `json:"old"`
	New     Version `json:"new"`
	// Changes are the SDKs, permissions and data types added or removed.
	Changes []Change `json:"changes"`
	// FindingsNew and FindingsFixed compare the two audits' findings.
	FindingsNew   []FindingKey `json:"findingsNew"`
	FindingsFixed []FindingKey `json:"findingsFixed"`
}

// Diff compares two versions of an app, each named by its versionName or
// versionCode.
func (s *Store) Diff(ctx context.Context, pkg, oldV, newV string) (*VersionDiff, error) {
	snaps, err := s.versionsOf(ctx, pkg)
	if err != nil {
		return nil, err
	}
	find := func(v string) (*snapshot, error) {
		var hit *snapshot
		for _, sn := range snaps {
			if sn.versionName == v || strconv.FormatInt(sn.versionCode, 10) == v {
				hit = sn // the newest build of a name wins
			}
		}
		if hit == nil {
			var known []string
			for _, sn := range snaps {
				known = append(known, fmt.Sprintf("%s (%d)", sn.versionName, sn.versionCode))
			}
			return nil, &Error{Name: s.Name, Msg: fmt.Sprintf("%s has no recorded version %q (recorded: %s)", pkg, v, strings.Join(known, ", "))}
		}
		return hit, nil
	}
	o, err := find(oldV)
	if err != nil {
		return nil, err
	}
	n, err := find(newV)
	if err != nil {
		return nil, err
	}
	st := step(o, n)
	d := &VersionDiff{Package: pkg, Old: o.version(), New: n.version(), Changes: []Change{},
		FindingsNew: st.FindingsNew, FindingsFixed: st.FindingsFixed}
	// uncovered finds the newer audit's finding about an added item.
	uncovered := func(c *Change, rule string, match func(FindingKey) bool) {
		for _, k := range n.findings {
			if k.Rule == rule && match(k) && (c.Rule == "" || severityRank(k.Severity) > severityRank(c.Severity)) {
				c.Uncovered, c.Rule, c.Severity = true, k.Rule, k.Severity
			}
		}
	}
	for _, r := range st.SDKsAdded {
		c := Change{Kind: "sdk", Item: r.ID, Name: r.Name, NameZh: r.NameZh, Change: "added"}
		uncovered(&c, "sdk-undeclared", func(k FindingKey) bool { return k.SDK == r.ID })
		d.Changes = append(d.Changes, c)
	}
	for _, p := range st.PermissionsAdded {
		c := Change{Kind: "permission", Item: p, Change: "added"}
		uncovered(&c, "permission-unjustified", func(k FindingKey) bool { return k.Permission == p })
		d.Changes = append(d.Changes, c)
	}
	for _, t := range st.DataTypesAdded {
		c := Change{Kind: "data-type", Item: t, Change: "added"}
		uncovered(&c, "data-undeclared", func(k FindingKey) bool { return k.DataType == t })
		d.Changes = append(d.Changes, c)
	}
	for _, r := range st.SDKsRemoved {
		d.Changes = append(d.Changes, Change{Kind: "sdk", Item: r.ID, Name: r.Name, NameZh: r.NameZh, Change: "removed"})
	}
	for _, p := range st.PermissionsRemoved {
		d.Changes = append(d.Changes, Change{Kind: "permission", Item: p, Change: "removed"})
	}
	for _, t := range st.DataTypesRemoved {
		d.Changes = append(d.Changes, Change{Kind: "data-type", Item: t, Change: "removed"})
	}
	return d, nil
}

func severityRank(s string) int {
	return map[string]int{"high": 4, "medium": 3, "low": 2, "info": 1}[s]
}

// readError names the database in a query's error.
func (s *Store) readError(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := err.(*Error); ok {
		return err
	}
	return &Error{Name: s.Name, Msg: "cannot read", Err: err}
}
