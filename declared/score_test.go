package declared

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/width"
)

// gold is the part of a hand-checked extraction (testdata/seeds-gold) the
// score uses.
type gold struct {
	Policy   string `json:"policy"`
	Language string `json:"language"`
	SDKs     []struct {
		Name     string   `json:"name_as_written"`
		Aliases  []string `json:"aliases_as_written"`
		Platform *string  `json:"platform_note"`
	} `json:"sdks"`
	AndroidPermissions []string `json:"android_permissions"`
	DataTypes          []string `json:"data_types"`
}

// scoreName folds the spellings the gold treats as equal: case, width,
// whitespace and a trailing "SDK".
func scoreName(s string) string {
	s = strings.ToLower(width.Fold.String(s))
	s = strings.Join(strings.Fields(s), "")
	for _, suf := range []string{"sdks", "sdk"} {
		if t, ok := strings.CutSuffix(s, suf); ok && t != "" {
			s = t
			break
		}
	}
	return s
}

type prf struct{ tp, got, want int }

func (s prf) precision() float64 {
	if s.got == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.got)
}

func (s prf) recall() float64 {
	if s.want == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.want)
}

func (s prf) f1() float64 {
	p, r := s.precision(), s.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (s prf) String() string {
	return fmt.Sprintf("P %.2f R %.2f F1 %.2f (%d/%d/%d)", s.precision(), s.recall(), s.f1(), s.tp, s.got, s.want)
}

func setScore(got, want []string) (prf, []string, []string) {
	g, w := map[string]bool{}, map[string]bool{}
	for _, x := range got {
		g[x] = true
	}
	for _, x := range want {
		w[x] = true
	}
	s := prf{got: len(g), want: len(w)}
	var extra, missing []string
	for x := range g {
		if w[x] {
			s.tp++
		} else {
			extra = append(extra, x)
		}
	}
	for x := range w {
		if !g[x] {
			missing = append(missing, x)
		}
	}
	return s, extra, missing
}

// sdkScore matches extracted SDKs to gold entries by folded name or alias,
// each gold entry at most once.
func sdkScore(p *Policy, g *gold) (prf, []string, []string, []string) {
	s := prf{got: len(p.SDKs), want: len(g.SDKs)}
	var platformMisses []string
	used := make([]bool, len(g.SDKs))
	var extra []string
	for _, e := range p.SDKs {
		hit := -1
		for i, w := range g.SDKs {
			if used[i] {
				continue
			}
			if scoreName(e.Name) == scoreName(w.Name) {
				hit = i
				break
			}
			for _, a := range w.Aliases {
				if e.Name == a || scoreName(e.Name) == scoreName(a) {
					hit = i
				}
			}
			if hit >= 0 {
				break
			}
		}
		if hit < 0 {
			extra = append(extra, e.Name)
			continue
		}
		used[hit] = true
		s.tp++
		if note := g.SDKs[hit].Platform; note != nil {
			want := platformsIn(strings.ToLower(*note))
			if strings.Join(want, ",") != strings.Join(e.Platforms, ",") {
				platformMisses = append(platformMisses, fmt.Sprintf("%s: %v, want %v", e.Name, e.Platforms, want))
			}
		}
	}
	var missing []string
	for i, w := range g.SDKs {
		if !used[i] {
			missing = append(missing, w.Name)
		}
	}
	return s, extra, missing, platformMisses
}

// TestSeedScores scores the extractor against the hand-checked seeds:
// go test ./declared -run SeedScores -v prints per file precision/recall.
func TestSeedScores(t *testing.T) {
	files, err := filepath.Glob("../testdata/seeds-gold/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no gold files: %v", err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var g gold
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		t.Run(g.Policy, func(t *testing.T) {
			p, err := ReadFile(filepath.Join("../testdata/seeds", g.Policy+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			var constants []string
			for _, perm := range p.Permissions {
				constants = append(constants, perm.Permissions...)
			}
			sdk, sdkExtra, sdkMissing, platformMisses := sdkScore(p, &g)
			for _, m := range platformMisses {
				t.Errorf("platforms of %s", m)
			}
			perm, permExtra, permMissing := setScore(constants, g.AndroidPermissions)
			data, dataExtra, dataMissing := setScore(p.DataTypes, g.DataTypes)
			t.Logf("%s  sdk %v  permission %v  data %v  language %s", g.Policy, sdk, perm, data, p.Language)
			if testing.Verbose() {
				t.Logf("  sdk extra %q missing %q", sdkExtra, sdkMissing)
				t.Logf("  permission extra %q missing %q", permExtra, permMissing)
				t.Logf("  data extra %q missing %q", dataExtra, dataMissing)
			}
			if p.Language != g.Language {
				t.Errorf("language %s, want %s", p.Language, g.Language)
			}
			if len(g.SDKs) == 0 {
				if len(p.SDKs) != 0 {
					t.Errorf("%d SDKs found in a policy without an SDK list: %q", len(p.SDKs), sdkExtra)
				}
				if !hasWarning(p, "no SDK list") {
					t.Errorf("no \"no SDK list\" warning: %q", p.Warnings)
				}
			} else if sdk.f1() < 0.9 {
				t.Errorf("SDK F1 %.2f < 0.90", sdk.f1())
			}
			if len(g.AndroidPermissions) > 0 && perm.f1() < 0.9 {
				t.Errorf("permission F1 %.2f < 0.90", perm.f1())
			}
			if len(g.DataTypes) > 0 && data.f1() < 0.85 {
				t.Errorf("data-type F1 %.2f < 0.85", data.f1())
			}
		})
	}
}

func hasWarning(p *Policy, substr string) bool {
	for _, w := range p.Warnings {
		if strings.Contains(w, substr) {
			return true
		}
	}
	return false
}
