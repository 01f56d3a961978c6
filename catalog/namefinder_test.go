package catalog

import (
	"reflect"
	"strings"
	"testing"
)

func TestFindSDKNames(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string // ids, in text order
	}{
		{"我们接入了极光推送和友盟统计", []string{"jpush", "umeng-analytics"}},
		{"googleanalyticsforfirebaseandfirebasecrashlytics", []string{"firebase-analytics", "firebase-crashlytics"}},
		{"神策及友盟的", []string{"sensors", "umeng-common"}},
		{"没有任何名字", nil},
		{"", nil},
	} {
		var got []string
		for _, h := range FindSDKNames(NormalizeName(c.text)) {
			got = append(got, h.ID)
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("FindSDKNames(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// TestFindSDKNamesAgreesWithLookup: every name the catalog resolves as a
// whole is found as a whole in a text that is only that name.
func TestFindSDKNamesAgreesWithLookup(t *testing.T) {
	for _, s := range SDKs() {
		for _, n := range s.Names() {
			key := NormalizeName(n)
			if !longEnough(key) {
				continue
			}
			want, _ := LookupSDK(n)
			hits := FindSDKNames(key)
			if len(hits) != 1 || hits[0].Start != 0 || hits[0].End != len(key) || hits[0].ID != want.ID {
				t.Errorf("FindSDKNames(%q) = %+v, want %s over the whole key", key, hits, want.ID)
			}
		}
	}
}

func BenchmarkFindSDKNames(b *testing.B) {
	key := NormalizeName(strings.Repeat("我们的产品集成了极光推送SDK和友盟统计以及Google Analytics for Firebase, ", 1000))
	b.SetBytes(int64(len(key)))
	for b.Loop() {
		FindSDKNames(key)
	}
}

// TestNameAutomatonGenerated: the automaton tables_gen.go's names are
// searched with is the one NewNameAutomaton builds from them.
func TestNameAutomatonGenerated(t *testing.T) {
	if !reflect.DeepEqual(*NewNameAutomaton(generatedNameKeys), generatedNameAutomaton) {
		t.Fatal("indexes_gen.go is stale: run go generate ./catalog")
	}
}
