// Command genpermlabels writes catalog/data/permission-labels.json, the names
// Android itself gives its permissions (读取联系人, 防止手机休眠, 开机启动,
// "read your contacts"), from AOSP's framework resources: the permission
// labels (permlab_*) and descriptions (permdesc_*) in English, zh-CN, zh-TW and
// zh-HK, tied to their constants by the platform manifest. Policies copy these
// names into their permission lists, often cut down ("修改联系人" for "修改您的
// 通讯录"), so each name is written out in the short forms policies use.
//
// The input is testdata/reference/aosp-framework-res (see PROVENANCE.md there:
// Debian's android-framework-res, Android 10, Apache-2.0). Run from the module
// root:
//
//	go run ./catalog/genpermlabels
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"privdiff/catalog"
)

var locales = []struct{ dir, name string }{
	{"values-zh-rCN", "zh-CN"},
	{"values-zh-rTW", "zh-TW"},
	{"values-zh-rHK", "zh-HK"},
	{"values", "en"},
}

var (
	permissionTag = regexp.MustCompile(`<permission\s[^>]*>`)
	attr          = regexp.MustCompile(`android:(name|label|description)="([^"]*)"`)
	stringTag     = regexp.MustCompile(`<string name="(perm(?:lab|desc)_[A-Za-z0-9_]+)"[^>]*>(.*?)</string>`)
	bracketed     = regexp.MustCompile(`\s*[(（][^()（）]*[)）]`)
)

// fillers are words a policy leaves out when it copies a label: "修改您的通讯录"
// is written "修改通讯录", "只能在前台获取大概位置" "获取大概位置".
var fillers = []string{"您的", "你的", "您", "你", "此应用可", "只能在前台", "仅在前台", "这个应用程序", "共享",
	"your ", "the app's ", "the app to "}

// leads are verbs of asking that policies drop or keep: "请求忽略电池优化" is
// also written "忽略电池优化".
var leads = []string{"请求", "允许"}

// synonyms are the words policies use for a label's words: 通讯录 and 联系人,
// 帐号 and 账号, WLAN and WiFi.
var synonyms = [][2]string{{"通讯录", "联系人"}, {"帐号", "账号"}, {"帐号", "账户"}, {"wlan", "wifi"}, {"手机", "设备"}}

// descriptionLeads open a description; what follows is the permission in
// other words ("允许应用阻止手机进入休眠状态").
var descriptionLeads = []string{"允许这个应用程式", "允许此应用程式", "允许应用程式", "允许这个应用程序", "允许应用程序",
	"允许该应用", "允许此应用", "允许应用", "允许程序",
	"allows the app to ", "allows an app to ", "allows the application to "}

type entry struct {
	Words       []string `json:"words"`
	Permissions []string `json:"permissions"`
	Bare        bool     `json:"bare,omitempty"`
	Source      string   `json:"source"`
}

type file struct {
	Comment string  `json:"comment"`
	Source  string  `json:"source"`
	Licence string  `json:"licence"`
	Entries []entry `json:"entries"`
}

func main() {
	ref := flag.String("ref", "testdata/reference/aosp-framework-res", "decoded framework resources")
	out := flag.String("out", "catalog/data/permission-labels.json", "output file")
	flag.Parse()
	if err := run(*ref, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genpermlabels:", err)
		os.Exit(1)
	}
}

