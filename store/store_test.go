package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"privdiff/apk"
	"privdiff/declared"
	"privdiff/diff"
	"privdiff/reports"
)

// pgEnv names the PostgreSQL server the tests use; scripts/test.sh starts
// one and sets it.
const pgEnv = "PRIVDIFF_TEST_POSTGRES"

// input is a real APK and the policy it is audited against.
type input struct{ name, apk, policy string }

// inputs are real: the bundled example in two versions with its real
// policy, and real APKs from public repositories with seed policies.
var inputs = []input{
	{"jianke-1", "../testdata/examples/jianke/app.apk", "../testdata/examples/jianke/policy.txt"},
	{"jianke-2", "../testdata/examples/jianke-v2/app.apk", "../testdata/examples/jianke/policy.txt"},
	{"weibo", "../testdata/realapks/weibo-sdk-demo-3.1.4.apk", "../testdata/seeds/002_ee72fda53e159623.txt"},
	{"bugly", "../testdata/realapks/bugly-hotfix-demo.apk", "../testdata/seeds/000_fcc99b2fa76f1609.txt"},
	// Version 1 again, against another real policy: a policy rewritten
	// after a notice, the APK unchanged.
	{"jianke-1-repolicy", "../testdata/examples/jianke/app.apk", "../testdata/seeds/003_cf7dd45b4cffd43c.txt"},
}

// doc is an audit ready to record.
type doc struct {
	Audit
	apkSHA256 string
	pkg       string
}

// documents audits every input once per test binary.
var documents = sync.OnceValues(func() (map[string]doc, error) {
	out := map[string]doc{}
	for _, in := range inputs {
		obs, err := apk.ScanFile(in.apk, apk.Options{})
		if err != nil {
			return nil, err
		}
		pol, err := declared.Read(context.Background(), in.policy)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if err := reports.AuditJSON(&b, diff.Run(obs, pol, "en")); err != nil {
			return nil, err
		}
		policyBytes, err := os.ReadFile(in.policy)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(policyBytes)
		out[in.name] = doc{
			Audit:     Audit{Document: b.Bytes(), PolicySHA256: hex.EncodeToString(sum[:]), Name: in.name, When: time.Unix(1700000000, 0)},
			apkSHA256: obs.App.SHA256, pkg: obs.App.Package,
		}
	}
	return out, nil
})

