package reports

import (
	"testing"

	"privdiff/declared"
)

// TestAttachableNames: a report meant to be attached names files by their
// names and the policy by its title, never by the auditor's local path.
func TestAttachableNames(t *testing.T) {
	zh, en := textFor("zh"), textFor("en")
	for _, tc := range []struct {
		source, title string
		t             *auditText
		want          string
	}{
		{"/home/auditor/案件 12/policy.html", "隐私政策｜银杏", zh, "隐私政策｜银杏（policy.html）"},
		{"/home/auditor/case 12/policy.html", "Privacy Policy", en, "Privacy Policy (policy.html)"},
		{"https://example.com/privacy?lang=zh", "隐私政策", zh, "隐私政策（https://example.com/privacy?lang=zh）"},
		{"../cases/p.txt", "", zh, "p.txt"},
		{"p.txt", "p.txt", en, "p.txt"},
	} {
		if got := policyName(&declared.Policy{Source: tc.source, Title: tc.title}, tc.t); got != tc.want {
			t.Errorf("policyName(%q, %q) = %q, want %q", tc.source, tc.title, got, tc.want)
		}
	}
	if got := fileName("/srv/apks/应用 1.apk"); got != "应用 1.apk" {
		t.Errorf("fileName = %q", got)
	}
}
