package catalog

import (
	"sort"
	"strings"
)

// PlatformPermission is one permission the Android platform declares, with the
// protection level of the newest API level that declares it.
type PlatformPermission struct {
	Name string `json:"name"`
	// ProtectionLevel as the platform manifest writes it: a base level and
	// flags, e.g. "dangerous|instant" or "signature|setup|appop|installer".
	ProtectionLevel string `json:"protectionLevel"`
	Group           string `json:"group,omitempty"`
	FirstAPI        int    `json:"firstApi"`
	LastAPI         int    `json:"lastApi"`
}

// Base is the base protection level: normal, dangerous, signature or internal.
func (p PlatformPermission) Base() string {
	base, _, _ := strings.Cut(p.ProtectionLevel, "|")
	return base
}

// Flags are the protection flags after the base level (appop, privileged, …).
func (p PlatformPermission) Flags() []string {
	_, rest, ok := strings.Cut(p.ProtectionLevel, "|")
	if !ok || rest == "" {
		return nil
	}
	return strings.Split(rest, "|")
}

// Permission looks up a platform permission by its full name
// ("android.permission.CAMERA") in data/permissions.json, compiled in as
// generatedPermissions sorted by name.
func Permission(name string) (PlatformPermission, bool) {
	i, ok := sort.Find(len(generatedPermissions), func(i int) int {
		return strings.Compare(name, generatedPermissions[i].Name)
	})
	if !ok {
		return PlatformPermission{}, false
	}
	return generatedPermissions[i], true
}
