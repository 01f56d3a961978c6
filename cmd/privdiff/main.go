// Command privdiff audits an Android app against its privacy policy.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"privdiff/reports"
)

// defaultVersion is privdiff's version when the build sets none.
const defaultVersion = "0.1.0-dev"

// version is set at build time with -ldflags "-X main.version=…".
var version = defaultVersion

// exitError carries an exit code through cobra; its message has already been
// printed (or is printed once by main).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func newRootCmd() *cobra.Command {
	facts := readBuildFacts()
	reports.ToolVersion = facts.Version
	reports.ToolCommit = facts.commitText()
	root := &cobra.Command{
		Use:           "privdiff",
		Short:         "Compare what an Android app does with what its privacy policy declares",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       facts.Version,
	}
	root.SetVersionTemplate(facts.text())
	root.PersistentPreRun = func(cmd *cobra.Command, _ []string) {
		// Tables fit the terminal they are printed on; written to a file
		// or a pipe, lines keep their length.
		reports.Columns = 0
		if f := cmd.Flags().Lookup("output"); f != nil && f.Value.String() != "" {
			return
		}
		reports.Columns = terminalColumns()
	}
	// --lang anywhere on the command line sets the language of messages and
	// --help (messageLang); the commands that write reports have their own.
	root.PersistentFlags().String("lang", "", "language of messages and help: zh or en (default: from LANG)")
	root.AddCommand(newVersionCmd(facts))
	for _, add := range subcommands {
		root.AddCommand(add())
	}
	if stderrLang == "zh" {
		localizeHelp(root)
	}
	return root
}

// subcommands is filled by the init functions of the files that define them,
// so each command lives in one file of its own.
var subcommands []func() *cobra.Command

// newVersionCmd prints facts, read once by newRootCmd: decoding the build
// information is a good part of what `version` costs.
func newVersionCmd(facts buildFacts) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print privdiff's version, commit and catalog version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprint(cmd.OutOrStdout(), facts.text())
			return nil
		},
	}
}

func main() {
	limitMemory = setMemoryLimit
	limitMemory(1)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the CLI and maps errors to the contract's exit codes:
// 0 done, 1 findings at or above --fail-on, 2 usage error or unreadable input.
func run(args []string, stdout, stderr io.Writer) int {
	stderrLang = messageLang(args)
	root := newRootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			say(stderr, ee.msg)
		}
		return ee.code
	}
	say(stderr, err.Error())
	return 2
}
