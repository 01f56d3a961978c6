package diff

import "testing"

// TestSDKNameZh: "SDK" follows a Han name directly and a Latin one after a
// space, whatever the catalog name already ends with.
func TestSDKNameZh(t *testing.T) {
	for name, want := range map[string]string{
		"极光推送":         "极光推送SDK",
		"极光推送SDK":      "极光推送SDK",
		"腾讯Bugly":      "腾讯Bugly SDK",
		"MSA OAID SDK": "MSA OAID SDK",
		"友盟+ U-App":    "友盟+ U-App SDK",
		"百度地图 3D":      "百度地图 3D SDK",
		"支付宝（Alipay）":  "支付宝（Alipay）SDK",
	} {
		if got := sdkNameZh(name); got != want {
			t.Errorf("sdkNameZh(%q) = %q, want %q", name, got, want)
		}
	}
}
