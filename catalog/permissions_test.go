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
	if n := len(generatedPermissions); n < 1029 {
		t.Errorf("permission table has %d entries, want at least 1029", n)
	}
}

// Special permissions follow the platform's own levels: an app-op switch on
// a permission not granted at install; never a hand list of names.
func TestSpecialPermission(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"android.permission.SYSTEM_ALERT_WINDOW", true},        // signature|setup|appop|installer|pre23|development
		{"android.permission.REQUEST_INSTALL_PACKAGES", true},   // signature|appop
		{"android.permission.MANAGE_EXTERNAL_STORAGE", true},    // signature|appop|preinstalled
		{"android.permission.PACKAGE_USAGE_STATS", true},        // signature|privileged|development|appop|retailDemo
		{"android.permission.SCHEDULE_EXACT_ALARM", true},       // signature|privileged|appop
		{"android.permission.WRITE_SETTINGS", true},             // signature|preinstalled|appop|pre23|role
		{"android.permission.QUERY_ALL_PACKAGES", true},         // normal, but it is the installed-app list (dataAccess)
		{"android.permission.GET_TASKS", false},                 // normal, deprecated: only the caller's own tasks since Android 5
		{"android.permission.READ_LOGS", false},                 // signature|privileged|development: never granted to an ordinary app
		{"android.permission.MOUNT_UNMOUNT_FILESYSTEMS", false}, // signature|privileged
		{"android.permission.USE_FULL_SCREEN_INTENT", false},    // normal|appop: granted at install
		{"android.permission.FOREGROUND_SERVICE_SPECIAL_USE", false},
		{"android.permission.CAMERA", false}, // dangerous: a rule of its own
		{"android.permission.INTERNET", false},
	}
	for _, tt := range tests {
		if got := SpecialPermission(tt.name, "", nil); got != tt.want {
			p, _ := Permission(tt.name)
			t.Errorf("SpecialPermission(%s) = %v, want %v (level %q)", tt.name, got, tt.want, p.ProtectionLevel)
		}
	}
	// Whatever the caller passes, the platform's level decides.
	if SpecialPermission("android.permission.GET_TASKS", "signature", []string{"appop"}) {
		t.Error("GET_TASKS special by the caller's level")
	}
	// A permission the table does not know goes by the level given.
	if !SpecialPermission("com.vendor.permission.X", "signature", []string{"appop"}) {
		t.Error("unknown signature|appop permission not special")
	}
}
