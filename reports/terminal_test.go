package reports

import (
	"bytes"
	"strings"
	"testing"

	"privdiff/apk"
)

// TestTerminalSafe: escape sequences and C1 controls from an APK's strings
// reach the terminal as visible text; other text, split across writes or
// not, is unchanged.
func TestTerminalSafe(t *testing.T) {
	var b bytes.Buffer
	w := terminalSafe(&b)
	for _, part := range []string{"ok\tline\n", "\x1b[2J\x1b[H", "x\x07\x7f", "caf\xc3", "\xa9 \xc2", "\xa3 \xc2", "\x9b31m\n"} {
		w.Write([]byte(part))
	}
	want := "ok\tline\n\\x1b[2J\\x1b[H" + "x\\x07\\x7f" + "café £ \\u009b31m\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	obs := &apk.Observed{}
	obs.App.Label = "Evil\x1b[2J\x1b]0;pwned\x07"
	b.Reset()
	if err := ScanTable(&b, obs); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(b.String(), "\x1b\x07") || !strings.Contains(b.String(), `Evil\x1b[2J`) {
		t.Errorf("scan table shows raw control characters: %q", b.String())
	}
}
