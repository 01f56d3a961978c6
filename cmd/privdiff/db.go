package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"privdiff/batch"
	"privdiff/catalog"
	"privdiff/diff"
	"privdiff/reports"
	"privdiff/store"
)

func init() { subcommands = append(subcommands, newDBCmd) }

// defaultDB is where db commands look without --db: $PRIVDIFF_DB, else
// the store batch writes by default.
func defaultDB() string {
	if v := os.Getenv("PRIVDIFF_DB"); v != "" {
		return v
	}
	return filepath.Join("privdiff-batch", "privdiff.db")
}

// openStore opens a results store; any failure is exit 2 with one line
// naming the database.
func openStore(ctx context.Context, target string, create bool) (*store.Store, error) {
	s, err := store.Open(ctx, target, store.Options{
		PrivdiffVersion: version, CatalogVersion: catalog.Version(), Create: create,
	})
	if err != nil {
		return nil, &exitError{code: 2, msg: err.Error()}
	}
	return s, nil
}

// storeError maps a store failure to exit 2; other errors pass through.
func storeError(err error) error {
	var se *store.Error
	if errors.As(err, &se) {
		return &exitError{code: 2, msg: se.Error()}
	}
	return err
}

// recorder adapts a store to batch's Recorder.
type recorder struct{ *store.Store }

func (r recorder) Record(ctx context.Context, name string, doc []byte, policySHA256 string) error {
	_, err := r.Store.Record(ctx, store.Audit{Document: doc, PolicySHA256: policySHA256, Name: name})
	return err
}

// recordOne keeps one audit of privdiff audit --db.
func recordOne(ctx context.Context, st *store.Store, apkPath, policy string, a *diff.Audit) error {
	var doc bytes.Buffer
	if err := reports.AuditJSON(&doc, a); err != nil {
		return err
	}
	policySHA, err := batch.PolicySHA256(policy)
	if err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}
	_, err = st.Record(ctx, store.Audit{Document: doc.Bytes(), PolicySHA256: policySHA, Name: filepath.Base(apkPath)})
	return storeError(err)
}

func newDBCmd() *cobra.Command {
	var db, format, lang, output string
	cmd := &cobra.Command{
		Use:   "db",
		Short: "Ask the results store: apps, an app's history, SDKs, what a version changed",
		Long: `db queries the results store that batch (and audit --db) write: a SQLite file
(by default privdiff-batch/privdiff.db, or $PRIVDIFF_DB) or a PostgreSQL
database (--db postgres://user:password@host/db).

  db apps                      every app, its latest version and that audit's findings
  db history PACKAGE           version by version: SDKs, permissions and data types
                               added and removed; findings new, fixed and persisting
  db sdks                      SDKs ranked by how many apps embed them undeclared
  db diff PACKAGE OLD NEW      what NEW added or removed against OLD (versionName or
                               versionCode), and whether the policy covers each addition
  db report --out FILE.html    the campaign overview page (batch writes OUT/overview.html)`,
	}
	cmd.PersistentFlags().StringVar(&db, "db", "", "the results store: a SQLite file or a postgres:// URL (default: $PRIVDIFF_DB or privdiff-batch/privdiff.db)")
	cmd.PersistentFlags().StringVar(&format, "format", "", "table, json or csv (default: table on a terminal, json otherwise)")
	cmd.PersistentFlags().StringVarP(&output, "output", "o", "", "write the result to this file instead of stdout (its extension, .json, .csv or .txt, sets the format)")
	cmd.PersistentFlags().StringVar(&lang, "lang", "", "language of the headers and labels: zh or en (default: from LANG)")

	// openQueried settles --lang and --db (defaults from the environment)
	// and opens the store every db subcommand reads.
	openQueried := func(ctx context.Context) (*store.Store, error) {
		if err := settleLang(&lang); err != nil {
			return nil, err
		}
		if db == "" {
			db = defaultDB()
		}
		return openStore(ctx, db, false)
	}
	// query wraps one subcommand: check the flags, open the store, run q,
	// print its result in the chosen format.
	query := func(q func(ctx context.Context, s *store.Store, args []string, lang string) (any, store.Table, error)) func(*cobra.Command, []string) error {
		return func(cmd *cobra.Command, args []string) error {
			format, err := chooseFormat(format, output, "table", "json", "csv")
			if err != nil {
				return err
			}
			s, err := openQueried(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			v, t, err := q(cmd.Context(), s, args, lang)
			if err != nil {
				return storeError(err)
			}
			return withOutput(cmd.OutOrStdout(), output, func(w io.Writer) error { return writeQuery(w, format, v, t) })
		}
	}
	cmd.AddCommand(&cobra.Command{
		Use: "apps", Short: "Every app with its latest version and open findings by severity", Args: cobra.NoArgs,
		RunE: query(func(ctx context.Context, s *store.Store, _ []string, lang string) (any, store.Table, error) {
			apps, err := s.Apps(ctx)
			return nonNil(apps), store.AppsTable(apps, lang), err
		}),
	}, &cobra.Command{
		Use: "history PACKAGE", Short: "An app version by version: what was added, removed, fixed and persists", Args: cobra.ExactArgs(1),
		RunE: query(func(ctx context.Context, s *store.Store, args []string, lang string) (any, store.Table, error) {
			h, err := s.History(ctx, args[0])
			return h, store.HistoryTable(h, lang), err
		}),
	}, &cobra.Command{
		Use: "sdks", Short: "SDKs ranked by how many apps embed them undeclared", Args: cobra.NoArgs,
		RunE: query(func(ctx context.Context, s *store.Store, _ []string, lang string) (any, store.Table, error) {
			r, err := s.SDKs(ctx)
			return nonNil(r), store.SDKsTable(r, lang), err
		}),
	}, &cobra.Command{
		Use: "diff PACKAGE OLD NEW", Short: "What the newer version added that its policy does not cover", Args: cobra.ExactArgs(3),
		RunE: query(func(ctx context.Context, s *store.Store, args []string, lang string) (any, store.Table, error) {
			d, err := s.Diff(ctx, args[0], args[1], args[2])
			if err != nil {
				return nil, store.Table{}, err
			}
			return d, store.DiffTable(d, lang), nil
		}),
	})
	var out string
	report := &cobra.Command{
		Use: "report --out overview.html", Short: "The campaign overview: one self-contained HTML page across apps", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				out = output // -o overview.html, as for the other commands
			}
			if out == "" {
				return usageError("db report needs --out FILE.html")
			}
			s, err := openQueried(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			return writeOverview(cmd.Context(), s, lang, out)
		},
	}
	report.Flags().StringVar(&out, "out", "", "write the page to this file (links to apps' reports are relative to its folder)")
	cmd.AddCommand(report)
	return cmd
}

