package declared

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"privdiff/catalog"
)

// sdkFinder collects the SDKs a policy names. Tables and label blocks are
// read first; prose mentions then add the SDKs they alone name, and are
// folded into a table's or block's entry when they resolve to the same
// catalog entry (支付宝 inline, Alipay(支付宝)SDK in the list).
type sdkFinder struct {
	d        *doc
	sdks     []SDK
	byName   map[string]int
	byID     map[string]int
	tableRow []bool // lines that are rows of a table
	inBlock  []bool // name lines of label blocks
	// linkLabel marks the link labels of label blocks.
	linkLabel []bool
	// blockBody marks the label and value lines of label blocks: their
	// names are of data and servers, not SDKs ("与极光服务器的连接").
	blockBody []bool
	permRows  []permissionRow
	warnings  []string
	// within caches catalog.LookupSDKWithin, which tries every catalog
	// name against the name asked: a policy asks the same names again and
	// again, once per mention.
	within map[string]withinSDK
}

type withinSDK struct {
	sdk catalog.SDK
	ok  bool
}

// lookupWithin is catalog.LookupSDKWithin, asked once per name.
func (f *sdkFinder) lookupWithin(name string) (catalog.SDK, bool) {
	r, seen := f.within[name]
	if !seen {
		r.sdk, r.ok = catalog.LookupSDKWithin(name)
		f.within[name] = r
	}
	return r.sdk, r.ok
}

// permissionRow is a row of a table whose first column names permissions
// ("权限名称 | 使用目的").
type permissionRow struct {
	line               int
	nameStart, nameEnd int
	purpose            string
}

func findSDKsAndPermissionRows(d *doc) ([]SDK, []string, []permissionRow) {
	f := &sdkFinder{
		d:         d,
		byName:    map[string]int{},
		byID:      map[string]int{},
		tableRow:  make([]bool, len(d.lines)),
		inBlock:   make([]bool, len(d.lines)),
		linkLabel: make([]bool, len(d.lines)),
		blockBody: make([]bool, len(d.lines)),
		within:    map[string]withinSDK{},
	}
	f.tables()
	f.blocks()
	f.prose()
	f.codeNames()
	f.mentions()
	f.dropGroups()
	f.joinWrapped()
	f.dropDenied()
	return f.sdks, f.warnings, f.permRows
}

// dropDenied leaves out the SDKs named only as items of a list the policy
// denies ("This app does not use the following SDKs:"): whichever reader
// found them, the app does not declare them.
func (f *sdkFinder) dropDenied() {
	denied := negatedItems(f.d)
	kept := f.sdks[:0]
	for _, s := range f.sdks {
		if !denied[s.Line-1] {
			kept = append(kept, s)
		}
	}
	f.sdks = kept
}

// joinWrapped puts back together one SDK's name that a line break cut in
// two ("…我们使用了Mobtech⏎Sharesdk，…"): an entry that ends its line and one
// that starts the next are one entry when the catalog knows the two names
// joined as one name.
func (f *sdkFinder) joinWrapped() {
	first := map[int]int{} // line → the entry whose name starts that line
	for k, s := range f.sdks {
		l := &f.d.lines[s.Line-1]
		if strings.HasPrefix(strings.TrimSpace(l.orig), s.Name) {
			first[s.Line] = k
		}
	}
	drop := map[int]bool{}
	for k := range f.sdks {
		s := &f.sdks[k]
		next, ok := first[s.Line+1]
		if !ok || next == k || drop[k] || !strings.HasSuffix(strings.TrimSpace(f.d.lines[s.Line-1].orig), s.Name) {
			continue
		}
		joined := s.Name + " " + f.sdks[next].Name
		c, known := catalog.LookupSDK(joined)
		if !known || (!sameID(s.CatalogID, c.ID) && !sameID(f.sdks[next].CatalogID, c.ID)) {
			continue
		}
		id := c.ID
		s.Name, s.CatalogID = joined, &id
		if s.Purpose == "" {
			s.Purpose = f.sdks[next].Purpose
		}
		drop[next] = true
	}
	if len(drop) == 0 {
		return
	}
	kept := f.sdks[:0]
	for k, s := range f.sdks {
		if !drop[k] {
			kept = append(kept, s)
		}
	}
	f.sdks = kept
}

func sameID(id *string, want string) bool { return id != nil && *id == want }

