package reports

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"privdiff/apk"
	"privdiff/declared"
	"privdiff/diff"
)

const sarifValidator = "../testdata/external/sarif-multitool/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

// exampleAudits are real audits: the bundled example against its policy,
// and against a policy with no SDK list (warnings, many findings).
func exampleAudits(t *testing.T, lang string) map[string]*diff.Audit {
	t.Helper()
	obs, err := apk.ScanFile("../testdata/examples/jianke/app.apk", apk.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*diff.Audit{}
	for name, policy := range map[string]string{
		"example":     "../testdata/examples/jianke/policy.txt",
		"no-sdk-list": "../testdata/seeds/004_9e46848d797970c8.txt",
	} {
		pol, err := declared.ReadFile(policy)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = diff.Run(obs, pol, lang)
	}
	return out
}

// TestSARIFValidates runs Microsoft's SARIF validator with GitHub's
// ingestion rules on real audits and requires no error and no warning.
// scripts/fetch-sarif-validator.sh installs it; CI must have it.
func TestSARIFValidates(t *testing.T) {
	if _, err := os.Stat(sarifValidator); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("SARIF validator missing (scripts/fetch-sarif-validator.sh): %v", err)
		}
		t.Skip("SARIF validator not installed: run scripts/fetch-sarif-validator.sh")
	}
	dir := t.TempDir()
	for _, lang := range []string{"zh", "en"} {
		for name, a := range exampleAudits(t, lang) {
			var b bytes.Buffer
			if err := AuditSARIF(&b, a); err != nil {
				t.Fatal(err)
			}
			in := filepath.Join(dir, name+"."+lang+".sarif")
			out := in + ".validation.sarif"
			os.WriteFile(in, b.Bytes(), 0o644)
			cmd := exec.Command(sarifValidator, "validate", in, "--rule-kind", "Gh;Sarif", "--output", out)
			cmd.Env = append(os.Environ(), "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1")
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s: validator: %v\n%s", in, err, msg)
			}
			var report struct {
				Runs []struct {
					Results []struct {
						RuleID  string          `json:"ruleId"`
						Level   string          `json:"level"`
						Message json.RawMessage `json:"message"`
					} `json:"results"`
				} `json:"runs"`
			}
			data, err := os.ReadFile(out)
			if err != nil || json.Unmarshal(data, &report) != nil || len(report.Runs) == 0 {
				t.Fatalf("%s: unreadable validation output: %v", out, err)
			}
			for _, r := range report.Runs[0].Results {
				// The validator leaves out level for warnings (the default).
				t.Errorf("%s/%s: %s %s %s", name, lang, r.Level, r.RuleID, r.Message)
			}
		}
	}
}

func TestSARIFShape(t *testing.T) {
	a := exampleAudits(t, "en")["example"]
	var b bytes.Buffer
	if err := AuditSARIF(&b, a); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }    `json:"artifactLocation"`
						Region           struct{ StartLine int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if log.Version != "2.1.0" || len(run.Tool.Driver.Rules) != len(diff.Rules) || len(run.Results) != len(a.Findings) {
		t.Fatalf("version %s, %d rules, %d results for %d findings", log.Version, len(run.Tool.Driver.Rules), len(run.Results), len(a.Findings))
	}
	for i, r := range run.Results {
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID || len(r.Locations) != 1 {
			t.Errorf("result %d: rule %s at index %d, %d locations", i, r.RuleID, r.RuleIndex, len(r.Locations))
		}
		f := a.Findings[i]
		loc := r.Locations[0].PhysicalLocation
		if f.Declared != nil && (loc.ArtifactLocation.URI != "../testdata/examples/jianke/policy.txt" || loc.Region.StartLine != f.Declared.Line) {
			t.Errorf("%s: located at %s:%d, want the policy line %d", f.Rule, loc.ArtifactLocation.URI, loc.Region.StartLine, f.Declared.Line)
		}
		if f.Declared == nil && loc.ArtifactLocation.URI != "../testdata/examples/jianke/app.apk" {
			t.Errorf("%s: located at %s, want the APK", f.Rule, loc.ArtifactLocation.URI)
		}
	}
}
