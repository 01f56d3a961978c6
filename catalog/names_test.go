package catalog

import "testing"

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
