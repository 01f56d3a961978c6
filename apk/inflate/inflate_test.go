package inflate

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	kflate "github.com/klauspost/compress/flate"
)

// stream is one deflate stream and what it inflates to.
type stream struct {
	name     string
	src, out []byte
}

// realStreams are the deflated entries of the real APKs under testdata,
// written by the toolchains that built them (zlib, Java's Deflater).
func realStreams(t testing.TB) []stream {
	apks, _ := filepath.Glob("../../testdata/realapks/*.apk")
	if len(apks) == 0 {
		t.Fatal("no real APKs")
	}
	var all []stream
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
			src, err := io.ReadAll(raw)
			if err != nil {
				t.Fatal(err)
			}
			out, err := io.ReadAll(flate.NewReader(bytes.NewReader(src)))
			if err != nil {
				t.Fatalf("%s %s: %v", path, f.Name, err)
			}
			all = append(all, stream{filepath.Base(path) + ":" + f.Name, src, out})
		}
		zr.Close()
	}
	return all
}

// madeStreams deflates samples of real data with every level and strategy
// of Go's and klauspost's deflaters, with and without flushes (which put
// empty stored blocks in the stream).
func madeStreams(t testing.TB) []stream {
	dex, err := os.ReadFile("../dex/testdata/sample039.dex")
	if err != nil {
		dex = bytes.Repeat([]byte("classes.dex "), 5000)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 70000)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	runs := bytes.Repeat([]byte{'a'}, 100000)
	samples := map[string][]byte{"dex": dex, "random": random, "runs": runs, "empty": nil, "one": {'x'}}
	var all []stream
	for name, data := range samples {
		for level := -2; level <= 9; level++ {
			for _, flush := range []bool{false, true} {
				var b bytes.Buffer
				w, _ := flate.NewWriter(&b, level)
				kb := &bytes.Buffer{}
				kw, _ := kflate.NewWriter(kb, level)
				for i := 0; i < len(data); i += 9000 {
					chunk := data[i:min(i+9000, len(data))]
					w.Write(chunk)
					kw.Write(chunk)
					if flush {
						w.Flush()
						kw.Flush()
					}
				}
				w.Close()
				kw.Close()
				all = append(all, stream{name, b.Bytes(), data}, stream{name + "/klauspost", kb.Bytes(), data})
			}
		}
	}
	return all
}

func TestIntoMatchesCompressFlate(t *testing.T) {
	for _, s := range append(realStreams(t), madeStreams(t)...) {
		got := make([]byte, len(s.out))
		if err := Into(got, bytes.NewReader(s.src), int64(len(s.src)), nil); err != nil {
			t.Errorf("%s: %v", s.name, err)
			continue
		}
		if !bytes.Equal(got, s.out) {
			t.Errorf("%s: inflates differently", s.name)
		}
		// One byte more or less than the stream gives is an error.
		if err := Into(make([]byte, len(s.out)+1), bytes.NewReader(s.src), int64(len(s.src)), nil); err == nil {
			t.Errorf("%s: no error with a byte of output to spare", s.name)
		}
		if len(s.out) > 0 {
			if err := Into(make([]byte, len(s.out)-1), bytes.NewReader(s.src), int64(len(s.src)), nil); err == nil {
				t.Errorf("%s: no error with a byte of output too few", s.name)
			}
		}
		// A truncated stream is an error.
		if len(s.src) > 1 {
			if err := Into(make([]byte, len(s.out)), bytes.NewReader(s.src), int64(len(s.src)-1), nil); err == nil && intoErrs(s.src[:len(s.src)-1]) {
				t.Errorf("%s: no error when truncated", s.name)
			}
		}
	}
}

// intoErrs says whether compress/flate fails on src.
func intoErrs(src []byte) bool {
	_, err := io.ReadAll(flate.NewReader(bytes.NewReader(src)))
	return err != nil
}

func largestDex(b testing.TB) stream {
	var best stream
	for _, s := range realStreams(b) {
		if filepath.Ext(s.name) == ".dex" && len(s.out) > len(best.out) {
			best = s
		}
	}
	return best
}

