package declared

import (
	"fmt"
	"strconv"
	"strings"
)

// A policy dates itself near a cue: "更新日期：2021年12月28日", "生效日期:
// 2019/8/20", "发布于 2021-08-09", "更新及生效日期：2026 年 8 月 29 日",
// "Last updated: March 3, 2024", "Effective date: 3 March 2024".
var (
	zhDateCue = lazyRegexp(`(更新|生效|发布|修订|修改|版本)[^0-9。；;\n]{0,8}?(\d{4})\s*[年./-]\s*(\d{1,2})(?:\s*[月./-]\s*(\d{1,2}))?`)
	enDateCue = lazyRegexp(`(?i)(last\s+updated|last\s+modified|last\s+revised|updated|effective|revised|published)(?:\s+date|\s+on|\s+as\s+of)?\s*[:：]?\s*(?:on\s+)?` +
		`(?:(\d{4})-(\d{1,2})-(\d{1,2})|([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})|([a-z]+)\s+(\d{4}))`)
	enMonths = map[string]int{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
		"august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3,
		"apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
)

// findDate returns the date the policy gives itself, as YYYY-MM-DD (or
// YYYY-MM when it names no day): the latest of the dates it says it was
// updated, took effect or was published, so a policy that lists its
// revision history is dated by its newest one. "" when it states none.
func findDate(lines []string) string {
	best := ""
	for _, line := range lines {
		if len(line) > maxSentence {
			line = line[:maxSentence]
		}
		for _, m := range zhDateCue().FindAllStringSubmatch(line, -1) {
			best = later(best, isoDate(m[2], m[3], m[4]))
		}
		for _, m := range enDateCue().FindAllStringSubmatch(line, -1) {
			switch {
			case m[2] != "":
				best = later(best, isoDate(m[2], m[3], m[4]))
			case m[5] != "":
				best = later(best, isoDate(m[7], month(m[5]), m[6]))
			case m[8] != "":
				best = later(best, isoDate(m[10], month(m[9]), m[8]))
			case m[11] != "":
				best = later(best, isoDate(m[12], month(m[11]), ""))
			}
		}
	}
	return best
}

func month(name string) string {
	if n, ok := enMonths[strings.ToLower(name)]; ok {
		return strconv.Itoa(n)
	}
	return ""
}

// isoDate formats a stated date, or "" when it is no calendar date (a
// month 13, a year a policy cannot have).
func isoDate(year, mon, day string) string {
	y, err1 := strconv.Atoi(year)
	m, err2 := strconv.Atoi(mon)
	if err1 != nil || err2 != nil || y < 1990 || y > 2100 || m < 1 || m > 12 {
		return ""
	}
	if day == "" {
		return fmt.Sprintf("%04d-%02d", y, m)
	}
	d, err := strconv.Atoi(day)
	if err != nil || d < 1 || d > 31 {
		return fmt.Sprintf("%04d-%02d", y, m)
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

// later compares dates as strings: ISO dates sort as text, and a month
// alone ("2021-08") sorts before any day of it.
func later(a, b string) string {
	if b > a {
		return b
	}
	return a
}
