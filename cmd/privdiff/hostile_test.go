package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runBounded runs the built binary and fails the test if it does not
// return within a generous bound: the inputs here used to hang forever.
func runBounded(t *testing.T, bin string, args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("privdiff %s: hung", strings.Join(args, " "))
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, string(out)
}

// TestInputsThatCannotEnd: a FIFO or /dev/zero given as an APK, a policy,
// a baseline or a batch list is refused at once, exit 2, with a message
// naming the file; it never blocks or reads forever.
func TestInputsThatCannotEnd(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "p.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	bin := buildBinary(t)
	for _, c := range []struct {
		name string
		args []string
		file string
	}{
		{"FIFO policy", []string{"policy", fifo}, fifo},
		{"/dev/zero policy", []string{"policy", "/dev/zero"}, "/dev/zero"},
		{"FIFO APK", []string{"scan", fifo}, fifo},
		{"/dev/zero APK", []string{"scan", "/dev/zero"}, "/dev/zero"},
		{"FIFO policy of an audit", []string{"audit", exampleAPK, "--policy", fifo}, fifo},
		{"/dev/zero baseline", []string{"audit", exampleAPK, "--policy", examplePolicy, "--baseline", "/dev/zero"}, "/dev/zero"},
		{"FIFO batch list", []string{"batch", fifo, "--out", filepath.Join(dir, "out")}, fifo},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out := runBounded(t, bin, c.args...)
			if code != 2 || !strings.Contains(out, c.file) || !strings.Contains(out, "not a regular file") {
				t.Errorf("exit %d, output %q: want exit 2 naming %s as not a regular file", code, out, c.file)
			}
		})
	}
	// In a batch directory, a FIFO named like an app is one error row; the
	// real app beside it is audited.
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	apk, _ := os.ReadFile(exampleAPK)
	os.WriteFile(filepath.Join(in, "good.apk"), apk, 0o644)
	syscall.Mkfifo(filepath.Join(in, "stuck.apk"), 0o600)
	// Names that used to collide, land in the root or shadow the summary.
	for _, n := range []string{"a.apk", "a-2.apk", "a.apks", ".apk", "summary.csv.apk"} {
		os.WriteFile(filepath.Join(in, n), apk, 0o644)
	}
	bout := filepath.Join(dir, "bout")
	code, out := runBounded(t, bin, "batch", in, "--out", bout, "--format", "jsonl", "--jobs", "2")
	if code != 0 || !strings.Contains(out, "stuck.apk") || !strings.Contains(out, "not a regular file") {
		t.Errorf("batch with a FIFO app: exit %d, %s", code, out)
	}
	rows, err := os.ReadFile(filepath.Join(bout, "summary.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(strings.TrimSpace(string(rows)), "\n") + 1; n != 7 {
		t.Errorf("%d summary rows for 7 inputs:\n%s", n, rows)
	}
	if st, err := os.Stat(filepath.Join(bout, "summary.csv")); err != nil || !st.Mode().IsRegular() {
		t.Errorf("summary.csv: %v", err)
	}
	dirs, _ := filepath.Glob(filepath.Join(bout, "*", "audit.json"))
	if len(dirs) != 6 {
		t.Errorf("%d apps with their own audit.json, want the 6 good ones: %v", len(dirs), dirs)
	}
}

// TestMemoryBombsUnderLimit runs the binary under a 2 GiB address-space
// limit (prlimit --as) on policy shapes that used to take gigabytes: a
// grid of spans, 10,000 Markdown tables after case-changing letters,
// 400,000 one-letter lines. Each must finish with exit 0 or 2, never die
// out of memory or panic.
func TestMemoryBombsUnderLimit(t *testing.T) {
	prlimit, err := exec.LookPath("prlimit")
	if testing.Short() {
		t.Skip("-short")
	}
	if err != nil {
		t.Skip("no prlimit")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	head := "隐私政策\n第三方SDK列表：极光推送SDK，用于推送。相机权限，用于拍照。\n"
	for name, body := range map[string]string{
		"spans.html": "<html><body><p>" + head + "</p><table>" + strings.Repeat("<tr>"+strings.Repeat(`<td rowspan="200" colspan="20">极光推送SDK</td>`, 10)+"</tr>", 2000) + "</table></body></html>",
		"tables.md":  head + strings.Repeat("\u023a <table><tr><td>极光推送SDK</td><td>推送</td></tr></table>\n", 10000),
		"lines.txt":  head + strings.Repeat("a\n", 400_000),
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(body), 0o644)
		code, out := runBounded(t, prlimit, "--as="+strconv.Itoa(2<<30), bin, "policy", path)
		if (code != 0 && code != 2) || strings.Contains(out, "fatal error") || strings.Contains(out, "panic") {
			t.Errorf("%s: exit %d under a 2 GiB limit: %.300s", name, code, out)
		}
	}
}
