package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
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
	if err := mkfifo(fifo); err != nil {
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
	mkfifo(filepath.Join(in, "stuck.apk"))
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
	prlimit := needPrlimit(t)
	bin := buildBinary(t)
	dir := t.TempDir()
	for name, body := range policyBombs("隐私政策\n第三方SDK列表：极光推送SDK，用于推送。相机权限，用于拍照。\n") {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(body), 0o644)
		code, out := runBounded(t, prlimit, "--as="+strconv.Itoa(2<<30), bin, "policy", path)
		if (code != 0 && code != 2) || strings.Contains(out, "fatal error") || strings.Contains(out, "panic") {
			t.Errorf("%s: exit %d under a 2 GiB limit: %.300s", name, code, out)
		}
	}
}

// needPrlimit returns prlimit's path, or skips the test.
func needPrlimit(t *testing.T) string {
	t.Helper()
	prlimit, err := exec.LookPath("prlimit")
	if testing.Short() {
		t.Skip("-short")
	}
	if err != nil {
		t.Skip("no prlimit")
	}
	return prlimit
}

// policyBombs are policy shapes that used to take gigabytes, after head
// (a policy's opening): a grid of spans, 10,000 Markdown tables after
// case-changing letters, 400,000 one-letter lines; by file name.
func policyBombs(head string) map[string]string {
	return map[string]string{
		"spans.html": "<html><body><p>" + head + "</p><table>" + strings.Repeat("<tr>"+strings.Repeat(`<td rowspan="200" colspan="20">极光推送SDK</td>`, 10)+"</tr>", 2000) + "</table></body></html>",
		"tables.md":  head + strings.Repeat("\u023a <table><tr><td>极光推送SDK</td><td>推送</td></tr></table>\n", 10000),
		"lines.txt":  head + strings.Repeat("a\n", 400_000),
	}
}

