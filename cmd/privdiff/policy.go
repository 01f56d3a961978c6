package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"privdiff/declared"
	"privdiff/reports"
)

func init() { subcommands = append(subcommands, newPolicyCmd) }

func newPolicyCmd() *cobra.Command {
	var format, output, lang string
	cmd := &cobra.Command{
		Use:   "policy FILE|URL...",
		Short: "Read a privacy policy into the SDKs, permissions and data types it declares",
		Long: `policy reads a privacy policy — a .txt, .md, .html or .pdf file, or an http(s)
URL — in any encoding (UTF-8, UTF-16, GB18030/GBK, Big5: detected, never asked
for) and lists the third-party SDKs it says the app integrates, the statements
that justify a permission (with the Android constants each one covers) and
the data types it says are collected, each with its line in the text.

A policy that cannot be read at all is reported on stderr and the exit code
is 2: a page that holds no policy text (the shell of a page drawn by
JavaScript, a login, error or cookie-consent page), a PDF with no text layer
(a scan), an encrypted or damaged PDF. One that is read but lists no SDK, or
looks truncated, gets a warning. Text files over 16 MiB are read up to that
size, with a warning; PDFs up to 64 MiB.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := chooseFormat(format, output, "table", "json")
			if err != nil {
				return err
			}
			if err := settleLang(&lang); err != nil {
				return err
			}
			var policies []*declared.Policy
			failed := 0
			for _, src := range args {
				p, err := declared.Read(cmd.Context(), src)
				if err != nil {
					say(cmd.ErrOrStderr(), err.Error())
					failed++
					continue
				}
				policies = append(policies, p)
			}
			if len(policies) > 0 {
				err := withOutput(cmd.OutOrStdout(), output, func(w io.Writer) error {
					if format == "json" {
						return reports.PolicyJSON(w, policies, len(args) > 1)
					}
					for i, p := range policies {
						if i > 0 {
							fmt.Fprintln(w)
						}
						if err := reports.PolicyTableIn(w, p, lang); err != nil {
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
