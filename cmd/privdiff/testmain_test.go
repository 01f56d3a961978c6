package main

import (
	"os"
	"testing"
)

// TestMain lets this test binary stand in for privdiff when a batch run
// in-process (runCLI) starts its audit processes: os.Executable is then
// the test binary, called with the hidden child command.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == childCommand {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}
