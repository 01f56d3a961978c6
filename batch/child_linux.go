package batch

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
)

// limitMemory caps this process's address space: past it an allocation
// fails and the Go runtime exits with "out of memory", where the whole
// machine would otherwise swap or the kernel kill something else.
// A cap the batch itself runs under (prlimit, ulimit -v) already holds
// for its children: a larger one is not asked for, since it cannot be.
func limitMemory(bytes int64) error {
	if heldMemoryLimit(bytes) < bytes {
		return nil // a smaller cap already holds
	}
	return syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: uint64(bytes), Max: uint64(bytes)})
}

// heldMemoryLimit is the address-space cap a child asking for bytes ends
// up with: bytes, or the smaller cap this process already runs under.
func heldMemoryLimit(bytes int64) int64 {
	var cur syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_AS, &cur) == nil && cur.Cur < uint64(bytes) {
		return int64(cur.Cur)
	}
	return bytes
}

// diePriority makes this process the kernel's first choice when the
// machine runs out of memory: the child auditing an app, not the batch.
func diePriority() {
	os.WriteFile("/proc/self/oom_score_adj", []byte("1000"), 0)
}

// dieWithParent kills the child when the batch dies (kill -9 by an
// operator, a lost pod): no orphan goes on writing into the output. In a
// process group of its own, the child does not get the terminal's Ctrl-C
// or a kill of the batch's group: it dies only after the batch, which
// therefore never mistakes it for an app that killed its audit.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
}

// signalOf names the signal that ended a child ("" if none), and whether
// the app is to blame: SIGKILL is what the kernel's out-of-memory killer
// sends and a crash raises SIGSEGV or SIGBUS, while SIGINT, SIGTERM or
// SIGHUP come from someone stopping privdiff and say nothing of the app.
func signalOf(st *os.ProcessState) (string, bool) {
	ws, ok := st.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() {
		return "", false
	}
	name := fmt.Sprintf("signal %d (%v)", int(ws.Signal()), ws.Signal())
	switch ws.Signal() {
	case syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGPIPE:
		return name, false
	}
	return name, true
}

// MachineMemory is the memory privdiff may use in bytes (0 if unknown):
// the machine's, or less when its container's cgroup caps it (a
// Kubernetes pod sees the host's memory in sysinfo, not its own limit).
func MachineMemory() int64 {
	var si syscall.Sysinfo_t
	if syscall.Sysinfo(&si) != nil {
		return 0
	}
	total := int64(si.Totalram) * int64(si.Unit)
	for _, f := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if n, ok := cgroupLimit(f); ok && n < total {
			total = n
		}
	}
	return total
}

// cgroupLimit reads a cgroup memory limit file: a number of bytes, or
// "max" (cgroup v2) for none.
func cgroupLimit(path string) (int64, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	return n, err == nil && n > 0
}
