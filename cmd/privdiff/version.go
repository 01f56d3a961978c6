package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"privdiff/catalog"
)

// buildFacts are what `privdiff version` prints: the release (the
// -ldflags value, else the module version Go stamped), the VCS commit and
// whether the tree had uncommitted changes, and the catalog's version.
type buildFacts struct {
	Version, Commit, Go string
	Modified            bool
}

// commit may be set at build time with -ldflags "-X main.commit=…" where Go
// cannot stamp the VCS revision itself (-buildvcs=false, a source tarball).
var commit = ""

func readBuildFacts() buildFacts {
	f := buildFacts{Version: version, Commit: commit}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return f
	}
	f.Go = bi.GoVersion
	if v := bi.Main.Version; v != "" && v != "(devel)" && version == defaultVersion {
		// `go install privdiff@v1.2.0` stamps the module version.
		f.Version = v
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			f.Commit = s.Value
			if len(f.Commit) > 12 {
				f.Commit = f.Commit[:12]
			}
		case "vcs.modified":
			f.Modified = s.Value == "true"
		}
	}
	return f
}

func (f buildFacts) commitText() string {
	if f.Commit == "" {
		return ""
	}
	if f.Modified {
		return f.Commit + "+modified"
	}
	return f.Commit
}

// text is the version report, its first line "privdiff VERSION" for scripts.
func (f buildFacts) text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "privdiff %s\n", f.Version)
	if c := f.commitText(); c != "" {
		fmt.Fprintf(&b, "commit   %s\n", c)
	}
	fmt.Fprintf(&b, "catalog  %s\n", catalog.Version())
	if f.Go != "" {
		fmt.Fprintf(&b, "go       %s\n", f.Go)
	}
	return b.String()
}

// analysisTime is the date of analysis a report shows, RFC 3339 in UTC:
// SOURCE_DATE_EPOCH when set (a reproducible build or report asks for that
// date), else now when the report is dated (the terminal table, --dated),
// else "" so a byte-stable format stays byte-stable.
func analysisTime(dated bool) (string, error) {
	if s, ok := os.LookupEnv("SOURCE_DATE_EPOCH"); ok && s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil || sec < 0 {
			return "", usageError("SOURCE_DATE_EPOCH=%q: want a number of seconds since 1970", s)
		}
		return time.Unix(sec, 0).UTC().Format(time.RFC3339), nil
	}
	if dated {
		return time.Now().UTC().Format(time.RFC3339), nil
	}
	return "", nil
}