func run(ref, out string) error {
	manifest, err := os.ReadFile(filepath.Join(ref, "AndroidManifest.permissions.xml"))
	if err != nil {
		return err
	}
	// permission constant of each permlab_/permdesc_ string.
	owner := map[string]string{}
	for _, tag := range permissionTag.FindAllString(string(manifest), -1) {
		var name string
		var keys []string
		for _, m := range attr.FindAllStringSubmatch(tag, -1) {
			switch m[1] {
			case "name":
				name = m[2]
			default:
				keys = append(keys, strings.TrimPrefix(m[2], "@string/"))
			}
		}
		for _, k := range keys {
			if name != "" && k != "" {
				owner[k] = name
			}
		}
	}
	type key struct {
		perm string
		bare bool
	}
	words := map[key]map[string]bool{}
	sources := map[key]map[string]bool{}
	for _, loc := range locales {
		raw, err := os.ReadFile(filepath.Join(ref, "res", loc.dir, "strings.permissions.xml"))
		if err != nil {
			return err
		}
		for _, m := range stringTag.FindAllStringSubmatch(string(raw), -1) {
			perm, ok := owner[m[1]]
			if !ok {
				continue
			}
			text := html.UnescapeString(m[2])
			var forms []string
			if strings.HasPrefix(m[1], "permlab_") {
				forms = labelForms(text)
			} else {
				forms = descriptionForms(text)
			}
			for _, w := range forms {
				k := key{perm, bare(w, strings.HasPrefix(m[1], "permlab_"))}
				if words[k] == nil {
					words[k], sources[k] = map[string]bool{}, map[string]bool{}
				}
				words[k][w] = true
				sources[k][m[1]+" "+loc.name] = true
			}
		}
	}
	f := file{
		Comment: "Android's own names for its permissions, written by go run ./catalog/genpermlabels from AOSP's framework resources; do not edit. words: the label or the first clause of the description, in match form (Simplified, lower case), and the short forms policies write (without 您的/your, brackets, 请求; 通讯录/联系人). bare: long enough to name the permission on its own; shorter names count only in a permission context, like the words of permission-words.json, which win where both have a word.",
		Source:  "AOSP frameworks/base core/res (AndroidManifest.xml, res/values*/strings.xml) of Android 10.0.0_r36, from Debian's android-framework-res 1:10.0.0+r36-10 (testdata/reference/aosp-framework-res)",
		Licence: "Apache-2.0",
	}
	keys := make([]key, 0, len(words))
	for k := range words {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].perm != keys[j].perm {
			return keys[i].perm < keys[j].perm
		}
		return keys[i].bare && !keys[j].bare
	})
	for _, k := range keys {
		f.Entries = append(f.Entries, entry{Words: sorted(words[k]), Permissions: []string{k.perm}, Bare: k.bare, Source: strings.Join(sorted(sources[k]), ", ")})
	}
	b, err := json.MarshalIndent(f, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(out, append(b, '\n'), 0o644)
}

// labelForms are a label and its short forms, folded.
func labelForms(label string) []string {
	base := catalog.FoldWord(strings.TrimSpace(strings.TrimRight(label, "。.")))
	forms := map[string]bool{base: true}
	add := func(s string) {
		s = strings.Join(strings.Fields(s), " ")
		if utf8.RuneCountInString(s) >= 2 {
			forms[s] = true
		}
	}
	add(bracketed.ReplaceAllString(base, ""))
	for f := range maps(forms) {
		short := f
		for _, w := range fillers {
			short = strings.ReplaceAll(short, w, "")
		}
		add(short)
	}
	for f := range maps(forms) {
		for _, l := range leads {
			if rest, ok := strings.CutPrefix(f, l); ok {
				add(rest)
			}
		}
	}
	for f := range maps(forms) {
		for _, s := range synonyms {
			if strings.Contains(f, s[0]) {
				add(strings.ReplaceAll(f, s[0], s[1]))
			}
		}
	}
	return sorted(forms)
}

// descriptionForms is the first clause of a description without its "允许
// 应用", when it is long enough to say one thing only.
func descriptionForms(desc string) []string {
	d := catalog.FoldWord(strings.TrimSpace(desc))
	if k := strings.IndexAny(d, "。，,;；.:："); k >= 0 {
		d = d[:k]
	}
	for _, l := range descriptionLeads {
		if rest, ok := strings.CutPrefix(d, l); ok {
			d = rest
			break
		}
	}
	d = strings.TrimSpace(d)
	if !bare(d, false) {
		return nil
	}
	return []string{d}
}

// bare reports a name long enough to stand for its permission alone: five
// Chinese characters, or three English words ("read your contacts"); a
// description clause needs eight characters or four words.
func bare(w string, label bool) bool {
	if w == "" {
		return false
	}
	if w[0] < utf8.RuneSelf {
		n := len(strings.Fields(w))
		return n >= 3 && (label || n >= 4)
	}
	n := utf8.RuneCountInString(w)
	return n >= 5 && (label || n >= 8)
}

func maps(m map[string]bool) map[string]bool {
	c := make(map[string]bool, len(m))
	for k := range m {
		c[k] = true
	}
	return c
}

func sorted(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
