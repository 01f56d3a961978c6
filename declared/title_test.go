package declared

import "testing"

// TestDocumentTitle: the title a report names the policy by, from the
// shapes real policies open with.
func TestDocumentTitle(t *testing.T) {
	for _, tc := range []struct {
		name, source, text, want string
	}{
		{"html title", "p.html", "<html><head><title> 隐私政策｜银杏 </title></head><body><h1>第一部分</h1><p>我们收集个人信息。</p></body></html>", "隐私政策｜银杏"},
		{"svg title is not the page's", "p.html", "<html><body><svg><title>logo</title></svg><h1>XX隐私政策</h1><p>我们收集个人信息。</p></body></html>", "XX隐私政策"},
		{"markdown heading", "p.md", "# LowLevelDetector privacy policy\n\nWe collect nothing.\n", "LowLevelDetector privacy policy"},
		{"front matter title", "p.md", "---\npermalink: /privacy-policy/\ntitle: 隱私權政策 Privacy Policy\n---\n\n本應用使用 Google Analytics。\n", "隱私權政策 Privacy Policy"},
		{"front matter without title", "p.md", "---\nsidebar_position: 4\n---\n\n# 《第三方sdk信息收集说明》\n\n正文。\n", "第三方sdk信息收集说明"},
		{"rule and salutation passed over", "p.txt", "==========\n尊敬的用户：\n北京交通隐私政策\n正文。\n", "北京交通隐私政策"},
		{"no title word in the opening lines", "p.txt", "尊敬的兼客兼职平台用户:\n欢迎使用本平台。\n", ""},
		{"a long first sentence is no title", "p.txt", "本应用没有服务端，不收集任何用户信息，只采用了 Google Firebase 收集崩溃报告和性能报告，详见其隐私政策。\n", ""},
		{"list item is no title", "p.md", "* 本应用隐私政策如下\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Extract([]byte(tc.text), tc.source)
			if err != nil {
				t.Fatal(err)
			}
			if p.Title != tc.want {
				t.Errorf("title = %q, want %q", p.Title, tc.want)
			}
		})
	}
}
