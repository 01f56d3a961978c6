package catalog

import (
	"reflect"
	"testing"
)

func TestPermission(t *testing.T) {
	tests := []struct {
		name      string
		base      string
		flags     []string
		wantFound bool
	}{
		{"android.permission.CAMERA", "dangerous", []string{"instant"}, true},
		{"android.permission.INTERNET", "normal", []string{"instant"}, true},
		{"android.permission.READ_PHONE_STATE", "dangerous", nil, true},
		{"android.permission.SYSTEM_ALERT_WINDOW", "signature", []string{"setup", "appop", "installer", "pre23", "development"}, true},
		{"android.permission.REQUEST_INSTALL_PACKAGES", "signature", []string{"appop"}, true},
		// Removed from the platform after API 22; the table keeps its last level.
		{"android.permission.GET_TASKS", "normal", nil, true},
		{"com.example.NOT_A_PLATFORM_PERMISSION", "", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := Permission(tt.name)
			if ok != tt.wantFound {
				t.Fatalf("found = %v, want %v", ok, tt.wantFound)
			}
			if !ok {
				return
			}
			if p.Base() != tt.base {
				t.Errorf("Base() = %q, want %q (level %q)", p.Base(), tt.base, p.ProtectionLevel)
			}
			if !reflect.DeepEqual(p.Flags(), tt.flags) {
				t.Errorf("Flags() = %q, want %q", p.Flags(), tt.flags)
			}
		})
	}
}

func TestPermissionTableSize(t *testing.T) {
	// API 36 alone declares 1,029 permissions; the union over levels is larger.
	if n := len(platformPermissions()); n < 1029 {
		t.Errorf("permission table has %d entries, want at least 1029", n)
	}
}
