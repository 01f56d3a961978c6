package diff

import (
	"privdiff/apk"
	"privdiff/catalog"
	"privdiff/declared"
)

// justifications maps each permission group the policy explains to the
// first statement that does.
func justifications(pol *declared.Policy) map[string]*declared.Permission {
	j := map[string]*declared.Permission{}
	for i := range pol.Permissions {
		p := &pol.Permissions[i]
		for _, c := range p.Permissions {
			g := catalog.PermissionGroup(c)
			if _, ok := j[g]; !ok {
				j[g] = p
			}
		}
	}
	return j
}

// permissionUnjustified: a dangerous (high) or special (medium) permission
// the app requests that no policy statement explains.
func permissionUnjustified(obs *apk.Observed, pol *declared.Policy) []Finding {
	j := justifications(pol)
	var out []Finding
	seen := map[string]bool{}
	for _, p := range obs.Permissions {
		if seen[p.Name] {
			continue
		}
		seen[p.Name] = true
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
		if _, ok := j[catalog.PermissionGroup(p.Name)]; ok {
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
// does not request (nor any permission of its group).
func permissionUnrequested(obs *apk.Observed, pol *declared.Policy) []Finding {
	requested := map[string]bool{}
	for _, p := range obs.Permissions {
		requested[catalog.PermissionGroup(p.Name)] = true
	}
	seen := map[string]bool{}
	var out []Finding
	for i := range pol.Permissions {
		st := &pol.Permissions[i]
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
