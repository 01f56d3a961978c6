package catalog

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// PermissionWord is one way policies name an Android permission (相机,
// 读写日历, 保持后台唤醒) and the constants an engineer requests for it.
type PermissionWord struct {
	// Word is the phrase in match form: lower case, Simplified.
	Word        string
	Permissions []string
	// Bare phrases name a permission on their own; the others count only in
	// a permission context (followed by 权限, in a list of permissions, in a
	// numbered permission heading, after 开启/授权).
	Bare bool
	// NotBefore are what, right after the word, says it is not the
	// permission: 通知 followed by 我们 is the verb "to notify".
	NotBefore []string
}

// PermissionExtra adds constants to a statement whose clause also says one
// of If: 存储权限 "以便上传照片" also needs READ_MEDIA_IMAGES on Android 13.
type PermissionExtra struct {
	If  []string
	Has string
	Add []string
	// Clause limits If to the statement's own clause: "后台" elsewhere in
	// a list ("唤醒锁定(屏幕关闭后后台进程仍运行)、精确定位") says nothing of
	// location.
	Clause bool
}

// PermissionNarrowing drops constants a generic word brings when the
// statement's clause or purpose says one of If and none of Unless: 短信权限
// "读取验证码" reads messages and sends none.
type PermissionNarrowing struct {
	If, Unless []string
	Has        string
	Drop       []string
}

// PermissionActions are the sentences that state a permission by what the
// app does with a record: an actor (我们), a verb and the record
// ("我们将读取和编辑您的日历").
type PermissionActions struct {
	// Actors name the app as the one acting; NotActing, in the same
	// clause, say it does not (您可以, 不会, never).
	Actors, NotActing []string
	// Joiners link verbs of one run: "读取和编辑".
	Joiners []string
	Records []PermissionAction
}

// PermissionAction is one record a permission guards and the verbs that,
// right before it, need that permission.
type PermissionAction struct {
	Objects []string
	// Verbs are longest first.
	Verbs []ActionVerb
}

// ActionVerb is a verb in match form and the constants it needs.
type ActionVerb struct {
	Word        string
	Permissions []string
}

// PermissionVocabulary is the embedded permission-words data, ready to match.
type PermissionVocabulary struct {
	Words     *WordIndex[PermissionWord]
	Extras    []PermissionExtra
	Narrowing []PermissionNarrowing
	Actions   PermissionActions
	// NotAndroid are platform names (iOS, HarmonyOS) that, next to a
	// permission, say it is not an Android one.
	NotAndroid []string
	// moduleConstants are platform permissions that mainline modules
	// declare (AdServices), so the framework table lacks them; sorted.
	moduleConstants []string
}

// Known reports a permission the platform or one of its modules declares:
// android.permission.READ_CLIPBOARD, which a policy may write, is none.
func (v *PermissionVocabulary) Known(name string) bool {
	if _, ok := Permission(name); ok {
		return true
	}
	_, ok := slices.BinarySearch(v.moduleConstants, name)
	return ok
}

// PermissionWordEntry is one entry of permission-words.json or of
// permission-labels.json (Android's own names for its permissions, AOSP
// permlab_*/permdesc_*, written by catalog/genpermlabels and compiled into
// generatedPermissionLabels): the words, as the file writes them, that name
// the permissions.
type PermissionWordEntry struct {
	Words       []string `json:"words"`
	Permissions []string `json:"permissions"`
	Bare        bool     `json:"bare"`
	// NotBefore are what, right after the word, makes it a verb or a
	// noun of something else: 通知 in "通知我们删除" is no notification.
	NotBefore []string `json:"notBefore"`
}

// permissionVocabulary is data/permission-words.json and the labels of
// permission-labels.json as DecodePermissionWords reads them: go generate
// stores the result in indexes_gen.go, so no process decodes or folds them.
var permissionVocabulary = sync.OnceValue(func() *PermissionVocabulary {
	v := generatedPermissionVocabulary
	v.Words = &WordIndex[PermissionWord]{table: &generatedPermissionWordTable, values: generatedPermissionWordValues}
	return &v
})

