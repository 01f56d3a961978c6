package batch

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

// limitMemory caps this process's address space: past it an allocation
// fails and the Go runtime exits with "out of memory", where the whole
// machine would otherwise swap or the kernel kill something else.
// A cap the batch itself runs under (prlimit, ulimit -v) already holds
// for its children: a larger one is not asked for, since it cannot be.
func limitMemory(bytes int64) error {
	if bytes >= heldMemoryLimit(bytes) {
		return nil
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
// operator, a lost pod): no orphan goes on writing into the output.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// signalOf names the signal that ended a child, or "".
func signalOf(st *os.ProcessState) string {
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return fmt.Sprintf("signal %d (%v)", int(ws.Signal()), ws.Signal())
	}
	return ""
}

// MachineMemory is the machine's physical memory in bytes (0 if unknown).
func MachineMemory() int64 {
	var si syscall.Sysinfo_t
	if syscall.Sysinfo(&si) != nil {
		return 0
	}
	return int64(si.Totalram) * int64(si.Unit)
}
