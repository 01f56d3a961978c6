package declared

import (
	"strings"

	"privdiff/catalog"
)

// block is one SDK of a label-block list:
//
//	(1).Alipay(支付宝)SDK            微信支付 SDK
//	业务功能:                        使用目的:提供支付服务
//	支付安全风控                     数据类型:1.本机设备信息2.MAC地址
//	收集数据类型:                    官网链接:http://www.pay.weixin.qq.com/
//	读取电话状态权限
type block struct {
	line       int
	nameStart  int
	nameEnd    int
	style      string // numbering style of the title line
	firstLabel string // text of the block's first label
	fields     map[role][]string
	desc       []string // prose between the title and the first label
	pending    role     // the label whose value continues on the next lines
	// labelled: the name is the value of a name label ("SDK名称:某某统计"),
	// so the policy itself says it is an SDK.
	labelled bool
}

func (b *block) roles() int {
	n := 0
	for _, r := range []role{rolePurpose, roleData, roleLink, roleVendor} {
		if len(b.fields[r]) > 0 {
			n++
		}
	}
	return n
}

// bracketed matches one bracketed part of a name; replaceBracketed reads
// it.
var bracketed = lazyRegexp(`[(\[【][^()\[\]【】]{0,40}[)\]】]`)

// nameish reports whether a line could be an SDK's title: short, one
// phrase, not a sentence.
func nameish(l *docLine) bool {
	s := strings.TrimSpace(l.norm[l.numbering():])
	// "微信开放平台SDK(Android 端,iOS端)": the marking's comma is no
	// sentence.
	s = replaceBracketed(s, func(b string) string {
		if platformMark().MatchString(b) {
			return ""
		}
		return b
	})
	if !runesOver(s, 1) || runesOver(s, 50) || strings.Contains(s, "|") {
		return false
	}
	if strings.ContainsAny(s, ":。,;!?") || strings.Contains(s, "您") || strings.Contains(s, "我们") {
		return false
	}
	// "ID、设备序列号)、读取…": a bracket closed before any opens is the
	// tail of the value above, wrapped.
	if c := strings.IndexByte(s, ')'); c >= 0 && !strings.Contains(s[:c], "(") {
		return false
	}
	return true
}

