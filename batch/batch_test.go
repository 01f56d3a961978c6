package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"privdiff/diff"
)

// fixtureDir lays out a batch input directory: real fixture APKs with and
// without policies, a corrupt APK and an unreadable policy.
func fixtureDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	link := func(src, name string) {
		abs, err := filepath.Abs(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(abs, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	link("../testdata/examples/jianke/app.apk", "jianke.apk")
	link("../testdata/examples/jianke/policy.txt", "jianke.txt")
	link("../testdata/apks/sdks.apk", "sdks.apk")
	link("../testdata/seeds/000_fcc99b2fa76f1609.txt", "sdks.policy.txt")
	link("../testdata/apks/minimal.apk", "minimal.apk") // no policy
	link("../testdata/apks/packed.apk", "packed.apk")
	link("../testdata/seeds/004_9e46848d797970c8.txt", "packed.md")
	os.WriteFile(filepath.Join(dir, "broken.apk"), []byte("PK\x03\x04 not really a zip"), 0o644)
	link("../testdata/apks/full.apk", "badpolicy.apk")
	os.WriteFile(filepath.Join(dir, "badpolicy.html"), []byte{0, 1, 2, 3, 0xff, 0xfe, 0, 0}, 0o644)
	link("../testdata/apks/sdks.apk", "shell.apk")
	link("../declared/testdata/notpolicy/vue-spa.html", "shell.html") // a page drawn by JavaScript
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not an app"), 0o644)
	return dir
}

func statuses(rows []Row) map[string]string {
	m := map[string]string{}
	for _, r := range rows {
		m[r.Name] = r.Status
	}
	return m
}

func TestInputsPairing(t *testing.T) {
	dir := fixtureDir(t)
	jobs, err := Inputs(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, j := range jobs {
		got[j.Name] = filepath.Base(j.Policy)
	}
	want := map[string]string{"badpolicy": "badpolicy.html", "broken": ".", "jianke": "jianke.txt",
		"minimal": ".", "packed": "packed.md", "sdks": "sdks.policy.txt", "shell": "shell.html"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("pairs %v, want %v", got, want)
	}

	list := filepath.Join(dir, "list.csv")
	os.WriteFile(list, []byte("apk,policy,name\njianke.apk,jianke.txt,兼客\nminimal.apk,,\nsdks.apk,https://example.com/p.html,sdks\n"), 0o644)
	jobs, err = Inputs(list)
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 3 || jobs[0].Name != "minimal" || jobs[1].Policy != "https://example.com/p.html" || jobs[2].Name != "兼客" {
		t.Errorf("list jobs %+v", jobs)
	}
	os.WriteFile(list, []byte("a.apk\n"), 0o644)
	if _, err := Inputs(list); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("one-column list: %v", err)
	}
}

// TestRunEndToEnd audits the directory, checks each app's row and files,
// then reruns and expects every result to be reused.
func TestRunEndToEnd(t *testing.T) {
	dir := fixtureDir(t)
	out := t.TempDir()
	jobs, err := Inputs(dir)
	if err != nil {
		t.Fatal(err)
	}
	rows := Run(context.Background(), jobs, Options{Jobs: 2, Out: out, Lang: "zh", Version: "test"})
	st := statuses(rows)
	for name, want := range map[string]string{"jianke": "ok", "sdks": "ok", "packed": "ok", "minimal": "no policy"} {
		if st[name] != want {
			t.Errorf("%s: status %q, want %q", name, st[name], want)
		}
	}
	if !strings.HasPrefix(st["broken"], "error: ") || !strings.Contains(st["broken"], "broken") {
		t.Errorf("broken: status %q, want an error naming the file", st["broken"])
	}
	// A policy that cannot be read is no audit: no findings, no reports,
	// but the row still says which app it is.
	for name, why := range map[string]string{"badpolicy": "badpolicy.html", "shell": "holds no policy text"} {
		if !strings.HasPrefix(st[name], StatusPolicyUnreadable+": ") || !strings.Contains(st[name], why) {
			t.Errorf("%s: status %q, want %q naming %q", name, st[name], StatusPolicyUnreadable, why)
		}
	}
	for _, r := range rows {
		if strings.HasPrefix(r.Status, StatusPolicyUnreadable) {
			if r.Audited() || r.Package == "" || len(r.SHA256) != 64 || r.High+r.Info != 0 || len(r.UndeclaredSDKs) != 0 {
				t.Errorf("%s: row %+v, want the app's identity and no findings", r.Name, r)
			}
			if _, err := os.Stat(filepath.Join(out, r.Name, "audit.json")); err == nil {
				t.Errorf("%s: an audit.json without a policy", r.Name)
			}
		}
		if r.Name == "jianke" {
			if !reflect.DeepEqual(r.UndeclaredSDKs, []string{"bugly", "getui"}) || !reflect.DeepEqual(r.UnjustifiedPermissions, []string{"android.permission.READ_CONTACTS"}) {
				t.Errorf("jianke row %+v", r)
			}
			if r.Package != "com.example.jianke" || len(r.SHA256) != 64 || r.High != 3 {
				t.Errorf("jianke row %+v", r)
			}
		}
		if r.Name == "packed" && r.Packed == "" {
			t.Error("packed app not marked")
		}
		if r.Audited() {
			for _, f := range []string{"audit.json", "report.html", "report.md", resultFile} {
				if _, err := os.Stat(filepath.Join(out, r.Name, f)); err != nil {
					t.Errorf("%s: %v", r.Name, err)
				}
			}
		}
	}
	var doc struct {
		Schema string `json:"schema"`
	}
	b, _ := os.ReadFile(filepath.Join(out, "jianke", "audit.json"))
	if json.Unmarshal(b, &doc) != nil || doc.Schema != "privdiff/audit/v1" {
		t.Errorf("audit.json: %.80s", b)
	}

	var resumed []string
	again := Run(context.Background(), jobs, Options{Jobs: 2, Out: out, Lang: "zh", Version: "test",
		Done: func(r Row, fromCache bool) {
			if fromCache {
				resumed = append(resumed, r.Name)
			}
		}})
	sort.Strings(resumed)
	if !reflect.DeepEqual(resumed, []string{"jianke", "minimal", "packed", "sdks"}) {
		t.Errorf("rerun reused %q", resumed)
	}
	if !reflect.DeepEqual(statuses(again), st) {
		t.Errorf("rerun statuses %v, first %v", statuses(again), st)
	}
	// A new version redoes everything.
	resumed = nil
	Run(context.Background(), jobs[:1], Options{Jobs: 1, Out: out, Lang: "zh", Version: "test2",
		Done: func(r Row, fromCache bool) {
			if fromCache {
				resumed = append(resumed, r.Name)
			}
		}})
	if len(resumed) != 0 {
		t.Errorf("a new version reused %q", resumed)
	}
}

func TestTimeout(t *testing.T) {
	dir := fixtureDir(t)
	jobs, _ := Inputs(dir)
	rows := Run(context.Background(), jobs[:1], Options{Jobs: 1, Out: t.TempDir(), Lang: "en", Timeout: time.Nanosecond})
	if !strings.Contains(rows[0].Status, "gave up after") {
		t.Errorf("status %q", rows[0].Status)
	}
}

func TestShardsPartition(t *testing.T) {
	var jobs []Job
	for i := 0; i < 200; i++ {
		jobs = append(jobs, Job{Name: "app" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('0'+i%10)) + string(rune('A'+i/26))})
	}
	seen := map[string]int{}
	for i := 1; i <= 3; i++ {
		s, err := ParseShard(string(rune('0'+i)) + "/3")
		if err != nil {
			t.Fatal(err)
		}
		part := s.Select(jobs)
		if len(part) < 40 {
			t.Errorf("shard %d/3 has only %d of 200", i, len(part))
		}
		for _, j := range part {
			seen[j.Name]++
		}
	}
	if len(seen) != len(jobs) {
		t.Errorf("union of shards has %d of %d jobs", len(seen), len(jobs))
	}
	for n, c := range seen {
		if c != 1 {
			t.Errorf("%s in %d shards", n, c)
		}
	}
	for _, bad := range []string{"0/3", "4/3", "1", "a/b", "1/0"} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q) accepted", bad)
		}
	}
}

