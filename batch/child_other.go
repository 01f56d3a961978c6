//go:build !linux

package batch

import (
	"os"
	"os/exec"
)

// Elsewhere than Linux a child runs without a memory cap; its death still
// ends only its own app's audit.
func limitMemory(int64) error                  { return nil }
func heldMemoryLimit(n int64) int64            { return n }
func diePriority()                             {}
func dieWithParent(*exec.Cmd)                  {}
func signalOf(*os.ProcessState) (string, bool) { return "", false }

// MachineMemory is unknown here: --app-memory auto gives the minimum.
func MachineMemory() int64 { return 0 }
