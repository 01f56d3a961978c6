package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
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
