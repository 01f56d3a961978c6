package declared

import (
	"testing"

	"privdiff/catalog"
)

// TestWordSet checks wordSet against containsAny, on the vocabulary's own
// lists over every line of the policies the tests carry, and on edge cases.
func TestWordSet(t *testing.T) {
	v := mentionWords()
	lists := [][]string{v.Negations, v.Cues, v.PushCues, negations, negatedListCues, collectionWords,
		catalog.PermissionWords().Actions.Actors, {"a", "", "bc"}, {"x", "第三方"}, {"\xe4", "sdk"}, nil}
	texts := []string{"", "a", "b", "bc", "第三方", "第三", "SDK sdk", "\xe4\xb8", "x"}
	texts = append(texts, carriedPolicyLines(t)...)
	found := 0
	for _, words := range lists {
		set := newWordSet(words)
		for _, s := range texts {
			want := containsAny(s, words)
			if got := set.in(s); got != want {
				t.Fatalf("words %q in %q: %v, want %v", words, s, got, want)
			}
			if want {
				found++
			}
		}
	}
	if found < 100 {
		t.Errorf("only %d texts hold a word", found)
	}
}
