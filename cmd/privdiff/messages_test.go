package main

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestMessagesInChinese runs the CLI's common failures with --lang zh and
// with the locale, and checks stderr is Chinese, names the file, and that
// English stays English.
func TestMessagesInChinese(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "en_US.UTF-8")
	policy := "../../testdata/examples/jianke/policy.txt"
	for _, tc := range []struct {
		name string
		args []string
		zh   string // what stderr holds with --lang zh
		en   string // and in English
	}{
		{"APK not found", []string{"audit", "no-such.apk", "--policy", policy}, "no-such.apk：文件不存在", "no-such.apk: no such file"},
		{"policy not found", []string{"audit", minimalAPK, "--policy", "no-such.txt"}, "no-such.txt：文件不存在", "no-such.txt: no such file"},
		{"not an APK", []string{"scan", policy}, "policy.txt：不是 APK（不是有效的 zip 压缩包", "not a valid zip archive"},
		{"policy unreadable", []string{"policy", minimalAPK}, "minimal.apk：含有 NUL 字节（二进制数据），不是文本文档", "not a text document"},
		{"no --policy", []string{"audit", minimalAPK}, "audit 需要 --policy 文件|网址", "audit needs --policy"},
		{"no argument", []string{"audit"}, "需要 1 个参数，收到 0 个", "accepts 1 arg(s), received 0"},
		{"unknown flag", []string{"scan", minimalAPK, "--nope"}, "未知选项：--nope", "unknown flag: --nope"},
		{"unknown command", []string{"frobnicate"}, "“privdiff”没有“frobnicate”这个命令", `unknown command "frobnicate"`},
		{"unknown format", []string{"scan", minimalAPK, "--format", "xml"}, "未知的 --format 取值“xml”", `unknown --format "xml"`},
		{"unknown SDK", []string{"catalog", "show", "no-such-sdk"}, "规则库中没有 ID 或名称为“no-such-sdk”的 SDK", `no SDK with id or name "no-such-sdk"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, append(tc.args, "--lang", "zh")...)
			if code != 2 || !strings.Contains(errOut, tc.zh) {
				t.Errorf("--lang zh: exit %d, stderr %q, want %q", code, errOut, tc.zh)
			}
			code, _, errOut = runCLI(t, tc.args...)
			if code != 2 || !strings.Contains(errOut, tc.en) || hasHan(errOut) {
				t.Errorf("English: exit %d, stderr %q, want %q", code, errOut, tc.en)
			}
		})
	}
	t.Run("locale", func(t *testing.T) {
		t.Setenv("LANG", "zh_CN.UTF-8")
		if _, _, errOut := runCLI(t, "audit", "no-such.apk", "--policy", policy); !strings.Contains(errOut, "文件不存在") {
			t.Errorf("LANG=zh_CN: stderr %q", errOut)
		}
	})
}

// TestMessageTableShapes: every Chinese template uses only the groups its
// English pattern captures, and full-width punctuation after Chinese text.
func TestMessageTableShapes(t *testing.T) {
	for i, m := range messagesZh {
		groups := compiledZh()[i].NumSubexp()
		for g := 1; g <= 9; g++ {
			if strings.Contains(m.zh, "${"+string(rune('0'+g))+"}") && g > groups {
				t.Errorf("%q uses ${%d}, its pattern captures %d", m.zh, g, groups)
			}
		}
		if bareGroup.MatchString(m.zh) {
			t.Errorf("%q: a bare $1 (write ${1}: $1 would swallow the Chinese after it)", m.zh)
		}
		if strings.Contains(m.zh, ", ") || strings.Contains(m.zh, "; ") {
			t.Errorf("%q: half-width punctuation in a Chinese message", m.zh)
		}
	}
}

// TestHelpInChinese: with --lang zh, every command's one-line description,
// and every flag's, is Chinese, so a new command or flag without its Chinese
// fails here.
func TestHelpInChinese(t *testing.T) {
	code, out, _ := runCLI(t, "--help", "--lang", "zh")
	if code != 0 || !strings.Contains(out, "用法：") || !strings.Contains(out, "命令：") {
		t.Fatalf("privdiff --help --lang zh: exit %d:\n%s", code, out)
	}
	stderrLang = "zh"
	defer func() { stderrLang = "en" }()
	root := newRootCmd()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Name() == "completion" { // cobra's own, per shell
			return
		}
		if !hasHan(c.Short) {
			t.Errorf("%s: Short %q has no Chinese", c.CommandPath(), c.Short)
		}
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if !hasHan(f.Usage) {
				t.Errorf("%s --%s: usage %q has no Chinese", c.CommandPath(), f.Name, f.Usage)
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	code, out, _ = runCLI(t, "audit", "--help", "--lang", "zh")
	if code != 0 || !strings.Contains(out, "每个问题都附有 APK 中的证据") || strings.Contains(out, "(default") {
		t.Errorf("audit --help --lang zh: exit %d:\n%s", code, out)
	}
}

var bareGroup = regexp.MustCompile(`\$\d`)

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// TestTranslateNested: a progress line's status and the error inside it are
// both Chinese; a line the table does not know stays as it is.
func TestTranslateNested(t *testing.T) {
	for en, zh := range map[string]string{
		"[1/8] corrupt: error: /x/corrupt.apk: not a valid zip archive (no readable central directory: not a zip, or truncated)": "[1/8] corrupt：错误：/x/corrupt.apk：不是 APK（不是有效的 zip 压缩包：没有可读的中央目录，或文件不完整）",
		"[2/8] a: ok (already done)":                                        "[2/8] a：完成（此前已完成）",
		"[3/8] b: policy unreadable: p.html: server answered 404 Not Found": "[3/8] b：隐私政策无法读取：p.html：服务器返回 404 Not Found",
		"something new: not in the table":                                   "something new: not in the table",
		"https://x.cn/p: the page holds no policy text; it is probably rendered by JavaScript: save it from a browser (an empty page that loads its text with scripts)": "https://x.cn/p：页面中没有隐私政策文字，可能由 JavaScript 绘制：请在浏览器中保存页面后再读取（空白页面，文字由脚本加载）",
		"x: no such file\nprivdiff: y: no such file or directory": "x：文件不存在\nprivdiff: y：文件不存在",
	} {
		if got := translate(en, "zh"); got != zh {
			t.Errorf("translate(%q)\n got %q\nwant %q", en, got, zh)
		}
		if got := translate(en, "en"); got != en {
			t.Errorf("English changed: %q", got)
		}
	}
}
