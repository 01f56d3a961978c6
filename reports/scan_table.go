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

// ScanTable writes a human summary of one scan, in English.
func ScanTable(w io.Writer, s *apk.Observed) error { return ScanTableIn(w, s, "en") }

// ScanTableIn writes a human summary of one scan with the titles, headers
// and data types in lang ("zh" or "en").
func ScanTableIn(w io.Writer, s *apk.Observed, lang string) error {
	w = terminalSafe(w)
	l := words(lang)
	a := s.App
	facts := [][]string{
		{l("path"), a.Path},
		{l("sha256"), a.SHA256},
		{l("package"), a.Package},
		{l("version"), fmt.Sprintf("%s (%d)", a.VersionName, a.VersionCode)},
		{l("label"), labelIn(a, lang)},
		{l("developer"), developer(a.Signers)},
		{l("signers"), strings.Join(signerLines(a.Signers), "\n")},
		{l("min / target SDK"), fmt.Sprintf("%d / %d", a.MinSdk, a.TargetSdk)},
		{l("files"), strings.Join(a.Files, ", ")},
		{l("dex"), fmt.Sprintf(l("%d files, %d classes, %d packages"), s.Dex.Files, s.Dex.Classes, len(s.Dex.Packages))},
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
		facts = append(facts, []string{l("packer"), p.NameZh + " / " + p.Name + "\n" + strings.Join(ev, "\n")})
	}
	steps := []func() error{
		func() error { return writeTable(w, l("App"), []string{l("Field"), l("Value")}, facts) },
		func() error {
			return writeTable(w, l("Permissions"), []string{l("Permission"), l("Protection"), l("Max SDK"), l("SDK 23+ only")}, permissionRows(s, l))
		},
		func() error {
			return writeTable(w, l("Components"), []string{l("Type"), l("Name"), l("Exported")}, componentRows(s, l))
		},
		func() error {
			return writeTable(w, l("Meta-data"), []string{l("Name"), l("Value"), l("Component")}, metaDataRows(s))
		},
		func() error {
			return writeTable(w, fmt.Sprintf(l("Largest Java packages (of %d)"), len(s.Dex.Packages)), []string{l("Package"), l("Classes")}, packageRows(s))
		},
		func() error { return writeTable(w, l("Native libraries"), []string{l("Path")}, column(s.NativeLibs)) },
		func() error {
			return writeTable(w, l("SDKs"), []string{l("ID"), l("Name"), l("Vendor"), l("Category"), l("Status"), l("Evidence")}, sdkRows(s))
		},
		func() error {
			return writeTable(w, l("Sensitive API calls"), []string{l("Data"), l("API"), l("Caller"), l("Code of"), l("Calls")}, apiRows(s, lang))
		},
		func() error { return writeTable(w, l("Warnings"), []string{l("Warning")}, column(s.Warnings)) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

func permissionRows(s *apk.Observed, l func(string) string) [][]string {
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
		rows = append(rows, []string{p.Name, level, maxSdk, l(yesNo(p.SDK23))})
	}
	return rows
}

func componentRows(s *apk.Observed, l func(string) string) [][]string {
	rows := make([][]string, 0, len(s.Components))
	for _, c := range s.Components {
		exp := l(yesNo(c.Exported))
		if c.ExportedImplied {
			exp += l(" (implied)")
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

func apiRows(s *apk.Observed, lang string) [][]string {
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
			rows = append(rows, []string{dataTypeNames([]string{a.DataType}, lang)[0], api, c.Class + via, owner, strconv.Itoa(c.Calls)})
		}
	}
	return rows
}
