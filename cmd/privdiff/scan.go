package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"privdiff/apk"
	"privdiff/reports"
)

func init() { subcommands = append(subcommands, newScanCmd) }

func newScanCmd() *cobra.Command {
	var format, output, lang string
	cmd := &cobra.Command{
		Use:   "scan APK...",
		Short: "List what an APK or split set (.apks, .xapk) contains",
		Long: `scan reads each APK (or split set: .apks, .xapk) straight from the zip and
lists its identity, permissions with their protection level, components with
their exported state, meta-data, dex classes per Java package and native
libraries. With several files, a file that cannot be read is reported on
stderr and the others are still scanned; the exit code is then 2.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := chooseFormat(format, output, "table", "json")
			if err != nil {
				return err
			}
			if err := settleLang(&lang); err != nil {
				return err
			}
			var scans []*apk.Observed
			failed := 0
			for _, path := range args {
				obs, err := apk.ScanFile(path, apk.Options{})
				if err != nil {
					say(cmd.ErrOrStderr(), err.Error())
					failed++
					continue
				}
				scans = append(scans, obs)
			}
			if len(scans) > 0 {
				err := withOutput(cmd.OutOrStdout(), output, func(w io.Writer) error {
					if format == "json" {
						return reports.ScanJSON(w, scans, len(args) > 1)
					}
					for i, s := range scans {
						if len(scans) > 1 {
							if i > 0 {
								fmt.Fprintln(w)
							}
							fmt.Fprintf(w, "== %s ==\n", s.App.Path)
						}
						if err := reports.ScanTableIn(w, s, lang); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					return err
				}
			}
			if failed > 0 {
				// Each failure was already reported on its own line.
				return &exitError{code: 2}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "output format: table or json (default: from the --output file's extension, else table on a terminal, json otherwise)")
	cmd.Flags().StringVar(&lang, "lang", "", "language of the table's titles, headers and data types: zh or en (default: from LANG)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write the report to this file instead of stdout")
	return cmd
}
