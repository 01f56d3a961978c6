package catalog

import (
	_ "embed"
	"encoding/json"
	"strings"
	"sync"
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

//go:embed data/permissions.json
var permissionsJSON []byte

var platformPermissions = sync.OnceValue(func() map[string]PlatformPermission {
	var table struct {
		Permissions []PlatformPermission `json:"permissions"`
	}
	if err := json.Unmarshal(permissionsJSON, &table); err != nil {
		// The file is embedded at build time and checked by tests.
		panic("catalog: data/permissions.json: " + err.Error())
	}
	m := make(map[string]PlatformPermission, len(table.Permissions))
	for _, p := range table.Permissions {
		m[p.Name] = p
	}
	return m
})

// Permission looks up a platform permission by its full name
// ("android.permission.CAMERA").
func Permission(name string) (PlatformPermission, bool) {
	p, ok := platformPermissions()[name]
	return p, ok
}
