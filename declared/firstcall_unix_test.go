//go:build unix

package declared

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used so far, in every thread
// (the collector's included): on a busy machine it varies less than the
// wall time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
