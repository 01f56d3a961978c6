package apk

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"privdiff/catalog"
)

// BenchmarkInflateDex is the floor a scan is measured against: only
// inflating ApiDemos' dex files, nothing parsed.
func BenchmarkInflateDex(b *testing.B) {
	zr, err := zip.OpenReader(apiDemos)
	if err != nil {
		b.Fatalf("%v (run scripts/fetch-apidemos.sh)", err)
	}
	defer zr.Close()
	zr.RegisterDecompressor(zip.Deflate, func(r io.Reader) io.ReadCloser { return inflateStream(r) })
	var total int64
	for b.Loop() {
		total = 0
		for _, f := range zr.File {
			if !dexName().MatchString(f.Name) {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				b.Fatal(err)
			}
			n, err := io.Copy(io.Discard, rc)
			if err != nil {
				b.Fatal(err)
			}
			rc.Close()
			total += n
		}
	}
	b.SetBytes(total)
}

// BenchmarkRealAPKs compares, for each real APK and ApiDemos, the whole
// scan with its floor: only inflating the APK's dex files (issue 18's
// goal: a single-dex scan within 1.3× its floor, multidex within 1.0×).
// Read the pairs side by side: "floor/NAME" and "scan/NAME".
func BenchmarkRealAPKs(b *testing.B) {
	apks, _ := filepath.Glob("../testdata/realapks/*.apk")
	apks = append(apks, apiDemos)
	for _, path := range apks {
		name := strings.TrimSuffix(filepath.Base(path), ".apk")
		b.Run("floor/"+name, func(b *testing.B) {
			zr, err := zip.OpenReader(path)
			if err != nil {
				b.Fatalf("%v (run scripts/fetch-apidemos.sh)", err)
			}
			defer zr.Close()
			zr.RegisterDecompressor(zip.Deflate, func(r io.Reader) io.ReadCloser { return inflateStream(r) })
			for b.Loop() {
				for _, f := range zr.File {
					if dexName().MatchString(f.Name) {
						rc, _ := f.Open()
						io.Copy(io.Discard, rc)
						rc.Close()
					}
				}
			}
		})
		b.Run("scan/"+name, func(b *testing.B) {
			for b.Loop() {
				if _, err := ScanFile(path, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkScanApiDemos is the whole scan: hash, manifest, resources, dex.
func BenchmarkScanApiDemos(b *testing.B) {
	for b.Loop() {
		if _, err := ScanFile(apiDemos, Options{}); err != nil {
			b.Fatalf("%v (run scripts/fetch-apidemos.sh)", err)
		}
	}
}

// BenchmarkDetectSDKs is SDK matching alone over ApiDemos' classes and
// manifest.
func BenchmarkDetectSDKs(b *testing.B) {
	obs, err := ScanFile(apiDemos, Options{})
	if err != nil {
		b.Fatalf("%v (run scripts/fetch-apidemos.sh)", err)
	}
	ix := catalog.Signatures()
	for b.Loop() {
		detectSDKs(obs, ix)
	}
}

// BenchmarkDetectSDKs100k matches a synthetic app of 100,000 classes: SDK
// packages, app packages and obfuscated names mixed.
func BenchmarkDetectSDKs100k(b *testing.B) {
	prefixes := []string{"com.example.app.ui", "cn.jpush.android.service", "com.umeng.analytics.pro", "a.b", "com.tencent.bugly.crashreport.crash", "androidx.core.view", "okhttp3.internal.http2", "com.example.app.data.model"}
	obs := &Observed{App: App{Package: "com.example.app"}}
	for i := 0; i < 100_000; i++ {
		obs.Classes = append(obs.Classes, fmt.Sprintf("%s.C%d", prefixes[i%len(prefixes)], i))
	}
	ix := catalog.Signatures()
	for b.Loop() {
		detectSDKs(obs, ix)
	}
}

// syntheticMultidex packs ApiDemos' classes.dex eight times (58 MB of dex)
// with its manifest: the size of a large multidex app.
func syntheticMultidex(b *testing.B) []byte {
	b.Helper()
	return multidexOf(b, fixtureEntry(b, apiDemos, "AndroidManifest.xml"), fixtureEntry(b, apiDemos, "classes.dex"), 8)
}

// BenchmarkInflateMultidex60MB and BenchmarkScanMultidex60MB compare the
// whole scan of a 58 MB multidex app with only inflating its dex files.
func BenchmarkInflateMultidex60MB(b *testing.B) {
	data := syntheticMultidex(b)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		b.Fatal(err)
	}
	zr.RegisterDecompressor(zip.Deflate, func(r io.Reader) io.ReadCloser { return inflateStream(r) })
	for b.Loop() {
		for _, f := range zr.File {
			if !dexName().MatchString(f.Name) {
				continue
			}
			rc, _ := f.Open()
			io.Copy(io.Discard, rc)
			rc.Close()
		}
	}
}

func BenchmarkScanMultidex60MB(b *testing.B) {
	data := syntheticMultidex(b)
	for b.Loop() {
		if _, err := Scan(bytes.NewReader(data), int64(len(data)), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAttribute200k ties obfuscated callers to SDKs over a synthetic
// call graph of 200,000 edges between 50,000 classes, SDK and obfuscated.
func BenchmarkAttribute200k(b *testing.B) {
	obs := &Observed{App: App{Package: "com.example.app"}}
	name := func(i int) string {
		if i%10 == 0 {
			return fmt.Sprintf("cn.jpush.android.service.C%d", i)
		}
		return fmt.Sprintf("a%d.b%d", i%97, i)
	}
	for i := range 200_000 {
		obs.code.edges = append(obs.code.edges, classEdge{name((i * 7919) % 50_000), name((i*104729 + 1) % 50_000)})
	}
	var targets []string
	for i := 1; i < 50_000; i += 499 {
		targets = append(targets, name(i))
	}
	ix := catalog.Signatures()
	for b.Loop() {
		newAttributor(obs, ix, targets)
	}
}