func testDocs(t testing.TB) map[string]doc {
	t.Helper()
	d, err := documents()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// backend opens fresh, empty databases of one kind.
type backend struct {
	name string
	// target returns a new empty database's address.
	target func(t testing.TB) string
}

// backends are SQLite always and PostgreSQL when a server is given.
func backends(t testing.TB) []backend {
	bs := []backend{{"sqlite", func(t testing.TB) string { return filepath.Join(t.TempDir(), "privdiff.db") }}}
	dsn := os.Getenv(pgEnv)
	if dsn == "" {
		t.Logf("PostgreSQL tests skipped: set %s (scripts/test.sh starts a server and sets it)", pgEnv)
		return bs
	}
	return append(bs, backend{"postgres", func(t testing.TB) string { return pgSchema(t, dsn) }})
}

var schemaSeq struct {
	sync.Mutex
	n int
}

// pgSchema makes an empty schema for one test and returns a DSN whose
// search_path points at it, so tests share one server without seeing each
// other's rows.
func pgSchema(t testing.TB, dsn string) string {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	schemaSeq.Lock()
	schemaSeq.n++
	name := fmt.Sprintf("t%d_%d", os.Getpid(), schemaSeq.n)
	schemaSeq.Unlock()
	if _, err := db.Exec("CREATE SCHEMA " + name); err != nil {
		t.Fatalf("%s: %v", pgEnv, err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("pgx", dsn); err == nil {
			db.Exec("DROP SCHEMA " + name + " CASCADE")
			db.Close()
		}
	})
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "search_path=" + name
}

var testOptions = Options{PrivdiffVersion: "test", CatalogVersion: "cat1", Create: true}

func open(t testing.TB, target string, opts Options) *Store {
	t.Helper()
	s, err := Open(context.Background(), target, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func count(t testing.TB, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func record(t testing.TB, s *Store, d doc) bool {
	t.Helper()
	created, err := s.Record(context.Background(), d.Audit)
	if err != nil {
		t.Fatal(err)
	}
	return created
}

// TestStore runs every case on every backend.
func TestStore(t *testing.T) {
	docs := testDocs(t)
	cases := []struct {
		name string
		run  func(t *testing.T, target string)
	}{
		{"record once per key", func(t *testing.T, target string) {
			s := open(t, target, testOptions)
			if !record(t, s, docs["jianke-1"]) {
				t.Error("first record: not created")
			}
			if record(t, s, docs["jianke-1"]) {
				t.Error("second record of the same key: created again")
			}
			if n := count(t, s, "audits"); n != 1 {
				t.Errorf("%d audits, want 1", n)
			}
			ok, err := s.Recorded(context.Background(), docs["jianke-1"].apkSHA256, docs["jianke-1"].PolicySHA256)
			if err != nil || !ok {
				t.Errorf("Recorded = %v, %v", ok, err)
			}
			// Another catalog is another audit of the same inputs.
			s2 := open(t, target, Options{PrivdiffVersion: "test", CatalogVersion: "cat2"})
			if !record(t, s2, docs["jianke-1"]) {
				t.Error("another catalog version: not recorded")
			}
			if n := count(t, s, "audits"); n != 2 {
				t.Errorf("%d audits, want 2", n)
			}
			if n := count(t, s, "versions"); n != 1 {
				t.Errorf("%d versions, want 1 (one APK)", n)
			}
		}},
		{"rows of an audit", func(t *testing.T, target string) {
			s := open(t, target, testOptions)
			record(t, s, docs["jianke-1"])
			var undeclared, withLine, evidence int
			s.db.QueryRow("SELECT COUNT(*) FROM findings WHERE rule = 'sdk-undeclared'").Scan(&undeclared)
			s.db.QueryRow("SELECT COUNT(*) FROM findings WHERE policy_line IS NOT NULL").Scan(&withLine)
			s.db.QueryRow("SELECT COUNT(*) FROM audit_sdk_evidence WHERE sdk = 'getui'").Scan(&evidence)
			if undeclared != 2 || withLine == 0 || evidence == 0 {
				t.Errorf("undeclared %d (want bugly, getui), findings with a policy line %d, getui evidence %d", undeclared, withLine, evidence)
			}
			var imei int
			s.db.QueryRow("SELECT COUNT(*) FROM audit_apis WHERE data_type = 'imei' AND caller_sdk = 'app'").Scan(&imei)
			if imei == 0 {
				t.Error("the app's own getDeviceId call is not recorded")
			}
			var doc string
			s.db.QueryRow("SELECT document FROM audits").Scan(&doc)
			if doc != string(docs["jianke-1"].Document) {
				t.Error("the audit document is not kept whole")
			}
		}},
		{"history shows the drift", func(t *testing.T, target string) {
			s := open(t, target, testOptions)
			// Recorded out of order: history orders by versionCode.
			record(t, s, docs["jianke-2"])
			record(t, s, docs["jianke-1"])
			h, err := s.History(context.Background(), "com.example.jianke")
			if err != nil {
				t.Fatal(err)
			}
			if len(h) != 2 || h[0].VersionName != "1.0" || h[1].VersionName != "2.0" {
				t.Fatalf("history %+v", h)
			}
			v2 := h[1]
			want := map[string]string{
				"sdks added":          "sensors",
				"sdks removed":        "getui",
				"permissions added":   "android.permission.READ_CALL_LOG",
				"findings new":        "permission-unjustified:android.permission.READ_CALL_LOG sdk-undeclared:sensors",
				"findings fixed":      "sdk-undeclared:getui",
				"findings persisting": "permission-unjustified:android.permission.READ_CONTACTS sdk-undeclared:bugly",
			}
			got := map[string]string{
				"sdks added": refs(v2.SDKsAdded), "sdks removed": refs(v2.SDKsRemoved),
				"permissions added": strings.Join(v2.PermissionsAdded, " "),
				"findings new":      keys(v2.FindingsNew, "info"), "findings fixed": keys(v2.FindingsFixed, "info"),
				"findings persisting": keys(v2.FindingsPersisting, "info"),
			}
			for k, w := range want {
				if got[k] != w {
					t.Errorf("version 2.0 %s: %q, want %q", k, got[k], w)
				}
			}
			if len(h[0].FindingsNew) == 0 || len(h[0].SDKsAdded) < 10 {
				t.Errorf("first version: everything is new, got %d findings, %d SDKs", len(h[0].FindingsNew), len(h[0].SDKsAdded))
			}
			if h[1].Since != "1.0 (1)" || h[0].Since != "" || h[1].PolicyChanged {
				t.Errorf("since %q / %q, policy changed %v", h[0].Since, h[1].Since, h[1].PolicyChanged)
			}
		}},
		{"a new policy for the same version is a step", func(t *testing.T, target string) {
			s := open(t, target, testOptions)
			record(t, s, docs["jianke-1"])
			later := docs["jianke-1-repolicy"].Audit
			later.When = later.When.Add(time.Hour)
			if _, err := s.Record(context.Background(), later); err != nil {
				t.Fatal(err)
			}
			record(t, s, docs["jianke-2"])
			h, err := s.History(context.Background(), "com.example.jianke")
			if err != nil {
				t.Fatal(err)
			}
			if len(h) != 3 || h[1].VersionName != "1.0" || !h[1].PolicyChanged || !h[2].PolicyChanged ||
				len(h[1].SDKsAdded)+len(h[1].PermissionsAdded) != 0 {
				t.Fatalf("history %+v", h)
			}
			if len(h[1].FindingsNew)+len(h[1].FindingsFixed) == 0 {
				t.Error("another policy changed no finding")
			}
			c, err := s.LatestChanges(context.Background())
			if err != nil || c["com.example.jianke"].VersionName != "2.0" {
				t.Errorf("latest changes %+v %v", c, err)
			}
		}},
		{"apps, sdks and diff across apps", func(t *testing.T, target string) {
			s := open(t, target, testOptions)
			for _, name := range []string{"jianke-1", "jianke-2", "weibo", "bugly"} {
				record(t, s, docs[name])
			}
			apps, err := s.Apps(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(apps) != 3 {
				t.Fatalf("%d apps, want 3: %+v", len(apps), apps)
			}
			var jianke *App
			for i := range apps {
				if apps[i].Package == "com.example.jianke" {
					jianke = &apps[i]
				}
			}
			if jianke == nil || jianke.VersionName != "2.0" || jianke.Versions != 2 || refs(jianke.UndeclaredSDKs) != "bugly sensors" ||
				keys(jianke.Persisting, "") != "permission-unjustified:android.permission.READ_CONTACTS sdk-undeclared:bugly" {
				t.Errorf("jianke row %+v", jianke)
			}
			for _, a := range apps {
				if a.Package != "com.example.jianke" && len(a.Persisting) != 0 {
					t.Errorf("%s, audited once, has persisting findings %v", a.Package, a.Persisting)
				}
			}
			sdks, err := s.SDKs(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(sdks) == 0 || sdks[0].Undeclared == 0 {
				t.Fatalf("sdks %+v", sdks)
			}
			for i := 1; i < len(sdks); i++ {
				if sdks[i].Undeclared > sdks[i-1].Undeclared {
					t.Errorf("not ranked: %+v before %+v", sdks[i-1], sdks[i])
				}
			}
			for _, r := range sdks {
				if r.ID == "getui" {
					t.Error("getui counted: only the latest version of an app counts")
				}
			}
			d, err := s.Diff(context.Background(), "com.example.jianke", "1", "2.0")
			if err != nil {
				t.Fatal(err)
			}
			var uncovered, removed []string
			for _, c := range d.Changes {
				if c.Uncovered {
					uncovered = append(uncovered, c.Item)
				}
				if c.Change == "removed" {
					removed = append(removed, c.Item)
				}
			}
			if strings.Join(uncovered, " ") != "sensors android.permission.READ_CALL_LOG" || strings.Join(removed, " ") != "getui" {
				t.Errorf("diff: uncovered %v removed %v", uncovered, removed)
			}
			if _, err := s.Diff(context.Background(), "com.example.jianke", "1.0", "9.9"); err == nil || !strings.Contains(err.Error(), "recorded: 1.0 (1), 2.0 (2)") {
				t.Errorf("unknown version: %v", err)
			}
			if _, err := s.History(context.Background(), "no.such.app"); err == nil {
				t.Error("history of an unknown app: no error")
			}
		}},
		{"concurrent writers", func(t *testing.T, target string) {
			open(t, target, testOptions) // migrate once, as batch does before its workers
			var wg sync.WaitGroup
			errs := make(chan error, 24)
			for w := 0; w < 6; w++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					s, err := Open(context.Background(), target, testOptions)
					if err != nil {
						errs <- err
						return
					}
					defer s.Close()
					for _, name := range []string{"jianke-1", "jianke-2", "weibo"} {
						if _, err := s.Record(context.Background(), docs[name].Audit); err != nil {
							errs <- err
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
			s := open(t, target, testOptions)
			if n := count(t, s, "audits"); n != 3 {
				t.Errorf("%d audits after 6 writers, want 3", n)
			}
			if n := count(t, s, "apps"); n != 2 {
				t.Errorf("%d apps, want 2", n)
			}
		}},
		{"newer schema refused", func(t *testing.T, target string) {
			s := open(t, target, testOptions)
			if _, err := s.db.Exec(s.rebind("INSERT INTO schema_version (version, applied_at, privdiff_version) VALUES (?, ?, ?)"),
				SchemaVersion+1, "2030-01-01T00:00:00Z", "9.0"); err != nil {
				t.Fatal(err)
			}
			s.Close()
			_, err := Open(context.Background(), target, testOptions)
			if err == nil || !strings.Contains(err.Error(), "newer privdiff") {
				t.Errorf("newer schema: %v", err)
			}
		}},
	}
	for _, b := range backends(t) {
		for _, c := range cases {
			t.Run(b.name+"/"+c.name, func(t *testing.T) { c.run(t, b.target(t)) })
		}
	}
}

func refs(l []SDKRef) string {
	var out []string
	for _, r := range l {
		out = append(out, r.ID)
	}
	return strings.Join(out, " ")
}

// keys lists findings as rule:subject, leaving out a severity.
func keys(l []FindingKey, skip string) string {
	var out []string
	for _, k := range l {
		if k.Severity != skip {
			out = append(out, k.Rule+":"+k.Subject())
		}
	}
	return strings.Join(out, " ")
}

// TestOpenErrors: every database that cannot be used is one error naming it.
func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.db")
	os.WriteFile(corrupt, bytes.Repeat([]byte("not a database "), 400), 0o644)
	foreign := filepath.Join(dir, "foreign.db")
	if db, err := sql.Open("sqlite", foreign); err == nil {
		db.Exec("CREATE TABLE t (x)")
		db.Close()
	}
	cases := []struct{ name, target, want string }{
		{"corrupt", corrupt, corrupt + ": not a readable SQLite database"},
		{"foreign", foreign, "not privdiff's"},
		{"missing", filepath.Join(dir, "missing.db"), "no such database"},
		{"unreachable", "postgres://privdiff:secret@127.0.0.1:1/privdiff?sslmode=disable&connect_timeout=5", "postgres://privdiff@127.0.0.1:1/privdiff"},
	}
	if dsn := os.Getenv(pgEnv); dsn != "" {
		wrong := strings.Replace(dsn, "privdiff:privdiff@", "privdiff:wrong@", 1)
		cases = append(cases, struct{ name, target, want string }{"wrong password", wrong, "cannot connect"})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Open(context.Background(), c.target, Options{PrivdiffVersion: "test"})
			if err == nil {
				t.Fatal("opened")
			}
			msg := err.Error()
			if !strings.Contains(msg, c.want) || strings.Contains(msg, "\n") || strings.Contains(msg, "secret") || strings.Contains(msg, ":wrong@") {
				t.Errorf("error %q, want one line with %q and no password", msg, c.want)
			}
		})
	}
}

// TestRecordRefusesOtherDocuments: only audit documents go in.
func TestRecordRefusesOtherDocuments(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "p.db"), testOptions)
	for _, b := range []string{`{"schema":"privdiff/scan/v1"}`, `not json`, `{"schema":"privdiff/audit/v1","app":{}}`} {
		if _, err := s.Record(context.Background(), Audit{Document: []byte(b)}); err == nil {
			t.Errorf("%s: recorded", b)
		}
	}
	if n := count(t, s, "apps"); n != 0 {
		t.Errorf("%d apps after refused documents", n)
	}
}

// FuzzRecord feeds arbitrary documents to Record: each is refused or
// recorded whole, never a panic, and a refused one leaves no row.
func FuzzRecord(f *testing.F) {
	for _, d := range testDocs(f) {
		f.Add(d.Document)
	}
	f.Add([]byte(`{"schema":"privdiff/audit/v1","app":{"sha256":"` + strings.Repeat("a", 64) + `"},"observed":{"sdks":[{"id":"x"},{"id":"x"}]},"findings":[{"declared":null}]}`))
	s := open(f, filepath.Join(f.TempDir(), "fuzz.db"), testOptions)
	f.Fuzz(func(t *testing.T, doc []byte) {
		before := count(t, s, "audits")
		created, err := s.Record(context.Background(), Audit{Document: doc, PolicySHA256: "p"})
		after := count(t, s, "audits")
		if (err != nil || !created) && after != before {
			t.Errorf("refused or repeated document changed the audits: %d → %d", before, after)
		}
		if created && after != before+1 {
			t.Errorf("recorded document: %d → %d audits", before, after)
		}
	})
}

// TestRecordLaterFields: fields the contract's second wave adds to the
// audit document (signers, evidence strength, confidence) land in their
// columns when a document has them.
func TestRecordLaterFields(t *testing.T) {
	var m map[string]any
	if err := json.Unmarshal(testDocs(t)["jianke-1"].Document, &m); err != nil {
		t.Fatal(err)
	}
	m["app"].(map[string]any)["signers"] = []any{map[string]any{"scheme": "v2", "subject": "CN=Jianke Example", "sha256": strings.Repeat("b", 64)}}
	for _, sdk := range m["observed"].(map[string]any)["sdks"].([]any) {
		sdk.(map[string]any)["strength"] = "code"
	}
	for _, f := range m["findings"].([]any) {
		f.(map[string]any)["confidence"] = "high"
	}
	doc, _ := json.Marshal(m)
	s := open(t, filepath.Join(t.TempDir(), "p.db"), testOptions)
	if _, err := s.Record(context.Background(), Audit{Document: doc, PolicySHA256: "p"}); err != nil {
		t.Fatal(err)
	}
	apps, err := s.Apps(context.Background())
	if err != nil || len(apps) != 1 || apps[0].Signer != "CN=Jianke Example" {
		t.Errorf("apps %+v %v", apps, err)
	}
	var weak, unsure int
	s.db.QueryRow("SELECT COUNT(*) FROM audit_sdks WHERE strength != 'code'").Scan(&weak)
	s.db.QueryRow("SELECT COUNT(*) FROM findings WHERE confidence != 'high'").Scan(&unsure)
	if weak != 0 || unsure != 0 || count(t, s, "audit_sdks") == 0 {
		t.Errorf("%d SDKs without their strength, %d findings without their confidence", weak, unsure)
	}
}
