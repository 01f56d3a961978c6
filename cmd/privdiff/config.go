package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"privdiff/diff"
)

// configFile is the project settings a CI repository keeps beside its
// code; command-line flags win over it.
const configFile = ".privdiff.yaml"

// projectConfig is .privdiff.yaml:
//
//	disable: [sdk-unobserved]             # rules not reported
//	severity: {permission-unrequested: low}  # a rule's severity changed
//	fail-on: high
//	min-severity: low
//	lang: zh
type projectConfig struct {
	Disable     []string          `yaml:"disable"`
	Severity    map[string]string `yaml:"severity"`
	FailOn      string            `yaml:"fail-on"`
	MinSeverity string            `yaml:"min-severity"`
	Lang        string            `yaml:"lang"`
}

// loadConfig reads path, or .privdiff.yaml in the current directory when
// path is ""; a missing default file is no configuration.
func loadConfig(path string) (*projectConfig, error) {
	explicit := path != ""
	if !explicit {
		path = configFile
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		return &projectConfig{}, nil
	}
	if err != nil {
		return nil, usageError("--config: %v", err)
	}
	var c projectConfig
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	// An empty file (io.EOF) configures nothing.
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return nil, usageError("%s: %v", path, err)
	}
	for _, r := range c.Disable {
		if !knownRule(r) {
			return nil, usageError("%s: disable: unknown rule %q (want %s)", path, r, ruleIDs())
		}
	}
	for r, s := range c.Severity {
		if !knownRule(r) {
			return nil, usageError("%s: severity: unknown rule %q (want %s)", path, r, ruleIDs())
		}
		if lvl, err := parseFailOn(s); err != nil || lvl == "none" {
			return nil, usageError("%s: severity of %s: unknown level %q (want info, low, medium or high)", path, r, s)
		}
	}
	return &c, nil
}

func knownRule(id string) bool {
	for _, r := range diff.Rules {
		if r.ID == id {
			return true
		}
	}
	return false
}

func ruleIDs() string {
	var ids []string
	for _, r := range diff.Rules {
		ids = append(ids, r.ID)
	}
	return strings.Join(ids, ", ")
}

// applyRules leaves out the findings of disabled rules and gives the
// others the severity the configuration sets for their rule.
func applyRules(findings []diff.Finding, disable []string, severity map[string]string) []diff.Finding {
	off := map[string]bool{}
	for _, r := range disable {
		off[r] = true
	}
	kept := findings[:0:0]
	for _, f := range findings {
		if off[f.Rule] {
			continue
		}
		if s, ok := severity[f.Rule]; ok {
			f.Severity = diff.Severity(s)
		}
		kept = append(kept, f)
	}
	return kept
}

// reportSettings are what a project's .privdiff.yaml or the flags change in
// what a report lists: rules left out, severities changed, and the level
// below which findings are left out (min).
type reportSettings struct {
	disable  []string
	severity map[string]string
	min      diff.Severity
}

func (s reportSettings) empty() bool {
	return len(s.disable) == 0 && len(s.severity) == 0 && s.min == ""
}

// key is the settings as text, part of a batch result's key: a rerun with
// other settings redoes the apps instead of keeping reports made otherwise.
func (s reportSettings) key() string {
	disable := slices.Sorted(slices.Values(s.disable))
	var severity []string
	for r, l := range s.severity {
		severity = append(severity, r+"="+l)
	}
	slices.Sort(severity)
	return fmt.Sprintf("disable=%s severity=%s min=%s", strings.Join(disable, ","), strings.Join(severity, ","), s.min)
}

// apply changes a's findings by the settings and returns the ones --fail-on
// judges: every finding not disabled, with its set severity, before min
// leaves the lower ones out of the report (a CI gate does not pass because
// a report lists less). A note says how many min left out; applying twice
// changes nothing more.
func (s reportSettings) apply(a *diff.Audit) []diff.Finding {
	if s.empty() {
		return a.Findings
	}
	a.Findings = applyRules(a.Findings, s.disable, s.severity)
	judged := a.Findings
	if s.min != "" {
		kept := a.Findings[:0:0]
		for _, f := range a.Findings {
			if f.Severity.Rank() >= s.min.Rank() {
				kept = append(kept, f)
			}
		}
		if left := len(a.Findings) - len(kept); left > 0 {
			a.Findings = kept
			if note := minSeverityNote(a.Lang, left, s.min); !slices.Contains(a.Warnings, note) {
				a.Warnings = append(a.Warnings, note)
			}
		}
	}
	a.Summary = diff.Summarize(a.Findings)
	return judged
}

func minSeverityNote(lang string, n int, min diff.Severity) string {
	if lang == "zh" {
		return fmt.Sprintf("按 --min-severity %s 略去 %d 项较低级别的问题", min, n)
	}
	return fmt.Sprintf("%d findings below %s are left out (--min-severity %s)", n, min, min)
}

// parseMinSeverity reads a --min-severity or min-severity: level.
func parseMinSeverity(s string) (diff.Severity, error) {
	lvl, err := parseFailOn(s)
	if err != nil || lvl == "none" {
		return "", usageError("unknown --min-severity %q (want info, low, medium or high)", s)
	}
	return lvl, nil
}
