// Package batch audits many apps in one run: it pairs each APK with its
// policy, runs the audits on a pool of workers, writes each app's reports
// atomically so that an interrupted run can resume, and summarises the
// results as one row per app.
package batch

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"privdiff/declared"
	"privdiff/input"
)

// Job is one app to audit.
type Job struct {
	// Name identifies the app in the output directory and the summary: the
	// APK's base name, or the list's name column.
	Name string `json:"name"`
	APK  string `json:"apk"`
	// Policy is a file or URL; empty when the app has none.
	Policy string `json:"policy"`
}

// apkExtensions are the files batch treats as apps.
var apkExtensions = []string{".apk", ".apks", ".xapk"}

// policyExtensions are tried, in order, beside an APK: app.txt, app.html,
// app.htm, app.md, app.pdf, then app.policy.<ext>.
var policyExtensions = []string{".txt", ".html", ".htm", ".md", ".pdf"}

// Inputs reads the jobs of a directory or of a CSV list (apk,policy[,name]).
func Inputs(arg string) ([]Job, error) {
	st, err := os.Stat(arg)
	if err != nil {
		return nil, err
	}
	var jobs []Job
	if st.IsDir() {
		jobs, err = dirJobs(arg)
	} else {
		jobs, err = listJobs(arg)
	}
	if err != nil {
		return nil, err
	}
	if len(jobs) == 0 {
		return nil, fmt.Errorf("%s: no APK (.apk, .apks, .xapk) to audit", arg)
	}
	uniqueNames(jobs)
	sort.Slice(jobs, func(i, j int) bool { return jobs[i].Name < jobs[j].Name })
	return jobs, nil
}

func isAPK(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range apkExtensions {
		if ext == e {
			return true
		}
	}
	return false
}

// dirJobs pairs each APK of a directory with the policy beside it.
func dirJobs(dir string) ([]Job, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	files := map[string]bool{}
	for _, e := range entries {
		if !e.IsDir() {
			files[e.Name()] = true
		}
	}
	var jobs []Job
	for _, e := range entries {
		if e.IsDir() || !isAPK(e.Name()) {
			continue
		}
		base := strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))
		job := Job{Name: base, APK: filepath.Join(dir, e.Name())}
		for _, stem := range []string{base, base + ".policy"} {
			for _, ext := range policyExtensions {
				if job.Policy == "" && files[stem+ext] {
					job.Policy = filepath.Join(dir, stem+ext)
				}
			}
		}
		jobs = append(jobs, job)
	}
	return jobs, nil
}

// listJobs reads a CSV list: apk,policy[,name], with an optional header
// row. Relative paths are relative to the list's directory; policy may be
// a URL or empty.
func listJobs(path string) ([]Job, error) {
	f, _, err := input.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	dir := filepath.Dir(path)
	var jobs []Job
	for line := 1; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if len(rec) == 0 || (len(rec) == 1 && strings.TrimSpace(rec[0]) == "") || strings.HasPrefix(rec[0], "#") {
			continue
		}
		if line == 1 && strings.EqualFold(strings.TrimSpace(rec[0]), "apk") {
			continue
		}
		if len(rec) < 2 || len(rec) > 3 {
			return nil, fmt.Errorf("%s: line %d: want apk,policy[,name], got %d columns", path, line, len(rec))
		}
		job := Job{APK: local(dir, strings.TrimSpace(rec[0])), Policy: strings.TrimSpace(rec[1])}
		if job.Policy != "" && !declared.IsURL(job.Policy) {
			job.Policy = local(dir, job.Policy)
		}
		if len(rec) == 3 {
			job.Name = safeName(strings.TrimSpace(rec[2]))
		}
		if job.Name == "" {
			base := filepath.Base(job.APK)
			job.Name = strings.TrimSuffix(base, filepath.Ext(base))
		}
		jobs = append(jobs, job)
	}
	return jobs, nil
}

func local(dir, p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// safeName keeps a name usable as a directory name.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == 0 || r == ':' {
			return '_'
		}
		return r
	}, strings.Trim(s, ". "))
}

// outputFiles are what a run writes at the top of its output directory; no
// app's directory may take their names (an app called summary.csv.apk).
var outputFiles = []string{SummaryCSV, SummaryJSONL, "overview.html", "privdiff.db", "privdiff.db-wal", "privdiff.db-shm", "privdiff.db-journal"}

// uniqueNames gives each job its own output directory: a name already
// taken, by another app or by a file of the run, gets the first free
// suffix (app, app-2, app-3), so that a.apk, a-2.apk and a.apks stay
// three directories; an empty name (a file called .apk) becomes "app".
// Names are compared ignoring case, as on macOS and Windows file systems.
func uniqueNames(jobs []Job) {
	sort.SliceStable(jobs, func(i, j int) bool { return jobs[i].APK < jobs[j].APK })
	taken := map[string]bool{}
	for _, f := range outputFiles {
		taken[strings.ToLower(f)] = true
	}
	for i := range jobs {
		base := safeName(jobs[i].Name)
		if base == "" {
			base = "app"
		}
		n := base
		for k := 2; taken[strings.ToLower(n)]; k++ {
			n = fmt.Sprintf("%s-%d", base, k)
		}
		taken[strings.ToLower(n)] = true
		jobs[i].Name = n
	}
}