// add records an SDK, merging it into an earlier entry with the same name
// or, for a prose mention, with the same catalog entry.
func (f *sdkFinder) add(s SDK, prose bool) {
	// A name in code format keeps no backticks: "`Glide`".
	s.Name = strings.TrimSpace(strings.Trim(strings.TrimSpace(s.Name), "`"))
	key := catalog.NormalizeName(s.Name)
	if key == "" {
		return
	}
	if s.CatalogID != nil {
		// The caller knows the entry (a catalog name found in the text).
	} else if c, ok := f.lookupWithin(s.Name); ok {
		id := c.ID
		s.CatalogID = &id
	}
	i, seen := f.byName[key]
	if !seen && prose && s.CatalogID != nil {
		i, seen = f.byID[*s.CatalogID]
	}
	if !seen && prose && s.CatalogID != nil {
		i, seen = f.sameSDK(s, key)
	}
	if seen {
		e := &f.sdks[i]
		if e.Vendor == "" {
			e.Vendor = s.Vendor
		}
		if e.Purpose == "" {
			e.Purpose = s.Purpose
		}
		if len(e.DataTypes) == 0 {
			e.DataTypes = s.DataTypes
		}
		if e.Link == "" {
			e.Link = s.Link
		}
		// Listed in the Android table and again in the iOS one: both.
		e.Platforms = uniq(append(e.Platforms, s.Platforms...))
		f.byName[key] = i
		return
	}
	if s.DataTypes == nil {
		s.DataTypes = []string{}
	}
	if s.Platforms == nil {
		s.Platforms = []string{}
	}
	f.sdks = append(f.sdks, s)
	f.byName[key] = len(f.sdks) - 1
	if s.CatalogID != nil {
		if _, ok := f.byID[*s.CatalogID]; !ok {
			f.byID[*s.CatalogID] = len(f.sdks) - 1
		}
	}
}

// sameSDK finds an entry a prose mention names again: its name holds the
// mention's ("友盟" after "友盟统计分析SDK", "极光" after "极光Push SDK"), or
// and the catalog entries agree (the same, or the mention is the umbrella
// entry that covers the other's).
func (f *sdkFinder) sameSDK(s SDK, key string) (int, bool) {
	mine, _ := catalog.SDKByID(*s.CatalogID)
	for i, e := range f.sdks {
		if e.CatalogID == nil {
			continue
		}
		theirs, _ := catalog.SDKByID(*e.CatalogID)
		// Only the umbrella merges into its product, not one product into
		// another of the same vendor.
		related := theirs.ID == mine.ID || slices.Contains(theirs.CoveredBy, mine.ID)
		if related && strings.Contains(catalog.NormalizeName(e.Name), key) {
			return i, true
		}
	}
	return 0, false
}

// cleanName cuts an SDK name as written in a cell, block title or list
// item: it drops list markers, a platform marking ("小米PUSH(Android端)"),
// and a bracketed note after a trailing SDK ("身份验证SDK (人脸验证)").
// It returns the name's offsets in the line and the platforms marked.
func cleanName(l *docLine, a, b int) (int, int, []string) {
	s := l.norm[a:b]
	a += stripNumbering(s)
	for a < b && strings.ContainsRune(" .、:)]】“\"'《", rune(l.norm[a])) {
		a++
	}
	var platforms []string
	// A platform marking may sit inside the name: 百度地图(Android端、iOS端)SDK.
	for {
		s = l.norm[a:b]
		i := strings.IndexAny(s, "([【")
		if i < 0 {
			break
		}
		m := platformMark().FindStringSubmatchIndex(s[i:])
		if m == nil {
			if sdkEnd := sdkSuffixEnd(s[:i]); sdkEnd > 0 {
				b = a + sdkEnd
			}
			break
		}
		platforms = append(platforms, platformsIn(s[i+m[2]:i+m[3]])...)
		rest := strings.TrimSpace(s[i+m[1]:])
		if rest == "" || rest == "sdk" || rest == "sdks" {
			b = a + i
			break
		}
		break
	}
	for b > a && strings.ContainsRune(" ,,、:;。“”\"'》*", rune(l.norm[b-1])) {
		b--
	}
	return a, b, platforms
}

// sdkSuffixEnd returns the length of s when it ends with "SDK" (allowing
// trailing spaces), or with an English "SDK for Android", else 0.
func sdkSuffixEnd(s string) int {
	t := strings.TrimRight(s, " ")
	if strings.HasSuffix(t, "sdk") || strings.HasSuffix(t, "sdks") || strings.HasSuffix(t, "软件开发工具包") || sdkForPlatformEnd().MatchString(t) {
		return len(t)
	}
	return 0
}

