package dex

import "testing"

// The benchmarks run on ApiDemos' 7.2 MB classes.dex, inflated once before
// the timed loop, as the APK scan holds it.

// benchRead opens ApiDemos' dex and runs read on it, b.N times.
func benchRead(b *testing.B, read func(f *File) error) {
	data := apiDemosDex(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		f, err := OpenBytes(data)
		if err != nil {
			b.Fatal(err)
		}
		if err := read(f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkClassDescriptors(b *testing.B) {
	benchRead(b, func(f *File) error { _, err := f.ClassDescriptors(); return err })
}

func BenchmarkMethodRefs(b *testing.B) {
	benchRead(b, func(f *File) error { _, err := f.MethodRefs(); return err })
}

// BenchmarkScanInstructions is the shape of a full bytecode scan: every
// method body decoded, every invoke and const-string index extracted.
func BenchmarkScanInstructions(b *testing.B) {
	data := apiDemosDex(b)
	b.SetBytes(int64(len(data)))
	var invokes, strs int
	for b.Loop() {
		invokes, strs = 0, 0
		f, err := OpenBytes(data)
		if err != nil {
			b.Fatal(err)
		}
		var code Code
		for i := 0; i < f.NumClasses(); i++ {
			c, err := f.Class(uint32(i))
			if err != nil {
				b.Fatal(err)
			}
			cd, err := f.ClassData(c)
			if err != nil {
				b.Fatal(err)
			}
			for _, ms := range [][]EncodedMethod{cd.DirectMethods, cd.VirtualMethods} {
				for _, m := range ms {
					if m.CodeOff == 0 {
						continue
					}
					if err := f.CodeInto(m.CodeOff, &code); err != nil {
						b.Fatal(err)
					}
					for in, err := range Instructions(code.Insns) {
						if err != nil {
							b.Fatal(err)
						}
						if _, ok := in.MethodIndex(); ok {
							invokes++
						} else if _, ok := in.StringIndex(); ok {
							strs++
						}
					}
				}
			}
		}
	}
	b.ReportMetric(float64(invokes), "invokes/op")
}

// BenchmarkClassDescriptorsReaderAt measures the copying path for callers
// that cannot hand over a byte slice.
func BenchmarkClassDescriptorsReaderAt(b *testing.B) {
	data := apiDemosDex(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		f, err := Open(readerOnly{bytesReaderAt(data)}, int64(len(data)))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.ClassDescriptors(); err != nil {
			b.Fatal(err)
		}
	}
}

type bytesReaderAt []byte

func (r bytesReaderAt) ReadAt(p []byte, off int64) (int, error) {
	return copy(p, r[off:]), nil
}

// BenchmarkMethodAndFieldNames: what a scan resolves before its walk.
func BenchmarkMethodAndFieldNames(b *testing.B) {
	benchRead(b, func(f *File) error {
		if _, err := f.MethodNames(); err != nil {
			return err
		}
		_, err := f.FieldNames()
		return err
	})
}