// TestHostileBatch runs the built binary, under a 4 GiB address-space
// limit, on a batch of real apps with hostile files mixed in: a FIFO, a
// link to /dev/zero, a zip bomb, a split set whose APKs inflate to
// gigabytes, a truncated APK, an empty file, a binary policy, the policy
// memory-bomb shapes, and names that collide. The run must complete with
// one row per input, every good app audited, and its summaries written.
func TestHostileBatch(t *testing.T) {
	prlimit := needPrlimit(t)
	bin := buildBinary(t)
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	link := func(src, name string) {
		abs, _ := filepath.Abs(src)
		if err := os.Symlink(abs, filepath.Join(in, name)); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(in, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Good apps: real APKs, each with a real policy, and the real pairs.
	good := map[string]bool{}
	real, _ := filepath.Glob("../../testdata/realapks/*.apk")
	policies, _ := filepath.Glob("../../declared/testdata/policies/*.txt")
	for i, a := range real[:4] {
		name := strings.TrimSuffix(filepath.Base(a), ".apk")
		link(a, name+".apk")
		link(policies[i%len(policies)], name+".txt")
		good[name] = true
	}
	for _, p := range []string{"yinxing", "yuekuan"} {
		link("../../testdata/pairs/"+p+"/app.apk", p+".apk")
		link("../../testdata/pairs/"+p+"/policy.html", p+".html")
		good[p] = true
	}
	// Policy shapes that used to take gigabytes, each beside a real app:
	// still audited.
	head := "隐私政策\n我们收集您的个人信息。第三方SDK列表：极光推送SDK，用于推送。相机权限，用于拍照。您可以行使删除、更正等权利，我们采取安全措施保护信息。\n"
	for name, body := range map[string]string{
		"spans":  "<html><body><p>" + head + "</p><table>" + strings.Repeat("<tr>"+strings.Repeat(`<td rowspan="200" colspan="20">极光推送SDK</td>`, 10)+"</tr>", 2000) + "</table></body></html>",
		"tables": head + strings.Repeat("\u023a <table><tr><td>极光推送SDK</td><td>推送</td></tr></table>\n", 10000),
		"lines":  head + strings.Repeat("a\n", 400_000),
	} {
		link(exampleAPK, name+".apk")
		ext := map[string]string{"spans": ".html", "tables": ".md", "lines": ".txt"}[name]
		write(name+ext, []byte(body))
		good[name] = true
	}
	// Names that collide or shadow the run's files: each its own audit.
	for _, n := range []string{"a.apk", "a-2.apk", "a.apks", ".apk", "summary.csv.apk"} {
		link(exampleAPK, n)
	}
	noPolicy := map[string]bool{"a": true, "a-2": true, "a-3": true, "app": true, "summary.csv-2": true}

	// Hostile inputs: each one error row naming its file.
	hostile := map[string]string{}
	if err := mkfifo(filepath.Join(in, "fifo.apk")); err == nil {
		hostile["fifo"] = "not a regular file"
	}
	if err := os.Symlink("/dev/zero", filepath.Join(in, "zero.apk")); err == nil {
		hostile["zero"] = "not a regular file"
	}
	apkBytes, err := os.ReadFile(exampleAPK)
	if err != nil {
		t.Fatal(err)
	}
	write("truncated.apk", apkBytes[:len(apkBytes)/2])
	hostile["truncated"] = "truncated.apk"
	write("empty.apk", nil)
	hostile["empty"] = "empty.apk"
	write("bomb.apk", zipBomb(t, apkBytes))
	hostile["bomb"] = "bomb.apk"
	link(exampleAPK, "binpolicy.apk")
	write("binpolicy.html", []byte{0x00, 0x01, 0xff, 0xfe, 0x89, 'P', 'N', 'G', 0, 0, 0, 0x1a})
	hostile["binpolicy"] = "policy unreadable"
	write("splitbomb.apks", splitSetBomb(t))

	code, output := runBounded(t, prlimit, "--as="+strconv.Itoa(4<<30), bin, "batch", in, "--out", out, "--jobs", "2", "--format", "jsonl")
	if code != 0 || strings.Contains(output, "fatal error") || strings.Contains(output, "panic") {
		t.Fatalf("batch under a 4 GiB limit: exit %d\n%.2000s", code, output)
	}
	rows := readSummary(t, out)
	inputs, _ := filepath.Glob(filepath.Join(in, "*.apk*")) // .apk too
	if len(rows) != len(inputs) {
		t.Errorf("%d summary rows for %d inputs", len(rows), len(inputs))
	}
	seen := map[string]bool{}
	for _, r := range rows {
		seen[r.Name] = true
		switch {
		case good[r.Name]:
			if r.Status != "ok" {
				t.Errorf("%s: a good app not audited: %q", r.Name, r.Status)
			}
			if _, err := os.Stat(filepath.Join(out, r.Name, "report.html")); err != nil {
				t.Errorf("%s: %v", r.Name, err)
			}
		case noPolicy[r.Name]:
			if r.Status != "no policy" {
				t.Errorf("%s: status %q, want an audit without policy", r.Name, r.Status)
			}
		case hostile[r.Name] != "":
			if r.Status == "ok" || !strings.Contains(r.Status, hostile[r.Name]) {
				t.Errorf("%s: status %q, want an error row with %q", r.Name, r.Status, hostile[r.Name])
			}
		case r.Name == "splitbomb":
			// Audited within the limits or an error row; either way the
			// run went on (logged to see which).
			t.Logf("split-set bomb: %s", r.Status)
		default:
			t.Errorf("unexpected row %q: %q", r.Name, r.Status)
		}
	}
	for name := range merge(good, noPolicy) {
		if !seen[name] {
			t.Errorf("no row for %s", name)
		}
	}
	for _, f := range []string{"summary.csv", "summary.jsonl", "overview.html"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || !st.Mode().IsRegular() {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// zipBomb is a real APK's entries plus a classes2.dex that inflates to
// 300 MiB of zeros (past the 256 MiB entry cap) from 300 KB.
func zipBomb(t *testing.T, apkBytes []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(apkBytes), int64(len(apkBytes)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	w, err := zw.Create("classes2.dex")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("dex\n035\x00"))
	zeros := make([]byte, 1<<20)
	for i := 0; i < 300; i++ {
		w.Write(zeros)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// splitSetBomb is a .apks of 16 APKs of 200 MiB each (a zip of one stored
// entry of zeros), which deflate to a few hundred KB each: held inflated
// together they take 3.2 GB.
func splitSetBomb(t *testing.T) []byte {
	t.Helper()
	var inner bytes.Buffer
	iw := zip.NewWriter(&inner)
	w, err := iw.CreateHeader(&zip.FileHeader{Name: "assets/blob", Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(make([]byte, 200<<20))
	iw.Close()
	var packed bytes.Buffer
	fw, _ := flate.NewWriter(&packed, flate.BestSpeed)
	fw.Write(inner.Bytes())
	fw.Close()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i < 16; i++ {
		name := "split_" + strconv.Itoa(i) + ".apk"
		if i == 0 {
			name = "base.apk"
		}
		raw, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(inner.Bytes()),
			CompressedSize64: uint64(packed.Len()), UncompressedSize64: uint64(inner.Len())})
		if err != nil {
			t.Fatal(err)
		}
		raw.Write(packed.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func merge(a, b map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}