// sdkForPlatform is what English product names put after "SDK": Google's
// "Maps SDK for Android", "Places SDK for iOS". The name runs to the
// platform.
var (
	sdkForPlatform    = lazyRegexp(`^s?\s+for\s+(?:android|ios|iphone|unity|flutter|react native)\b`)
	sdkForPlatformEnd = lazyRegexp(`\bsdks?\s+for\s+(?:android|ios|iphone|unity|flutter|react native)$`)
)

// afterSDK returns the end of an SDK name whose "sdk" ends at k in s: k,
// past a plural s, or past " for Android".
func afterSDK(s string, k int) int {
	if m := sdkForPlatform().FindStringIndex(s[k:]); m != nil {
		return k + m[1]
	}
	if k < len(s) && s[k] == 's' && (k+1 == len(s) || !isLatinWord(s[k+1])) {
		return k + 1
	}
	return k
}

func isLatinWord(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// splitList splits a data list as written: on top-level 、，,；;。 (not inside
// brackets) and on inline numbering "1.本机设备信息2.MAC地址".
func splitList(s string) []string {
	var out []string
	depth := 0
	var cur strings.Builder
	flush := func() {
		item := strings.TrimSpace(cur.String())
		item = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(item, "等"), "等等"))
		if item != "" {
			out = append(out, item)
		}
		cur.Reset()
	}
	rs := []rune(s)
	for i, r := range rs {
		switch r {
		case '(', '（', '[', '【', '{':
			depth++
		case ')', '）', ']', '】', '}':
			if depth > 0 {
				depth--
			}
		}
		if depth == 0 && strings.ContainsRune("、，,；;。\n", r) {
			flush()
			continue
		}
		// "1.本机设备信息2.MAC地址": a digit and a dot, after text, start an item.
		if depth == 0 && r >= '0' && r <= '9' && i+1 < len(rs) && (rs[i+1] == '.' || rs[i+1] == '、') &&
			(i == 0 || rs[i-1] < '0' || rs[i-1] > '9') && (i+2 >= len(rs) || rs[i+2] < '0' || rs[i+2] > '9') {
			flush()
			continue
		}
		if (r == '.' || r == '、') && i > 0 && rs[i-1] >= '0' && rs[i-1] <= '9' && cur.Len() == 0 {
			continue
		}
		cur.WriteRune(r)
	}
	flush()
	return out
}

// cells splits a table row "a | b | c" into cell offsets of the folded line,
// without the empty cells an outer pipe makes.
func cells(norm string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i <= len(norm); i++ {
		if i == len(norm) || norm[i] == '|' {
			a, b := start, i
			for a < b && norm[a] == ' ' {
				a++
			}
			for b > a && norm[b-1] == ' ' {
				b--
			}
			out = append(out, [2]int{a, b})
			start = i + 1
		}
	}
	t := strings.TrimSpace(norm)
	if strings.HasPrefix(t, "|") && len(out) > 0 {
		out = out[1:]
	}
	if strings.HasSuffix(t, "|") && len(out) > 0 {
		out = out[:len(out)-1]
	}
	return out
}

var separatorCell = lazyRegexp(`^:?-{2,}:?$`)

func isRow(l *docLine) bool {
	return strings.Contains(l.norm, "|") && len(cells(l.norm)) >= 2
}

func isSeparatorRow(l *docLine) bool {
	for _, c := range cells(l.norm) {
		if c[0] < c[1] && !separatorCell().MatchString(l.norm[c[0]:c[1]]) {
			return false
		}
	}
	return true
}

// tables reads pipe tables: Markdown tables, HTML tables (rendered as rows
// by ReadText) and rows pasted as "a | b |".
func (f *sdkFinder) tables() {
	d := f.d
	for i := 0; i < len(d.lines); {
		if !isRow(&d.lines[i]) {
			i++
			continue
		}
		j := i
		for j < len(d.lines) {
			if isRow(&d.lines[j]) {
				f.tableRow[j] = true
				j++
				continue
			}
			// Blank lines between rows (a row put back on one line by
			// joinCellLines leaves its other lines empty) stay in the table.
			k := d.nextNonBlank(j)
			if !d.lines[j].blank() || k < 0 || !isRow(&d.lines[k]) {
				break
			}
			for ; j < k; j++ {
				f.tableRow[j] = true
			}
		}
		f.table(i, j)
		i = j
	}
}

