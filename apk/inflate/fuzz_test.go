package inflate

import (
	"bytes"
	"compress/flate"
	"io"
	"testing"

	kflate "github.com/klauspost/compress/flate"
)

// FuzzInto holds Into to compress/flate: what compress/flate inflates,
// Into inflates to the same bytes; what compress/flate or klauspost's
// inflater (archive/zip's here, the fallback) refuses, Into refuses
// whatever the output's size.
func FuzzInto(f *testing.F) {
	for _, s := range madeStreams(f) {
		if len(s.src) < 4096 {
			f.Add(s.src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		const most = 1 << 20
		want, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(src)), most+1))
		if len(want) > most {
			return
		}
		if _, kerr := io.ReadAll(io.LimitReader(kflate.NewReader(bytes.NewReader(src)), most+1)); kerr != nil && err == nil {
			err = kerr
		}
		if err != nil {
			for _, n := range []int{len(want), len(want) + 1, 2*len(want) + 100} {
				if Into(make([]byte, n), bytes.NewReader(src), int64(len(src)), nil) == nil {
					t.Fatalf("compress/flate fails (%v) after %d bytes; Into inflates %d", err, len(want), n)
				}
			}
			return
		}
		got := make([]byte, len(want))
		if err := Into(got, bytes.NewReader(src), int64(len(src)), nil); err != nil {
			t.Fatalf("compress/flate inflates %d bytes; Into: %v", len(want), err)
		}
		if !bytes.Equal(got, want) {
			t.Fatal("inflates differently")
		}
	})
}
