package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

const pairsDir = "../../testdata/pairs"

// pairRow is one line of a pair's expected.tsv or tolerated.tsv:
// rule, subject, note.
type pairRow struct{ rule, subject string }

func readPairRows(t *testing.T, path string) []pairRow {
	t.Helper()
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []pairRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 2 || cols[0] == "rule" {
			continue
		}
		rows = append(rows, pairRow{cols[0], cols[1]})
	}
	return rows
}

type pairFinding struct {
	Rule       string `json:"rule"`
	Severity   string `json:"severity"`
	SDK        string `json:"sdk"`
	Permission string `json:"permission"`
	DataType   string `json:"dataType"`
	raw        string
}

var subjectPackage = regexp.MustCompile(`\(([\w.]+)\)`)

// matches says whether finding f reports the expected row: the same rule
// and subject. An SDK row names the SDK's package in parentheses, found
// anywhere in the finding; a permission row is the constant; a data row is
// the data type, optionally @ the id of the SDK whose code collects it.
func (r pairRow) matches(f pairFinding) bool {
	if f.Rule != r.rule {
		return false
	}
	key := r.subject
	if m := subjectPackage.FindStringSubmatch(r.subject); m != nil {
		key = m[1]
	}
	switch {
	case strings.HasPrefix(r.rule, "permission"):
		return f.Permission == key
	case r.rule == "data-undeclared":
		dt, sdk, _ := strings.Cut(r.subject, "@")
		return f.DataType == dt && (sdk == "" || f.SDK == sdk)
	default:
		return strings.Contains(f.raw, key)
	}
}

// TestRealPairs audits each real APK against the policy its developers
// published (testdata/pairs, provenance in each pair.md) and compares the
// findings with what a careful auditor reports: every expected finding must
// be there, and no high or medium finding outside expected.tsv and
// tolerated.tsv: each one would be struck out of a regulator's notice.
func TestRealPairs(t *testing.T) {
	bin := buildBinary(t)
	dirs, _ := filepath.Glob(filepath.Join(pairsDir, "*", "expected.tsv"))
	if len(dirs) == 0 {
		t.Fatal("no pairs under " + pairsDir)
	}
	for _, exp := range dirs {
		dir := filepath.Dir(exp)
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			policies, _ := filepath.Glob(filepath.Join(dir, "policy.*"))
			if len(policies) != 1 {
				t.Fatalf("want one policy.* in %s, have %v", dir, policies)
			}
			code, out, errOut := runBinary(t, bin, nil, "audit", filepath.Join(dir, "app.apk"), "--policy", policies[0], "--format", "json")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var doc struct {
				Findings []json.RawMessage `json:"findings"`
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			findings := make([]pairFinding, len(doc.Findings))
			for i, raw := range doc.Findings {
				if err := json.Unmarshal(raw, &findings[i]); err != nil {
					t.Fatal(err)
				}
				findings[i].raw = string(raw)
			}
			used := make([]bool, len(findings))
			claim := func(r pairRow) bool {
				for i, f := range findings {
					if !used[i] && r.matches(f) {
						used[i] = true
						return true
					}
				}
				return false
			}
			for _, r := range readPairRows(t, exp) {
				if !claim(r) {
					t.Errorf("missed %s %s", r.rule, r.subject)
				}
			}
			for _, r := range readPairRows(t, filepath.Join(dir, "tolerated.tsv")) {
				for claim(r) {
				}
			}
			var unexpected []string
			for i, f := range findings {
				if !used[i] && (f.Severity == "high" || f.Severity == "medium") {
					unexpected = append(unexpected, f.Rule+" "+f.SDK+f.Permission+f.DataType)
				}
			}
			sort.Strings(unexpected)
			if len(unexpected) > 0 {
				t.Errorf("%d high/medium findings an auditor would strike out:\n  %s", len(unexpected), strings.Join(unexpected, "\n  "))
			}
		})
	}
}