// table reads the rows of lines [from, to) after finding what each column
// holds from a header row.
func (f *sdkFinder) table(from, to int) {
	d := f.d
	var rows []int
	for i := from; i < to; i++ {
		if !d.lines[i].blank() && !isSeparatorRow(&d.lines[i]) {
			rows = append(rows, i)
		}
	}
	if len(rows) == 0 {
		return
	}
	cols, header := map[role]int{}, -1
	for h := 0; h < len(rows) && h < 2 && header < 0; h++ {
		l := &d.lines[rows[h]]
		found := map[role]int{}
		for c, cell := range cells(l.norm) {
			text := l.norm[cell[0]:cell[1]]
			if utf8.RuneCountInString(text) > 24 {
				continue
			}
			if r := roleOf(text); r != roleNone {
				if _, dup := found[r]; !dup || (r == roleName && strings.Contains(text, "sdk")) {
					found[r] = c
				}
			}
		}
		if len(found) >= 2 {
			header, cols = h, found
		}
	}
	mentionsSDK := false
	for _, i := range rows {
		if strings.Contains(d.lines[i].norm, "sdk") || strings.Contains(d.lines[i].norm, "第三方") {
			mentionsSDK = true
		}
	}
	if header < 0 {
		cols = f.guessColumns(rows)
		if cols == nil {
			if mentionsSDK {
				f.warnings = append(f.warnings, "table at line "+strconv.Itoa(from+1)+": no header row tells which column names the SDK; the table was skipped")
			}
			return
		}
	}
	nameCol, ok := cols[roleName]
	if !ok && header >= 0 {
		// "第三方名称 | 功能 | 个人信息" over rows of SDK names: the column
		// the header calls the third party names the SDKs.
		if c, isVendor := cols[roleVendor]; isVendor && f.namesSDKs(rows[header+1:], c) {
			nameCol, ok = c, true
			cols[roleName] = c
			delete(cols, roleVendor)
		}
	}
	if !ok {
		if mentionsSDK {
			f.warnings = append(f.warnings, "table at line "+strconv.Itoa(from+1)+": no column of the header names the SDK; the table was skipped")
		}
		return
	}
	body := rows
	if header >= 0 {
		hl := &d.lines[rows[header]]
		hc := cells(hl.norm)
		if nameCol < len(hc) {
			h := hl.norm[hc[nameCol][0]:hc[nameCol][1]]
			if strings.Contains(h, "权限") || strings.Contains(h, "permission") {
				f.permissionTable(rows[header+1:], cols)
				return
			}
		}
		body = rows[header+1:]
	}
	firstAbove := ""           // the last non-empty first cell of the body
	var spanPlatforms []string // from a spanning row "iOS操作系统第三方SDK列表"
	headerText := ""
	if header >= 0 {
		headerText = d.lines[rows[header]].norm
		for _, i := range rows[:header] {
			if l := &d.lines[i]; spanning(l, cells(l.norm)) {
				spanPlatforms = platformsIn(l.norm)
			}
		}
	}
	for _, i := range body {
		l := &d.lines[i]
		cs := cells(l.norm)
		if nameCol >= len(cs) || l.norm == headerText {
			// The header row repeated over a second table.
			continue
		}
		if spanning(l, cs) {
			// A colspan sub-header repeated into every cell names no SDK;
			// a platform it names holds for the rows under it.
			if p := platformsIn(l.norm[cs[0][0]:cs[0][1]]); len(p) > 0 {
				spanPlatforms = p
			}
			continue
		}
		get := func(r role) string {
			c, ok := cols[r]
			if !ok || c >= len(cs) {
				return ""
			}
			if c == 0 && cs[0][0] == cs[0][1] {
				// An empty first cell under a category or vendor
				// column is a merged cell written out empty: same as above.
				return firstAbove
			}
			return l.written(cs[c][0], cs[c][1])
		}
		if cs[0][0] < cs[0][1] {
			firstAbove = l.written(cs[0][0], cs[0][1])
		}
		a, b, platforms := cleanName(l, cs[nameCol][0], cs[nameCol][1])
		name := l.written(a, b)
		if name == "" || utf8.RuneCountInString(name) > 60 || isHeaderWord(l.norm[a:b], roleName) {
			// A header cell ("SDK", "SDK name") names no SDK.
			continue
		}
		if p := get(rolePlatform); p != "" {
			platforms = append(platforms, platformsIn(foldLine(p).norm)...)
		}
		if len(platforms) == 0 {
			platforms = spanPlatforms
		}
		s := SDK{
			Name:      name,
			Vendor:    get(roleVendor),
			Purpose:   get(rolePurpose),
			DataTypes: splitList(get(roleData)),
			Link:      urlPattern().FindString(get(roleLink)),
			Line:      i + 1,
			Platforms: uniq(platforms),
		}
		f.add(s, false)
	}
}

