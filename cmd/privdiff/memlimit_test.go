package main

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
)

func TestSetMemoryLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	const untouched = 1 << 40
	for _, c := range []struct {
		name       string
		gomemlimit string // "" leaves GOMEMLIMIT unset
		apps       int
		want       int64
	}{
		{"one app", "", 1, appMemoryLimit},
		{"a batch of four", "", 4, 4 * appMemoryLimit},
		{"no apps counts as one", "", 0, appMemoryLimit},
		{"more apps than fit an int64", "", math.MaxInt, math.MaxInt64},
		{"the user's GOMEMLIMIT wins", "1GiB", 1, untouched},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.gomemlimit != "" {
				t.Setenv("GOMEMLIMIT", c.gomemlimit)
			} else {
				// Setenv restores the variable after the test; unset it within.
				t.Setenv("GOMEMLIMIT", "")
				os.Unsetenv("GOMEMLIMIT")
			}
			debug.SetMemoryLimit(untouched)
			setMemoryLimit(c.apps)
			if got := debug.SetMemoryLimit(-1); got != c.want {
				t.Errorf("limit %d, want %d", got, c.want)
			}
		})
	}
}

// TestNoPacingUnderTheLimit: under privdiff's own limit the collector waits
// for it; a user's GOGC or GOMEMLIMIT leaves the pacing as they set it.
func TestNoPacingUnderTheLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, c := range []struct {
		name, gogc, gomemlimit string
		want                   int
	}{
		{"defaults", "", "", -1},
		{"GOGC set", "200", "", 100},
		{"GOMEMLIMIT set", "", "1GiB", 100},
	} {
		t.Run(c.name, func(t *testing.T) {
			for name, v := range map[string]string{"GOGC": c.gogc, "GOMEMLIMIT": c.gomemlimit} {
				t.Setenv(name, v)
				if v == "" {
					os.Unsetenv(name)
				}
			}
			debug.SetGCPercent(100)
			setMemoryLimit(1)
			if got := debug.SetGCPercent(100); got != c.want {
				t.Errorf("GOGC %d, want %d", got, c.want)
			}
		})
	}
}
