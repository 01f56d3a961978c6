package declared

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// gold is the part of a hand-checked extraction (testdata/seeds-gold,
// testdata/policies/gold) the score uses.
type gold struct {
	Policy     string `json:"policy"`
	SourceFile string `json:"source_file"`
	Language   string `json:"language"`
	SDKs       []struct {
		Name     string   `json:"name_as_written"`
		Aliases  []string `json:"aliases_as_written"`
		Platform *string  `json:"platform_note"`
	} `json:"sdks"`
	AndroidPermissions []string `json:"android_permissions"`
	DataTypes          []string `json:"data_types"`
}

// scoreName folds the spellings the gold treats as equal, as the shared
// scorer (score-policies.py) does: NFKC, case, whitespace, quote and list
// marks at either end, and a trailing "SDK".
func scoreName(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	s = strings.Join(strings.Fields(s), "")
	s = strings.Trim(s, "“”\"'‘’《》「」【】·•:：,，。;；、")
	for _, suf := range []string{"sdk", "-sdk", "_sdk"} {
		if t, ok := strings.CutSuffix(s, suf); ok && t != "" {
			s = t
			break
		}
	}
	return s
}

// scoreBrackets matches one bracketed part, which the scorer also compares
// without: "腾讯Bugly SDK（com.tencent.bugly）" equals "腾讯Bugly SDK".
var scoreBrackets = regexp.MustCompile(`[(（\[【][^)）\]】]*[)）\]】]`)

// scoreKeys are the folded forms a name matches under.
func scoreKeys(names ...string) map[string]bool {
	keys := map[string]bool{}
	for _, n := range names {
		keys[scoreName(n)] = true
		keys[scoreName(scoreBrackets.ReplaceAllString(n, ""))] = true
	}
	delete(keys, "")
	return keys
}

type prf struct{ tp, got, want int }

func (s prf) precision() float64 {
	if s.got == 0 {
		if s.want == 0 {
			return 1
		}
		return 0
	}
	return float64(s.tp) / float64(s.got)
}

