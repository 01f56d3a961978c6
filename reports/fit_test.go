package reports

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"privdiff/apk"
	"privdiff/catalog"
	"privdiff/declared"
	"privdiff/diff"
)

// widest is the display width of the widest line of out.
func widest(out string) (int, string) {
	w, line := 0, ""
	for _, l := range strings.Split(out, "\n") {
		if c := columns(l); c > w {
			w, line = c, l
		}
	}
	return w, line
}

// renderAt writes a report for a terminal cols wide and checks that no
// line is wider.
func renderAt(t *testing.T, name string, cols int, write func(io.Writer) error) *bytes.Buffer {
	t.Helper()
	Columns = cols
	defer func() { Columns = 0 }()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	if w, line := widest(b.String()); w > cols {
		t.Errorf("%s at %d columns: a line is %d wide: %q", name, cols, w, line)
	}
	return &b
}

func TestFitColumns(t *testing.T) {
	tests := []struct {
		natural, floor []int
		total          int
		want           []int
		ok             bool
	}{
		{[]int{10, 20}, []int{10, 10}, 80, nil, true},                                          // fits as it is
		{[]int{10, 100}, []int{10, 10}, 80, []int{10, 63}, true},                               // the wide column takes what is left
		{[]int{50, 50, 5}, []int{10, 10, 10}, 80, []int{33, 32, 5}, true},                      // two wide columns share
		{[]int{22, 60, 60}, []int{22, 10, 10}, 60, []int{22, 14, 14}, true},                    // a rule id stays whole
		{[]int{30, 30, 30, 30, 30, 30, 30}, []int{10, 10, 10, 10, 10, 10, 10}, 80, nil, false}, // 7 columns of 10 and borders do not fit 80
	}
	for _, tt := range tests {
		got, ok := fitColumns(tt.natural, tt.floor, tt.total)
		if ok != tt.ok || len(got) != len(tt.want) {
			t.Errorf("fitColumns(%v, %d) = %v, %v; want %v, %v", tt.natural, tt.total, got, ok, tt.want, tt.ok)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("fitColumns(%v, %d) = %v; want %v", tt.natural, tt.total, got, tt.want)
				break
			}
		}
	}
}

// TestAuditTableFitsTerminal renders the bundled example's audit (the
// golden JSON) at 80 and 120 columns in both languages: no line may be
// wider than the terminal, and every finding's rule must still be shown.
func TestAuditTableFitsTerminal(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		a := exampleAudit(t, lang)
		for _, cols := range []int{80, 120} {
			b := renderAt(t, lang, cols, func(w io.Writer) error { return AuditTable(w, a) })
			for _, f := range a.Findings {
				if f.Severity != diff.Info && !strings.Contains(b.String(), f.Rule) {
					t.Errorf("%s at %d columns: rule %s missing", lang, cols, f.Rule)
				}
			}
		}
	}
}

func TestStackedWhenTooNarrow(t *testing.T) {
	Columns = 40
	defer func() { Columns = 0 }()
	var b bytes.Buffer
	header := []string{"one", "two", "three", "four", "five"}
	row := []string{"com.example.very.long.ClassName", "值值值值值值值值值值值值值值值值值值值值值值值值", "c", "d", "e"}
	if err := writeTable(&b, "T", header, [][]string{row}); err != nil {
		t.Fatal(err)
	}
	if w, line := widest(b.String()); w > 40 {
		t.Errorf("stacked line %d wide: %q\n%s", w, line, b.String())
	}
	if !strings.Contains(b.String(), "- one  : com.example") {
		t.Errorf("not stacked:\n%s", b.String())
	}
}

// TestOtherTablesFitTerminal: scan, policy and catalog tables at 80 and
// 120 columns, on a real APK, a real policy and the whole catalog.
func TestOtherTablesFitTerminal(t *testing.T) {
	obs, err := apk.ScanFile("../testdata/pairs/yuekuan/app.apk", apk.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pol, err := declared.ReadFile("../testdata/seeds/002_ee72fda53e159623.txt")
	if err != nil {
		t.Fatal(err)
	}
	jpush, _ := catalog.LookupSDK("极光推送")
	for name, write := range map[string]func(io.Writer) error{
		"scan":         func(w io.Writer) error { return ScanTable(w, obs) },
		"policy":       func(w io.Writer) error { return PolicyTable(w, pol) },
		"catalog list": func(w io.Writer) error { return CatalogTable(w, catalog.SDKs()) },
		"catalog show": func(w io.Writer) error { return CatalogSDKTable(w, jpush) },
	} {
		for _, cols := range []int{80, 120} {
			renderAt(t, name, cols, write)
		}
	}
}

// TestWrapKeepsClosingMarksOffLineStart: Chinese typesetting never starts
// a line with ，。、）; the character before moves down with the mark, and
// no line grows past the width.
func TestWrapKeepsClosingMarksOffLineStart(t *testing.T) {
	for _, tc := range []struct {
		s    string
		n    int
		want string
	}{
		{"应用申请了危险权限，但隐私政策未说明其用途。", 18, "应用申请了危险权\n限，但隐私政策未说\n明其用途。"},
		{"甲乙丙丁戊，己庚", 10, "甲乙丙丁\n戊，己庚"},
		{"甲（乙丙）。丁", 10, "甲（乙\n丙）。丁"},
		{"，，，，，，", 4, "，，\n，，\n，，"},
		{"call (x), then y", 8, "call\n(x),\nthen y"},
		// A name alone on its line stays whole, even at the cost of a mark
		// starting the next one.
		{"com.example.Foo，甲", 15, "com.example.Foo\n，甲"},
		{"调用com.example.Foo，甲", 15, "调用\ncom.example.Foo\n，甲"},
	} {
		got := wrapColumns(tc.s, tc.n)
		if got != tc.want {
			t.Errorf("wrapColumns(%q, %d) =\n%s\nwant\n%s", tc.s, tc.n, got, tc.want)
		}
		for _, l := range strings.Split(got, "\n") {
			if columns(l) > tc.n {
				t.Errorf("%q: line %q is %d columns, over %d", tc.s, l, columns(l), tc.n)
			}
		}
	}
}
