package main

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
)

// messagesZh is the Chinese of every message the CLI prints on stderr: the
// English message (its whole text, or the ending of an error a package or
// cobra returns), and its Chinese, where $1, $2… are the parts kept as they
// are (file names, flags, values). Errors print in English and are
// translated here, once, so the packages keep one language for logs.
var messagesZh = []struct {
	en, zh string
	// inner, when not 0, is the group that is itself a message (an app's
	// error in a progress line), translated too.
	inner int
}{
	// Batch progress and totals.
	{`privdiff batch: (\d+) apps, (\d+) audited, (\d+) errors in (.+); results in (.+)`, `privdiff batch：共 ${1} 个应用，完成审计 ${2} 个，出错 ${3} 个，用时 ${4}；结果在 ${5}`, 0},
	{`(\[\d+/\d+\] .+: .+) \(already done\)`, `${1}（此前已完成）`, 1},
	{`\[(\d+/\d+)\] (.+): ok`, `[${1}] ${2}：完成`, 0},
	{`\[(\d+/\d+)\] (.+): no policy`, `[${1}] ${2}：无隐私政策`, 0},
	{`\[(\d+/\d+)\] (.+): policy unreadable: (.+)`, `[${1}] ${2}：隐私政策无法读取：${3}`, 3},
	{`\[(\d+/\d+)\] (.+): error: (.+)`, `[${1}] ${2}：错误：${3}`, 3},
	// An app whose audit process died, or that a rerun skips for it.
	{`its audit died: out of memory under its (\d+) MiB limit`, `审计进程内存耗尽（上限 ${1} MiB）`, 0},
	{`its audit died: (.+)`, `审计进程异常终止：${1}`, 0},
	{`skipped: its audit died in a previous run \((.+)\); --retry-killed audits it again`, `已跳过：此前运行中其审计进程异常终止（${1}）；加 --retry-killed 可重新审计`, 0},
	{`its audit was stopped: (.+)`, `审计进程被终止：${1}`, 0},
	{`gave up after (\S+) reading (.+)`, `读取 ${2} 超过 ${1}，已放弃`, 0},
	{`gave up after (\S+)`, `超过 ${1}，已放弃`, 0},
	// Files a user names.
	{`(?:stat |open )?(.+): no such file(?: or directory)?`, `${1}：文件不存在`, 0},
	{`(?:stat |open )?(.+): permission denied`, `${1}：没有读取权限`, 0},
	{`(.+): is a directory, not a regular file`, `${1}：是目录，不是文件`, 0},
	{`(.+): is a named pipe \(FIFO\), not a regular file`, `${1}：是命名管道（FIFO），不是普通文件`, 0},
	{`(.+): is a device, not a regular file`, `${1}：是设备，不是普通文件`, 0},
	{`(.+): (\d+) bytes, over the (\d+)-byte limit`, `${1}：${2} 字节，超过 ${3} 字节的上限`, 0},
	// An APK that is not one.
	{`(.+): not a valid zip archive \(no readable central directory: not a zip, or truncated\)`, `${1}：不是 APK（不是有效的 zip 压缩包：没有可读的中央目录，或文件不完整）`, 0},
	{`(.+): not a valid zip archive \((.*)\)`, `${1}：不是 APK（不是有效的 zip 压缩包：${2}）`, 0},
	{`(.+): no AndroidManifest\.xml`, `${1}：没有 AndroidManifest.xml，不是 APK`, 0},
	{`(.+): AndroidManifest\.xml: (.+)`, `${1}：AndroidManifest.xml 无法读取：${2}`, 0},
	// A policy that cannot be read.
	{`(.+): contains NUL bytes \(binary data\): not a text document`, `${1}：含有 NUL 字节（二进制数据），不是文本文档`, 0},
	{`(.+): not an http\(s\) URL`, `${1}：不是 http(s) 网址`, 0},
	{`(.+): cannot fetch: (.+)`, `${1}：无法获取：${2}`, 0},
	{`(.+): server answered (.+)`, `${1}：服务器返回 ${2}`, 0},
	{`(.+): server sent (.+), not a text, HTML or PDF document: .*`, `${1}：服务器返回的是 ${2}，不是文本、HTML 或 PDF 文档`, 0},
	{`(.+): a PDF with no text layer \(scanned\?\): privdiff needs the policy as text(?: \(the little text it has says nothing a privacy policy says\))?`, `${1}：PDF 没有文字层（扫描件？），privdiff 需要文字形式的隐私政策`, 0},
	{`(.+): the page holds no policy text; it is probably rendered by JavaScript: save it from a browser \((.+)\)`, `${1}：页面中没有隐私政策文字，可能由 JavaScript 绘制：请在浏览器中保存页面后再读取（${2}）`, 2},
	{`it has no text at all`, `页面没有任何文字`, 0},
	{`it reads as (.+)`, `看起来是${1}`, 0},
	{`an empty page that loads its text with scripts`, `空白页面，文字由脚本加载`, 0},
	{`its text says nothing a privacy policy says`, `其文字不涉及隐私政策的内容`, 0},
	{`(.+): empty document(?: \(only a byte-order mark\))?: not a text document`, `${1}：空文档，不是文本文档`, 0},
	{`(.+): bytes are neither UTF-8, UTF-16, GB18030 nor Big5: not a text document`, `${1}：既不是 UTF-8、UTF-16、GB18030，也不是 Big5 编码，不是文本文档`, 0},
	{`(.+): (\d+) of (\d+) characters are control or invalid characters \(binary data\): not a text document`, `${1}：${3} 个字符中有 ${2} 个是控制字符或无效字符（二进制数据），不是文本文档`, 0},
	// Usage errors: ours, then cobra's.
	{`audit needs --policy FILE\|URL: the app's privacy policy`, `audit 需要 --policy 文件|网址：该应用的隐私政策`, 0},
	{`unknown --(format|lang|fail-on|min-severity) "(.*)" \(want (.+)\)`, `未知的 --${1} 取值“${2}”（可选：${3}）`, 0},
	{`(.+): (disable|severity): unknown rule "(.*)" \(want (.+)\)`, `${1}：${2} 中有未知规则“${3}”（可选：${4}）`, 0},
	{`--disable: unknown rule "(.*)" \(want (.+)\)`, `--disable：未知规则“${1}”（可选：${2}）`, 0},
	{`(.+): severity of (.+): unknown level "(.*)" \(want (.+)\)`, `${1}：${2} 的严重程度“${3}”未知（可选：${4}）`, 0},
	{`catalog: no SDK with id or name "(.*)" \(see privdiff catalog list\)`, `规则库中没有 ID 或名称为“${1}”的 SDK（见 privdiff catalog list）`, 0},
	{`--output (.+): a (.+) file, but this command writes (.+) \(give --format\)`, `--output ${1}：这是 ${2} 文件，但此命令只能输出 ${3}（请指定 --format）`, 0},
	{`--baseline: (.+): not a (.+) document \(write one with privdiff audit --format json\)`, `--baseline：${1} 不是 ${2} 文档（用 privdiff audit --format json 生成）`, 0},
	{`--jobs must be at least 1`, `--jobs 至少为 1`, 0},
	{`db report needs --out FILE\.html`, `db report 需要 --out 文件.html`, 0},
	{`no app could be audited \(see the status column\)`, `没有一个应用完成审计（见“状态”列）`, 0},
	{`accepts (\d+) arg\(s\), received (\d+)`, `需要 ${1} 个参数，收到 ${2} 个`, 0},
	{`requires at least (\d+) arg\(s\), only received (\d+)`, `至少需要 ${1} 个参数，只收到 ${2} 个`, 0},
	{`unknown command "(.*)" for "(.*)"`, `“${2}”没有“${1}”这个命令`, 0},
	{`Did you mean this\?`, `是否要用：`, 0},
	{`unknown flag: (.+)`, `未知选项：${1}`, 0},
	{`unknown shorthand flag: '(.)' in (.+)`, `未知短选项：“${1}”（在 ${2} 中）`, 0},
	{`flag needs an argument: (.+)`, `选项缺少取值：${1}`, 0},
	{`invalid argument "(.*)" for "(.+)" flag: (.+)`, `选项 ${2} 的取值“${1}”无效：${3}`, 0},
	{`auditing`, `审计中`, 0},
}