func BenchmarkInto(b *testing.B) {
	s := largestDex(b)
	out := make([]byte, len(s.out))
	b.SetBytes(int64(len(s.out)))
	b.Run("into", func(b *testing.B) {
		for b.Loop() {
			if err := Into(out, bytes.NewReader(s.src), int64(len(s.src)), nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("klauspost", func(b *testing.B) {
		for b.Loop() {
			r := kflate.NewReader(bytes.NewReader(s.src))
			if _, err := io.ReadFull(r, out); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestIntoProgress: progress hears a growing count of final bytes, the
// last the whole output, and an error it returns stops the decoding.
func TestIntoProgress(t *testing.T) {
	s := largestDex(t)
	out := make([]byte, len(s.out))
	var heard []int
	err := Into(out, bytes.NewReader(s.src), int64(len(s.src)), func(n int) error {
		if !bytes.Equal(out[:n], s.out[:n]) {
			t.Fatalf("progress heard %d bytes before they were final", n)
		}
		heard = append(heard, n)
		return nil
	})
	if err != nil || len(heard) < 10 || !slices.IsSorted(heard) || heard[len(heard)-1] != len(s.out) {
		t.Fatalf("err %v; heard %d counts, sorted %v, ending at %d of %d", err, len(heard), slices.IsSorted(heard), heard[len(heard)-1], len(s.out))
	}
	stop := errors.New("stop")
	calls := 0
	err = Into(out, bytes.NewReader(s.src), int64(len(s.src)), func(n int) error {
		calls++
		if calls == 3 {
			return stop
		}
		return nil
	})
	if err != stop || calls != 3 {
		t.Fatalf("err %v after %d calls, want the progress's error after 3", err, calls)
	}
}

// countingReader counts the reads made of it.
type countingReader struct {
	r     io.ReaderAt
	reads int
}

func (c *countingReader) ReadAt(p []byte, off int64) (int, error) {
	c.reads++
	return c.r.ReadAt(p, off)
}

// TestStoredBlocksReadOnce: a stream of many small stored blocks (what a
// flush after every few bytes makes) is read through the window once, not
// once per block.
func TestStoredBlocksReadOnce(t *testing.T) {
	var src []byte
	const blocks = 100000
	for range blocks {
		src = append(src, 0x00, 0x00, 0x00, 0xff, 0xff) // a non-final empty stored block
	}
	src = append(src, 0x01, 0x01, 0x00, 0xfe, 0xff, 'x') // a final one holding "x"
	c := &countingReader{r: bytes.NewReader(src)}
	out := make([]byte, 1)
	if err := Into(out, c, int64(len(src)), nil); err != nil || out[0] != 'x' {
		t.Fatalf("err %v, out %q", err, out)
	}
	if most := len(src)/windowSize + 2; c.reads > most {
		t.Fatalf("%d reads of a %d-byte stream, want at most %d", c.reads, len(src), most)
	}
}

// TestProgressWithinLongBlocks: a block that inflates to megabytes (Go's
// deflater puts 16,384 matches of 258 zeros in one) is reported on every
// 256 KB or so, not only at its end, so a stopped scan stops there.
func TestProgressWithinLongBlocks(t *testing.T) {
	zeros := make([]byte, 8<<20)
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, 9)
	w.Write(zeros)
	w.Close()
	out := make([]byte, len(zeros))
	last, widest := 0, 0
	err := Into(out, bytes.NewReader(b.Bytes()), int64(b.Len()), func(n int) error {
		widest = max(widest, n-last)
		last = n
		return nil
	})
	if err != nil || last != len(zeros) {
		t.Fatalf("err %v, last report %d of %d", err, last, len(zeros))
	}
	if widest > reportEvery+64<<10 {
		t.Fatalf("%d bytes between two reports", widest)
	}
}

// TestIntoAtWindowEdges damages the largest real stream on each side of
// every edge of the 256 KB window, and cuts it there: Into gives what
// compress/flate gives, bytes or an error.
func TestIntoAtWindowEdges(t *testing.T) {
	s := largestDex(t)
	for edge := windowSize; edge < len(s.src); edge += windowSize {
		for _, at := range []int{edge - 9, edge - 8, edge - 7, edge - 1, edge, edge + 1, edge + 8} {
			for _, change := range []string{"flip", "cut"} {
				damaged := append([]byte(nil), s.src...)
				if change == "flip" {
					damaged[at] ^= 0x10
				} else {
					damaged = damaged[:at]
				}
				want, wantErr := io.ReadAll(flate.NewReader(bytes.NewReader(damaged)))
				n := len(s.out)
				if wantErr == nil {
					n = len(want)
				}
				got := make([]byte, n)
				err := Into(got, bytes.NewReader(damaged), int64(len(damaged)), nil)
				if (err == nil) != (wantErr == nil) || (err == nil && !bytes.Equal(got, want)) {
					t.Errorf("%s at %d: Into %v, compress/flate %v", change, at, err, wantErr)
				}
			}
		}
	}
}
