package apk

import (
	"archive/zip"
	"io"
	"testing"
)

// BenchmarkInflateDex is the floor a scan is measured against: only
// inflating ApiDemos' dex files, nothing parsed.
func BenchmarkInflateDex(b *testing.B) {
	zr, err := zip.OpenReader(apiDemos)
	if err != nil {
		b.Fatalf("%v (run scripts/fetch-apidemos.sh)", err)
	}
	defer zr.Close()
	zr.RegisterDecompressor(zip.Deflate, newInflater)
	var total int64
	for b.Loop() {
		total = 0
		for _, f := range zr.File {
			if !dexName.MatchString(f.Name) {
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

// BenchmarkScanApiDemos is the whole scan: hash, manifest, resources, dex.
func BenchmarkScanApiDemos(b *testing.B) {
	for b.Loop() {
		if _, err := ScanFile(apiDemos, Options{}); err != nil {
			b.Fatalf("%v (run scripts/fetch-apidemos.sh)", err)
		}
	}
}