// compiledZh holds messagesZh as anchored patterns, compiled on the first
// message translated: compiling them costs more than the rest of start-up.
var compiledZh = sync.OnceValue(func() []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(messagesZh))
	for i, m := range messagesZh {
		out[i] = regexp.MustCompile(`^` + m.en + `$`)
	}
	return out
})

// translate gives a message in lang, line by line; a line no entry matches
// stays as it is.
func translate(msg, lang string) string {
	if lang != "zh" {
		return msg
	}
	lines := strings.Split(msg, "\n")
	for i, l := range lines {
		// Lines after the first of a joined message carry their own prefix.
		prefix := ""
		if rest, ok := strings.CutPrefix(l, "privdiff: "); ok {
			prefix, l = "privdiff: ", rest
		}
		lines[i] = prefix + translateLine(l)
	}
	return strings.Join(lines, "\n")
}

// translateLine translates one line by the first entry that matches it.
func translateLine(l string) string {
	for j, re := range compiledZh() {
		m := re.FindStringSubmatchIndex(l)
		if m == nil {
			continue
		}
		e := messagesZh[j]
		if e.inner == 0 {
			return string(re.ExpandString(nil, e.zh, l, m))
		}
		// The inner message is shorter than the line, so this ends.
		group := fmt.Sprintf("${%d}", e.inner)
		inner := translateLine(l[m[2*e.inner]:m[2*e.inner+1]])
		parts := strings.Split(e.zh, group)
		for k, p := range parts {
			parts[k] = string(re.ExpandString(nil, p, l, m))
		}
		return strings.Join(parts, inner)
	}
	return l
}

// messageLang is the language of stderr messages, settled before cobra runs
// (its own errors come before any flag is parsed): --lang when the command
// line has it, else the locale.
func messageLang(args []string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		if v, ok := strings.CutPrefix(a, "--lang="); ok {
			return v
		}
		if a == "--lang" && i+1 < len(args) {
			return args[i+1]
		}
	}
	return langFromEnv()
}

// say prints one "privdiff: …" message on stderr in the messages' language.
func say(w io.Writer, msg string) {
	fmt.Fprintln(w, "privdiff: "+translate(msg, stderrLang))
}

// stderrLang is messageLang of the running command line.
var stderrLang = "en"

// settleLang fills an empty --lang from the locale and refuses anything but
// zh and en.
func settleLang(lang *string) error {
	if *lang == "" {
		*lang = langFromEnv()
	}
	if *lang != "zh" && *lang != "en" {
		return usageError("unknown --lang %q (want zh or en)", *lang)
	}
	return nil
}
