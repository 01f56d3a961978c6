package reports

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"path/filepath"
	"strings"

	"privdiff/diff"
)

// ToolVersion is privdiff's version as reports name it; the CLI sets it.
var ToolVersion = "dev"

// SARIF 2.1.0, the parts privdiff fills. GitHub code scanning reads
// rules' security-severity, results' partialFingerprints for tracking a
// finding across runs, and at most 10 locations per result.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Language    string            `json:"language"`
	Results     []sarifResult     `json:"results"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string       `json:"level"`
	Message sarifMessage `json:"message"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	InformationURI  string      `json:"informationUri"`
	Version         string      `json:"version"`
	SemanticVersion string      `json:"semanticVersion"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name"`
	ShortDescription     sarifMessage        `json:"shortDescription"`
	FullDescription      sarifMessage        `json:"fullDescription"`
	Help                 sarifMultiformat    `json:"help"`
	DefaultConfiguration sarifConfiguration  `json:"defaultConfiguration"`
	Properties           sarifRuleProperties `json:"properties"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifMultiformat struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProperties struct {
	SecuritySeverity string   `json:"security-severity"`
	Tags             []string `json:"tags"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          map[string]string `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine  int    `json:"startLine,omitempty"`
	EndLine    int    `json:"endLine,omitempty"`
	ByteOffset *int64 `json:"byteOffset,omitempty"`
	ByteLength int64  `json:"byteLength,omitempty"`
}

func sarifLevel(s diff.Severity) string {
	switch s {
	case diff.High:
		return "error"
	case diff.Medium:
		return "warning"
	}
	return "note"
}

func securitySeverity(s diff.Severity) string {
	switch s {
	case diff.High:
		return "8.0"
	case diff.Medium:
		return "5.0"
	case diff.Low:
		return "3.0"
	}
	return "1.0"
}

// sarifURI turns a path into a URI reference GitHub resolves against the
// repository root: relative, with forward slashes. A URL stays as it is.
func sarifURI(p string) string {
	if strings.Contains(p, "://") {
		return p
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// AuditSARIF writes the audit as SARIF 2.1.0 that GitHub code scanning
// accepts: one rule per privdiff rule, each finding a result located at the
// policy line it concerns, or at the APK when the policy says nothing.
func AuditSARIF(w io.Writer, a *diff.Audit) error {
	lang := a.Lang
	driver := sarifDriver{
		Name:            "privdiff",
		InformationURI:  "https://github.com/privdiff/privdiff",
		Version:         numericVersion(ToolVersion),
		SemanticVersion: ToolVersion,
	}
	for _, r := range diff.Rules {
		help := localized(r.Help, lang)
		basis := localized(r.Basis, lang)
		driver.Rules = append(driver.Rules, sarifRule{
			ID:               r.ID,
			Name:             ruleNameToPascal(r.ID),
			ShortDescription: sarifMessage{Text: localized(r.Name, lang)},
			FullDescription:  sarifMessage{Text: localized(r.Description, lang)},
			Help: sarifMultiformat{
				Text:     help + "\n\n" + basis,
				Markdown: mdEscape(help) + "\n\n**" + textFor(lang).Basis + ":** " + mdEscape(basis),
			},
			DefaultConfiguration: sarifConfiguration{Level: sarifLevel(r.Severity)},
			Properties: sarifRuleProperties{
				SecuritySeverity: securitySeverity(r.Severity),
				Tags:             []string{"security", "privacy", "android"},
			},
		})
	}
	run := sarifRun{
		Tool:        sarifTool{Driver: driver},
		Invocations: []sarifInvocation{{ExecutionSuccessful: true}},
		Language:    textFor(lang).Lang,
		Results:     []sarifResult{},
	}
	for _, warn := range a.Warnings {
		run.Invocations[0].ToolExecutionNotifications = append(run.Invocations[0].ToolExecutionNotifications,
			sarifNotification{Level: "warning", Message: sarifMessage{Text: warn}})
	}
	policy := ""
	if a.Declared != nil {
		policy = a.Declared.Source
	}
	for _, f := range a.Findings {
		_, index, ok := ruleByID(f.Rule)
		if !ok {
			index = -1
		}
		// A finding about the APK as a whole covers all of its bytes.
		loc := sarifLocation{PhysicalLocation: sarifPhysical{
			ArtifactLocation: sarifArtifact{URI: sarifURI(a.App.Path)},
			Region:           &sarifRegion{ByteOffset: new(int64), ByteLength: max(a.App.Size, 1)},
		}}
		if f.Declared != nil && f.Declared.Line > 0 && policy != "" {
			loc = sarifLocation{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: sarifURI(policy)},
				Region:           &sarifRegion{StartLine: f.Declared.Line, EndLine: f.Declared.Line},
			}}
		}
		sum := sha256.Sum256([]byte(f.Key()))
		res := sarifResult{
			RuleID: f.Rule, RuleIndex: index, Level: sarifLevel(f.Severity),
			Message:             sarifMessage{Text: f.Message},
			Locations:           []sarifLocation{loc},
			PartialFingerprints: map[string]string{"privdiffFinding/v1": hex.EncodeToString(sum[:16])},
		}
		if e := evidenceParts(f, textFor(lang)); len(e) > 0 {
			res.Properties = map[string]string{"evidence": strings.Join(e, "; ")}
		}
		run.Results = append(run.Results, res)
	}
	return writeJSON(w, sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	})
}

// ruleNameToPascal names a rule as SARIF's rule.name wants: an identifier,
// "SdkUndeclared".
func ruleNameToPascal(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// numericVersion is the dotted-number head of a version ("0.1.0" of
// "0.1.0-dev"), which SARIF consumers compare; "0" when there is none.
func numericVersion(v string) string {
	end := 0
	for end < len(v) && (v[end] == '.' || v[end] >= '0' && v[end] <= '9') {
		end++
	}
	if n := strings.Trim(v[:end], "."); n != "" {
		return n
	}
	return "0"
}
