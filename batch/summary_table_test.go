package batch

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"privdiff/diff"
	"privdiff/reports"
)

// update rewrites the golden files: go test ./batch -update
var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// summaryFixture is one of each kind of row a batch run makes.
var summaryFixture = []Row{
	{Name: "jianke-a", Package: "com.example.jianke", VersionName: "1.0", VersionCode: 1, SHA256: strings.Repeat("3d", 32),
		Summary:        diff.Summary{High: 3, Info: 19},
		UndeclaredSDKs: []string{"bugly", "getui"}, UnjustifiedPermissions: []string{"android.permission.READ_CONTACTS"},
		Status: StatusOK},
	{Name: "packed-app", Package: "com.example.packed", VersionName: "2.3.1", VersionCode: 231, Summary: diff.Summary{Low: 1},
		UndeclaredSDKs: []string{}, UnjustifiedPermissions: []string{}, Status: StatusNoPolicy, Packed: "360加固"},
	{Name: "corrupt", Status: "error: /data/apps/corrupt.apk: not a valid zip archive (no readable central directory: not a zip, or truncated)",
		UndeclaredSDKs: []string{}, UnjustifiedPermissions: []string{}},
}

// TestSummaryTableGolden pins the batch summary table at 80 and 120
// columns in both languages; no line is wider than the terminal.
func TestSummaryTableGolden(t *testing.T) {
	defer func() { reports.Columns = 0 }()
	for _, lang := range []string{"zh", "en"} {
		for _, cols := range []int{80, 120} {
			name := fmt.Sprintf("summary_table.%s.%d.txt", lang, cols)
			t.Run(name, func(t *testing.T) {
				reports.Columns = cols
				var b bytes.Buffer
				if err := WriteTable(&b, summaryFixture, lang); err != nil {
					t.Fatal(err)
				}
				for _, line := range strings.Split(b.String(), "\n") {
					if w := reports.DisplayColumns(line); w > cols {
						t.Errorf("a line is %d columns wide: %q", w, line)
					}
				}
				path := filepath.Join("testdata", name)
				if *update {
					os.MkdirAll("testdata", 0o755)
					if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (go test ./batch -update creates it)", err)
				}
				if !bytes.Equal(b.Bytes(), want) {
					t.Errorf("%s differs from the golden file; got:\n%s", path, b.String())
				}
			})
		}
	}
}
