package diff

import "privdiff/catalog"

// Key identifies a finding across runs: the rule and what it is about, not
// its wording or evidence, so a baseline survives a reworded message or a
// moved policy line.
func (f Finding) Key() string {
	return f.Rule + "\x00" + currentSDKID(f.SDK) + "\x00" + f.Permission + "\x00" + f.DataType
}

// currentSDKID maps an id an earlier catalog gave an SDK (umeng-game, now
// part of umeng-analytics) to today's, so an old baseline still matches.
func currentSDKID(id string) string {
	if id == "" {
		return id
	}
	if s, ok := catalog.SDKByID(id); ok {
		return s.ID
	}
	return id
}

// Suppress leaves out the findings an accepted earlier audit already had,
// so a CI gate fails only on new gaps. It returns the findings kept and how
// many were left out.
func Suppress(findings, baseline []Finding) ([]Finding, int) {
	accepted := make(map[string]bool, len(baseline))
	for _, b := range baseline {
		accepted[b.Key()] = true
	}
	kept := make([]Finding, 0, len(findings))
	for _, f := range findings {
		if !accepted[f.Key()] {
			kept = append(kept, f)
		}
	}
	return kept, len(findings) - len(kept)
}

// AtOrAbove reports whether any finding is at least as severe as level.
func AtOrAbove(findings []Finding, level Severity) bool {
	for _, f := range findings {
		if f.Severity.Rank() >= level.Rank() && level.Rank() > 0 {
			return true
		}
	}
	return false
}