// DecodePermissionWords reads permission-words.json and adds labels, the
// entries of permission-labels.json, to its words. go generate runs it.
func DecodePermissionWords(data []byte, labels []PermissionWordEntry) (*PermissionVocabulary, error) {
	var f struct {
		Entries []PermissionWordEntry `json:"entries"`
		Extras  []struct {
			If     []string `json:"if"`
			Has    string   `json:"has"`
			Add    []string `json:"add"`
			Clause bool     `json:"clause"`
		} `json:"extras"`
		Narrowing []struct {
			If     []string `json:"if"`
			Unless []string `json:"unless"`
			Has    string   `json:"has"`
			Drop   []string `json:"drop"`
		} `json:"narrowing"`
		Actions struct {
			Actors    []string `json:"actors"`
			NotActing []string `json:"notActing"`
			Joiners   []string `json:"joiners"`
			Records   []struct {
				Objects []string `json:"objects"`
				Verbs   []struct {
					Words       []string `json:"words"`
					Permissions []string `json:"permissions"`
				} `json:"verbs"`
			} `json:"records"`
		} `json:"actions"`
		NotAndroid      []string `json:"notAndroid"`
		ModuleConstants []string `json:"moduleConstants"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("permission-words.json: %w", err)
	}
	v := &PermissionVocabulary{}
	var words []string
	var values []PermissionWord
	// The curated words come first: where a label and a curated word are
	// the same, the curated reading wins.
	for _, e := range append(f.Entries, labels...) {
		var notBefore []string // nil when empty, as indexes_gen.go holds it
		for _, w := range e.NotBefore {
			notBefore = append(notBefore, FoldWord(w))
		}
		for _, w := range e.Words {
			w = FoldWord(w)
			words = append(words, w)
			values = append(values, PermissionWord{Word: w, Permissions: e.Permissions, Bare: e.Bare, NotBefore: notBefore})
		}
	}
	v.Words = NewWordIndex(words, values)
	for _, x := range f.Extras {
		ifs := make([]string, len(x.If))
		for i, w := range x.If {
			ifs[i] = FoldWord(w)
		}
		v.Extras = append(v.Extras, PermissionExtra{If: ifs, Has: x.Has, Add: x.Add, Clause: x.Clause})
	}
	for _, x := range f.Narrowing {
		v.Narrowing = append(v.Narrowing, PermissionNarrowing{If: foldWords(x.If), Unless: foldWords(x.Unless), Has: x.Has, Drop: x.Drop})
	}
	a := f.Actions
	v.Actions = PermissionActions{Actors: foldWords(a.Actors), NotActing: foldWords(a.NotActing), Joiners: foldWords(a.Joiners)}
	for _, r := range a.Records {
		rec := PermissionAction{Objects: foldWords(r.Objects)}
		for _, vb := range r.Verbs {
			for _, w := range foldWords(vb.Words) {
				rec.Verbs = append(rec.Verbs, ActionVerb{Word: w, Permissions: vb.Permissions})
			}
		}
		sort.SliceStable(rec.Verbs, func(i, j int) bool { return len(rec.Verbs[i].Word) > len(rec.Verbs[j].Word) })
		v.Actions.Records = append(v.Actions.Records, rec)
	}
	for _, w := range f.NotAndroid {
		v.NotAndroid = append(v.NotAndroid, FoldWord(w))
	}
	v.moduleConstants = slices.Sorted(slices.Values(f.ModuleConstants))
	return v, nil
}

func foldWords(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = FoldWord(w)
	}
	return out
}

// PermissionWords returns the vocabulary of permission wording.
func PermissionWords() *PermissionVocabulary { return permissionVocabulary() }

// FoldWord puts a vocabulary word in match form: Simplified, lower-case
// ASCII. Text is folded the same way before matching.
func FoldWord(s string) string {
	s = ToSimplified(s)
	if lowerAlready(s) {
		return s
	}
	return strings.ToLower(s)
}

// lowerAlready reports text strings.ToLower returns unchanged, answering
// ASCII and CJK ideographs (which have no case) without the Unicode case
// tables: most policy text is those. An invalid byte, which ToLower
// rewrites, is left to it.
func lowerAlready(s string) bool {
	return !anyRune(s, &asciiUpper, func(r rune) bool { return r == utf8.RuneError || unicode.ToLower(r) != r })
}

var asciiUpper = func() (t [utf8.RuneSelf]bool) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	return t
}()

// The CJK Unified Ideographs block: letters without case
// (TestLowerAlready).
const cjkFirst, cjkLast = 0x4E00, 0x9FFF

// WordMatch is one vocabulary word found in a text, at byte offsets
// [Start, End) of the text searched.
type WordMatch[T any] struct {
	Start, End int
	Value      T
}

// WordIndex finds vocabulary words in folded text, leftmost-longest and
// without overlaps, so 读取外部存储 wins over 存储 inside it.
type WordIndex[T any] struct {
	table *WordTable
	// values[i] is the value of table.words[i].
	values []T
}

// WordTable is the words of a WordIndex, laid out to be searched. go
// generate writes the catalog's vocabularies' tables into indexes_gen.go, so
// a process finds them ready: they hold no map and no pointer to build.
type WordTable struct {
	// words are grouped by first rune, in firstRunes order, longest first
	// within a group (in the order added between equals).
	words []string
	// firstRunes are the distinct first runes of the words, sorted; the
	// words starting with firstRunes[k] are words[runs[k]:runs[k+1]].
	firstRunes []rune
	runs       []int32
	// firstBMP has a bit for each rune of the Basic Multilingual Plane
	// that starts a word: most characters of a text start none and are
	// passed without a lookup. rank[i] counts the bits of firstBMP[:i], so
	// a rune's bit and those before it give its index in firstRunes.
	firstBMP [0x10000 / 64]uint64
	rank     [0x10000 / 64]uint16
	// oneRune marks the runes of firstBMP that are a word by themselves;
	// for the others, next has a bit for each hash of a word's first rune
	// and the byte after it, so "c" followed by "o" is passed when no word
	// starts "co" (English text starts a word at almost every letter).
	oneRune, next [0x10000 / 64]uint64
}

// nextKey hashes a word's first rune and the byte after it into next.
func nextKey(r rune, b byte) uint32 { return (uint32(r)*131 + uint32(b)) & 0xffff }

// NewWordIndex indexes words, values[i] being words[i]'s. Words must be
// folded (FoldWord) and not empty. go generate builds the catalog's indexes
// with it.
func NewWordIndex[T any](words []string, values []T) *WordIndex[T] {
	order := make([]int, len(words))
	for i, w := range words {
		if w == "" {
			panic(fmt.Sprintf("catalog: empty vocabulary word for %v", values[i]))
		}
		order[i] = i
	}
	first := func(i int) rune { r, _ := utf8.DecodeRuneInString(words[i]); return r }
	sort.SliceStable(order, func(a, b int) bool {
		ra, rb := first(order[a]), first(order[b])
		if ra != rb {
			return ra < rb
		}
		return len(words[order[a]]) > len(words[order[b]])
	})
	t := &WordTable{}
	ix := &WordIndex[T]{table: t}
	for _, i := range order {
		word := words[i]
		r, n := utf8.DecodeRuneInString(word)
		if len(t.firstRunes) == 0 || t.firstRunes[len(t.firstRunes)-1] != r {
			t.firstRunes = append(t.firstRunes, r)
			t.runs = append(t.runs, int32(len(t.words)))
		}
		t.words = append(t.words, word)
		ix.values = append(ix.values, values[i])
		if r < 0x10000 {
			t.firstBMP[r/64] |= 1 << (r % 64)
			if len(word) == n {
				t.oneRune[r/64] |= 1 << (r % 64)
			} else {
				k := nextKey(r, word[n])
				t.next[k/64] |= 1 << (k % 64)
			}
		}
	}
	t.runs = append(t.runs, int32(len(t.words)))
	for i := 1; i < len(t.rank); i++ {
		t.rank[i] = t.rank[i-1] + uint16(bits.OnesCount64(t.firstBMP[i-1]))
	}
	return ix
}

// Table is the index's words, for go generate to store.
func (ix *WordIndex[T]) Table() *WordTable { return ix.table }

// Values are the words' values, in the order of Table's words.
func (ix *WordIndex[T]) Values() []T { return ix.values }

// startingWith returns the range of words that start with r.
func (t *WordTable) startingWith(r rune) (lo, hi int) {
	var k int
	if r < 0x10000 {
		bit := uint64(1) << (r % 64)
		if t.firstBMP[r/64]&bit == 0 {
			return 0, 0
		}
		k = int(t.rank[r/64]) + bits.OnesCount64(t.firstBMP[r/64]&(bit-1))
	} else {
		var found bool
		if k, found = slices.BinarySearch(t.firstRunes, r); !found {
			return 0, 0
		}
	}
	return int(t.runs[k]), int(t.runs[k+1])
}

// FindAll returns the words in s, which must already be folded (FoldWord).
func (ix *WordIndex[T]) FindAll(s string) []WordMatch[T] { return ix.findAll(s, true) }

// mayStart reports whether a word may start at s[i:], whose first rune r
// (of the BMP) is n bytes long.
func (t *WordTable) mayStart(s string, i int, r rune, n int) bool {
	if t.firstBMP[r/64]&(1<<(r%64)) == 0 {
		return false
	}
	if t.oneRune[r/64]&(1<<(r%64)) != 0 {
		return true
	}
	if i+n >= len(s) {
		return false // no room for a word longer than its first rune
	}
	k := nextKey(r, s[i+n])
	return t.next[k/64]&(1<<(k%64)) != 0
}

// findAll is FindAll; skip passes the characters firstBMP says start no
// word without a lookup (false: a test's reference).
func (ix *WordIndex[T]) findAll(s string, skip bool) []WordMatch[T] {
	var out []WordMatch[T]
	t := ix.table
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = NextRune(s, i)
		}
		if skip && r < 0x10000 && !t.mayStart(s, i, r, n) {
			i += n
			continue
		}
		matched := false
		lo, hi := t.startingWith(r)
		for k := lo; k < hi; k++ {
			if w := t.words[k]; strings.HasPrefix(s[i:], w) {
				out = append(out, WordMatch[T]{Start: i, End: i + len(w), Value: ix.values[k]})
				i += len(w)
				matched = true
				break
			}
		}
		if !matched {
			i += n
		}
	}
	return out
}

// PermissionShortNames maps a constant's last segment (CAMERA,
// INSTALL_SHORTCUT) to its full name: shorts[i] to names[i], sorted by
// short name; android.permission.* wins over other namespaces. go generate
// stores them with a StringTable of the short names.
func PermissionShortNames(perms []PlatformPermission) (shorts, names []string) {
	m := map[string]string{}
	for _, p := range perms {
		name := p.Name
		short := name[strings.LastIndexByte(name, '.')+1:]
		if old, ok := m[short]; ok && (strings.HasPrefix(old, "android.permission.") || !strings.HasPrefix(name, "android.permission.") && old < name) {
			continue
		}
		m[short] = name
	}
	shorts = slices.Sorted(maps.Keys(m))
	for _, short := range shorts {
		names = append(names, m[short])
	}
	return shorts, names
}

// PermissionNamed returns the platform permission a policy names by its last
// segment alone ("READ_PHONE_STATE", "INSTALL_SHORTCUT").
func PermissionNamed(short string) (string, bool) {
	i := generatedPermissionShortTable.find(short, func(i int) string { return generatedPermissionShorts[i] })
	if i < 0 {
		return "", false
	}
	return generatedPermissionShortNames[i], true
}

// PermissionCompleting returns the one platform permission that name, cut
// short by at most two characters, starts ("…ACCESS_NETWORK_STAT").
func PermissionCompleting(name string) (string, bool) {
	found := ""
	for _, p := range generatedPermissions {
		full := p.Name
		if strings.HasPrefix(full, name) && len(full)-len(name) <= 2 {
			if found != "" {
				return "", false
			}
			found = full
		}
	}
	return found, found != ""
}
