package apk

import (
	"archive/zip"
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const apiDemos = "../testdata/external/ApiDemos-debug.apk"

// crossCheckAPKs lists every single-APK input the cross-checks run on: the
// built fixtures, the real APKs, and ApiDemos.
func crossCheckAPKs(t *testing.T) []string {
	t.Helper()
	fixtures, _ := filepath.Glob("../testdata/apks/*.apk")
	real, _ := filepath.Glob("../testdata/realapks/*.apk")
	if len(fixtures) < 3 {
		t.Fatalf("found %d fixture APKs in testdata/apks; rebuild them with testdata/apks/build.sh", len(fixtures))
	}
	if len(real) == 0 {
		t.Fatal("no real APKs in testdata/realapks")
	}
	requireFile(t, apiDemos, "run scripts/fetch-apidemos.sh")
	return append(append(fixtures, real...), apiDemos)
}

func requireFile(t *testing.T, path, hint string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("%s is missing (%s)", path, hint)
	}
}

// requireTool fails under CI and skips elsewhere when a reference tool is
// missing: CI installs it, so its absence there is a defect.
func requireTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed; CI must install it (scripts/test.sh does)", name)
		}
		t.Skipf("%s is not installed (apt-get install %s)", name, name)
	}
}

// badging is what `aapt dump badging` and `aapt dump permissions` say.
type badging struct {
	pkg, versionName, label string
	versionCode             int64
	minSdk, targetSdk       int
	permissions             []string // "name" or "name maxSdk=N" or "sdk23 name"
}

var (
	aaptAttr = regexp.MustCompile(`(\w+)='([^']*)'`)
	aaptLine = regexp.MustCompile(`^([\w-]+):\s*'?([^']*)'?$`)
)

func aaptBadging(t *testing.T, apk string) badging {
	t.Helper()
	var b badging
	out, err := exec.Command("aapt", "dump", "badging", apk).Output()
	if err != nil {
		t.Fatalf("aapt dump badging %s: %v", apk, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "package: "):
			for _, m := range aaptAttr.FindAllStringSubmatch(line, -1) {
				switch m[1] {
				case "name":
					b.pkg = m[2]
				case "versionCode":
					b.versionCode, _ = strconv.ParseInt(m[2], 10, 64)
				case "versionName":
					b.versionName = m[2]
				}
			}
		case strings.HasPrefix(line, "sdkVersion:"):
			b.minSdk, _ = strconv.Atoi(aaptLine.FindStringSubmatch(line)[2])
		case strings.HasPrefix(line, "targetSdkVersion:"):
			b.targetSdk, _ = strconv.Atoi(aaptLine.FindStringSubmatch(line)[2])
		case strings.HasPrefix(line, "application-label:"):
			b.label = strings.TrimSuffix(strings.TrimPrefix(line, "application-label:'"), "'")
		}
	}
	out, err = exec.Command("aapt", "dump", "permissions", apk).Output()
	if err != nil {
		t.Fatalf("aapt dump permissions %s: %v", apk, err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		kind, rest, ok := strings.Cut(line, ": ")
		if !ok || (kind != "uses-permission" && kind != "uses-permission-sdk-23") {
			continue
		}
		attrs := map[string]string{}
		for _, m := range aaptAttr.FindAllStringSubmatch(rest, -1) {
			attrs[m[1]] = m[2]
		}
		b.permissions = append(b.permissions, permKey(attrs["name"], attrs["maxSdkVersion"], kind == "uses-permission-sdk-23"))
	}
	sort.Strings(b.permissions)
	return b
}

func permKey(name, maxSdk string, sdk23 bool) string {
	k := name
	if maxSdk != "" {
		k += " maxSdk=" + maxSdk
	}
	if sdk23 {
		k = "sdk23 " + k
	}
	return k
}

