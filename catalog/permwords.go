package catalog

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed data/permission-words.json
var permissionWordsJSON []byte

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
	// declare (AdServices), so the framework table lacks them.
	moduleConstants map[string]bool
}

// Known reports a permission the platform or one of its modules declares:
// android.permission.READ_CLIPBOARD, which a policy may write, is none.
func (v *PermissionVocabulary) Known(name string) bool {
	if _, ok := Permission(name); ok {
		return true
	}
	return v.moduleConstants[name]
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

var permissionVocabulary = sync.OnceValue(func() *PermissionVocabulary {
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
	if err := json.Unmarshal(permissionWordsJSON, &f); err != nil {
		panic("catalog: data/permission-words.json: " + err.Error())
	}
	v := &PermissionVocabulary{Words: newWordIndex[PermissionWord]()}
	// The curated words come first: where a label and a curated word are
	// the same, the curated reading wins.
	for _, e := range append(f.Entries, generatedPermissionLabels...) {
		notBefore := make([]string, len(e.NotBefore))
		for i, w := range e.NotBefore {
			notBefore[i] = FoldWord(w)
		}
		for _, w := range e.Words {
			w = FoldWord(w)
			v.Words.add(w, PermissionWord{Word: w, Permissions: e.Permissions, Bare: e.Bare, NotBefore: notBefore})
		}
	}
	v.Words.finish()
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
	v.moduleConstants = map[string]bool{}
	for _, c := range f.ModuleConstants {
		v.moduleConstants[c] = true
	}
	return v
})

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
	// byFirst lists the words starting with each rune, longest first.
	byFirst map[rune][]indexedWord[T]
	// firstBMP has a bit for each rune of the Basic Multilingual Plane
	// that starts a word: most characters of a text start none and are
	// passed without a map lookup.
	firstBMP *[0x10000 / 64]uint64
	// oneRune marks the runes of firstBMP that are a word by themselves;
	// for the others, next has a bit for each hash of a word's first rune
	// and the byte after it, so "c" followed by "o" is passed when no word
	// starts "co" (English text starts a word at almost every letter).
	oneRune, next *[0x10000 / 64]uint64
}

// nextKey hashes a word's first rune and the byte after it into next.
func nextKey(r rune, b byte) uint32 { return (uint32(r)*131 + uint32(b)) & 0xffff }

type indexedWord[T any] struct {
	word  string
	value T
}

func newWordIndex[T any]() *WordIndex[T] {
	return &WordIndex[T]{byFirst: map[rune][]indexedWord[T]{}, firstBMP: new([0x10000 / 64]uint64),
		oneRune: new([0x10000 / 64]uint64), next: new([0x10000 / 64]uint64)}
}

func (ix *WordIndex[T]) add(word string, v T) {
	if word == "" {
		panic(fmt.Sprintf("catalog: empty vocabulary word for %v", v))
	}
	r, n := utf8.DecodeRuneInString(word)
	ix.byFirst[r] = append(ix.byFirst[r], indexedWord[T]{word, v})
	if r < 0x10000 {
		ix.firstBMP[r/64] |= 1 << (r % 64)
		if len(word) == n {
			ix.oneRune[r/64] |= 1 << (r % 64)
		} else {
			k := nextKey(r, word[n])
			ix.next[k/64] |= 1 << (k % 64)
		}
	}
}

func (ix *WordIndex[T]) finish() {
	for r, ws := range ix.byFirst {
		sort.SliceStable(ws, func(i, j int) bool { return len(ws[i].word) > len(ws[j].word) })
		ix.byFirst[r] = ws
	}
}

// FindAll returns the words in s, which must already be folded (FoldWord).
func (ix *WordIndex[T]) FindAll(s string) []WordMatch[T] { return ix.findAll(s, true) }

// mayStart reports whether a word may start at s[i:], whose first rune r
// (of the BMP) is n bytes long.
func (ix *WordIndex[T]) mayStart(s string, i int, r rune, n int) bool {
	if ix.firstBMP[r/64]&(1<<(r%64)) == 0 {
		return false
	}
	if ix.oneRune[r/64]&(1<<(r%64)) != 0 {
		return true
	}
	if i+n >= len(s) {
		return false // no room for a word longer than its first rune
	}
	k := nextKey(r, s[i+n])
	return ix.next[k/64]&(1<<(k%64)) != 0
}

// findAll is FindAll; skip passes the characters firstBMP says start no
// word without a map lookup (false: a test's reference).
func (ix *WordIndex[T]) findAll(s string, skip bool) []WordMatch[T] {
	var out []WordMatch[T]
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = NextRune(s, i)
		}
		if skip && r < 0x10000 && !ix.mayStart(s, i, r, n) {
			i += n
			continue
		}
		matched := false
		for _, w := range ix.byFirst[r] {
			if strings.HasPrefix(s[i:], w.word) {
				out = append(out, WordMatch[T]{Start: i, End: i + len(w.word), Value: w.value})
				i += len(w.word)
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

// permissionsByShortName maps a constant's last segment (CAMERA,
// INSTALL_SHORTCUT) to its full name; android.permission.* wins over other
// namespaces.
var permissionsByShortName = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, p := range generatedPermissions {
		name := p.Name
		short := name[strings.LastIndexByte(name, '.')+1:]
		if old, ok := m[short]; ok && (strings.HasPrefix(old, "android.permission.") || !strings.HasPrefix(name, "android.permission.") && old < name) {
			continue
		}
		m[short] = name
	}
	return m
})

// PermissionNamed returns the platform permission a policy names by its last
// segment alone ("READ_PHONE_STATE", "INSTALL_SHORTCUT").
func PermissionNamed(short string) (string, bool) {
	name, ok := permissionsByShortName()[short]
	return name, ok
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
