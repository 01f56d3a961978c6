// Command genperms writes catalog/data/permissions.json, the platform permission
// table privdiff embeds, from androguard's per-API-level extraction of AOSP's
// platform manifest (testdata/reference/androguard/aosp_permissions, Apache-2.0).
//
// A permission keeps the protection level of the newest API level that declares
// it, so permissions removed from the platform still get a level.
//
//	go run ./catalog/genperms
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
)

const (
	sourceDir = "testdata/reference/androguard/aosp_permissions"
	outFile   = "catalog/data/permissions.json"
)

type aospFile struct {
	Permissions map[string]struct {
		ProtectionLevel string `json:"protectionLevel"`
		PermissionGroup string `json:"permissionGroup"`
	} `json:"permissions"`
}

type entry struct {
	Name            string `json:"name"`
	ProtectionLevel string `json:"protectionLevel"`
	Group           string `json:"group,omitempty"`
	FirstAPI        int    `json:"firstApi"`
	LastAPI         int    `json:"lastApi"`
}

type table struct {
	Source      string  `json:"source"`
	Licence     string  `json:"licence"`
	Permissions []entry `json:"permissions"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "genperms:", err)
		os.Exit(1)
	}
}

func run() error {
	paths, err := filepath.Glob(filepath.Join(sourceDir, "permissions_*.json"))
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fmt.Errorf("no permission files in %s", sourceDir)
	}
	levelOf := regexp.MustCompile(`permissions_(\d+)\.json$`)
	type file struct {
		api  int
		path string
	}
	var files []file
	for _, p := range paths {
		m := levelOf.FindStringSubmatch(p)
		if m == nil {
			continue
		}
		api, _ := strconv.Atoi(m[1])
		files = append(files, file{api, p})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].api < files[j].api })

	byName := map[string]*entry{}
	for _, f := range files {
		raw, err := os.ReadFile(f.path)
		if err != nil {
			return err
		}
		var af aospFile
		if err := json.Unmarshal(raw, &af); err != nil {
			return fmt.Errorf("%s: %w", f.path, err)
		}
		for name, p := range af.Permissions {
			e := byName[name]
			if e == nil {
				e = &entry{Name: name, FirstAPI: f.api}
				byName[name] = e
			}
			// Newer levels win: the table answers "what is it today".
			e.ProtectionLevel = p.ProtectionLevel
			e.LastAPI = f.api
			if p.PermissionGroup != "" && p.PermissionGroup != "android.permission-group.UNDEFINED" {
				e.Group = p.PermissionGroup
			}
		}
	}
	out := table{
		Source:  "androguard/androguard androguard/core/api_specific_resources/aosp_permissions (API 4-36)",
		Licence: "Apache-2.0",
	}
	for _, e := range byName {
		out.Permissions = append(out.Permissions, *e)
	}
	sort.Slice(out.Permissions, func(i, j int) bool { return out.Permissions[i].Name < out.Permissions[j].Name })
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(outFile, append(b, '\n'), 0o644)
}
