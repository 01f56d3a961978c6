package catalog

import (
	_ "embed"
	"encoding/json"
	"slices"
	"sync"
)

//go:embed data/permission-groups.json
var permissionGroupsJSON []byte

type permissionGroups struct {
	groupOf map[string]string
	// dataAccess maps a normal permission that opens a data type of the
	// contract to that type.
	dataAccess map[string]string
}

var permGroups = sync.OnceValue(func() permissionGroups {
	var f struct {
		Groups []struct {
			ID          string   `json:"id"`
			Permissions []string `json:"permissions"`
		} `json:"groups"`
		DataAccess []struct {
			Permission string `json:"permission"`
			DataType   string `json:"dataType"`
		} `json:"dataAccess"`
	}
	if err := json.Unmarshal(permissionGroupsJSON, &f); err != nil {
		panic("catalog: data/permission-groups.json: " + err.Error())
	}
	g := permissionGroups{groupOf: map[string]string{}, dataAccess: map[string]string{}}
	for _, gr := range f.Groups {
		for _, p := range gr.Permissions {
			g.groupOf[p] = gr.ID
		}
	}
	for _, d := range f.DataAccess {
		g.dataAccess[d.Permission] = d.DataType
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
// explaining all the same, by the platform's own data: an app-op
// permission that Android does not grant at install (its base level is
// not normal) is one the user turns on in Settings' special app access
// (SYSTEM_ALERT_WINDOW, REQUEST_INSTALL_PACKAGES, MANAGE_EXTERNAL_STORAGE,
// WRITE_SETTINGS, PACKAGE_USAGE_STATS, SCHEDULE_EXACT_ALARM). A
// signature or privileged permission without the app-op flag is never
// granted to an ordinary app (READ_LOGS), a normal one is granted silently
// at install (GET_TASKS, USE_FULL_SCREEN_INTENT's install-time grant);
// neither is special, except a normal permission that by itself opens a
// data type of the contract (QUERY_ALL_PACKAGES: the installed-app list),
// listed with its source in permission-groups.json. The platform table's
// level wins over what the caller passes; protectionLevel and flags are
// for permissions it does not know.
func SpecialPermission(name, protectionLevel string, flags []string) bool {
	if _, ok := permGroups().dataAccess[name]; ok {
		return true
	}
	if p, ok := Permission(name); ok {
		protectionLevel, flags = p.Base(), p.Flags()
	}
	switch protectionLevel {
	case "", "normal", "dangerous":
		return false
	}
	return slices.Contains(flags, "appop")
}
