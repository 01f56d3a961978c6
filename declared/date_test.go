package declared

import "testing"

// TestFindDate: a policy dates itself by its update, effect or publication
// date, written the Chinese or the English way; the latest one wins and a
// number that is no date is ignored.
func TestFindDate(t *testing.T) {
	for _, c := range []struct {
		lines []string
		want  string
	}{
		{[]string{"隐私政策", "更新日期：2021年12月28日", "生效日期：2022年1月5日"}, "2022-01-05"},
		{[]string{"生效日期:2019/8/20"}, "2019-08-20"},
		{[]string{"本政策发布于 2021-08-09。"}, "2021-08-09"},
		{[]string{"更新及生效日期：2026 年 8 月 29 日"}, "2026-08-29"},
		{[]string{"最近更新日期：2023年10月"}, "2023-10"},
		{[]string{"Last updated: March 3, 2024"}, "2024-03-03"},
		{[]string{"Effective date: 3 March 2024", "Updated on 2023-12-01"}, "2024-03-03"},
		{[]string{"Last updated June 2022"}, "2022-06"},
		{[]string{"我们于2019年收集了1000万条数据。", "客服电话 4008-123-456"}, ""},
		{[]string{"更新日期：2021年13月1日"}, ""},
	} {
		if got := findDate(c.lines); got != c.want {
			t.Errorf("findDate(%q) = %q, want %q", c.lines, got, c.want)
		}
	}
}
