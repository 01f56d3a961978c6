package main

import (
	"bufio"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

// twoVersions lays out two batch inputs: the example app version 1 with a
// real APK and a fixture without policy, then the example's version 2.
func twoVersions(t *testing.T) (string, string) {
	t.Helper()
	v1, v2 := t.TempDir(), t.TempDir()
	link := func(dir, src, name string) {
		abs, _ := filepath.Abs(src)
		if err := os.Symlink(abs, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	link(v1, exampleAPK, "jianke.apk")
	link(v1, examplePolicy, "jianke.txt")
	link(v1, "../../testdata/realapks/weibo-sdk-demo-3.1.4.apk", "weibo.apk")
	link(v1, "../../testdata/seeds/002_ee72fda53e159623.txt", "weibo.txt")
	link(v1, "../../testdata/apks/minimal.apk", "minimal.apk")
	link(v2, "../../testdata/examples/jianke-v2/app.apk", "jianke.apk")
	link(v2, examplePolicy, "jianke.txt")
	return v1, v2
}

// TestDBCommands records two batch runs and an audit in one store and asks
// every db question of it, in each format and language.
func TestDBCommands(t *testing.T) {
	bin := buildBinary(t)
	v1, v2 := twoVersions(t)
	out := t.TempDir()
	// The reports of version 1, before version 2 replaces them.
	v1Files := map[string][]byte{}
	for _, in := range []string{v1, v2} {
		if code, _, stderr := runBinary(t, bin, nil, "batch", in, "--out", out, "--format", "csv"); code != 0 {
			t.Fatalf("batch %s: exit %d %s", in, code, stderr)
		}
		for _, f := range []string{"jianke/audit.json", "jianke/report.html", "weibo/report.md", "minimal/result.json"} {
			if _, ok := v1Files[f]; !ok {
				v1Files[f], _ = os.ReadFile(filepath.Join(out, f))
			}
		}
	}
	db := filepath.Join(out, "privdiff.db")
	query := func(args ...string) string {
		t.Helper()
		code, stdout, stderr := runBinary(t, bin, nil, append([]string{"db"}, append(args, "--db", db)...)...)
		if code != 0 {
			t.Fatalf("db %v: exit %d %s", args, code, stderr)
		}
		return stdout
	}

	var apps []struct {
		Package        string `json:"package"`
		VersionName    string `json:"versionName"`
		Versions       int    `json:"versions"`
		High           int    `json:"high"`
		UndeclaredSDKs []struct {
			ID string `json:"id"`
		} `json:"undeclaredSdks"`
	}
	if err := json.Unmarshal([]byte(query("apps", "--format", "json")), &apps); err != nil {
		t.Fatal(err)
	}
	if len(apps) != 3 || apps[0].Package != "com.example.jianke" || apps[0].VersionName != "2.0" || apps[0].Versions != 2 ||
		len(apps[0].UndeclaredSDKs) != 2 || apps[0].High == 0 {
		t.Errorf("apps %+v", apps)
	}

	zh := query("history", "com.example.jianke", "--format", "table", "--lang", "zh")
	for _, want := range []string{"新增SDK", "已修复", "仍存在", "神策分析", "个推推送", "READ_CALL_LOG", "1.0 (1)", "2.0 (2)"} {
		if !strings.Contains(zh, want) {
			t.Errorf("history table (zh) lacks %q:\n%s", want, zh)
		}
	}
	csvOut := query("history", "com.example.jianke", "--format", "csv", "--lang", "en")
	lines := strings.Split(strings.TrimSpace(csvOut), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "version,audited,policy,high") || !strings.Contains(lines[2], "getui (sdk-undeclared)") {
		t.Errorf("history csv:\n%s", csvOut)
	}
	sdks := query("sdks", "--format", "csv")
	if !strings.HasPrefix(sdks, "sdk,name,vendor,category,apps,undeclared in\n") || strings.Contains(sdks, "getui,") {
		t.Errorf("sdks csv (getui left in version 2):\n%s", sdks)
	}
	d := query("diff", "com.example.jianke", "1.0", "2", "--format", "csv")
	if !strings.Contains(d, "added,sdk,sensors,Sensors Analytics,no: sdk-undeclared (high)") || !strings.Contains(d, "removed,sdk,getui") {
		t.Errorf("diff csv:\n%s", d)
	}

	// A new output directory on the same store (a shard restarted on
	// another machine): nothing is audited again, and the reports written
	// from the store are the same bytes.
	elsewhere := t.TempDir()
	code, _, stderr := runBinary(t, bin, nil, "batch", v1, "--out", elsewhere, "--db", db, "--format", "jsonl")
	if code != 0 || strings.Count(stderr, "(already done)") != 3 {
		t.Errorf("new output directory on the store: exit %d, want every app already done:\n%s", code, stderr)
	}
	for f, want := range v1Files {
		got, err := os.ReadFile(filepath.Join(elsewhere, f))
		if err != nil || len(want) == 0 || string(got) != string(want) {
			t.Errorf("%s written from the store differs from the audited one (%v)", f, err)
		}
	}

	// batch wrote the overview page, linking the reports beside it; db
	// report writes it anywhere.
	page, err := os.ReadFile(filepath.Join(out, "overview.html"))
	if err != nil || !strings.Contains(string(page), `href="jianke/report.html"`) || !strings.Contains(string(page), "Sensors Analytics") {
		t.Errorf("overview.html: %v\n%.300s", err, page)
	}
	other := filepath.Join(t.TempDir(), "o.html")
	if code, _, stderr := runBinary(t, bin, nil, "db", "report", "--db", db, "--out", other, "--lang", "zh"); code != 0 {
		t.Errorf("db report: exit %d %s", code, stderr)
	} else if page, _ := os.ReadFile(other); !strings.Contains(string(page), "神策分析") || strings.Contains(string(page), "report.html") {
		t.Errorf("db report elsewhere: links reports that are not beside it, or lacks the change:\n%.300s", page)
	}

	// audit --db records one audit; a rerun does not duplicate it.
	one := filepath.Join(t.TempDir(), "one.db")
	for i := 0; i < 2; i++ {
		if code, _, stderr := runBinary(t, bin, nil, "audit", exampleAPK, "--policy", examplePolicy, "--format", "json", "--db", one); code != 0 {
			t.Fatalf("audit --db: exit %d %s", code, stderr)
		}
	}
	if n := countRows(t, "sqlite", one, "audits"); n != 1 {
		t.Errorf("audit --db twice: %d audits", n)
	}

	// Databases that cannot be used: exit 2, one line naming the database.
	corrupt := filepath.Join(t.TempDir(), "corrupt.db")
	os.WriteFile(corrupt, []byte(strings.Repeat("garbage ", 1000)), 0o644)
	newer := filepath.Join(t.TempDir(), "newer.db")
	runBinary(t, bin, nil, "audit", exampleAPK, "--policy", examplePolicy, "--format", "json", "--db", newer)
	execSQL(t, "sqlite", newer, "INSERT INTO schema_version VALUES (999, '2030-01-01T00:00:00Z', '9.9')")
	for _, c := range []struct{ args []string }{
		{[]string{"db", "apps", "--db", corrupt}},
		{[]string{"db", "apps", "--db", filepath.Join(t.TempDir(), "missing.db")}},
		{[]string{"db", "apps", "--db", newer}},
		{[]string{"batch", v2, "--out", t.TempDir(), "--db", newer}},
		{[]string{"audit", exampleAPK, "--policy", examplePolicy, "--db", corrupt}},
		{[]string{"db", "apps", "--db", "postgres://privdiff:secret@127.0.0.1:1/privdiff?connect_timeout=5"}},
	} {
		code, stdout, stderr := runBinary(t, bin, nil, c.args...)
		db := c.args[len(c.args)-1]
		if strings.HasPrefix(db, "postgres") {
			db = "postgres://privdiff@127.0.0.1:1/privdiff"
		}
		if code != 2 || stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, db) || strings.Contains(stderr, "secret") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", c.args, code, stdout, stderr)
		}
	}
}

// TestDBTwoBatchesOneFile runs two batches at once on one SQLite store,
// then resumes one into a new store: both batches succeed (WAL and a busy
// timeout), and the resume records the finished apps without auditing
// them again.
func TestDBTwoBatchesOneFile(t *testing.T) {
	bin := buildBinary(t)
	in := batchInput(t, 3)
	db := filepath.Join(t.TempDir(), "shared.db")
	outs := []string{t.TempDir(), t.TempDir()}
	errs := make(chan string, 2)
	for _, out := range outs {
		go func() {
			code, _, stderr := runBinary(t, bin, nil, "batch", in, "--out", out, "--db", db, "--jobs", "2", "--format", "jsonl")
			if code != 0 {
				errs <- fmt.Sprintf("exit %d: %s", code, stderr)
				return
			}
			errs <- ""
		}()
	}
	for range outs {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
	// jianke-*, sdks-* and full-* are three APK + policy pairs.
	if n := checkStoreWhole(t, db); n != 3 {
		t.Errorf("%d audits in the shared store, want 3", n)
	}
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	code, _, stderr := runBinary(t, bin, nil, "batch", in, "--out", outs[0], "--db", fresh, "--format", "jsonl")
	if code != 0 || strings.Count(stderr, "(already done)") != 9 {
		t.Errorf("resume into a new store: exit %d, want every app already done:\n%s", code, stderr)
	}
	if n := checkStoreWhole(t, fresh); n != 3 {
		t.Errorf("%d audits recorded on resume, want 3", n)
	}
}

// TestDBPostgres points batch and db at PostgreSQL; skipped without a
// server (scripts/test.sh starts one).
func TestDBPostgres(t *testing.T) {
	dsn := os.Getenv("PRIVDIFF_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("PRIVDIFF_TEST_POSTGRES is not set: no PostgreSQL server to test against (scripts/test.sh starts one)")
	}
	bin := buildBinary(t)
	dsn = pgTestSchema(t, dsn)
	v1, v2 := twoVersions(t)
	// Two shards of the first input into the same database at once.
	errs := make(chan string, 2)
	for i := 1; i <= 2; i++ {
		go func() {
			code, _, stderr := runBinary(t, bin, nil, "batch", v1, "--out", t.TempDir(), "--db", dsn, "--shard", fmt.Sprintf("%d/2", i), "--format", "csv")
			if code != 0 {
				errs <- fmt.Sprintf("shard %d: exit %d %s", i, code, stderr)
				return
			}
			errs <- ""
		}()
	}
	for i := 0; i < 2; i++ {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
	runBinary(t, bin, nil, "batch", v2, "--out", t.TempDir(), "--db", dsn, "--format", "csv")
	code, stdout, stderr := runBinary(t, bin, nil, "db", "history", "com.example.jianke", "--db", dsn, "--format", "csv")
	if code != 0 || !strings.Contains(stdout, "Sensors Analytics") {
		t.Errorf("history on PostgreSQL: exit %d %s\n%s", code, stderr, stdout)
	}
	if n := countRows(t, "pgx", dsn, "audits"); n != 4 {
		t.Errorf("%d audits, want 4", n)
	}
	wrong := strings.Replace(dsn, "privdiff:privdiff@", "privdiff:wrong@", 1)
	code, _, stderr = runBinary(t, bin, nil, "db", "apps", "--db", wrong)
	if code != 2 || strings.Count(stderr, "\n") != 1 || strings.Contains(stderr, ":wrong@") || !strings.Contains(stderr, "postgres://privdiff@") {
		t.Errorf("wrong password: exit %d %q", code, stderr)
	}
}

// pgTestSchema gives a test its own schema on the test server.
func pgTestSchema(t *testing.T, dsn string) string {
	t.Helper()
	name := fmt.Sprintf("cmd%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	execSQL(t, "pgx", dsn, "CREATE SCHEMA "+name)
	t.Cleanup(func() { execSQL(t, "pgx", dsn, "DROP SCHEMA "+name+" CASCADE") })
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "search_path=" + name
}

func execSQL(t *testing.T, driver, dsn, q string) {
	t.Helper()
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func countRows(t *testing.T, driver, dsn, table string) int {
	t.Helper()
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestDBSurvivesKills kills a batch that writes to the store with SIGKILL
// at random moments, several times, then lets a run finish: every APK +
// policy has exactly one audit, whole (its findings match its counts), and
// no row belongs to no audit.
func TestDBSurvivesKills(t *testing.T) {
	bin := buildBinary(t)
	in := batchInput(t, 8)
	// Distinct policies, so that every app is its own store key.
	policies, _ := filepath.Glob(filepath.Join(in, "*.txt"))
	for i, p := range policies {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		os.Remove(p)
		os.WriteFile(p, append(b, fmt.Sprintf("\n%d\n", i)...), 0o644)
	}
	out := t.TempDir()
	db := filepath.Join(out, "privdiff.db")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 16))
	for kill := 0; kill < 4; kill++ {
		cmd := exec.Command(bin, "batch", in, "--out", out, "--jobs", "2", "--format", "jsonl")
		stderr, _ := cmd.StderrPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait for one app, then a random moment more.
		sc := bufio.NewScanner(stderr)
		for sc.Scan() && !strings.HasPrefix(sc.Text(), "[") {
		}
		time.Sleep(time.Duration(rng.IntN(700)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		t.Logf("kill %d: %d audits in the store", kill+1, checkStoreWhole(t, db))
	}
	code, _, stderr := runBinary(t, bin, nil, "batch", in, "--out", out, "--jobs", "2", "--format", "jsonl")
	if code != 0 && code != 2 {
		t.Fatalf("last run: exit %d %s", code, stderr)
	}
	audits := checkStoreWhole(t, db)
	audited := 0
	for _, r := range readSummary(t, out) {
		if r.Status == "ok" || r.Status == "no policy" {
			audited++
		}
		// Killing the batch is not the fault of the apps in flight.
		if strings.Contains(r.Status, "died") {
			t.Errorf("%s: %q after kills of the batch itself", r.Name, r.Status)
		}
	}
	if died, _ := filepath.Glob(filepath.Join(out, "*", "died.json")); len(died) != 0 {
		t.Errorf("kills of the batch marked apps as killers: %v", died)
	}
	if want := 3 * 8; audited != want { // corrupt.apk and badpolicy are not audited
		t.Errorf("%d apps audited after the kills, want %d", audited, want)
	}
	// full-* are one APK without policy: one key for all of them.
	if want := audited - 8 + 1; audits != want {
		t.Errorf("%d audits, want %d (one per APK + policy)", audits, want)
	}
}

// checkStoreWhole checks that every audit in the SQLite store is whole and
// returns how many there are.
func checkStoreWhole(t *testing.T, db string) int {
	t.Helper()
	n, problem, err := storeProblems(db)
	if err != nil {
		t.Fatal(err)
	}
	if problem != "" {
		t.Error(problem)
	}
	return n
}

// storeProblems counts the audits of a SQLite store and says what is not
// whole in it: duplicated keys, rows of no audit, audits whose findings do
// not match their counts.
func storeProblems(db string) (int, string, error) {
	if _, err := os.Stat(db); err != nil {
		return 0, "", nil
	}
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		return 0, "", err
	}
	defer conn.Close()
	var ok string
	if err := conn.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		return 0, "", fmt.Errorf("integrity_check: %q %v", ok, err)
	}
	var n, dup, orphans, mismatched int
	conn.QueryRow("SELECT COUNT(*) FROM audits").Scan(&n)
	conn.QueryRow(`SELECT COUNT(*) FROM (SELECT apk_sha256, policy_sha256 FROM audits
		GROUP BY apk_sha256, policy_sha256 HAVING COUNT(*) > 1)`).Scan(&dup)
	conn.QueryRow(`SELECT (SELECT COUNT(*) FROM findings WHERE audit_id NOT IN (SELECT id FROM audits))
		+ (SELECT COUNT(*) FROM audit_sdks WHERE audit_id NOT IN (SELECT id FROM audits))
		+ (SELECT COUNT(*) FROM audit_permissions WHERE audit_id NOT IN (SELECT id FROM audits))`).Scan(&orphans)
	conn.QueryRow(`SELECT COUNT(*) FROM audits a WHERE a.high + a.medium + a.low + a.info
		!= (SELECT COUNT(*) FROM findings f WHERE f.audit_id = a.id)
		OR a.high != (SELECT COUNT(*) FROM findings f WHERE f.audit_id = a.id AND f.severity = 'high')`).Scan(&mismatched)
	if dup != 0 || orphans != 0 || mismatched != 0 {
		return n, fmt.Sprintf("store after a kill: %d duplicated keys, %d orphan rows, %d audits whose findings do not match their counts", dup, orphans, mismatched), nil
	}
	return n, "", nil
}

// TestStoreProblemsCatches: the kill test's checker sees a half audit
// (an audit row without its findings) and a duplicated key.
func TestStoreProblemsCatches(t *testing.T) {
	bin := buildBinary(t)
	for _, breakIt := range []string{
		"DELETE FROM findings WHERE seq = 0",
		`INSERT INTO audits (version_id, policy_id, apk_sha256, policy_sha256, privdiff_version, catalog_version,
			audited_at, name, lang, high, medium, low, info, document)
			SELECT version_id, policy_id, apk_sha256, policy_sha256, 'other', catalog_version, audited_at, name, lang, 0, 0, 0, 0, document FROM audits`,
	} {
		db := filepath.Join(t.TempDir(), "p.db")
		if code, _, stderr := runBinary(t, bin, nil, "audit", exampleAPK, "--policy", examplePolicy, "--format", "json", "--db", db); code != 0 {
			t.Fatalf("audit --db: %d %s", code, stderr)
		}
		if _, problem, err := storeProblems(db); problem != "" || err != nil {
			t.Fatalf("a whole store: %s %v", problem, err)
		}
		execSQL(t, "sqlite", db, breakIt)
		if _, problem, _ := storeProblems(db); problem == "" {
			t.Errorf("storeProblems passed a store broken by %.40s…", breakIt)
		}
	}
}
