package catalog

import (
	_ "embed"
	"encoding/json"
	"strings"
	"sync"
	"unicode"
)

//go:embed data/policy-signals.json
var policySignalsJSON []byte

// PolicySignals are the words that tell a privacy policy from a page that
// holds none: the topics every policy touches and the short lines of
// login, error, consent and JavaScript-shell pages.
type PolicySignals struct {
	// Topics finds topic ids in folded text (FoldWord).
	Topics *WordIndex[string]
	// TopicCount is how many distinct topics there are.
	TopicCount int
	// PageLines lists, for each kind of page, the phrases that mark it on
	// a short line of its own, folded and without spaces (FoldPageLine).
	PageLines []PageKind
	// TitleWords find the nouns of a document's title in folded text.
	TitleWords *WordIndex[struct{}]
}

// PageKind is one kind of page that is not a policy.
type PageKind struct {
	Kind    string
	Phrases []string
}

var policySignals = sync.OnceValue(func() *PolicySignals {
	var f struct {
		Topics []struct {
			ID    string   `json:"id"`
			Words []string `json:"words"`
		} `json:"topics"`
		PageLines []struct {
			Kind    string   `json:"kind"`
			Phrases []string `json:"phrases"`
		} `json:"pageLines"`
		TitleWords []string `json:"titleWords"`
	}
	if err := json.Unmarshal(policySignalsJSON, &f); err != nil {
		panic("catalog: data/policy-signals.json: " + err.Error())
	}
	s := &PolicySignals{Topics: newWordIndex[string](), TopicCount: len(f.Topics)}
	for _, t := range f.Topics {
		for _, w := range t.Words {
			s.Topics.add(FoldWord(w), t.ID)
		}
	}
	s.Topics.finish()
	s.TitleWords = newWordIndex[struct{}]()
	for _, w := range f.TitleWords {
		s.TitleWords.add(FoldWord(w), struct{}{})
	}
	s.TitleWords.finish()
	for _, p := range f.PageLines {
		k := PageKind{Kind: p.Kind}
		for _, ph := range p.Phrases {
			k.Phrases = append(k.Phrases, FoldPageLine(ph))
		}
		s.PageLines = append(s.PageLines, k)
	}
	return s
})

// Signals returns the policy/page vocabulary of data/policy-signals.json.
func Signals() *PolicySignals { return policySignals() }

// FoldPageLine folds a line for matching page-line phrases: Simplified,
// lower-case, without spaces.
func FoldPageLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, FoldWord(s))
}
