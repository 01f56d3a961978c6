package diff

import "testing"

func TestSuppressAndFailOn(t *testing.T) {
	old := []Finding{
		{Rule: RuleSDKUndeclared, Severity: High, SDK: "jpush", Message: "old wording"},
		{Rule: RulePermissionUnjustified, Severity: High, Permission: "android.permission.CAMERA"},
	}
	now := []Finding{
		{Rule: RuleSDKUndeclared, Severity: High, SDK: "jpush", Message: "new wording", Declared: &Declared{Line: 9}},
		{Rule: RuleSDKUndeclared, Severity: High, SDK: "umeng-analytics"},
		{Rule: RulePermissionUnrequested, Severity: Info, Permission: "android.permission.CAMERA"},
	}
	kept, left := Suppress(now, old)
	if left != 1 || len(kept) != 2 || kept[0].SDK != "umeng-analytics" {
		t.Fatalf("kept %+v, left out %d", kept, left)
	}
	if s := Summarize(kept); s != (Summary{High: 1, Info: 1}) {
		t.Errorf("summary %+v", s)
	}
	for _, c := range []struct {
		level Severity
		want  bool
	}{{"none", false}, {High, true}, {Medium, true}, {Info, true}} {
		if got := AtOrAbove(kept, c.level); got != c.want {
			t.Errorf("AtOrAbove(%s) = %v", c.level, got)
		}
	}
	if AtOrAbove(kept[1:], High) {
		t.Error("an info finding fails --fail-on high")
	}
}

// A baseline written before two catalog entries were merged names the SDK
// by its former id; it still accepts the finding under today's id.
func TestSuppressFormerSDKID(t *testing.T) {
	old := []Finding{{Rule: RuleSDKUndeclared, Severity: High, SDK: "umeng-game"}}
	now := []Finding{{Rule: RuleSDKUndeclared, Severity: High, SDK: "umeng-analytics"}}
	if kept, left := Suppress(now, old); left != 1 || len(kept) != 0 {
		t.Fatalf("kept %+v, left out %d", kept, left)
	}
}
