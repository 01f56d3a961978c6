package diff

import (
	"sort"

	"privdiff/apk"
	"privdiff/catalog"
	"privdiff/declared"
)

// Permissions a policy explains together are kept as data, in
// catalog/data/permission-groups.json: a statement for any member of a
// group justifies the others (存储权限 covers Android 13's READ_MEDIA_*,
// 位置权限 both precisions). catalog.PermissionGroup names a permission's
// group, or the permission itself when it has none.

// statementsByLine are the policy's permission statements in text order,
// so that "the first statement" never depends on the order of the list.
func statementsByLine(pol *declared.Policy) []*declared.Permission {
	sts := make([]*declared.Permission, 0, len(pol.Permissions))
	for i := range pol.Permissions {
		sts = append(sts, &pol.Permissions[i])
	}
	sort.SliceStable(sts, func(i, j int) bool {
		a, b := sts[i], sts[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Text < b.Text
	})
	return sts
}

// permissionUnjustified: a permission the app requests that no statement
// of the policy explains, when it is dangerous (high) or special (medium:
// granted as an app-op in Settings, such as SYSTEM_ALERT_WINDOW,
// REQUEST_INSTALL_PACKAGES, MANAGE_EXTERNAL_STORAGE, WRITE_SETTINGS,
// PACKAGE_USAGE_STATS, SCHEDULE_EXACT_ALARM, or listed as special in the
// groups file, such as QUERY_ALL_PACKAGES). Only platform permissions
// count: an app's or vendor's own permission protects components, it
// collects nothing. A permission with a maxSdkVersion is still requested
// on the devices below it, so it needs explaining all the same.
func permissionUnjustified(obs *apk.Observed, pol *declared.Policy) []Finding {
	justified := map[string]bool{}
	for _, st := range pol.Permissions {
		for _, c := range st.Permissions {
			justified[catalog.PermissionGroup(c)] = true
		}
	}
	seen := map[string]bool{}
	var out []Finding
	for _, p := range obs.Permissions {
		if seen[p.Name] {
			continue
		}
		seen[p.Name] = true
		if _, platform := catalog.Permission(p.Name); !platform {
			continue
		}
		var sev Severity
		level := p.ProtectionLevel
		switch {
		case p.ProtectionLevel == "dangerous":
			sev = High
		case catalog.SpecialPermission(p.Name, p.ProtectionLevel, p.ProtectionFlags):
			sev, level = Medium, "special"
		default:
			continue
		}
		if justified[catalog.PermissionGroup(p.Name)] {
			continue
		}
		out = append(out, Finding{
			Rule: RulePermissionUnjustified, Severity: sev, Permission: p.Name,
			Observed: &Observed{Kind: "permission", Value: p.Name},
			Facts:    Facts{ProtectionLevel: level},
		})
	}
	return out
}

// permissionUnrequested: a permission the policy explains that the app
// requests neither itself nor through another member of its group (a
// policy that explains READ_MEDIA_IMAGES for an app that targets Android
// 12 and requests READ_EXTERNAL_STORAGE is right). One finding per
// constant, quoting the first statement that names it.
func permissionUnrequested(obs *apk.Observed, pol *declared.Policy) []Finding {
	requested := map[string]bool{}
	for _, p := range obs.Permissions {
		requested[catalog.PermissionGroup(p.Name)] = true
	}
	seen := map[string]bool{}
	var out []Finding
	for _, st := range statementsByLine(pol) {
		for _, c := range st.Permissions {
			if seen[c] || requested[catalog.PermissionGroup(c)] {
				continue
			}
			seen[c] = true
			out = append(out, Finding{
				Rule: RulePermissionUnrequested, Severity: Info, Permission: c,
				Declared: &Declared{Line: st.Line, Text: st.Text},
			})
		}
	}
	return out
}
