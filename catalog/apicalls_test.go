package catalog

import (
	"slices"
	"testing"
)

// Every permission the API table names (requires, exemptWith, implied
// permissions) is a platform permission of the embedded AOSP table, so
// that a typo cannot make a call look unavailable; every rule is complete.
func TestAPITablePermissions(t *testing.T) {
	table := SensitiveAPIs()
	check := func(where, name string) {
		if _, ok := Permission(name); !ok {
			t.Errorf("%s: %s is not a platform permission", where, name)
		}
	}
	for _, a := range table.APIs {
		if a.Requires != nil {
			if len(a.Requires.AllOf)+len(a.Requires.AnyOf) == 0 {
				t.Errorf("%s: empty requires", a.Name())
			}
			for _, p := range slices.Concat(a.Requires.AllOf, a.Requires.AnyOf) {
				check(a.Name(), p)
			}
		}
		for _, p := range a.ExemptWith {
			check(a.Name(), p)
		}
		if len(a.ExemptWith) > 0 && a.MaxDeviceSdk == 0 {
			t.Errorf("%s: exemptWith without maxDeviceSdk", a.Name())
		}
		if r := a.IntentArg; r != nil && len(r.Categories)+len(r.Actions) == 0 {
			t.Errorf("%s: intent rule names nothing", a.Name())
		}
	}
	if len(table.Implied) == 0 {
		t.Fatal("no implied permissions")
	}
	for _, ip := range table.Implied {
		check("implied", ip.Permission)
		if ip.From != "" {
			check("implied from", ip.From)
		}
		if ip.From == "" && ip.TargetSdkBelow == 0 {
			t.Errorf("%s implied for every app", ip.Permission)
		}
	}
}

func TestRequirementMetBy(t *testing.T) {
	held := func(ps ...string) func(string) bool {
		return func(p string) bool { return slices.Contains(ps, p) }
	}
	scan := &Requirement{AllOf: []string{"W"}, AnyOf: []string{"C", "F"}}
	tests := []struct {
		name string
		r    *Requirement
		has  func(string) bool
		want bool
	}{
		{"nothing needed", nil, held(), true},
		{"all and one", scan, held("W", "F"), true},
		{"all but none of any", scan, held("W"), false},
		{"one of any but not all", scan, held("C", "F"), false},
		{"any only", &Requirement{AnyOf: []string{"C", "F"}}, held("C"), true},
	}
	for _, tt := range tests {
		if got := tt.r.MetBy(tt.has); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
