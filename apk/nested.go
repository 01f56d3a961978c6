package apk

import (
	"archive/zip"
	"fmt"
	"path"
	"strings"
)

// Code an app carries inside itself: Instant Run's instant-run.zip, a
// plugin APK or jar in assets/, a bare dex file a loader reads with
// DexClassLoader. Android never loads it by itself, but the app's own code
// can, so SDKs and API calls in it are the app's. Each nested archive is
// opened once, one level deep, under the same limits as the outer zip; a
// file named as code that cannot be read as code (encrypted, not a dex) is
// listed in Observed.UnanalysedCode and warned about, never a scan error.

// nestedCodeKind says how an entry holds code: "dex" for a dex file,
// "archive" for a zip of dex files; "" for anything else. The app's
// classes*.dex at the root and native libraries are not nested code.
func nestedCodeKind(name string) string {
	if dexName().MatchString(name) || strings.HasPrefix(name, "lib/") || strings.HasPrefix(name, "META-INF/") {
		return ""
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".dex", ".odex":
		return "dex"
	case ".jar", ".apk", ".zip":
		return "archive"
	}
	return ""
}

// maxInflatedDataZip bounds the compressed .zip files inflated just to look
// for dex files in them: a game's asset bundles run to hundreds of
// megabytes, code archives (instant-run.zip) to a few. A stored .zip is
// read in place and always looked into.
const maxInflatedDataZip = 64 << 20

// isDataZip: a .zip is as often data as code; a .jar or .apk is code.
func isDataZip(name string) bool { return strings.EqualFold(path.Ext(name), ".zip") }

// nestedDexJobs lists the dex files nested in one APK, and what could not
// be read as code.
func nestedDexJobs(a *archive, partName string) (jobs []dexJob, unread []string) {
	for _, name := range a.names(func(n string) bool { return nestedCodeKind(n) != "" }) {
		f := a.file(name)
		label := qualify(partName, name)
		if nestedCodeKind(name) == "dex" {
			jobs = append(jobs, dexJob{arc: a, file: f, label: label, nested: true})
			continue
		}
		if isDataZip(name) && f.Method != zip.Store && f.UncompressedSize64 > maxInflatedDataZip {
			continue
		}
		inner, err := openInner(a, f, a.r)
		if err != nil {
			// A .zip is often data (a game's asset bundle); only a file
			// named as code (.jar, .apk) is code that went unread.
			if !isDataZip(name) {
				unread = append(unread, fmt.Sprintf("%s: %v", label, err))
			}
			continue
		}
		for _, in := range inner.names(func(n string) bool { return strings.EqualFold(path.Ext(n), ".dex") }) {
			jobs = append(jobs, dexJob{arc: inner, file: inner.file(in), label: label + "!" + in, nested: true})
		}
	}
	return jobs, unread
}
