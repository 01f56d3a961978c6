package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"privdiff/batch"
	"privdiff/diff"
)

func init() { subcommands = append(subcommands, newBatchCmd) }

func newBatchCmd() *cobra.Command {
	var (
		jobs                             int
		out, format, lang, failOn, shard string
		db, configPath, minSeverity      string
		disable                          []string
		force, retryKilled, isolate      bool
		timeout                          time.Duration
		appMemory                        string
	)
	cmd := &cobra.Command{
		Use:   "batch DIR|LIST.csv",
		Short: "Audit many apps in one run, on every core; stop and resume at will",
		Long: `batch audits every app of a directory or a CSV list and writes, for each app,
OUT/<name>/audit.json, report.html and report.md, plus OUT/summary.csv and
OUT/summary.jsonl with one row per app (package, version, sha256, findings per
severity, undeclared SDKs, unjustified permissions, status). Every audit is
also recorded in the results store OUT/privdiff.db (SQLite), or in --db FILE or
--db postgres://… (a database shared by shards on several machines); ask it
with 'privdiff db'.

In a directory, each .apk/.apks/.xapk is paired with the policy beside it:
NAME.txt, NAME.html, NAME.htm, NAME.md, NAME.pdf or NAME.policy.<ext>. An app without a
policy is still scanned and reported as "no policy". A list has the columns
apk,policy[,name]; policy may be an http(s) URL or empty.

Each app's result is written atomically; a rerun skips the apps whose result
exists for the same inputs (sha256) and privdiff version, so a killed run
loses at most the apps in flight (--force redoes all). One bad app becomes an
error row and the run goes on; a --timeout bounds each app. Audits run in child
processes, their address space capped by --app-memory: an app that exhausts it
or crashes ends only its own audit, and reruns skip it with an error row until
--retry-killed (or --force).

--shard I/N audits the I-th of N deterministic slices (for a Kubernetes Indexed
Job, a Slurm array or GNU parallel); 'privdiff batch merge DIR...' joins the
shards' summaries. Exit codes: 2 if no app could be audited, else as
--fail-on says over all apps.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format == "" {
				format = summaryFormat()
			}
			if err := checkFormat(format, "table", "csv", "jsonl"); err != nil {
				return err
			}
			settings, err := batchSettings(cmd, configPath, &failOn, &lang, &minSeverity, disable)
			if err != nil {
				return err
			}
			level, err := parseFailOn(failOn)
			if err != nil {
				return err
			}
			if err := settleLang(&lang); err != nil {
				return err
			}
			if jobs < 1 {
				return usageError("--jobs must be at least 1")
			}
			limitMemory(jobs)
			all, err := batch.Inputs(args[0])
			if err != nil {
				return &exitError{code: 2, msg: err.Error()}
			}
			selected := all
			if shard != "" {
				s, err := batch.ParseShard(shard)
				if err != nil {
					return usageError("%v", err)
				}
				selected = s.Select(all)
			}
			if out == "" {
				out = "privdiff-batch"
			}
			if err := os.MkdirAll(out, 0o755); err != nil {
				return &exitError{code: 2, msg: fmt.Sprintf("--out: %v", err)}
			}

			if db == "" {
				db = filepath.Join(out, "privdiff.db")
			}
			st, err := openStore(cmd.Context(), db, true)
			if err != nil {
				return err
			}
			defer st.Close()

			var iso *batch.Isolation
			if isolate {
				if iso, err = isolation(appMemory, jobs); err != nil {
					return err
				}
			}

			start := time.Now()
			progress := newProgress(cmd.ErrOrStderr(), len(selected), lang)
			key := version
			if !settings.empty() {
				// Reports made with other settings are not reused.
				key += " " + settings.key()
			}
			rows := batch.Run(cmd.Context(), selected, batch.Options{
				Jobs: jobs, Out: out, Lang: lang, Force: force, Timeout: timeout, Version: key,
				Done: progress, Store: recorder{st}, Isolate: iso, RetryKilled: retryKilled,
			})
			rows, judged, err := applyToBatch(out, rows, settings)
			if err != nil {
				return &exitError{code: 2, msg: err.Error()}
			}
			if err := batch.WriteSummaries(out, rows, lang); err != nil {
				return &exitError{code: 2, msg: err.Error()}
			}
			if err := writeOverview(cmd.Context(), st, lang, filepath.Join(out, "overview.html")); err != nil {
				return err
			}
			audited, failed := 0, 0
			for _, r := range rows {
				if !r.Audited() {
					failed++
					continue
				}
				audited++
			}
			fmt.Fprintln(cmd.ErrOrStderr(), translate(fmt.Sprintf("privdiff batch: %d apps, %d audited, %d errors in %s; results in %s",
				len(rows), audited, failed, time.Since(start).Round(time.Millisecond), out), lang))
			if err := withOutput(cmd.OutOrStdout(), "", func(w io.Writer) error { return writeRows(w, rows, format, lang) }); err != nil {
				return err
			}
			if audited == 0 && len(rows) > 0 {
				return &exitError{code: 2, msg: "no app could be audited (see the status column)"}
			}
			if diff.AtOrAbove(judged, level) {
				return &exitError{code: 1}
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&jobs, "jobs", runtime.NumCPU(), "apps audited at the same time")
	cmd.Flags().StringVar(&out, "out", "", "output directory (default ./privdiff-batch)")
	cmd.Flags().StringVar(&format, "format", "", "summary on stdout: table, csv or jsonl (default: table on a terminal, jsonl otherwise)")
	cmd.Flags().StringVar(&lang, "lang", "", "language of the reports and the summary's headers: zh or en (default: from LANG)")
	cmd.Flags().StringVar(&failOn, "fail-on", "none", "exit 1 when any app has a finding at or above this severity: none, info, low, medium or high")
	cmd.Flags().StringVar(&shard, "shard", "", "audit only the I-th of N slices of the input, e.g. 2/8")
	cmd.Flags().BoolVar(&force, "force", false, "redo apps whose result already exists")
	cmd.Flags().StringVar(&db, "db", "", "record every audit in this results store: a SQLite file or a postgres:// URL (default: OUT/privdiff.db)")
	cmd.Flags().DurationVar(&timeout, "timeout", 5*time.Minute, "give up on one app after this long")
	cmd.Flags().StringVar(&configPath, "config", "", "project settings (disable, severity, fail-on, min-severity, lang) (default: .privdiff.yaml in the current directory, if there)")
	cmd.Flags().StringSliceVar(&disable, "disable", nil, "leave out the findings of this rule (repeat or comma-separate; also `disable:` in .privdiff.yaml)")
	cmd.Flags().StringVar(&minSeverity, "min-severity", "", "each app's reports list only findings at or above this level, with a note of how many they leave out")
	cmd.Flags().BoolVar(&isolate, "isolate", true, "audit each app in its own process, so an app that exhausts memory or crashes ends only its own audit")
	cmd.Flags().StringVar(&appMemory, "app-memory", "auto", "address space each app's audit process may use, e.g. 4GiB (auto: the machine's or its container's memory shared by --jobs, at least 2GiB)")
	cmd.Flags().BoolVar(&retryKilled, "retry-killed", false, "audit again the apps whose audit died (out of memory, killed) in an earlier run; without it they get an error row")
	cmd.AddCommand(newBatchMergeCmd())
	return cmd
}

func newBatchMergeCmd() *cobra.Command {
	var format, lang, out string
	cmd := &cobra.Command{
		Use:   "merge DIR...",
		Short: "Join the summaries of several batch shards' output directories",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format == "" {
				format = summaryFormat()
			}
			if err := checkFormat(format, "table", "csv", "jsonl"); err != nil {
				return err
			}
			if err := settleLang(&lang); err != nil {
				return err
			}
			rows, err := batch.Merge(args)
			if err != nil {
				return &exitError{code: 2, msg: err.Error()}
			}
			if out != "" {
				if err := os.MkdirAll(out, 0o755); err != nil {
					return &exitError{code: 2, msg: fmt.Sprintf("--out: %v", err)}
				}
				if err := batch.WriteSummaries(out, rows, lang); err != nil {
					return &exitError{code: 2, msg: err.Error()}
				}
			}
			return withOutput(cmd.OutOrStdout(), "", func(w io.Writer) error { return writeRows(w, rows, format, lang) })
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "table, csv or jsonl (default: table on a terminal, jsonl otherwise)")
	cmd.Flags().StringVar(&lang, "lang", "", "language of the headers: zh or en (default: from LANG)")
	cmd.Flags().StringVar(&out, "out", "", "also write summary.csv and summary.jsonl into this directory")
	return cmd
}

// severityMarks turns a row's counts into findings for --fail-on.
func severityMarks(r batch.Row) []diff.Finding {
	var out []diff.Finding
	for _, c := range []struct {
		n int
		s diff.Severity
	}{{r.High, diff.High}, {r.Medium, diff.Medium}, {r.Low, diff.Low}, {r.Info, diff.Info}} {
		if c.n > 0 {
			out = append(out, diff.Finding{Severity: c.s})
		}
	}
	return out
}

func writeRows(w io.Writer, rows []batch.Row, format, lang string) error {
	switch format {
	case "csv":
		return batch.WriteCSV(w, rows, lang)
	case "jsonl":
		return batch.WriteJSONL(w, rows)
	}
	return batch.WriteTable(w, rows, lang)
}

// newProgress reports each finished app: a bar on a terminal, one line per
// app otherwise (a CI log or a file).
func newProgress(stderr io.Writer, total int, lang string) func(batch.Row, bool) {
	if f, ok := stderr.(*os.File); ok && isTerminal(f) {
		bar := progressbar.NewOptions(total,
			progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription(translate("auditing", lang)),
			progressbar.OptionShowCount(),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
		)
		return func(batch.Row, bool) { bar.Add(1) }
	}
	done := 0
	return func(r batch.Row, resumed bool) {
		done++
		note := r.Status
		if resumed {
			note += " (already done)"
		}
		fmt.Fprintln(stderr, translate(fmt.Sprintf("[%s/%d] %s: %s", strconv.Itoa(done), total, filepath.Base(r.Name), note), lang))
	}
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// summaryFormat is the default --format of batch: a table on a terminal,
// one JSON object per app otherwise.
func summaryFormat() string {
	if defaultFormat() == "table" {
		return "table"
	}
	return "jsonl"
}
