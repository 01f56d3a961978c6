package declared

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestLazyPatternsCompile compiles every lazily compiled pattern, so a typo
// fails here rather than on the first policy that reaches it.
func TestLazyPatternsCompile(t *testing.T) {
	if len(lazyPatterns) == 0 {
		t.Fatal("no pattern registered")
	}
	for _, p := range lazyPatterns {
		if _, err := regexp.Compile(p); err != nil {
			t.Errorf("%q: %v", p, err)
		}
	}
}

func TestRequiredLiterals(t *testing.T) {
	for _, c := range []struct {
		pattern string
		want    string // the words, "|"-separated, (?i) ones marked "~"; "-" for none
	}{
		{`abc`, `abc`},
		{`(更新|生效|发布)[^0-9]{0,8}?(\d{4})`, `更新|生效|发布`},
		{`\d+\s*(?:年|月)`, `年|月`},
		{`sdk|软件开发工具包|based on|built with`, `sdk|软件开发工具包|ased on|uilt with`},
		{`(?i)last\s+updated|effective`, `~updated|~effective`},
		{`(?i)更新日期`, `~更新日期`},
		{`(?i)ſ`, `~s`},         // s, S or ſ: a text with ſ passes mayMatch
		{`x*`, `-`},             // matches the empty text
		{`a|b*`, `-`},           // one branch needs nothing
		{`(?:ab)?cd`, `cd`},     // an optional part needs nothing
		{`(?:ab){2,3}`, `abab`}, // a repeated one does, as often as it must
		{`-{3,}`, `---`},
		{`x{20}`, `xxxxxxxx`},
		{`[:：]\s*\d`, `:|：`},   // a narrow class is its runes
		{`[a-z]+_[a-z]+`, `_`}, // a wide one is nothing
		{`^\s*\|?\s*$`, `-`},   // nothing but anchors and spaces
		{`\bfoo\b|bar\.permission`, `foo|bar.permission`},
	} {
		re, err := syntax.Parse(c.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		lits, ok := requiredLiterals(re)
		got := "-"
		if ok {
			var words []string
			for _, l := range lits {
				w := l.text
				if l.fold {
					w = "~" + w
				}
				words = append(words, w)
			}
			got = strings.Join(words, "|")
		}
		if got != c.want {
			t.Errorf("%q: words %q, want %q", c.pattern, got, c.want)
		}
	}
}

// TestASCIIFoldsOutside checks the runes (?i) matches to an ASCII letter
// that are not ASCII are the two mayMatch looks for.
func TestASCIIFoldsOutside(t *testing.T) {
	var outside []string
	for r := rune('A'); r <= 'z'; r++ {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f >= utf8.RuneSelf {
				outside = append(outside, string(f))
			}
		}
	}
	if got := strings.Join(outside, ""); got != "\u212a\u017f\u212a\u017f" {
		t.Errorf("runes folding to ASCII letters: %q", got)
	}
}

func TestContainsFoldASCII(t *testing.T) {
	for _, c := range []struct {
		s, word string
		want    bool
	}{
		{"Last Updated: 2024", "updated", true},
		{"LAST UPDATED", "updated", true},
		{"更新日期", "updated", false},
		{"update", "updated", false},
		{"uuuuuuuuupdated", "updated", true},
		{"UuUuUpdAted", "updated", true},
		{"", "a", false},
		{"abc", "", true},
		{"ab", "abc", false},
	} {
		if got := containsFoldASCII(c.s, c.word); got != c.want {
			t.Errorf("containsFoldASCII(%q, %q) = %v", c.s, c.word, got)
		}
	}
}

// TestPrefilterNeverHidesAMatch extracts every policy the tests carry and
// checks each text the prefilter turned away against the regexp itself: a
// text it turns away must not match. It also checks the prefilter turned
// some away, or it does no work.
func TestPrefilterNeverHidesAMatch(t *testing.T) {
	shells, _ := filepath.Glob("testdata/notpolicy/*.html")
	files := append(carriedPolicies(t), shells...)
	var asked, turnedAway int
	prefilterSaid = func(p *prefiltered, s string, mayMatch bool) {
		asked++
		if !mayMatch {
			turnedAway++
			if p.re().MatchString(s) {
				t.Errorf("%q turned away %q, which it matches", p.String(), s)
			}
		}
	}
	defer func() { prefilterSaid = nil }()
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Extract(data, file); err != nil {
			t.Fatal(err)
		}
	}
	if turnedAway < asked/4 {
		t.Errorf("the prefilter turned away only %d of %d texts", turnedAway, asked)
	}
}