func TestSummariesAndMerge(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	rowsA := []Row{{Name: "x", Status: StatusOK, Summary: diff.Summary{High: 1}}, {Name: "z", Status: "error: bad"}}
	rowsB := []Row{{Name: "y", Status: StatusNoPolicy}, {Name: "z", Status: StatusOK}}
	if err := WriteSummaries(a, rowsA, "zh"); err != nil {
		t.Fatal(err)
	}
	if err := WriteSummaries(b, rowsB, "zh"); err != nil {
		t.Fatal(err)
	}
	csv, _ := os.ReadFile(filepath.Join(a, SummaryCSV))
	if !strings.HasPrefix(string(csv), "\ufeff名称,包名,版本") {
		t.Errorf("Chinese CSV header: %.60q", csv)
	}
	merged, err := Merge([]string{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if got := statuses(merged); !reflect.DeepEqual(got, map[string]string{"x": "ok", "y": "no policy", "z": "ok"}) {
		t.Errorf("merged %v", got)
	}
	if _, err := Merge([]string{t.TempDir()}); err == nil {
		t.Error("merging a directory without a summary succeeded")
	}
}

// TestUniqueNamesHostile: names that used to share a directory, land in
// the output root or shadow the run's own files each get their own.
func TestUniqueNamesHostile(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.apk", "a-2.apk", "a.apks", ".apk", "summary.csv.apk", "A.xapk", "privdiff.db.apk"} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	jobs, err := Inputs(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, j := range jobs {
		got[filepath.Base(j.APK)] = j.Name
	}
	if len(jobs) != 7 {
		t.Fatalf("%d jobs: %v", len(jobs), got)
	}
	seen := map[string]bool{}
	for _, f := range outputFiles {
		seen[strings.ToLower(f)] = true
	}
	for apk, name := range got {
		if name == "" || seen[strings.ToLower(name)] {
			t.Errorf("%s: name %q is empty, taken or one of the run's files (all: %v)", apk, name, got)
		}
		seen[strings.ToLower(name)] = true
	}
	if got["a-2.apk"] != "a-2" || got[".apk"] != "app" {
		t.Errorf("names %v", got)
	}
}

// TestDigestSharedWithScan: the digest batch computes for the resume key
// is the one the scan reports (the scan does not hash the APK again), and
// it is the file's sha256.
func TestDigestSharedWithScan(t *testing.T) {
	dir := fixtureDir(t)
	job := Job{Name: "jianke", APK: filepath.Join(dir, "jianke.apk"), Policy: filepath.Join(dir, "jianke.txt")}
	in, err := hashInputs(context.Background(), job, Options{Version: "test", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(job.APK)
	if sum := sha256.Sum256(b); in.apk != hex.EncodeToString(sum[:]) {
		t.Errorf("apk digest %s, want the file's sha256", in.apk)
	}
	// A digest the scan could not have computed shows that it took it.
	given := strings.Repeat("ab", 32)
	row, err := audit(context.Background(), job, "en", 1, t.TempDir(), given)
	if err != nil {
		t.Fatal(err)
	}
	if row.SHA256 != given {
		t.Errorf("row sha256 %s: the scan hashed the APK again", row.SHA256)
	}
	// The key changes with each input and with the version.
	other, _ := hashInputs(context.Background(), Job{APK: job.APK}, Options{Version: "test", Lang: "en"})
	newer, _ := hashInputs(context.Background(), job, Options{Version: "test2", Lang: "en"})
	if other.key == in.key || newer.key == in.key || other.apk != in.apk || other.policy != "" {
		t.Errorf("keys %s %s %s", in.key, other.key, newer.key)
	}
}
