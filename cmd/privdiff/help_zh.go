package main

import (
	"regexp"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// helpZh is the Chinese of the --help texts: each command's Short and each
// flag's usage by their English text, so a text changed in English without
// its Chinese shows in English rather than wrongly.
var helpZh = map[string]string{
	// Commands.
	"Compare what an Android app does with what its privacy policy declares":      "对照 Android 应用的实际行为与其隐私政策的声明",
	"Print privdiff's version, commit and catalog version":                        "显示 privdiff 的版本、提交与规则库版本",
	"List what an APK or split set (.apks, .xapk) contains":                       "列出 APK 或拆分安装包（.apks、.xapk）中的内容",
	"Read a privacy policy into the SDKs, permissions and data types it declares": "读取隐私政策，列出其声明的第三方 SDK、权限与数据类型",
	"Compare an APK with its privacy policy and report every gap":                 "对照 APK 与其隐私政策，报告每一处不一致",
	"Audit many apps in one run, on every core; stop and resume at will":          "一次审计多个应用，用满所有 CPU 核心；可随时中断、续跑",
	"Audit one app for a parent batch (request on stdin, answer on stdout)":       "为上层 batch 审计单个应用（请求来自标准输入，结果写到标准输出）",
	"Join the summaries of several batch shards' output directories":              "合并多个 batch 分片输出目录的汇总",
	"Ask the results store: apps, an app's history, SDKs, what a version changed": "查询结果库：应用、应用的版本历史、SDK、某版本的变化",
	"Every app with its latest version and open findings by severity":             "每个应用的最新版本及按严重程度统计的未解决问题",
	"An app version by version: what was added, removed, fixed and persists":      "一个应用的逐版本变化：新增、移除、已修复与屡教不改的问题",
	"SDKs ranked by how many apps embed them undeclared":                          "按未声明即集成的应用数排序的 SDK",
	"What the newer version added that its policy does not cover":                 "新版本新增了哪些隐私政策未覆盖的内容",
	"The campaign overview: one self-contained HTML page across apps":             "专项检查总览：涵盖所有应用的单个自包含 HTML 页面",
	"List the SDKs privdiff knows, or show one with its names and signatures":     "列出 privdiff 已知的 SDK，或显示某个 SDK 的名称与特征",
	"List every catalog entry": "列出规则库的所有条目",
	"Show one catalog entry, by its id or any of its names (极光推送, 友盟)": "按 ID 或任一名称（极光推送、友盟）显示规则库中的一个条目",
	"Help about any command":                                     "显示任一命令的帮助",
	"Generate the autocompletion script for the specified shell": "生成指定 shell 的自动补全脚本",

	// Flags.
	"the app's privacy policy: a .txt, .md, .html or .pdf file, or an http(s) URL":                                                                                                                                 "应用的隐私政策：.txt、.md、.html 或 .pdf 文件，或 http(s) 网址",
	"output format: table, json, sarif, markdown or html (default: from the --output file's extension — .html, .md, .sarif, .json, .txt —, else table on a terminal, json otherwise)":                              "输出格式：table、json、sarif、markdown 或 html（默认按 --output 文件的扩展名——.html、.md、.sarif、.json、.txt——决定，否则终端上为 table，其他情况为 json）",
	"list only findings at or above this level: the table counts the others, every other format leaves them out with a note (default: low for the table on a terminal, so info notes are counted; info elsewhere)": "只列出达到此级别的问题：表格对其余问题只计数，其他格式略去并加注说明（默认：终端上的表格为 low，提示类只计数；其他情况为 info）",
	"leave out the findings of this rule (repeat or comma-separate; also `disable:` in .privdiff.yaml)":                                                                                                            "不报告此规则的问题（可重复或用逗号分隔；也可写在 .privdiff.yaml 的 `disable:` 中）",
	"project settings (disable, severity, fail-on, min-severity, lang) (default: .privdiff.yaml in the current directory, if there)":                                                                               "项目设置（disable、severity、fail-on、min-severity、lang）（默认：当前目录下的 .privdiff.yaml，如有）",
	"show the date of analysis in every format (the table always has it; SOURCE_DATE_EPOCH sets it)":                                                                                                               "在所有格式中注明分析日期（表格总是注明；可用 SOURCE_DATE_EPOCH 指定）",
	"write the report to this file instead of stdout":                                                                                           "把报告写入此文件，而不是标准输出",
	"exit 1 when a finding is at or above this severity: none, info, low, medium or high":                                                       "有问题达到此严重程度时退出码为 1：none、info、low、medium 或 high",
	"language of the report: zh or en (default: from LANG)":                                                                                     "报告语言：zh 或 en（默认取自 LANG）",
	"also record the audit in this results store: a SQLite file or a postgres:// URL":                                                           "同时把审计结果记入此结果库：SQLite 文件或 postgres:// 网址",
	"an accepted earlier audit (JSON): its findings are left out, so only new gaps count":                                                       "已接受的早先审计结果（JSON）：其中的问题不再报告，只计新问题",
	"apps audited at the same time":                                                                                                             "同时审计的应用数",
	"output directory (default ./privdiff-batch)":                                                                                               "输出目录（默认 ./privdiff-batch）",
	"summary on stdout: table, csv or jsonl (default: table on a terminal, jsonl otherwise)":                                                    "标准输出上的汇总格式：table、csv 或 jsonl（默认：终端上为 table，其他情况为 jsonl）",
	"language of the reports and the summary's headers: zh or en (default: from LANG)":                                                          "报告与汇总表头的语言：zh 或 en（默认取自 LANG）",
	"exit 1 when any app has a finding at or above this severity: none, info, low, medium or high":                                              "任一应用有问题达到此严重程度时退出码为 1：none、info、low、medium 或 high",
	"audit only the I-th of N slices of the input, e.g. 2/8":                                                                                    "只审计输入的 N 个分片中的第 I 个，例如 2/8",
	"redo apps whose result already exists":                                                                                                     "已有结果的应用也重新审计",
	"record every audit in this results store: a SQLite file or a postgres:// URL (default: OUT/privdiff.db)":                                   "把每次审计记入此结果库：SQLite 文件或 postgres:// 网址（默认：OUT/privdiff.db）",
	"give up on one app after this long":                                                                                                        "单个应用超过此时长即放弃",
	"audit each app in its own process, so an app that exhausts memory or crashes ends only its own audit":                                      "每个应用在独立进程中审计，某个应用耗尽内存或崩溃只终止它自己的审计",
	"address space each app's audit process may use, e.g. 4GiB (auto: the machine's or its container's memory shared by --jobs, at least 2GiB)": "每个应用的审计进程可用的地址空间，例如 4GiB（auto：本机或容器的内存按 --jobs 均分，至少 2GiB）",
	"audit again the apps whose audit died (out of memory, killed) in an earlier run; without it they get an error row":                         "重新审计此前运行中审计进程异常终止（内存耗尽、被杀）的应用；不加此项则直接记为错误行",
	"table, csv or jsonl (default: table on a terminal, jsonl otherwise)":                                                                       "table、csv 或 jsonl（默认：终端上为 table，其他情况为 jsonl）",
	"language of the headers: zh or en (default: from LANG)":                                                                                    "表头语言：zh 或 en（默认取自 LANG）",
	"also write summary.csv and summary.jsonl into this directory":                                                                              "同时把 summary.csv 与 summary.jsonl 写入此目录",
	"output format: table or json":                                                                                                              "输出格式：table 或 json",
	"language of the table: zh or en (default: from LANG)":                                                                                      "表格语言：zh 或 en（默认取自 LANG）",
	"the results store: a SQLite file or a postgres:// URL (default: $PRIVDIFF_DB or privdiff-batch/privdiff.db)":                               "结果库：SQLite 文件或 postgres:// 网址（默认：$PRIVDIFF_DB 或 privdiff-batch/privdiff.db）",
	"table, json or csv (default: table on a terminal, json otherwise)":                                                                         "table、json 或 csv（默认：终端上为 table，其他情况为 json）",
	"write the result to this file instead of stdout (its extension, .json, .csv or .txt, sets the format)":                                     "把结果写入此文件，而不是标准输出（扩展名 .json、.csv 或 .txt 决定格式）",
	"language of the headers and labels: zh or en (default: from LANG)":                                                                         "表头与标签的语言：zh 或 en（默认取自 LANG）",
	"write the page to this file (links to apps' reports are relative to its folder)":                                                           "把页面写入此文件（指向各应用报告的链接相对于其所在目录）",
	"output format: table or json (default: from the --output file's extension, else table on a terminal, json otherwise)":                      "输出格式：table 或 json（默认按 --output 文件的扩展名决定，否则终端上为 table，其他情况为 json）",
	"language of the table's titles, headers and data types: zh or en (default: from LANG)":                                                     "表格标题、表头与数据类型的语言：zh 或 en（默认取自 LANG）",
	"each app's reports list only findings at or above this level, with a note of how many they leave out":                                      "每个应用的报告只列出达到此级别的问题，并注明略去了多少",
	"version for privdiff": "显示 privdiff 的版本",
	"language of messages and help: zh or en (default: from LANG)": "消息与帮助的语言：zh 或 en（默认取自 LANG）",
}

// longZh is the Chinese of the commands' Long texts, by command path.
var longZh = map[string]string{
	"privdiff audit": `audit 扫描 APK（或拆分安装包），读取其隐私政策（文件或 http(s) 网址），
把两者之间的每一处不一致报告为问题：

  sdk-undeclared          APK 中有、隐私政策未提及的 SDK                 高
  sdk-unobserved          隐私政策列出（Android 端）、APK 中没有的 SDK   提示
  permission-unjustified  隐私政策未说明用途的危险权限（高）或特殊权限（中）
  permission-unrequested  隐私政策说明了、APK 并未申请的权限             提示
  data-undeclared         代码收集了隐私政策（对调用它的 SDK 或应用本身）
                          未披露的数据类型                               高

每个问题都附有 APK 中的证据，以及隐私政策中相关的原文行。退出码：0 完成，
没有达到 --fail-on 的问题；1 至少有一个；2 APK 或隐私政策无法读取。`,
	"privdiff scan": `scan 直接从 zip 读取每个 APK（或拆分安装包：.apks、.xapk），列出应用标识、
权限及其保护级别、组件及其导出状态、meta-data、按 Java 包统计的 DEX 类与原生库。
给出多个文件时，无法读取的文件在标准错误上报告，其余照常扫描，退出码为 2。`,
	"privdiff policy": `policy 读取隐私政策——.txt、.md、.html 或 .pdf 文件，或 http(s) 网址——自动识别编码
（UTF-8、UTF-16、GB18030/GBK、Big5），列出其中声明集成的第三方 SDK、说明权限用途的
条款（及其对应的 Android 权限常量）与声明收集的数据类型，每项都注明在文本中的行号。

完全无法读取的隐私政策在标准错误上报告，退出码为 2：不含政策文字的页面（由 JavaScript
绘制的空壳、登录页、错误页、Cookie 同意页）、没有文字层的 PDF（扫描件）、加密或损坏的
PDF。能读取但未列出任何 SDK 或疑似不完整的，给出警告。文本文件最多读取 16 MiB，PDF 最多
64 MiB。`,
	"privdiff batch": `batch 审计一个目录或一个 CSV 列表中的所有应用，为每个应用写出
OUT/<名称>/audit.json、report.html 与 report.md，并写出 OUT/summary.csv 与
OUT/summary.jsonl：每个应用一行（包名、版本、sha256、各严重程度的问题数、未声明的
SDK、未说明用途的权限、状态）。每次审计也记入结果库 OUT/privdiff.db（SQLite），
或 --db 文件、--db postgres://…（多台机器上的分片共用一个数据库）；用 'privdiff db' 查询。

目录中的每个 .apk/.apks/.xapk 与旁边的隐私政策配对：NAME.txt、NAME.html、NAME.htm、
NAME.md、NAME.pdf 或 NAME.policy.<扩展名>。没有隐私政策的应用仍会扫描，状态为"无隐私政策"。
列表的列为 apk,policy[,name]；policy 可以是 http(s) 网址或留空。

每个应用的结果以原子方式写入；重跑时跳过输入（sha256）与 privdiff 版本都相同、结果已存在
的应用，因此中断一次最多损失正在处理的应用（--force 全部重做）。单个坏应用只成为一行错误，
其余照常进行；--timeout 限制每个应用的时长。

--shard I/N 只审计 N 个确定性分片中的第 I 个（用于 Kubernetes Indexed Job、Slurm 数组或
GNU parallel）；'privdiff batch merge DIR...' 合并各分片的汇总。退出码：没有一个应用能完成
审计时为 2，否则按 --fail-on 对所有应用判断。`,
	"privdiff db": `db 查询 batch（以及 audit --db）写入的结果库：SQLite 文件
（默认 privdiff-batch/privdiff.db，或 $PRIVDIFF_DB）或 PostgreSQL 数据库
（--db postgres://用户:密码@主机/库）。

  db apps                      每个应用、其最新版本及该次审计的问题
  db history PACKAGE           逐版本：新增与移除的 SDK、权限与数据类型；新出现、已修复与
                               屡教不改的问题
  db sdks                      按未声明即集成的应用数排序的 SDK
  db diff PACKAGE OLD NEW      NEW 相对 OLD（versionName 或 versionCode）新增或移除了什么，
                               每项新增是否为隐私政策所覆盖
  db report --out FILE.html    专项检查总览页（batch 会写出 OUT/overview.html）`,
	"privdiff catalog": `catalog 显示内置的 SDK 规则库：privdiff 能在 APK 中识别、或能从隐私政策中对应的每个
SDK，及其中文名称、厂商、类别与能揭示它的证据类型。"catalog show ID" 显示一个条目，
包括隐私政策中用来称呼它的所有名称及其特征。不带子命令时，catalog 列出全部条目。`,
}

// usageHeadingsZh are the headings of cobra's usage template in Chinese.
var usageHeadingsZh = strings.NewReplacer(
	"Usage:", "用法：",
	"Aliases:", "别名：",
	"Examples:", "示例：",
	"Available Commands:", "命令：",
	"Additional Commands:", "其他命令：",
	"Global Flags:", "全局选项：",
	"Flags:", "选项：",
	"Additional help topics:", "其他帮助主题：",
	`Use "{{.CommandPath}} [command] --help" for more information about a command.`,
	`运行 "{{.CommandPath}} [command] --help" 查看某个命令的详细说明。`,
)

// flagDefault is how pflag ends a usage line with the flag's default.
var flagDefault = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m) \(default (.+)\)$`) })

// localizeHelp turns the --help of root and every command under it into
// Chinese: headings, Short and Long texts and flag usages found in the
// tables; whatever has no entry stays English.
func localizeHelp(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	cobra.AddTemplateFunc("defaultsZh", func(s string) string { return flagDefault().ReplaceAllString(s, "（默认 $1）") })
	root.SetUsageTemplate(strings.ReplaceAll(usageHeadingsZh.Replace(root.UsageTemplate()),
		"FlagUsages | trimTrailingWhitespaces", "FlagUsages | trimTrailingWhitespaces | defaultsZh"))
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		c.InitDefaultVersionFlag()
		short, translated := helpZh[c.Short]
		if translated {
			c.Short = short
		}
		if z, ok := longZh[c.CommandPath()]; ok {
			c.Long = z
		} else if translated && c.Long != "" {
			c.Long = short // an English Long under a Chinese Short reads worse than the Short alone
		}
		for _, fs := range []*pflag.FlagSet{c.Flags(), c.PersistentFlags()} {
			fs.VisitAll(func(f *pflag.Flag) {
				if z, ok := helpZh[f.Usage]; ok {
					f.Usage = z
				} else if name, ok := strings.CutPrefix(f.Usage, "help for "); ok {
					f.Usage = "显示 " + name + " 的帮助"
				}
			})
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