// spanning reports a row whose cells all hold one text: an HTML cell with
// colspan, repeated into each column ("内嵌SDK名单 | 内嵌SDK名单 | …").
func spanning(l *docLine, cs [][2]int) bool {
	if len(cs) < 2 {
		return false
	}
	first := l.norm[cs[0][0]:cs[0][1]]
	for _, c := range cs[1:] {
		if l.norm[c[0]:c[1]] != first {
			return false
		}
	}
	return first != ""
}

// namesSDKs reports whether most cells of column c in rows are SDK names
// (ending in SDK or known to the catalog) rather than company names.
func (f *sdkFinder) namesSDKs(rows []int, c int) bool {
	named, companies := 0, 0
	for _, i := range rows {
		l := &f.d.lines[i]
		cs := cells(l.norm)
		if c >= len(cs) {
			continue
		}
		a, b, _ := cleanName(l, cs[c][0], cs[c][1])
		name := l.norm[a:b]
		if vendorName().MatchString(name) {
			companies++
		} else if _, ok := f.lookupWithin(name); ok || sdkSuffixEnd(name) > 0 {
			named++
		}
	}
	return named > 0 && named*2 > len(rows) && companies*4 < len(rows)
}

// guessColumns reads a table without a header when its first column is
// made of SDK names: links, company names and the rest are told apart by
// their content.
func (f *sdkFinder) guessColumns(rows []int) map[role]int {
	d := f.d
	named, width := 0, 0
	for _, i := range rows {
		l := &d.lines[i]
		cs := cells(l.norm)
		width = max(width, len(cs))
		a, b, _ := cleanName(l, cs[0][0], cs[0][1])
		name := l.norm[a:b]
		if _, ok := catalog.LookupSDK(name); ok || sdkSuffixEnd(name) > 0 {
			named++
		}
	}
	if named < 2 || named*2 < len(rows) {
		return nil
	}
	cols := map[role]int{roleName: 0}
	for c := 1; c < width; c++ {
		links, vendors := 0, 0
		for _, i := range rows {
			l := &d.lines[i]
			cs := cells(l.norm)
			if c >= len(cs) {
				continue
			}
			v := l.norm[cs[c][0]:cs[c][1]]
			if urlPattern().MatchString(v) {
				links++
			}
			if vendorName().MatchString(v) {
				vendors++
			}
		}
		switch {
		case links*2 >= len(rows):
			cols[roleLink] = c
		case vendors*2 >= len(rows):
			cols[roleVendor] = c
		default:
			if _, ok := cols[rolePurpose]; !ok {
				cols[rolePurpose] = c
			} else if _, ok := cols[roleData]; !ok {
				cols[roleData] = c
			}
		}
	}
	return cols
}

// vendorName matches a company name: 有限公司, 集团, Inc., Ltd.
var vendorName = lazyRegexp(`(?:公司|集团|工作室|inc\.?|ltd\.?|llc|corporation|gmbh)\s*$`)

func (f *sdkFinder) permissionTable(rows []int, cols map[role]int) {
	d := f.d
	for _, i := range rows {
		l := &d.lines[i]
		cs := cells(l.norm)
		c := cols[roleName]
		if c >= len(cs) {
			continue
		}
		row := permissionRow{line: i, nameStart: cs[c][0], nameEnd: cs[c][1]}
		if p, ok := cols[rolePurpose]; ok && p < len(cs) {
			row.purpose = l.written(cs[p][0], cs[p][1])
		} else if p, ok := cols[roleData]; ok && p < len(cs) {
			row.purpose = l.written(cs[p][0], cs[p][1])
		}
		f.permRows = append(f.permRows, row)
	}
}

func uniq(ss []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// forPlatforms returns the platforms of a " for Android" after an SDK.
func forPlatforms(s string) []string {
	if !sdkForPlatform().MatchString(s) {
		return nil
	}
	return platformsIn(s)
}
