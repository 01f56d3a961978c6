package declared

import (
	"strings"
	"testing"
)

// TestDeniedSDKList: SDKs listed after an intro that denies using them are
// not declared, by any reader; the list the policy then affirms is.
func TestDeniedSDKList(t *testing.T) {
	for _, text := range []string{
		"# Privacy Policy\n\nThis app does not use the following third-party SDKs:\n- Google Analytics\n- Facebook SDK\n\nWe use the following third-party SDKs:\n- Firebase Crashlytics\n",
		"隐私政策\n本应用不接入以下第三方SDK：\n1. 友盟统计SDK\n2. 极光推送SDK\n本应用接入的第三方SDK如下：\n1. 腾讯Bugly SDK\n",
	} {
		p, err := Extract([]byte(text), "p.md")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range p.SDKs {
			got = append(got, s.Name)
		}
		if len(got) != 1 || !strings.Contains(strings.ToLower(got[0]), "crashlytics") && !strings.Contains(got[0], "Bugly") {
			t.Errorf("SDKs %q, want only the affirmed one", got)
		}
	}
}
