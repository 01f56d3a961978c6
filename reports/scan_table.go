package reports

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"privdiff/apk"
)

// topPackages is how many Java packages the table lists; JSON lists all.
const topPackages = 20

// ScanTable writes a human summary of one scan.
func ScanTable(w io.Writer, s *apk.Observed) error {
	w = terminalSafe(w)
	a := s.App
	facts := [][]string{
		{"path", a.Path},
		{"sha256", a.SHA256},
		{"package", a.Package},
		{"version", fmt.Sprintf("%s (%d)", a.VersionName, a.VersionCode)},
		{"label", a.Label},
		{"developer", developer(a.Signers)},
		{"signers", strings.Join(signerLines(a.Signers), "\n")},
		{"min / target SDK", fmt.Sprintf("%d / %d", a.MinSdk, a.TargetSdk)},
		{"files", strings.Join(a.Files, ", ")},
		{"dex", fmt.Sprintf("%d files, %d classes, %d packages", s.Dex.Files, s.Dex.Classes, len(s.Dex.Packages))},
	}
	if p := s.Packer; p != nil {
		// Said before everything else: every code-derived table below covers
		// only the packer's stub.
		if _, err := fmt.Fprintln(w, fitLine(fmt.Sprintf("\n!! PACKED with %s (%s, %s): the dex holds only the packer's stub; SDKs and API calls below are incomplete.", p.NameZh, p.Name, p.Vendor))); err != nil {
			return err
		}
		var ev []string
		for _, e := range p.Evidence {
			ev = append(ev, e.Kind+": "+e.Value)
		}
		facts = append(facts, []string{"packer", p.NameZh + " / " + p.Name + "\n" + strings.Join(ev, "\n")})
	}
	steps := []func() error{
		func() error { return writeTable(w, "App", []string{"Field", "Value"}, facts) },
		func() error {
			return writeTable(w, "Permissions", []string{"Permission", "Protection", "Max SDK", "SDK 23+ only"}, permissionRows(s))
		},
		func() error {
			return writeTable(w, "Components", []string{"Type", "Name", "Exported"}, componentRows(s))
		},
		func() error {
			return writeTable(w, "Meta-data", []string{"Name", "Value", "Component"}, metaDataRows(s))
		},
		func() error {
			return writeTable(w, fmt.Sprintf("Largest Java packages (of %d)", len(s.Dex.Packages)), []string{"Package", "Classes"}, packageRows(s))
		},
		func() error { return writeTable(w, "Native libraries", []string{"Path"}, column(s.NativeLibs)) },
		func() error {
			return writeTable(w, "SDKs", []string{"ID", "Name", "Vendor", "Category", "Status", "Evidence"}, sdkRows(s))
		},
		func() error {
			return writeTable(w, "Sensitive API calls", []string{"Data", "API", "Caller", "Code of", "Calls"}, apiRows(s))
		},
		func() error { return writeTable(w, "Warnings", []string{"Warning"}, column(s.Warnings)) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

func permissionRows(s *apk.Observed) [][]string {
	rows := make([][]string, 0, len(s.Permissions))
	for _, p := range s.Permissions {
		level := p.ProtectionLevel
		if len(p.ProtectionFlags) > 0 {
			level += " (" + strings.Join(p.ProtectionFlags, ", ") + ")"
		}
		maxSdk := ""
		if p.MaxSdkVersion != nil {
			maxSdk = strconv.Itoa(*p.MaxSdkVersion)
		}
		rows = append(rows, []string{p.Name, level, maxSdk, yesNo(p.SDK23)})
	}
	return rows
}

func componentRows(s *apk.Observed) [][]string {
	rows := make([][]string, 0, len(s.Components))
	for _, c := range s.Components {
		exp := yesNo(c.Exported)
		if c.ExportedImplied {
			exp += " (implied)"
		}
		rows = append(rows, []string{c.Type, c.Name, exp})
	}
	return rows
}

func metaDataRows(s *apk.Observed) [][]string {
	rows := make([][]string, 0, len(s.MetaData))
	for _, m := range s.MetaData {
		comp := m.Component
		if comp == "" {
			comp = "(application)"
		}
		rows = append(rows, []string{m.Name, m.Value, comp})
	}
	return rows
}

func packageRows(s *apk.Observed) [][]string {
	pkgs := append([]apk.PackageCount(nil), s.Dex.Packages...)
	sort.SliceStable(pkgs, func(i, j int) bool { return pkgs[i].Classes > pkgs[j].Classes })
	if len(pkgs) > topPackages {
		pkgs = pkgs[:topPackages]
	}
	rows := make([][]string, len(pkgs))
	for i, p := range pkgs {
		name := p.Name
		if name == "" {
			name = "(default package)"
		}
		rows[i] = []string{name, strconv.Itoa(p.Classes)}
	}
	return rows
}

func column(values []string) [][]string {
	rows := make([][]string, len(values))
	for i, v := range values {
		rows[i] = []string{v}
	}
	return rows
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// maxEvidenceShown keeps one SDK's row readable; JSON lists all evidence.
const maxEvidenceShown = 3

func sdkRows(s *apk.Observed) [][]string {
	rows := make([][]string, 0, len(s.SDKs))
	for _, sdk := range s.SDKs {
		var ev []string
		for i, e := range sdk.Evidence {
			if i == maxEvidenceShown {
				ev = append(ev, fmt.Sprintf("… %d more", len(sdk.Evidence)-i))
				break
			}
			v := e.Kind + ": " + e.Value
			if e.Classes > 0 {
				v += fmt.Sprintf(" (%d classes)", e.Classes)
			}
			ev = append(ev, v)
		}
		name := sdk.Name
		if sdk.NameZh != "" && sdk.NameZh != sdk.Name {
			name = sdk.NameZh + " / " + sdk.Name
		}
		status := sdk.Status
		if len(sdk.InitialisedBy) > 0 {
			status += "\nby " + sdk.InitialisedBy[0]
			if n := len(sdk.InitialisedBy); n > 1 {
				status += fmt.Sprintf(" (+%d)", n-1)
			}
		}
		if sdk.Strength != "" && sdk.Strength != apk.StrengthCode {
			status += "\n" + sdk.Strength
		}
		if len(sdk.BroughtBy) > 0 {
			status += "\nwith " + strings.Join(sdk.BroughtBy, ", ")
		}
		rows = append(rows, []string{sdk.ID, name, sdk.Vendor, sdk.Category, status, strings.Join(ev, "\n")})
	}
	return rows
}

func apiRows(s *apk.Observed) [][]string {
	var rows [][]string
	for _, a := range s.APIs {
		for _, c := range a.Callers {
			via := ""
			if c.Via != "call" {
				via = " (" + c.Via + ")"
			}
			owner := c.SDK
			if c.Attribution == "call-graph" {
				owner += " (call graph)"
			}
			if c.OnDevice {
				owner += " (used on device)"
			}
			api := a.API
			if a.Unavailable != "" {
				api += " (unavailable: " + a.Unavailable + ")"
			}
			rows = append(rows, []string{a.DataType, api, c.Class + via, owner, strconv.Itoa(c.Calls)})
		}
	}
	return rows
}
