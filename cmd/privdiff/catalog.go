package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"privdiff/catalog"
	"privdiff/reports"
)

func init() { subcommands = append(subcommands, newCatalogCmd) }

func newCatalogCmd() *cobra.Command {
	var format, lang string
	list := func(cmd *cobra.Command, _ []string) error {
		if err := checkFormat(format, "table", "json"); err != nil {
			return err
		}
		if err := settleLang(&lang); err != nil {
			return err
		}
		sdks := catalog.SDKs()
		return withOutput(cmd.OutOrStdout(), "", func(w io.Writer) error {
			if format == "json" {
				return reports.CatalogJSON(w, sdks)
			}
			return reports.CatalogTableIn(w, sdks, lang)
		})
	}
	cmd := &cobra.Command{
		Use:   "catalog [list | show ID]",
		Short: "List the SDKs privdiff knows, or show one with its names and signatures",
		Long: `catalog prints the embedded SDK catalog: every SDK privdiff can recognise in
an APK or resolve from a policy, with its Chinese name, vendor, category and
the kinds of evidence that reveal it. "catalog show ID" prints one entry with
all the names policies use for it and its signatures. Without a subcommand,
catalog lists.`,
		Args: cobra.NoArgs,
		RunE: list,
	}
	cmd.PersistentFlags().StringVar(&format, "format", "table", "output format: table or json")
	cmd.PersistentFlags().StringVar(&lang, "lang", "", "language of the table: zh or en (default: from LANG)")
	cmd.AddCommand(&cobra.Command{
		Use:   "list",
		Short: "List every catalog entry",
		Args:  cobra.NoArgs,
		RunE:  list,
	}, &cobra.Command{
		Use:   "show ID|NAME",
		Short: "Show one catalog entry, by its id or any of its names (极光推送, 友盟)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "table", "json"); err != nil {
				return err
			}
			if err := settleLang(&lang); err != nil {
				return err
			}
			// An id first ("jpush"), else any name or alias a policy uses
			// ("极光推送", "友盟+ U-App").
			s, ok := catalog.SDKByID(args[0])
			if !ok {
				s, ok = catalog.LookupSDK(args[0])
			}
			if !ok {
				return &exitError{code: 2, msg: fmt.Sprintf("catalog: no SDK with id or name %q (see privdiff catalog list)", args[0])}
			}
			return withOutput(cmd.OutOrStdout(), "", func(w io.Writer) error {
				if format == "json" {
					return reports.CatalogSDKJSON(w, s)
				}
				return reports.CatalogSDKTableIn(w, s, lang)
			})
		},
	})
	return cmd
}
