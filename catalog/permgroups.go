package catalog

import (
	_ "embed"
	"encoding/json"
	"slices"
	"strings"
	"sync"
)

//go:embed data/permission-groups.json
var permissionGroupsJSON []byte

type permissionGroups struct {
	groupOf map[string]string
	special map[string]bool
}

var permGroups = sync.OnceValue(func() permissionGroups {
	var f struct {
		Groups []struct {
			ID          string   `json:"id"`
			Permissions []string `json:"permissions"`
		} `json:"groups"`
		Special []struct {
			Permission string `json:"permission"`
		} `json:"special"`
	}
	if err := json.Unmarshal(permissionGroupsJSON, &f); err != nil {
		panic("catalog: data/permission-groups.json: " + err.Error())
	}
	g := permissionGroups{groupOf: map[string]string{}, special: map[string]bool{}}
	for _, gr := range f.Groups {
		for _, p := range gr.Permissions {
			g.groupOf[p] = gr.ID
		}
	}
	for _, s := range f.Special {
		g.special[s.Permission] = true
	}
	return g
})

// PermissionGroup names the set of permissions a policy justifies together
// (location, storage…); a permission in no group is its own group.
func PermissionGroup(name string) string {
	if g, ok := permGroups().groupOf[name]; ok {
		return g
	}
	return name
}

// SpecialPermission reports a permission that is not dangerous but needs
// explaining all the same: those the system grants as an app-op
// (SYSTEM_ALERT_WINDOW, REQUEST_INSTALL_PACKAGES, MANAGE_EXTERNAL_STORAGE,
// WRITE_SETTINGS…) and those data-file lists (QUERY_ALL_PACKAGES).
func SpecialPermission(name, protectionLevel string, flags []string) bool {
	if permGroups().special[name] {
		return true
	}
	if strings.Contains(protectionLevel, "appop") || slices.Contains(flags, "appop") {
		return true
	}
	if p, ok := Permission(name); ok && slices.Contains(p.Flags(), "appop") {
		return true
	}
	return false
}