func (f *sdkFinder) blocks() {
	d := f.d
	type labelAt struct {
		ok    bool
		role  role
		value int
		text  string
	}
	labels := make([]labelAt, len(d.lines))
	for i := range d.lines {
		l := &d.lines[i]
		if f.tableRow[i] || l.blank() {
			continue
		}
		if r, v, ok := label(l.norm); ok {
			start := l.numbering()
			text := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(l.norm[start:v]), ":"))
			labels[i] = labelAt{true, r, v, text}
		}
	}
	// sibling reports a "label" numbered like title i: in "5、读写存储 /
	// 用于缓存 / 6、手机/电话权限:" item 6 is the next item, not a label of 5.
	sibling := func(i, j int) bool {
		st := numberingStyle(d.lines[i].norm)
		return st != "" && st == numberingStyle(d.lines[j].norm)
	}
	// nextLabel returns the label line that follows title line i, directly
	// or (for a numbered title) after one line of prose.
	nextLabel := func(i int, numbered bool) int {
		j := d.nextNonBlank(i)
		if j < 0 || f.tableRow[j] {
			return -1
		}
		if labels[j].ok {
			if sibling(i, j) {
				return -1
			}
			return j
		}
		if !numbered {
			return -1
		}
		k := d.nextNonBlank(j)
		if k >= 0 && labels[k].ok && !f.tableRow[k] && !sibling(i, k) {
			return k
		}
		return -1
	}
	var all []*block
	var cur *block
	continuing := false // the lines that follow are values of cur.pending
	for i := range d.lines {
		l := &d.lines[i]
		if f.tableRow[i] || l.blank() {
			continue
		}
		lab := labels[i]
		if lab.ok && lab.role == roleName {
			// "SDK名称:极光推送" opens a block by itself.
			b := &block{line: i, fields: map[role][]string{}, style: numberingStyle(l.norm), labelled: true}
			if v := strings.TrimSpace(l.norm[lab.value:]); v != "" {
				b.nameStart, b.nameEnd = lab.value, len(l.norm)
			} else if j := d.nextNonBlank(i); j >= 0 {
				b.line, b.nameStart, b.nameEnd = j, 0, len(d.lines[j].norm)
				labels[j] = labelAt{}
				f.inBlock[j] = true
			}
			f.inBlock[i] = true
			all = append(all, b)
			cur, continuing = b, false
			continue
		}
		if lab.ok {
			if cur == nil {
				continue
			}
			if cur.firstLabel == "" {
				cur.firstLabel = lab.text
			}
			if lab.role == roleLink {
				// "极光SDK隐私协议:https://…" points at the block's SDK's
				// policy; it names no SDK of its own.
				f.linkLabel[i] = true
			}
			f.blockBody[i] = true
			v := strings.TrimSpace(l.written(lab.value, len(l.norm)))
			if v != "" {
				cur.fields[lab.role] = append(cur.fields[lab.role], v)
			}
			// A label without a value takes the lines that follow.
			cur.pending, continuing = lab.role, v == ""
			continue
		}
		// A text line: a new title, a value of the open label, or the end.
		style := numberingStyle(l.norm)
		if nameish(l) {
			numbered := style != "" && cur != nil && style == cur.style
			if j := nextLabel(i, numbered || (cur == nil && style != "")); j >= 0 && labels[j].role != roleOther {
				start := cur == nil || !continuing || numbered ||
					(cur.firstLabel != "" && labels[j].text == cur.firstLabel)
				if start {
					b := &block{line: i, nameStart: 0, nameEnd: len(l.norm), style: style, fields: map[role][]string{}}
					f.inBlock[i] = true
					all = append(all, b)
					cur, continuing = b, false
					continue
				}
			}
		}
		switch {
		case cur != nil && continuing:
			f.blockBody[i] = true
			cur.fields[cur.pending] = append(cur.fields[cur.pending], l.orig)
		case cur != nil && len(cur.fields) == 0:
			cur.desc = append(cur.desc, l.orig)
		default:
			cur, continuing = nil, false
		}
	}
	for _, b := range all {
		l := &d.lines[b.line]
		a, e, platforms := cleanName(l, b.nameStart, b.nameEnd)
		name := l.written(a, e)
		_, known := catalog.LookupSDK(name)
		// A numbered block title is a name however short (热云SDK); a kind
		// of service (统计SDK) only over two labels of its own.
		titled := b.style != "" && titleName(l.norm[a:e], b.roles() >= 2)
		if !known && !properName(l.norm[a:e]) && !titled {
			// "一.第三方SDK" heads the list; it is not an entry of it.
			f.inBlock[b.line] = false
			continue
		}
		sdkLike := known || sdkSuffixEnd(l.norm[a:e]) > 0 || b.labelled
		if !sdkLike && mentionWords().weakName(catalog.NormalizeName(name)) {
			// "40、剪贴板" over "SDK用途:" lines: a feature or data item
			// numbered like the SDKs around it.
			f.inBlock[b.line] = false
			continue
		}
		if b.roles() < 2 && !(sdkLike && b.roles() >= 1) {
			f.inBlock[b.line] = false
			continue
		}
		purpose := strings.Join(b.fields[rolePurpose], " ")
		if purpose == "" {
			purpose = strings.Join(b.desc, " ")
		}
		var data []string
		for _, v := range b.fields[roleData] {
			data = append(data, splitList(v)...)
		}
		link := ""
		for _, v := range b.fields[roleLink] {
			if link = urlPattern().FindString(v); link != "" {
				break
			}
		}
		f.add(SDK{
			Name:      name,
			Vendor:    strings.Join(b.fields[roleVendor], " "),
			Purpose:   purpose,
			DataTypes: data,
			Link:      link,
			Line:      b.line + 1,
			Platforms: uniq(platforms),
		}, false)
	}
}