func (s prf) recall() float64 {
	if s.want == 0 {
		if s.got == 0 {
			return 1
		}
		return 0
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

func (s *prf) addTo(t prf) prf { return prf{s.tp + t.tp, s.got + t.got, s.want + t.want} }

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
	sort.Strings(extra)
	sort.Strings(missing)
	return s, extra, missing
}

// sdkScore matches extracted SDKs to gold entries by folded name or alias,
// each gold entry at most once, greedily in extraction order (the shared
// scorer's rule).
func sdkScore(p *Policy, g *gold) (prf, []string, []string, []string) {
	s := prf{got: len(p.SDKs), want: len(g.SDKs)}
	var platformMisses []string
	golds := make([]map[string]bool, len(g.SDKs))
	for i, w := range g.SDKs {
		golds[i] = scoreKeys(append([]string{w.Name}, w.Aliases...)...)
	}
	used := make([]bool, len(g.SDKs))
	var extra []string
	for _, e := range p.SDKs {
		keys := scoreKeys(e.Name)
		hit := -1
		for i := range golds {
			if used[i] {
				continue
			}
			for k := range keys {
				if golds[i][k] {
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

// scored is one policy's score.
type scored struct {
	sdk, perm, data prf
}

// scorePolicy extracts one policy and scores it against its gold, logging
// per file precision/recall (and, with -v, what was extra and missed).
func scorePolicy(t *testing.T, path string, g *gold) scored {
	t.Helper()
	p, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var constants []string
	for _, perm := range p.Permissions {
		constants = append(constants, perm.Permissions...)
	}
	sdk, sdkExtra, sdkMissing, platformMisses := sdkScore(p, g)
	perm, permExtra, permMissing := setScore(constants, g.AndroidPermissions)
	data, dataExtra, dataMissing := setScore(p.DataTypes, g.DataTypes)
	t.Logf("%s  sdk %v  permission %v  data %v  language %s", g.Policy, sdk, perm, data, p.Language)
	if testing.Verbose() {
		t.Logf("  sdk extra %q missing %q", sdkExtra, sdkMissing)
		t.Logf("  permission extra %q missing %q", permExtra, permMissing)
		t.Logf("  data extra %q missing %q", dataExtra, dataMissing)
		for _, m := range platformMisses {
			t.Logf("  platforms of %s", m)
		}
	}
	return scored{sdk, perm, data}
}

func readGold(t *testing.T, file string) *gold {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var g gold
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return &g
}

// TestSeedScores scores the extractor against the hand-checked seeds:
// go test ./declared -run SeedScores -v prints per file precision/recall.
func TestSeedScores(t *testing.T) {
	files, err := filepath.Glob("../testdata/seeds-gold/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no gold files: %v", err)
	}
	for _, file := range files {
		g := readGold(t, file)
		t.Run(g.Policy, func(t *testing.T) {
			path := filepath.Join("../testdata/seeds", g.Policy+".txt")
			sc := scorePolicy(t, path, g)
			p, err := ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, _, platformMisses := sdkScore(p, g); len(platformMisses) > 0 {
				t.Errorf("platforms: %q", platformMisses)
			}
			if p.Language != g.Language {
				t.Errorf("language %s, want %s", p.Language, g.Language)
			}
			if len(g.SDKs) == 0 {
				if len(p.SDKs) != 0 {
					t.Errorf("%d SDKs found in a policy without an SDK list", len(p.SDKs))
				}
				if !hasWarning(p, "no SDK list") {
					t.Errorf("no \"no SDK list\" warning: %q", p.Warnings)
				}
			} else if sc.sdk.f1() < 0.9 {
				t.Errorf("SDK F1 %.2f < 0.90", sc.sdk.f1())
			}
			if len(g.AndroidPermissions) > 0 && sc.perm.f1() < 0.9 {
				t.Errorf("permission F1 %.2f < 0.90", sc.perm.f1())
			}
			if len(g.DataTypes) > 0 && sc.data.f1() < 0.85 {
				t.Errorf("data-type F1 %.2f < 0.85", sc.data.f1())
			}
		})
	}
}

// policyFloors are the F1 each real policy in testdata/policies must keep
// (SDK, permission, data type): just under what the extractor scores today,
// raised as it improves, so a change that loses a file's SDKs fails here.
var policyFloors = map[string]struct{ sdk, perm, data float64 }{
	"ashion-weather-privacy":       {0.98, 0.89, 0.79},
	"bjtraffic-privacy-2019-08":    {0.98, 0.73, 0.81},
	"duokaiqi-privacy":             {0.98, 0.90, 0.98},
	"emojireplacer-privacy":        {0.98, 0.98, 0.98},
	"geometry-shooter-privacy":     {0.98, 0.98, 0.65},
	"gotify-privacy":               {0.98, 0.98, 0.98},
	"huaben-privacy":               {0.98, 0.88, 0.93},
	"huasheng-privacy":             {0.98, 0.00, 0.81},
	"legado-privacy":               {0.98, 0.98, 0.98},
	"lingdong-notify-privacy":      {0.98, 0.65, 0.98},
	"lowleveldetector-privacy":     {0.98, 0.60, 0.98},
	"mengdong-sdk-list":            {0.98, 0.98, 0.98},
	"piceasy-privacy":              {0.98, 0.78, 0.90},
	"qiushui-sdk-list-2025-06":     {0.98, 0.71, 0.98},
	"sumishisen-privacy":           {0.98, 0.00, 0.00},
	"summerview-privacy":           {0.98, 0.00, 0.98},
	"transtaiwan-privacy":          {0.98, 0.00, 0.78},
	"vivo-browser-privacy-2022-12": {0.98, 0.82, 0.95},
	"wutong-permissions":           {0.98, 0.65, 0.87},
	"xiaoshuimian-privacy-2020-11": {0.98, 0.65, 0.98},
}

// TestPolicyScores scores the extractor against the twenty real policies
// in testdata/policies (provenance in its SOURCES.md), each against its
// floor, and the whole set (micro-averaged, as the shared scorer does):
// go test ./declared -run PolicyScores -v prints per file precision/recall.
func TestPolicyScores(t *testing.T) {
	files, err := filepath.Glob("testdata/policies/gold/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no gold files: %v", err)
	}
	var total scored
	for _, file := range files {
		g := readGold(t, file)
		floor, ok := policyFloors[g.Policy]
		if !ok {
			t.Errorf("%s: no floor in policyFloors", g.Policy)
			continue
		}
		t.Run(g.Policy, func(t *testing.T) {
			sc := scorePolicy(t, filepath.Join("testdata/policies", g.SourceFile), g)
			total = scored{total.sdk.addTo(sc.sdk), total.perm.addTo(sc.perm), total.data.addTo(sc.data)}
			for _, c := range []struct {
				what  string
				got   prf
				floor float64
			}{{"SDK", sc.sdk, floor.sdk}, {"permission", sc.perm, floor.perm}, {"data-type", sc.data, floor.data}} {
				if c.got.f1() < c.floor {
					t.Errorf("%s F1 %.2f < floor %.2f", c.what, c.got.f1(), c.floor)
				}
			}
		})
	}
	t.Logf("all policies: SDK %v  permission %v  data %v", total.sdk, total.perm, total.data)
}

func hasWarning(p *Policy, substr string) bool {
	for _, w := range p.Warnings {
		if strings.Contains(w, substr) {
			return true
		}
	}
	return false
}
