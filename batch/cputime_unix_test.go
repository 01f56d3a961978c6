//go:build unix

package batch

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user + system) this process and its ended
// children have used: on a machine shared with other work the CPU time of
// a batch says more about its cost than its wall time.
func cpuTime() time.Duration {
	var self, children syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children)
	var total time.Duration
	for _, tv := range []syscall.Timeval{self.Utime, self.Stime, children.Utime, children.Stime} {
		total += time.Duration(tv.Nano())
	}
	return total
}
