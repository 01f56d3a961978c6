package catalog

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// genericSuffixes are dropped from the end of a normalised name: policies
// write "极光推送SDK", "极光推送 SDK" and "极光推送" for the same thing.
var genericSuffixes = []string{"软件开发工具包", "sdks", "sdk"}

// NormalizeName folds the spellings of an SDK name that policies use
// interchangeably into one key: case, full-width forms (ＳＤＫ), Traditional
// characters (華為推送), spaces and punctuation-like separators (友盟+ U-App,
// Alipay(支付宝)SDK), and a trailing "SDK" or "软件开发工具包".
func NormalizeName(s string) string {
	if !widthFolded(s) {
		s = width.Fold.String(s)
	}
	s = strings.ToLower(ToSimplified(s))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsControl(r) ||
			unicode.Is(unicode.Cf, r) {
			continue
		}
		b.WriteRune(r)
	}
	out := b.String()
	for trimmed := true; trimmed; {
		trimmed = false
		for _, suf := range genericSuffixes {
			if t, ok := strings.CutSuffix(out, suf); ok && t != "" {
				out, trimmed = t, true
				break
			}
		}
	}
	return out
}

// widthFolded reports text width.Fold leaves as it is, answering ASCII and
// CJK ideographs (which have no other width) without the transformer, which
// allocates and costs most of a name's normalisation (TestWidthFolded).
func widthFolded(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && (r < cjkFirst || r > cjkLast) {
			return false // U+FFFD for an invalid byte too
		}
	}
	return true
}

// LookupSDK resolves a name as a policy writes it ("极光推送SDK", "友盟+ U-App",
// "華為推送", "Alipay(支付宝)SDK") to a catalog entry through the entries'
// names and aliases. When the whole name is unknown, it tries the name
// without its bracketed parts ("百度地圖(Android端、iOS端)SDK" → "百度地圖SDK"),
// then each bracketed part on its own ("支付宝").
func LookupSDK(name string) (SDK, bool) {
	for _, cand := range nameCandidates(name) {
		if i, ok := sdkByName(NormalizeName(cand)); ok {
			return generatedSDKs[i], true
		}
	}
	return SDK{}, false
}

var bracketPairs = map[rune]rune{'(': ')', '（': '）', '[': ']', '【': '】', '〔': '〕', '「': '」', '《': '》'}

// nameCandidates returns name, name with its bracketed parts removed, and
// each bracketed part, in that order.
func nameCandidates(name string) []string {
	cands := []string{name}
	var outside strings.Builder
	var inside []string
	var cur strings.Builder
	var closer rune
	for _, r := range name {
		switch {
		case closer == 0:
			if c, ok := bracketPairs[r]; ok {
				closer = c
				cur.Reset()
				continue
			}
			outside.WriteRune(r)
		case r == closer:
			inside = append(inside, cur.String())
			closer = 0
		default:
			cur.WriteRune(r)
		}
	}
	if len(inside) == 0 {
		return cands
	}
	return append(append(cands, outside.String()), inside...)
}

// LookupSDKWithin resolves a name the catalog does not know as a whole by
// the longest catalog name or alias it contains: "腾讯 Bugly 闪退统计SDK"
// is Bugly, "新浪微博开放平台SDK" the Weibo SDK. Names shorter than four
// letters or two Chinese characters are not looked for inside others, and
// a Latin name must stand as a word ("bugly" in "buglyx" does not count).
func LookupSDKWithin(name string) (SDK, bool) {
	if s, ok := LookupSDK(name); ok {
		return s, true
	}
	// Latin names lose their word breaks when normalised: try the words
	// without a vendor in front ("Google Firebase Crashlytics").
	if words := strings.Fields(name); len(words) > 1 {
		for k := 1; k < len(words); k++ {
			if s, ok := LookupSDK(strings.Join(words[k:], " ")); ok && longEnough(NormalizeName(strings.Join(words[k:], " "))) {
				return s, true
			}
		}
	}
	key := NormalizeName(name)
	best, bestLen := -1, 0
	// Equal lengths fall through to the id tie-break, so the same name
	// always resolves to the same entry.
	for _, k := range generatedNamesWithin {
		n, i := generatedNameKeys[k].Key, generatedNameKeys[k].SDK
		if len(n) < bestLen {
			break // the names come longest first
		}
		if len(n) > len(key) {
			continue
		}
		at := strings.Index(key, n)
		if at < 0 || !standsAlone(key, at, at+len(n)) {
			continue
		}
		if len(n) > bestLen || (len(n) == bestLen && generatedSDKs[i].ID < generatedSDKs[best].ID) {
			best, bestLen = i, len(n)
		}
	}
	if best < 0 {
		return SDK{}, false
	}
	return generatedSDKs[best], true
}

// NamesWithin lists the indexes in keys (NameKeys) of the names
// LookupSDKWithin looks for inside others: the longEnough ones, longest
// first, so a lookup neither measures each name again nor reads those
// shorter than its best. go generate stores it.
func NamesWithin(keys []NameKey) []int32 {
	var out []int32
	for i, k := range keys {
		if longEnough(k.Key) {
			out = append(out, int32(i))
		}
	}
	// The order within a length does not change the answer (ties go to
	// the lower id); the keys' own order keeps it the same at every run.
	sort.SliceStable(out, func(a, b int) bool { return len(keys[out[a]].Key) > len(keys[out[b]].Key) })
	return out
}

// longEnough: four ASCII letters, or two non-ASCII characters.
func longEnough(n string) bool {
	ascii := 0
	other := 0
	for _, r := range n {
		if r < 0x80 {
			ascii++
		} else {
			other++
		}
	}
	return other >= 2 || ascii >= 4
}

// standsAlone reports that key[a:b] is not glued to more Latin letters or
// digits on either side.
func standsAlone(key string, a, b int) bool {
	isWord := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
	if a > 0 && isWord(key[a-1]) && isWord(key[a]) {
		return false
	}
	if b < len(key) && isWord(key[b]) && isWord(key[b-1]) {
		return false
	}
	return true
}
