package catalog

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"unicode"
)

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

// policySignals is DecodePolicySignals(data/policy-signals.json), which go
// generate stores in indexes_gen.go.
var policySignals = sync.OnceValue(func() *PolicySignals {
	s := generatedPolicySignals
	s.Topics = &WordIndex[string]{table: &generatedTopicWordTable, values: generatedTopicWordValues}
	s.TitleWords = &WordIndex[struct{}]{table: &generatedTitleWordTable, values: generatedTitleWordValues}
	return &s
})

// DecodePolicySignals reads policy-signals.json. go generate runs it.
func DecodePolicySignals(data []byte) (*PolicySignals, error) {
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
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("policy-signals.json: %w", err)
	}
	s := &PolicySignals{TopicCount: len(f.Topics)}
	var topicWords, topics []string
	for _, t := range f.Topics {
		for _, w := range t.Words {
			topicWords = append(topicWords, FoldWord(w))
			topics = append(topics, t.ID)
		}
	}
	s.Topics = NewWordIndex(topicWords, topics)
	titleWords := foldWords(f.TitleWords)
	s.TitleWords = NewWordIndex(titleWords, make([]struct{}, len(titleWords)))
	for _, p := range f.PageLines {
		k := PageKind{Kind: p.Kind}
		for _, ph := range p.Phrases {
			k.Phrases = append(k.Phrases, FoldPageLine(ph))
		}
		s.PageLines = append(s.PageLines, k)
	}
	return s, nil
}

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