// writeOverview writes the campaign overview page of a store to path,
// linking each app to the report a batch wrote beside it.
func writeOverview(ctx context.Context, s *store.Store, lang, path string) error {
	apps, err := s.Apps(ctx)
	if err != nil {
		return storeError(err)
	}
	changes, err := s.LatestChanges(ctx)
	if err != nil {
		return storeError(err)
	}
	o := &reports.Overview{Lang: lang, Database: s.Name}
	dir := filepath.Dir(path)
	for _, a := range apps {
		oa := reports.OverviewApp{
			Label: a.Label, Package: a.Package, Version: fmt.Sprintf("%s (%d)", a.VersionName, a.VersionCode),
			Developer: a.Signer, AuditedAt: a.AuditedAt, High: a.High, Medium: a.Medium, Low: a.Low, Info: a.Info,
		}
		for _, r := range a.UndeclaredSDKs {
			oa.UndeclaredSDKs = append(oa.UndeclaredSDKs, r.In(lang))
		}
		if a.Name != "" {
			if _, err := os.Stat(filepath.Join(dir, a.Name, "report.html")); err == nil {
				oa.Report = url.PathEscape(a.Name) + "/report.html"
			}
		}
		if c, ok := changes[a.Package]; ok {
			oc := &reports.OverviewChange{Since: c.Since, PolicyChanged: c.PolicyChanged,
				PermissionsAdded: c.PermissionsAdded, PermissionsRemoved: c.PermissionsRemoved}
			for _, r := range c.SDKsAdded {
				oc.SDKsAdded = append(oc.SDKsAdded, r.In(lang))
			}
			for _, r := range c.SDKsRemoved {
				oc.SDKsRemoved = append(oc.SDKsRemoved, r.In(lang))
			}
			for _, l := range []struct {
				from []store.FindingKey
				to   *[]string
			}{{c.FindingsNew, &oc.New}, {c.FindingsFixed, &oc.Fixed}, {c.FindingsPersisting, &oc.Persisting}} {
				for _, k := range l.from {
					if k.Severity != "info" {
						*l.to = append(*l.to, k.Text())
					}
				}
			}
			oa.Change = oc
		}
		o.Apps = append(o.Apps, oa)
	}
	var b bytes.Buffer
	if err := reports.OverviewHTML(&b, o); err != nil {
		return err
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}
	return nil
}

// nonNil writes an empty list as [] in JSON.
func nonNil[T any](l []T) []T {
	if l == nil {
		return []T{}
	}
	return l
}

func writeQuery(w io.Writer, format string, v any, t store.Table) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	case "csv":
		// A cell's lines (one SDK per line on a terminal) become spaces.
		cw := csv.NewWriter(w)
		cw.Write(t.Headers)
		for _, r := range t.Rows {
			flat := make([]string, len(r))
			for i, c := range r {
				flat[i] = strings.ReplaceAll(c, "\n", " ")
			}
			cw.Write(flat)
		}
		cw.Flush()
		return cw.Error()
	}
	return reports.WriteTable(w, "", t.Headers, t.Rows)
}
