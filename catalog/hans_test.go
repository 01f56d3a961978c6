package catalog

import "testing"

func TestToSimplified(t *testing.T) {
	tests := []struct{ in, want string }{
		{"華為推送", "华为推送"},
		{"騰訊雲", "腾讯云"},
		{"聯通一鍵登錄", "联通一键登录"},
		{"個人信息", "个人信息"},
		{"乾淨", "干净"}, // one-to-many: OpenCC's first candidate
		{"已是简体", "已是简体"},
		{"ASCII only", "ASCII only"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := ToSimplified(tt.in); got != tt.want {
			t.Errorf("ToSimplified(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if n := len(t2s()); n < 2500 {
		t.Errorf("t2s has %d mappings, want the full OpenCC character table", n)
	}
}
