package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/width"
)

// displayColumns counts a Chinese character as two terminal columns.
func displayColumns(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// TestTablesFitARealTerminal runs privdiff in a tmux pane 80 and 120
// columns wide and reads the pane back: no line may be wider than the
// pane, the high findings are listed and the info notes folded.
func TestTablesFitARealTerminal(t *testing.T) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux not installed")
	}
	bin := buildBinary(t)
	// A server of its own per pane (a short socket path: tmux limits its
	// length), so the test neither sees nor disturbs another's.
	var socket string
	apk, _ := filepath.Abs(exampleAPK)
	policy, _ := filepath.Abs(examplePolicy)
	run := func(args ...string) *exec.Cmd {
		c := exec.Command(tmux, append([]string{"-S", socket}, args...)...)
		c.Env = append(c.Environ(), "TERM=xterm-256color")
		return c
	}
	for _, cols := range []int{80, 120} {
		for _, lang := range []string{"zh", "en"} {
			session := fmt.Sprintf("privdiff-test-%d-%s", cols, lang)
			socket = fmt.Sprintf("%s/pd-%d-%d-%s.sock", os.TempDir(), os.Getpid(), cols, lang)
			done := filepath.Join(t.TempDir(), "done")
			script := fmt.Sprintf("COLUMNS= %s audit %s --policy %s --lang %s; touch %s; sleep 60", bin, apk, policy, lang, done)
			if out, err := run("new-session", "-d", "-s", session, "-x", fmt.Sprint(cols), "-y", "50", script).CombinedOutput(); err != nil {
				t.Fatalf("tmux: %v\n%s", err, out)
			}
			for i := 0; i < 100; i++ {
				if exec.Command("test", "-e", done).Run() == nil {
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
			out, err := run("capture-pane", "-p", "-J", "-t", session, "-S", "-5000").Output()
			run("kill-server").Run()
			if err != nil {
				t.Fatal(err)
			}
			pane := string(out)
			for _, line := range strings.Split(pane, "\n") {
				if w := displayColumns(line); w > cols {
					t.Errorf("%d columns, %s: a line is %d wide: %q", cols, lang, w, line)
				}
			}
			for _, want := range []string{"sdk-undeclared", "permission-unjustified", "--min-severity info"} {
				if !strings.Contains(pane, want) {
					t.Errorf("%d columns, %s: the pane lacks %q:\n%s", cols, lang, want, pane)
				}
			}
			if strings.Contains(pane, "sdk-unobserved") {
				t.Errorf("%d columns, %s: info findings listed on a terminal by default", cols, lang)
			}
		}
	}
}
