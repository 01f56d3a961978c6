package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"privdiff/batch"
)

func init() { subcommands = append(subcommands, newAuditAppCmd) }

// childCommand is the hidden command a batch runs each app's audit with.
const childCommand = "__audit-app"

func newAuditAppCmd() *cobra.Command {
	return &cobra.Command{
		Use:    childCommand,
		Short:  "Audit one app for a parent batch (request on stdin, answer on stdout)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := batch.ServeChild(cmd.InOrStdin(), cmd.OutOrStdout()); err != nil {
				return &exitError{code: 2, msg: err.Error()}
			}
			return nil
		},
	}
}

// minAppMemory is the least address space an audit process gets: the Go
// runtime alone reserves about 600 MiB of it at start.
const minAppMemory = 2 << 30

// isolation is how batch runs each app: privdiff itself, re-executed,
// with the --app-memory cap.
func isolation(appMemory string, jobs int) (*batch.Isolation, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, &exitError{code: 2, msg: fmt.Sprintf("batch: cannot find privdiff's own executable to run audits in: %v", err)}
	}
	limit, err := parseAppMemory(appMemory, jobs)
	if err != nil {
		return nil, err
	}
	return &batch.Isolation{Command: []string{self, childCommand}, MemoryLimit: limit}, nil
}

// parseAppMemory reads --app-memory: "auto" shares the machine's memory
// between the jobs (at least minAppMemory each), "none" or 0 sets no cap,
// else a size such as 4GiB, 1500MiB, 3G or a number of bytes.
func parseAppMemory(s string, jobs int) (int64, error) {
	switch strings.ToLower(s) {
	case "auto", "":
		return max(minAppMemory, batch.MachineMemory()/int64(max(jobs, 1))), nil
	case "none", "0":
		return 0, nil
	}
	units := []struct {
		suffix string
		shift  uint
	}{{"gib", 30}, {"gb", 30}, {"g", 30}, {"mib", 20}, {"mb", 20}, {"m", 20}}
	low := strings.ToLower(strings.TrimSpace(s))
	var shift uint
	for _, u := range units {
		if strings.HasSuffix(low, u.suffix) {
			low, shift = strings.TrimSpace(strings.TrimSuffix(low, u.suffix)), u.shift
			break
		}
	}
	n, err := strconv.ParseFloat(low, 64)
	if err != nil || n <= 0 {
		return 0, usageError("--app-memory %q: want a size such as 4GiB or 1500MiB, auto or none", s)
	}
	limit := int64(n * float64(int64(1)<<shift))
	if limit < minAppMemory {
		return 0, usageError("--app-memory %s: at least 2GiB (the Go runtime reserves about 600 MiB of address space at start)", s)
	}
	return limit, nil
}