// FuzzPrefilter checks every pattern's prefilter against its regexp on
// arbitrary text: a text turned away must not match.
func FuzzPrefilter(f *testing.F) {
	for _, s := range []string{"更新日期：2021年12月28日", "Last \u212aupdated: March 3, 2024",
		"android.permission.CAMERA", "基于flutter框架开发", "\u017fdk", "LAST UPDATED"} {
		f.Add(s)
	}
	patterns := make([]*prefiltered, len(lazyPatterns))
	for i, p := range lazyPatterns {
		patterns[i] = newPrefiltered(p)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range patterns {
			if !p.holdsNeeded(s) && p.re().MatchString(s) {
				t.Errorf("%q turned away %q, which it matches", p.String(), s)
			}
		}
	})
}

func TestRequiredByte(t *testing.T) {
	for _, c := range []struct{ pattern, want string }{
		{`(更新|生效)[^0-9]{0,8}?(\d{4})`, "0123456789"},
		{`[a-z]+_[a-z]+`, "_"},
		{`[a-c]x|\d`, "x0123456789"},
		{`[a-c]|[0-1]`, "01abc"},
		{`更新x`, "x"},
		{`[a-c]?更新`, ""},
		{`(?i)k`, ""}, // K, k and the Kelvin sign: not ASCII alone
		{`[é-ë]`, ""},
	} {
		re, err := syntax.Parse(c.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := requiredByte(re); got != c.want {
			t.Errorf("%q: bytes %q, want %q", c.pattern, got, c.want)
		}
	}
}

func TestRequiredLiteralSets(t *testing.T) {
	for _, c := range []struct{ pattern, want string }{
		{`(?:关闭|撤回|revoke)([^,;:]{1,60}?)(?:权限|permission)`, `权限|permission & 关闭|撤回|revoke`},
		{`(更新|生效)[^0-9]{0,8}?(\d{4})`, `更新|生效`},
		{`(ab(c|d)ef)`, `ab & ef`}, // a group is read through; [cd] is the weakest
		{`x*`, ``},
		{`sdk|框架`, `sdk|框架`},
	} {
		re, err := syntax.Parse(c.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		var sets []string
		for _, set := range requiredLiteralSets(re) {
			var words []string
			for _, l := range set {
				words = append(words, l.text)
			}
			sets = append(sets, strings.Join(words, "|"))
		}
		if got := strings.Join(sets, " & "); got != c.want {
			t.Errorf("%q: %q, want %q", c.pattern, got, c.want)
		}
	}
}

// TestPrefilteredAnswers checks the prefiltered methods against the
// regexp's own on texts that pass the prefilter and texts that do not.
func TestPrefilteredAnswers(t *testing.T) {
	p := newPrefiltered(`(更新|生效)[^0-9]{0,8}?(\d{4})`)
	re := regexp.MustCompile(p.String())
	for _, s := range []string{"", "更新日期：2021年", "没有日期", "生效 1999 更新 2024", "2024"} {
		if got, want := p.ReplaceAllString(s, "<$2>"), re.ReplaceAllString(s, "<$2>"); got != want {
			t.Errorf("ReplaceAllString(%q) = %q, want %q", s, got, want)
		}
		if got, want := fmt.Sprint(p.FindAllStringSubmatchIndex(s, -1)), fmt.Sprint(re.FindAllStringSubmatchIndex(s, -1)); got != want {
			t.Errorf("FindAllStringSubmatchIndex(%q) = %s, want %s", s, got, want)
		}
		if p.MatchString(s) != re.MatchString(s) || p.FindString(s) != re.FindString(s) {
			t.Errorf("%q: MatchString or FindString differ", s)
		}
	}
	if p.Regexp().String() != re.String() {
		t.Error("Regexp() is another pattern")
	}
}
