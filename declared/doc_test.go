package declared

import (
	"strings"
	"testing"
)

// TestTruncation checks when the last line of a text reads as cut off: long
// prose without closing punctuation is, a line that ends with an address is
// closed by it.
func TestTruncation(t *testing.T) {
	long := "如您对本政策有任何疑问，可以通过以下方式与我们的个人信息保护负责人联系并获得答复"
	cases := []struct {
		name, last string
		warn       bool
	}{
		{"prose cut off", long + "，我们将在", true},
		{"prose with a full stop", long + "。", false},
		{"ends with a web link", long + "：https://example.org/privacy/index.html", false},
		{"ends with a bare www link", long + " www.example.org/p", false},
		{"ends with an e-mail after a colon", long + "，邮箱：privacy-team@example.org", false},
		{"ends with an e-mail in English", "Please send your written questions or suggestions to this address: someone@example.com", false},
		{"an at sign is no address", long + "，请@我们的客服账号反馈", true},
		{"a link inside, prose after it", "详见 https://example.org/p 中关于第三方共享的说明，我们会在征得您同意后向合作方提供", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := newDoc(strings.Split("# 隐私政策\n\n"+c.last+"\n", "\n"))
			if got := d.truncation() != ""; got != c.warn {
				t.Errorf("warning %v, want %v: %q", got, c.warn, d.truncation())
			}
		})
	}
}
