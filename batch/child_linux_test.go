package batch

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCgroupLimit(t *testing.T) {
	dir := t.TempDir()
	for content, want := range map[string]int64{"4294967296\n": 4 << 30, "max\n": 0, "": 0, "-1": 0} {
		f := filepath.Join(dir, "memory.max")
		os.WriteFile(f, []byte(content), 0o644)
		if n, ok := cgroupLimit(f); n != want && ok {
			t.Errorf("%q: %d, want %d", content, n, want)
		} else if ok != (want > 0) {
			t.Errorf("%q: limit %v, want %v", content, ok, want > 0)
		}
	}
	if MachineMemory() <= 0 {
		t.Error("no memory on this machine")
	}
}
