package reports

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"privdiff/apk"
	"privdiff/diff"
)

// TestChineseLabelInChineseReports: a report in Chinese names the app as a
// zh-CN phone does; one in English by its default label.
func TestChineseLabelInChineseReports(t *testing.T) {
	app := apk.App{Package: "org.privdiff.fixture.full", Label: "Privdiff Full", LabelZh: "隐私比对示例"}
	formats := map[string]func(io.Writer, *diff.Audit) error{
		"table": AuditTable, "markdown": AuditMarkdown, "html": AuditHTML,
	}
	for name, write := range formats {
		for _, tc := range []struct{ lang, want, not string }{
			{"zh", app.LabelZh, app.Label},
			{"en", app.Label, app.LabelZh},
		} {
			t.Run(name+"/"+tc.lang, func(t *testing.T) {
				var b bytes.Buffer
				if err := write(&b, &diff.Audit{App: app, Lang: tc.lang}); err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(b.String(), tc.want) || strings.Contains(b.String(), tc.not) {
					t.Errorf("want %q and not %q in:\n%s", tc.want, tc.not, b.String())
				}
			})
		}
	}
	var b bytes.Buffer
	if err := ScanTableIn(&b, &apk.Observed{App: app}, "zh"); err != nil || !strings.Contains(b.String(), app.LabelZh) {
		t.Errorf("scan table in Chinese lacks %q (%v):\n%s", app.LabelZh, err, b.String())
	}
}
