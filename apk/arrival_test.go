package apk

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"reflect"
	"sync"
	"testing"
	"time"
)

func TestArrivalWait(t *testing.T) {
	a := newArrival()
	var wg sync.WaitGroup
	got := make([]error, 3)
	for i, end := range []uint64{10, 100, 1000} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = a.wait(end)
		}()
	}
	a.add(50)
	if err := a.wait(50); err != nil {
		t.Errorf("wait(50) after add(50): %v", err)
	}
	a.add(100)
	time.Sleep(10 * time.Millisecond)
	a.mu.Lock()
	if len(a.waiting) != 1 || a.waiting[0].end != 1000 {
		t.Errorf("still waiting: %v, want only the wait for 1000", a.waiting)
	}
	a.mu.Unlock()
	a.end()
	wg.Wait()
	if got[0] != nil || got[1] != nil || !errors.Is(got[2], errEntryEnded) {
		t.Errorf("waits returned %v, want nil, nil, errEntryEnded", got)
	}
	if err := a.wait(101); !errors.Is(err, errEntryEnded) {
		t.Errorf("wait past the end after it: %v", err)
	}
	if err := a.wait(100); err != nil {
		t.Errorf("wait within after the end: %v", err)
	}
}

// dexJobs opens an APK and returns a job for each of its dex files.
func dexJobs(t *testing.T, data []byte) []dexJob {
	t.Helper()
	a, err := openArchive(bytes.NewReader(data), int64(len(data)), Limits{}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	var warnings []string
	var jobs []dexJob
	for _, name := range dexNames(a, &warnings, "") {
		jobs = append(jobs, dexJob{arc: a, file: a.file(name), label: name})
	}
	return jobs
}

// TestReadWhileInflatingMatchesWhole: a dex file read as it inflates gives
// what the same file read once inflated gives, on every real APK, and a
// damaged one fails with the same error.
func TestReadWhileInflatingMatchesWhole(t *testing.T) {
	for _, path := range crossCheckAPKs(t) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, j := range dexJobs(t, data) {
			var buf entryBuffer
			arriving := readDex(j, &buf, 2)
			whole, err := j.arc.readInto(j.file, &buf)
			if err != nil {
				t.Fatal(err)
			}
			want := analyseDex(j, bytes.Clone(whole), nil, 2)
			if arriving.err != nil || !reflect.DeepEqual(arriving, want) {
				t.Errorf("%s %s: read while inflating differs from read whole (err %v)", path, j.label, arriving.err)
			}
		}
	}

	manifest := fixtureEntry(t, minimalFixture, "AndroidManifest.xml")
	good := fixtureEntry(t, minimalFixture, "classes.dex")
	badMap := bytes.Clone(good)
	binary.LittleEndian.PutUint32(badMap[0x34:], uint32(len(badMap))-2)
	// The first class's descriptor gets a length that never ends.
	le := binary.LittleEndian
	badString := bytes.Clone(good)
	typeIdx := le.Uint32(good[le.Uint32(good[0x64:]):])          // class_defs[0].class_idx
	strIdx := le.Uint32(good[le.Uint32(good[0x44:])+4*typeIdx:]) // type_ids[typeIdx]
	strOff := le.Uint32(good[le.Uint32(good[0x3c:])+4*strIdx:])  // string_ids[strIdx]
	copy(badString[strOff:], []byte{0x80, 0x80, 0x80, 0x80, 0x80})
	for _, c := range []struct {
		name string
		dex  []byte
		zip  func([]byte) []byte
	}{
		{"map past the end", badMap, nil},
		{"unreadable string", badString, nil},
		{"truncated entry", good, func(dex []byte) []byte {
			return rawDeflateZip(t, "classes.dex", dex[:len(dex)/2], uint64(len(dex)), entry{"AndroidManifest.xml", manifest})
		}},
		{"bad CRC", good, func(dex []byte) []byte {
			zipped := buildZip(t, entry{"AndroidManifest.xml", manifest}, entry{"classes.dex", dex})
			// Both copies of the entry's CRC-32, in its local header and
			// in the central directory.
			crc := le.AppendUint32(nil, crc32.ChecksumIEEE(dex))
			return bytes.ReplaceAll(zipped, crc, le.AppendUint32(nil, ^crc32.ChecksumIEEE(dex)))
		}},
	} {
		zipped := buildZip(t, entry{"AndroidManifest.xml", manifest}, entry{"classes.dex", c.dex})
		if c.zip != nil {
			zipped = c.zip(c.dex)
		}
		j := dexJobs(t, zipped)[0]
		var buf entryBuffer
		arriving := readDex(j, &buf, 2)
		var want dexResult
		if whole, err := j.arc.readInto(j.file, &buf); err != nil {
			want = dexResult{err: err}
		} else {
			want = analyseDex(j, bytes.Clone(whole), nil, 2)
		}
		if arriving.err == nil || want.err == nil {
			t.Errorf("%s: read while inflating: %v; read whole: %v; want both to fail", c.name, arriving.err, want.err)
			continue
		}
		if arriving.err.Error() != want.err.Error() {
			t.Errorf("%s: read while inflating: %v\nread whole: %v", c.name, arriving.err, want.err)
		}
	}
}
