package catalog

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/width"
)

func TestNormalizeName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"极光推送SDK", "极光推送"},
		{"极光推送 SDK", "极光推送"},
		{"極光推送ＳＤＫ", "极光推送"},
		{"華為推送", "华为推送"},
		{"騰訊云人臉核身SDK", "腾讯云人脸核身"},
		{"個推推送", "个推推送"},
		{"ＪＰｕｓｈ", "jpush"},
		{"友盟+ U-App", "友盟uapp"},
		{"友盟＋　U－App", "友盟uapp"},
		{"Alipay(支付宝)SDK", "alipay支付宝"},
		{"Alipay（支付宝） SDK", "alipay支付宝"},
		{"MOB ShareSDK", "mobshare"},
		{"Firebase SDKs", "firebase"},
		{"腾讯开放平台软件开发工具包", "腾讯开放平台"},
		{"uni-app框架", "uniapp框架"},
		{"Bugly SDK sdk", "bugly"},
		{"SDK", "sdk"},
		{"  ", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeName(tt.in); got != tt.want {
			t.Errorf("NormalizeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNameCandidates(t *testing.T) {
	got := nameCandidates("百度地圖(Android端、iOS端)SDK")
	want := []string{"百度地圖(Android端、iOS端)SDK", "百度地圖SDK", "Android端、iOS端"}
	if len(got) != len(want) {
		t.Fatalf("nameCandidates = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("nameCandidates[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}

// TestWidthFolded: every character widthFolded passes, width.Fold leaves
// as it is, alone and in a text; the others it does not pass.
func TestWidthFolded(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r <= 0x10FFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		s := string(r)
		if !widthFolded(s) {
			if r < utf8.RuneSelf || r >= cjkFirst && r <= cjkLast {
				t.Fatalf("%U is passed to width.Fold", r)
			}
			continue
		}
		if got := width.Fold.String(s); got != s {
			t.Fatalf("width.Fold(%q) = %q, but widthFolded passes it", s, got)
		}
		all.WriteString(s)
	}
	if s := all.String(); width.Fold.String(s) != s {
		t.Fatal("width.Fold changes a text widthFolded passes")
	}
	for _, s := range []string{"ＳＤＫ", "友盟+\u3000U-App", "a\xffb", "（极光）"} {
		if widthFolded(s) {
			t.Errorf("widthFolded(%q) = true", s)
		}
	}
}
