package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"privdiff/apk"
	"privdiff/declared"
	"privdiff/diff"
	"privdiff/input"
	"privdiff/reports"
	"privdiff/store"
)

func init() { subcommands = append(subcommands, newAuditCmd) }

// auditFormats are the --format values of audit, each a reports function.
var auditFormats = map[string]func(io.Writer, *diff.Audit) error{
	"table":    reports.AuditTable,
	"json":     reports.AuditJSON,
	"markdown": reports.AuditMarkdown,
	"html":     reports.AuditHTML,
	"sarif":    reports.AuditSARIF,
}

func newAuditCmd() *cobra.Command {
	var format, output, policy, failOn, lang, baseline, db string
	var dated bool
	var minSeverity, configPath string
	var disable []string
	cmd := &cobra.Command{
		Use:   "audit APK --policy FILE|URL",
		Short: "Compare an APK with its privacy policy and report every gap",
		Long: `audit scans the APK (or split set), reads its privacy policy (a file or an
http(s) URL) and reports every gap between them as findings:

  sdk-undeclared          an SDK in the APK that the policy does not name      high
  sdk-unobserved          an SDK the policy names for Android, not in the APK  info
  permission-unjustified  a dangerous (high) or special (medium) permission
                          the policy never explains
  permission-unrequested  a permission the policy explains, not requested      info
  data-undeclared         code collects a data type the policy does not
                          disclose (for the SDK that calls it or the app)      high

Each finding carries the APK evidence and, where the policy says something
related, its line. Exit codes: 0 done, no finding at or above --fail-on;
1 at least one is; 2 the APK or the policy could not be read.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := chooseFormat(format, output, "table", "json", "sarif", "markdown", "html")
			if err != nil {
				return err
			}
			render := auditFormats[format]
			conf, err := loadConfig(configPath)
			if err != nil {
				return err
			}
			// The project's settings apply where no flag says otherwise.
			if !cmd.Flags().Changed("fail-on") && conf.FailOn != "" {
				failOn = conf.FailOn
			}
			if minSeverity == "" {
				minSeverity = conf.MinSeverity
			}
			if lang == "" {
				lang = conf.Lang
			}
			for _, r := range disable {
				if !knownRule(r) {
					return usageError("--disable: unknown rule %q (want %s)", r, ruleIDs())
				}
			}
			rules := reportSettings{disable: append(disable, conf.Disable...), severity: conf.Severity}
			// listed leaves findings below --min-severity out of every format
			// but the table, which counts them instead.
			var listed reportSettings
			reports.TableMinSeverity = ""
			switch {
			case minSeverity != "":
				lvl, err := parseMinSeverity(minSeverity)
				if err != nil {
					return err
				}
				reports.TableMinSeverity = lvl
				if format != "table" {
					listed.min = lvl
				}
			case format == "table" && reports.Columns > 0:
				// On a terminal, info notes are folded into a count.
				reports.TableMinSeverity = diff.Low
			}
			if policy == "" {
				return usageError("audit needs --policy FILE|URL: the app's privacy policy")
			}
			level, err := parseFailOn(failOn)
			if err != nil {
				return err
			}
			if err := settleLang(&lang); err != nil {
				return err
			}
			// The store is opened before the audit: a database that cannot
			// be used fails fast, before minutes of scanning.
			var st *store.Store
			if db != "" {
				if st, err = openStore(cmd.Context(), db, true); err != nil {
					return err
				}
				defer st.Close()
			}
			var accepted []diff.Finding
			if baseline != "" {
				if accepted, err = readBaseline(baseline); err != nil {
					return err
				}
			}

			// The APK and the policy are read at the same time: a URL's
			// round trip costs nothing beside the scan, and a file is read
			// with the scan's own side work, so that the APK's dex file
			// keeps its core.
			var (
				obs             *apk.Observed
				pol             *declared.Policy
				scanErr, polErr error
				polRead         bool
			)
			readPolicy := func() {
				pol, polErr = declared.Read(cmd.Context(), policy)
				polRead = true
			}
			var opts apk.Options
			var fetching sync.WaitGroup
			if declared.IsURL(policy) {
				fetching.Go(readPolicy)
			} else {
				opts.Beside = readPolicy
			}
			obs, scanErr = apk.ScanFile(args[0], opts)
			fetching.Wait()
			if !polRead {
				readPolicy() // the scan failed before its side work
			}
			if scanErr != nil || polErr != nil {
				var msgs []string
				for _, err := range []error{scanErr, polErr} {
					if err != nil {
						msgs = append(msgs, err.Error())
					}
				}
				return &exitError{code: 2, msg: strings.Join(msgs, "\nprivdiff: ")}
			}

			a := diff.Run(obs, pol, lang)
			rules.apply(a)
			if a.AnalysedAt, err = analysisTime(dated || format == "table"); err != nil {
				return err
			}
			if st != nil {
				// Recorded whole, before --baseline leaves findings out.
				if err := recordOne(cmd.Context(), st, args[0], policy, a); err != nil {
					return err
				}
			}
			if len(accepted) > 0 {
				var left int
				a.Findings, left = diff.Suppress(a.Findings, accepted)
				a.Summary = diff.Summarize(a.Findings)
				if left > 0 {
					a.Warnings = append(a.Warnings, baselineNote(lang, left, baseline))
				}
			}
			judged := listed.apply(a)
			if err := withOutput(cmd.OutOrStdout(), output, func(w io.Writer) error { return render(w, a) }); err != nil {
				return err
			}
			if diff.AtOrAbove(judged, level) {
				return &exitError{code: 1}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&policy, "policy", "", "the app's privacy policy: a .txt, .md, .html or .pdf file, or an http(s) URL")
	cmd.Flags().StringVar(&format, "format", "", "output format: table, json, sarif, markdown or html (default: from the --output file's extension — .html, .md, .sarif, .json, .txt —, else table on a terminal, json otherwise)")
	cmd.Flags().StringVar(&minSeverity, "min-severity", "", "list only findings at or above this level: the table counts the others, every other format leaves them out with a note (default: low for the table on a terminal, so info notes are counted; info elsewhere)")
	cmd.Flags().StringSliceVar(&disable, "disable", nil, "leave out the findings of this rule (repeat or comma-separate; also `disable:` in .privdiff.yaml)")
	cmd.Flags().StringVar(&configPath, "config", "", "project settings (disable, severity, fail-on, min-severity, lang) (default: .privdiff.yaml in the current directory, if there)")
	cmd.Flags().BoolVar(&dated, "dated", false, "show the date of analysis in every format (the table always has it; SOURCE_DATE_EPOCH sets it)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write the report to this file instead of stdout")
	cmd.Flags().StringVar(&failOn, "fail-on", "none", "exit 1 when a finding is at or above this severity: none, info, low, medium or high")
	cmd.Flags().StringVar(&lang, "lang", "", "language of the report: zh or en (default: from LANG)")
	cmd.Flags().StringVar(&db, "db", "", "also record the audit in this results store: a SQLite file or a postgres:// URL")
	cmd.Flags().StringVar(&baseline, "baseline", "", "an accepted earlier audit (JSON): its findings are left out, so only new gaps count")
	return cmd
}

// parseFailOn reads --fail-on; "none" is a level no finding reaches.
func parseFailOn(s string) (diff.Severity, error) {
	if s == "none" {
		return diff.Severity("none"), nil
	}
	for _, l := range diff.Severities {
		if string(l) == s {
			return l, nil
		}
	}
	return "", usageError("unknown --fail-on %q (want none, info, low, medium or high)", s)
}

// langFromEnv picks the report language from the locale: Chinese for a
// zh_* locale, English otherwise.
func langFromEnv() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := os.Getenv(v); l != "" {
			if strings.HasPrefix(strings.ToLower(l), "zh") {
				return "zh"
			}
			return "en"
		}
	}
	return "en"
}

// maxBaselineBytes bounds a --baseline document: an audit's JSON is tens
// of kilobytes, so this is far past any real one.
const maxBaselineBytes = 256 << 20

// readBaseline reads the findings of an earlier privdiff/audit/v1 document.
func readBaseline(path string) ([]diff.Finding, error) {
	data, err := input.ReadFile(path, maxBaselineBytes)
	if err != nil {
		return nil, &exitError{code: 2, msg: fmt.Sprintf("--baseline: %s: %v", path, err)}
	}
	var doc struct {
		Schema   string         `json:"schema"`
		Findings []diff.Finding `json:"findings"`
	}
	if err := json.Unmarshal(data, &doc); err != nil || doc.Schema != reports.AuditSchema {
		return nil, &exitError{code: 2, msg: fmt.Sprintf("--baseline: %s: not a %s document (write one with privdiff audit --format json)", path, reports.AuditSchema)}
	}
	return doc.Findings, nil
}

func baselineNote(lang string, n int, path string) string {
	if lang == "zh" {
		return fmt.Sprintf("已按基线 %s 略去 %d 项此前已接受的问题", path, n)
	}
	return fmt.Sprintf("%d findings already accepted in the baseline %s are left out", n, path)
}