func TestCrossCheckAapt(t *testing.T) {
	requireTool(t, "aapt")
	for _, path := range crossCheckAPKs(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			obs, err := ScanFile(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := aaptBadging(t, path)
			a := obs.App
			check := func(field string, got, want any) {
				if got != want {
					t.Errorf("%s = %v, aapt says %v", field, got, want)
				}
			}
			check("package", a.Package, want.pkg)
			check("versionCode", a.VersionCode, want.versionCode)
			check("versionName", a.VersionName, want.versionName)
			check("minSdk", a.MinSdk, want.minSdk)
			check("targetSdk", a.TargetSdk, want.targetSdk)
			check("label", a.Label, want.label)
			var got []string
			for _, p := range obs.Permissions {
				maxSdk := ""
				if p.MaxSdkVersion != nil {
					maxSdk = strconv.Itoa(*p.MaxSdkVersion)
				}
				got = append(got, permKey(p.Name, maxSdk, p.SDK23))
			}
			sort.Strings(got)
			if strings.Join(got, "\n") != strings.Join(want.permissions, "\n") {
				t.Errorf("permissions differ from aapt dump permissions:\n got: %q\nwant: %q", got, want.permissions)
			}
		})
	}
}

func TestCrossCheckDexdump(t *testing.T) {
	requireTool(t, "dexdump")
	for _, path := range crossCheckAPKs(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			obs, err := ScanFile(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]bool{}
			files := 0
			for _, dexPath := range extractDex(t, path) {
				files++
				out, err := exec.Command("dexdump", dexPath).Output()
				if err != nil {
					t.Fatalf("dexdump %s: %v", dexPath, err)
				}
				for _, line := range strings.Split(string(out), "\n") {
					line = strings.TrimSpace(line)
					if d, ok := strings.CutPrefix(line, "Class descriptor  : '"); ok {
						name, _ := className(strings.TrimSuffix(d, "'"))
						want[name] = true
					}
				}
			}
			if obs.Dex.Files != files {
				t.Errorf("dex files = %d, the APK has %d", obs.Dex.Files, files)
			}
			if len(obs.Classes) != len(want) || obs.Dex.Classes != len(want) {
				t.Errorf("classes = %d (summary %d), dexdump lists %d", len(obs.Classes), obs.Dex.Classes, len(want))
			}
			for _, c := range obs.Classes {
				if !want[c] {
					t.Errorf("class %s is not in dexdump's output", c)
					break
				}
				delete(want, c)
			}
			for c := range want {
				t.Errorf("dexdump lists %s, privdiff does not", c)
				break
			}
			total := 0
			for _, p := range obs.Dex.Packages {
				total += p.Classes
			}
			if total != obs.Dex.Classes {
				t.Errorf("package counts add up to %d, not %d", total, obs.Dex.Classes)
			}
		})
	}
}

// extractDex writes each classes*.dex of an APK, and each dex file inside a
// jar, APK or zip it carries (ApiDemos ships assets/HelloActivity.apk), to a
// temporary file, since dexdump reads only files.
func extractDex(t *testing.T, apkPath string) []string {
	t.Helper()
	zr, err := zip.OpenReader(apkPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	dir := t.TempDir()
	var paths []string
	write := func(name string, data []byte) {
		p := filepath.Join(dir, strings.ReplaceAll(name, "/", "_"))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	for _, f := range zr.File {
		nested := strings.HasSuffix(f.Name, ".apk") || strings.HasSuffix(f.Name, ".jar") || strings.HasSuffix(f.Name, ".zip")
		if !dexName().MatchString(f.Name) && !nested {
			continue
		}
		data := readZipFile(t, f)
		if !nested {
			write(f.Name, data)
			continue
		}
		inner, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			continue
		}
		for _, g := range inner.File {
			if strings.HasSuffix(g.Name, ".dex") {
				write(f.Name+"!"+g.Name, readZipFile(t, g))
			}
		}
	}
	return paths
}

func readZipFile(t testing.TB, f *zip.File) []byte {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
