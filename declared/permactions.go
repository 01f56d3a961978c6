package declared

import (
	"strings"
	"unicode/utf8"

	"privdiff/catalog"
)

// A sentence that says what the app does with a permission-gated record
// states the permission without the word 权限: "我们将读取和编辑您的日历信息"
// needs READ_CALENDAR and WRITE_CALENDAR. Only an actor (我们, the app), a
// run of verbs and the record right after them count, with the verbs and
// records of catalog/data/permission-words.json "actions": "您可以编辑日历"
// (the user acts) and "日历提醒" (no verb) state nothing.

// maxActionGap is how many characters may stand between the verbs and
// their record: a possessive such as "您设备上的".
const maxActionGap = 6

// actions adds the permissions the sentence s of line i states by action.
func (f *permFinder) actions(l *docLine, i int, sent [2]int, s string, heading bool, said map[string]bool) {
	acts := f.vocab.Actions
	if len(acts.Records) == 0 || !actorWords().in(s) {
		return
	}
	for _, rec := range acts.Records {
		for from := 0; from < len(s); {
			k := indexAnyWord(s[from:], rec.Objects)
			if k < 0 {
				break
			}
			at := from + k
			from = at + 1
			end := at + wordLenAt(s[at:], rec.Objects)
			if permissionSuffix(s[end:]) != nil {
				// "获取您的日历权限" is a permission statement, read as one.
				continue
			}
			verbsStart, perms := f.verbsBefore(s[:at], rec)
			if verbsStart < 0 || len(perms) == 0 {
				continue
			}
			clause := s[:verbsStart]
			if c := strings.LastIndexAny(clause, ",;:。"); c >= 0 {
				clause = clause[c+1:]
			}
			if !containsAny(clause, acts.Actors) || containsAny(clause, acts.NotActing) || offBefore(s[:verbsStart]) {
				continue
			}
			if f.otherPlatform {
				perms = nil
			}
			key := strings.Join(sortedUniq(perms), ",")
			if said[key] {
				continue
			}
			said[key] = true
			f.add(Permission{
				Text:        trimMarkup(l.written(sent[0]+verbsStart, sent[0]+end)),
				Permissions: perms,
				Purpose:     f.purpose(l, i, sent[0], sent[1], sent[0]+verbsStart, sent[0]+end, heading),
				Line:        i + 1,
			})
		}
	}
}

// verbsBefore reads, backwards from a record, a possessive gap and a run of
// verbs joined by 和/及/、 ("读取和编辑您的"), and returns where the run
// starts and what its verbs need; -1 when no verb stands right there.
func (f *permFinder) verbsBefore(s string, rec catalog.PermissionAction) (int, []string) {
	acts := f.vocab.Actions
	pos := len(s)
	// The possessive or determiner between the verbs and the record.
	for n := 0; n < maxActionGap && pos > 0; n++ {
		if matchVerbEnding(s[:pos], rec) >= 0 {
			break
		}
		_, size := utf8.DecodeLastRuneInString(s[:pos])
		r, _ := utf8.DecodeLastRuneInString(s[:pos])
		if strings.ContainsRune(",;:。()", r) {
			return -1, nil
		}
		pos -= size
	}
	start := -1
	var perms []string
	for {
		v := matchVerbEnding(s[:pos], rec)
		if v < 0 {
			break
		}
		perms = append(perms, rec.Verbs[v].Permissions...)
		pos -= len(rec.Verbs[v].Word)
		start = pos
		// A joiner before the verb continues the run: "读取和编辑".
		joined := false
		for _, j := range acts.Joiners {
			if strings.HasSuffix(s[:pos], j) && matchVerbEnding(s[:pos-len(j)], rec) >= 0 {
				pos -= len(j)
				joined = true
				break
			}
		}
		if !joined {
			break
		}
	}
	return start, perms
}

// matchVerbEnding returns the index of the verb of rec that s ends with, or -1.
func matchVerbEnding(s string, rec catalog.PermissionAction) int {
	for k, v := range rec.Verbs {
		if strings.HasSuffix(s, v.Word) {
			return k
		}
	}
	return -1
}

// indexAnyWord returns the first offset in s of any of words, or -1.
func indexAnyWord(s string, words []string) int {
	best := -1
	for _, w := range words {
		if k := strings.Index(s, w); k >= 0 && (best < 0 || k < best) {
			best = k
		}
	}
	return best
}

// wordLenAt returns the length of the longest of words that s starts with.
func wordLenAt(s string, words []string) int {
	n := 0
	for _, w := range words {
		if strings.HasPrefix(s, w) && len(w) > n {
			n = len(w)
		}
	}
	return n
}
