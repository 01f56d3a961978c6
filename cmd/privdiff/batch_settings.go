package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"privdiff/batch"
	"privdiff/diff"
	"privdiff/reports"
)

// applyToBatch gives every audited app of a batch run the project's report
// settings: its audit.json, report.html and report.md are rewritten from
// the audit with the settings applied, and its row counts what they list.
// It returns the findings --fail-on judges over all apps. The run itself
// (and the results store) keeps the whole audit; applying twice, as on a
// resumed run, changes nothing more.
func applyToBatch(out string, rows []batch.Row, s reportSettings) ([]batch.Row, []diff.Finding, error) {
	var judged []diff.Finding
	if s.empty() {
		// The reports stay as the run wrote them, byte for byte.
		for _, r := range rows {
			if r.Audited() {
				judged = append(judged, severityMarks(r)...)
			}
		}
		return rows, judged, nil
	}
	for i, r := range rows {
		if !r.Audited() {
			continue
		}
		dir := filepath.Join(out, r.Name)
		data, err := os.ReadFile(filepath.Join(dir, "audit.json"))
		if err != nil {
			return nil, nil, err
		}
		var a diff.Audit
		if err := json.Unmarshal(data, &a); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", filepath.Join(dir, "audit.json"), err)
		}
		if a.Observed != nil {
			a.Observed.App = a.App // the document says the app once, at the top
		}
		judged = append(judged, s.apply(&a)...)
		for _, f := range []struct {
			name   string
			render func(io.Writer, *diff.Audit) error
		}{
			{"audit.json", reports.AuditJSON}, {"report.html", reports.AuditHTML}, {"report.md", reports.AuditMarkdown},
		} {
			var b bytes.Buffer
			if err := f.render(&b, &a); err != nil {
				return nil, nil, fmt.Errorf("%s: %w", f.name, err)
			}
			if err := replaceFile(filepath.Join(dir, f.name), b.Bytes()); err != nil {
				return nil, nil, err
			}
		}
		rows[i] = batch.Revised(r, &a)
	}
	return rows, judged, nil
}

// replaceFile writes data beside path and renames it over path, so a
// reader never sees half a report.
func replaceFile(path string, data []byte) error {
	tmp := path + ".settings.tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// batchSettings settles batch's settings as audit does: flags first, then
// .privdiff.yaml (or --config) for what no flag says.
func batchSettings(cmd *cobra.Command, configPath string, failOn, lang, minSeverity *string, disable []string) (reportSettings, error) {
	conf, err := loadConfig(configPath)
	if err != nil {
		return reportSettings{}, err
	}
	if !cmd.Flags().Changed("fail-on") && conf.FailOn != "" {
		*failOn = conf.FailOn
	}
	if *lang == "" {
		*lang = conf.Lang
	}
	if *minSeverity == "" {
		*minSeverity = conf.MinSeverity
	}
	for _, r := range disable {
		if !knownRule(r) {
			return reportSettings{}, usageError("--disable: unknown rule %q (want %s)", r, ruleIDs())
		}
	}
	s := reportSettings{disable: append(disable, conf.Disable...), severity: conf.Severity}
	if *minSeverity != "" {
		if s.min, err = parseMinSeverity(*minSeverity); err != nil {
			return reportSettings{}, err
		}
	}
	return s, nil
}
