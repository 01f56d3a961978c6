package apk

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestInflaterReadsWholeLikeAStream inflates every deflated entry of the
// real APKs with inflate, which reads an entry whole into a reused
// buffer, into huge pages, or as a stream, and with the standard library's
// stream inflater: the bytes must agree entry after entry, so no entry sees
// the memory of the one before.
func TestInflaterReadsWholeLikeAStream(t *testing.T) {
	apks, _ := filepath.Glob("../testdata/realapks/*.apk")
	if len(apks) == 0 {
		t.Fatal("no real APKs")
	}
	whole, mapped := 0, 0
	for _, path := range apks {
		zr, err := zip.OpenReader(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if f.Method != zip.Deflate {
				continue
			}
			raw, err := f.OpenRaw()
			if err != nil {
				t.Fatal(err)
			}
			sr, ok := raw.(*io.SectionReader)
			if !ok {
				t.Fatalf("%s: OpenRaw gave a %T", f.Name, raw)
			}
			want, wantErr := io.ReadAll(flate.NewReader(io.NewSectionReader(sr, 0, sr.Size())))
			for _, how := range []int32{readWhole, readWholeHuge, readStreamed} {
				in := inflateStream(sr, how)
				w, isWhole := in.(*wholeInflater)
				if isWhole {
					whole++
					if w.mapped != nil {
						mapped++
					}
				}
				if isWhole == (how == readStreamed) {
					t.Errorf("%s %s (mode %d): read whole %v", filepath.Base(path), f.Name, how, isWhole)
				}
				got, gotErr := io.ReadAll(in)
				in.Close()
				if (gotErr == nil) != (wantErr == nil) || !bytes.Equal(got, want) {
					t.Errorf("%s %s (mode %d): %d bytes (%v), the stream gives %d (%v)", filepath.Base(path), f.Name, how, len(got), gotErr, len(want), wantErr)
				}
			}
		}
		zr.Close()
	}
	if whole == 0 {
		t.Error("no entry was read whole")
	}
	if mapped == 0 && runtime.GOOS == "linux" {
		t.Error("no entry was read whole into huge pages")
	}
}

// TestInflaterStreamsWhatItCannotReadWhole: an entry cut short by the end
// of the file is inflated as a stream, so it fails where it always did.
func TestInflaterStreamsWhatItCannotReadWhole(t *testing.T) {
	data, err := os.ReadFile("../testdata/realapks/amap-map-game.apk")
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Method != zip.Deflate || f.CompressedSize64 < 1024 {
			continue
		}
		off, err := f.DataOffset()
		if err != nil {
			t.Fatal(err)
		}
		cut := bytes.NewReader(data[:off+int64(f.CompressedSize64)/2])
		in := inflateStream(io.NewSectionReader(cut, off, int64(f.CompressedSize64)), readWhole)
		if _, ok := in.(*wholeInflater); ok {
			t.Fatalf("%s: read whole though half of it is missing", f.Name)
		}
		if _, err := io.ReadAll(in); err == nil {
			t.Fatalf("%s: half an entry inflated without an error", f.Name)
		}
		return
	}
	t.Fatal("no deflated entry of 1 KB")
}
