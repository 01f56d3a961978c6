package declared

import (
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestOrigOffset checks the compact offset map against the table it
// replaced, on lines with every kind of folding.
func TestOrigOffset(t *testing.T) {
	for _, line := range []string{
		"", "abc", "ABC def", "極光推送ＳＤＫ（Android端）：用於推送，", "相机\u3000权限\t(camera)\u00a0ok",
		"bad \xff\xfe bytes 中\xe4文", "*   **微信开放平台 SDK**", "__友盟SDK__ READ_PHONE_STATE", "ȺİK Ⱥ",
	} {
		checkOrigOffsets(t, line)
	}
}

// FuzzOrigOffset checks the offset map on any line.
func FuzzOrigOffset(f *testing.F) {
	for _, s := range []string{"極光推送ＳＤＫ（Android端）", "bad \xff\xfe 中\xe4文", "**SDK**", "ȺİK"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if !strings.Contains(line, "\n") {
			checkOrigOffsets(t, line)
		}
	})
}

// checkOrigOffsets compares origOffset with the table the old code kept:
// for each byte of norm, the start of the original character it came from
// (folding maps characters one to one).
func checkOrigOffsets(t *testing.T, line string) {
	t.Helper()
	l := foldLine(line)
	var want []int
	k := 0
	for i := range line {
		if k >= len(l.norm) {
			t.Fatalf("%q: norm %q has fewer characters than the line", line, l.norm)
		}
		_, n := utf8.DecodeRuneInString(l.norm[k:])
		for ; n > 0; n-- {
			want = append(want, i)
			k++
		}
	}
	want = append(want, len(line))
	if k != len(l.norm) {
		t.Fatalf("%q: norm %q has more characters than the line", line, l.norm)
	}
	for k, w := range want {
		if got := l.origOffset(k); got != w {
			t.Fatalf("%q: origOffset(%d) = %d, want %d", line, k, got, w)
		}
	}
}

// TestDocRetainsLittle measures what a folded document keeps beside its
// lines: the folded text, one docLine per line and the shifts. An offset per
// byte kept eight bytes per byte of policy; the bound is three.
func TestDocRetainsLittle(t *testing.T) {
	text, _ := policyCorpora(t)
	lines := strings.Split(string(sized(text, 1<<20)), "\n")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	d := newDoc(lines)
	runtime.GC()
	runtime.ReadMemStats(&after)
	kept := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	runtime.KeepAlive(d)
	t.Logf("%d lines, %d bytes: the doc keeps %d bytes (%.2f per byte)", len(lines), 1<<20, kept, float64(kept)/(1<<20))
	if kept > 3<<20 {
		t.Errorf("the doc of a 1 MB policy keeps %d bytes, want at most 3 MB", kept)
	}
}
