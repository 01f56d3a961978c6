package apk

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"strings"

	"github.com/klauspost/compress/flate"

	"privdiff/apk/dex"
	"privdiff/apk/inflate"
)

// Limits bound what one scan may read, so a hostile archive cannot exhaust
// memory. The zero value means the defaults.
type Limits struct {
	// MaxEntryBytes caps the inflated size of any one entry privdiff reads
	// (manifest, resources.arsc, a dex file, an APK inside a split set).
	MaxEntryBytes int64
	// MaxEntries caps the number of entries in one archive.
	MaxEntries int
	// MaxDexFiles caps the dex files of one app (all APKs of a split set).
	MaxDexFiles int
	// Done, when closed, stops the scan within milliseconds, in an entry's
	// inflation or in the dex walk (ErrStopped): an audit a batch gave up
	// on stops allocating instead of running on beside the next apps.
	Done <-chan struct{}
	// Budget bounds the inflated bytes held at once by every scan that
	// shares it; nil means the process's default budget of
	// DefaultBudgetBytes, which all such scans share.
	Budget *Budget
	// MaxSpillBytes caps the compressed APKs of a split set (and code
	// archives nested in an APK) inflated into temporary files: a few
	// hundred kilobytes of overlapping entries can inflate to gigabytes.
	MaxSpillBytes int64
}

// ErrStopped is returned by a scan once Limits.Done is closed.
var ErrStopped = dex.ErrStopped

// Default limits: a real dex file stays under ~20 MB (the 64K-method limit),
// and real APKs hold at most tens of thousands of entries.
const (
	DefaultMaxEntryBytes = 256 << 20
	DefaultMaxEntries    = 200_000
	// Large apps ship tens of dex files; hundreds mean a crafted archive.
	DefaultMaxDexFiles = 500
	// Split sets store their APKs uncompressed, read in place; compressed
	// ones are rare, and a gigabyte of them is a crafted archive.
	DefaultMaxSpillBytes = 1 << 30
)

func (l Limits) withDefaults() Limits {
	if l.MaxEntryBytes <= 0 {
		l.MaxEntryBytes = DefaultMaxEntryBytes
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = DefaultMaxEntries
	}
	if l.MaxDexFiles <= 0 {
		l.MaxDexFiles = DefaultMaxDexFiles
	}
	if l.Budget == nil {
		l.Budget = defaultBudget
	}
	if l.MaxSpillBytes <= 0 {
		l.MaxSpillBytes = DefaultMaxSpillBytes
	}
	return l
}

// ErrEntryTooLarge marks an entry whose inflated size is over
// Limits.MaxEntryBytes: a zip bomb or a corrupt size field.
var ErrEntryTooLarge = errors.New("likely a zip bomb")

// archive is one opened zip, APK or split-set container.
type archive struct {
	// r is what the archive was opened from: its stored entries are windows
	// on it.
	r       io.ReaderAt
	size    int64
	zr      *zip.Reader
	byName  map[string]*zip.File
	limits  Limits
	warning []string
	// spill holds the temporary files of the scan the archive belongs to.
	spill *spillFiles
}

// openArchive reads the central directory, as Android does: an archive whose
// central directory cannot be read is not installable, so it is an error.
func openArchive(r io.ReaderAt, size int64, limits Limits) (*archive, error) {
	if size == 0 {
		return nil, errors.New("empty file")
	}
	if n, ok := countEntries(r, size, limits.MaxEntries); ok && n > limits.MaxEntries {
		// Checked before archive/zip reads (and keeps) every entry.
		return nil, fmt.Errorf("more than %d zip entries, over the cap of %d", limits.MaxEntries, limits.MaxEntries)
	}
	zr, err := newZipReader(r, size)
	if err != nil {
		return nil, err
	}
	a := &archive{r: r, size: size, zr: zr, byName: make(map[string]*zip.File, len(zr.File)), limits: limits}
	zr.RegisterDecompressor(zip.Deflate, a.inflater)
	if len(zr.File) > limits.MaxEntries {
		return nil, fmt.Errorf("%d zip entries, over the cap of %d", len(zr.File), limits.MaxEntries)
	}
	dups := 0
	for _, f := range zr.File {
		// Android looks entries up by their exact name; the first one wins.
		if _, seen := a.byName[f.Name]; seen {
			dups++
			continue
		}
		a.byName[f.Name] = f
	}
	if dups > 0 {
		a.warning = append(a.warning, fmt.Sprintf("%d duplicate zip entry names; the first of each was read", dups))
	}
	return a, nil
}

func newZipReader(r io.ReaderAt, size int64) (zr *zip.Reader, err error) {
	// archive/zip is robust, but a parser of hostile input must never take the
	// process down.
	defer func() {
		if p := recover(); p != nil {
			zr, err = nil, fmt.Errorf("not a valid zip archive: %v", p)
		}
	}()
	zr, err = zip.NewReader(r, size)
	if errors.Is(err, zip.ErrInsecurePath) {
		// Names like "../x" are harmless here: nothing is extracted to disk.
		err = nil
	}
	if err != nil {
		if errors.Is(err, zip.ErrFormat) {
			return nil, errors.New("not a valid zip archive (no readable central directory: not a zip, or truncated)")
		}
		return nil, fmt.Errorf("not a valid zip archive: %w", err)
	}
	return zr, nil
}

// inflater is the archive's decompressor for what inflateKnown does not
// read: entries it refuses (damaged, or accepted by klauspost's inflater
// and not by Go's), which this inflater then reads or reports as
// archive/zip always did; entries of other compression methods, read as
// deflate; a scan stopped mid-entry; and nested archives spilled to disk.
func (a *archive) inflater(r io.Reader) io.ReadCloser { return inflateStream(r) }

// inflateStream uses klauspost's inflater, markedly faster than
// compress/flate, reading in large reads: by itself it reads 4 KB at a
// time, 700 system calls for ApiDemos' dex file.
func inflateStream(r io.Reader) io.ReadCloser {
	size := int64(fileReadSize)
	if sr, ok := r.(*io.SectionReader); ok {
		size = min(size, max(sr.Size(), 4096))
	}
	return flate.NewReader(bufio.NewReaderSize(r, int(size)))
}

// fileReadSize is the most a scan reads from the APK file at once, when
// inflating an entry or hashing the file.
const fileReadSize = 256 << 10

func (a *archive) file(name string) *zip.File { return a.byName[name] }

// read inflates one entry into memory of its own, taken from the budget;
// release gives it back once the caller is done with the bytes.
func (a *archive) read(f *zip.File) (data []byte, release func(), err error) {
	var buf entryBuffer
	data, err = a.readInto(f, &buf)
	if err != nil {
		buf.free()
		return nil, nil, err
	}
	return data, buf.free, nil
}

// readInto inflates one entry into buf, reusing its memory, and refuses
// entries over the cap both by their declared size and by what they
// actually inflate to. The bytes are valid until buf's next use.
func (a *archive) readInto(f *zip.File, buf *entryBuffer) ([]byte, error) {
	if err := a.reserveFor(f, buf); err != nil {
		return nil, err
	}
	n, err := a.inflateInto(f, buf, nil)
	if err != nil {
		return nil, err
	}
	return buf.data[:n], nil
}

// reserveFor checks an entry's declared size against the cap and makes buf
// large enough for it.
func (a *archive) reserveFor(f *zip.File, buf *entryBuffer) error {
	limit := a.limits.MaxEntryBytes
	if f.UncompressedSize64 > uint64(limit) {
		return fmt.Errorf("%s: declares %s inflated, over the %s cap: %w", f.Name, byteSize(f.UncompressedSize64), byteSize(uint64(max(limit, 0))), ErrEntryTooLarge)
	}
	if a.stopped() {
		return fmt.Errorf("%s: %w", f.Name, ErrStopped)
	}
	buf.budget, buf.done = a.limits.Budget, a.limits.Done
	// Trust the declared size only as a first reservation; the limit is
	// enforced on the bytes actually produced.
	if err := buf.reserve(int64(f.UncompressedSize64)+bytes.MinRead, 0); err != nil {
		return fmt.Errorf("%s: %w", f.Name, err)
	}
	return nil
}

// inflateInto inflates the entry into buf, which reserveFor prepared, and
// returns its length. With arrived set it says how far it has got, after
// each block or read; buf then never moves, since readers are already in
// it.
func (a *archive) inflateInto(f *zip.File, buf *entryBuffer, arrived *arrival) (int, error) {
	known, arrivedBefore, ok := a.inflateKnown(f, buf, arrived)
	if ok {
		return known, nil
	}
	limit := a.limits.MaxEntryBytes
	rc, err := a.open(f)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", f.Name, err)
	}
	defer rc.Close()
	r := stopReader{rc, a.limits.Done}
	// Readers may already be in what inflateKnown said had arrived: the
	// same bytes come again, and are not written a second time.
	n := arrivedBefore
	if _, err := io.CopyN(io.Discard, r, int64(n)); err != nil {
		return 0, fmt.Errorf("%s: %w", f.Name, cleanZipError(err))
	}
	for {
		if n == len(buf.data) {
			if arrived != nil {
				// archive/zip stops such an entry first (inflatesInPlace).
				return 0, fmt.Errorf("%s: inflates to more than its declared size: %w", f.Name, ErrEntryTooLarge)
			}
			if int64(n) > limit {
				return 0, fmt.Errorf("%s: inflates past the %s cap (declares %s): %w", f.Name, byteSize(uint64(max(limit, 0))), byteSize(f.UncompressedSize64), ErrEntryTooLarge)
			}
			if err := buf.reserve(min(2*int64(n), limit+1), n); err != nil {
				return 0, fmt.Errorf("%s: %w", f.Name, err)
			}
		}
		m, err := r.Read(buf.data[n:])
		n += m
		if arrived != nil && m > 0 {
			arrived.add(uint64(n))
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, fmt.Errorf("%s: %w", f.Name, cleanZipError(err))
		}
	}
	if int64(n) > limit {
		return 0, fmt.Errorf("%s: inflates past the %s cap (declares %s): %w", f.Name, byteSize(uint64(max(limit, 0))), byteSize(f.UncompressedSize64), ErrEntryTooLarge)
	}
	return n, nil
}

// inflateKnown inflates a deflated entry straight into buf with package
// inflate: about one and a half times as fast as a stream inflater, with
// no copy out of a window. It checks the entry as archive/zip does (its
// declared size, its CRC-32, its data descriptor); ok is false when it
// cannot read it this way or the entry fails a check, and the caller then
// inflates it as a stream, which reports the error as before.
// arrivedBefore is how much arrived heard of by then.
func (a *archive) inflateKnown(f *zip.File, buf *entryBuffer, arrived *arrival) (n, arrivedBefore int, ok bool) {
	size := f.UncompressedSize64
	if !inflateKnownSizes || f.Method != zip.Deflate || size > uint64(len(buf.data)) ||
		strings.HasSuffix(f.Name, "/") || a.stopped() {
		return 0, 0, false
	}
	raw, err := f.OpenRaw()
	if err != nil {
		return 0, 0, false
	}
	packed, isSection := raw.(*io.SectionReader)
	if !isSection {
		return 0, 0, false
	}
	out := buf.data[:size]
	// The CRC-32 is summed block by block, while the bytes are still in
	// the cache.
	var sum uint32
	summed := 0
	progress := func(n int) error {
		if a.stopped() {
			return ErrStopped // the stream then says so, as it always did
		}
		sum = crc32.Update(sum, crc32.IEEETable, out[summed:n])
		summed = n
		if arrived != nil {
			arrived.add(uint64(n))
			arrivedBefore = n
		}
		return nil
	}
	if inflate.Into(out, packed, packed.Size(), progress) != nil || !a.checksumsAgree(f, packed, sum) {
		return 0, arrivedBefore, false
	}
	return len(out), arrivedBefore, true
}

// checksumsAgree checks an inflated entry's CRC-32, sum, as archive/zip
// does: against the central directory's, unless that is zero, and for an
// entry with a data descriptor against the descriptor's too.
func (a *archive) checksumsAgree(f *zip.File, packed *io.SectionReader, sum uint32) bool {
	if f.Flags&flagDataDescriptor == 0 {
		return f.CRC32 == 0 || sum == f.CRC32
	}
	if sum != f.CRC32 {
		return false
	}
	// The descriptor follows the compressed bytes, with or without its
	// signature.
	r, off, n := packed.Outer()
	var d [16]byte
	at := off + n
	if _, err := r.ReadAt(d[:4], at); err != nil {
		return false
	}
	if binary.LittleEndian.Uint32(d[:4]) == dataDescriptorSignature {
		if _, err := r.ReadAt(d[:12], at+4); err != nil {
			return false
		}
	} else if _, err := r.ReadAt(d[4:12], at+4); err != nil {
		return false
	}
	return binary.LittleEndian.Uint32(d[:4]) == f.CRC32
}

// inflateKnownSizes is false only in tests that compare inflateKnown with
// the stream it stands in for.
var inflateKnownSizes = true

const (
	flagDataDescriptor      = 0x8
	dataDescriptorSignature = 0x08074b50
)

// inflatesInPlace says whether the entry can be read by readers while it
// inflates: archive/zip then holds it to its declared size, so that it
// fits the buffer reserved for it and never moves.
func inflatesInPlace(f *zip.File) bool {
	return f.Method == zip.Store || f.Method == zip.Deflate
}

// entryBuffer is memory for inflated entries, accounted in a Budget: one
// worker reuses it from one dex file to the next instead of allocating
// each afresh.
type entryBuffer struct {
	budget *Budget
	done   <-chan struct{}
	data   []byte // its length is what is taken from the budget
	// outside asks for memory outside Go's heap (see offHeap), for a
	// caller that keeps nothing of the bytes: a use after free would crash
	// the process. mapped says data is such memory.
	outside, mapped bool
	// huge asks for huge pages where the system has them (see
	// hugeOffHeap), for a buffer of minHugeBuffer or more: an app with at
	// most one large dex file (largeDex), whose inflation is the scan's
	// longest path. The buffers of a multidex app's workers would each
	// round up to whole huge pages and raise its peak memory.
	huge bool
}

// reserve makes the buffer at least n bytes long, keeping its first keep
// bytes. It waits for the budget only after giving back what it holds, so
// that two buffers never wait for each other.
func (b *entryBuffer) reserve(n int64, keep int) error {
	held := int64(len(b.data))
	if n <= held {
		return nil
	}
	if !b.budget.tryAcquire(n - held) {
		b.budget.release(held)
		if keep == 0 {
			b.drop()
		}
		if err := b.budget.acquire(n, b.done); err != nil {
			b.drop()
			return err
		}
	}
	var grown []byte
	mapped := false
	if b.outside && n <= maxInt {
		grown, mapped = offHeap(int(n), b.huge)
	}
	if !mapped {
		grown = make([]byte, n)
	}
	copy(grown, b.data[:keep])
	b.drop()
	b.data, b.mapped = grown, mapped
	return nil
}

const maxInt = int64(^uint(0) >> 1)

// minHugeBuffer is the smallest buffer worth huge pages: a dex file is
// inflated into it byte after byte, and the walk then reads it all over.
// Each small page costs a fault (2.5-3 µs on the 2-core test machine, most
// of it the kernel's, not the zeroing), a huge page about 0.4 µs per 4 KB:
// even half a huge page left unused costs less than the faults it saves.
const minHugeBuffer = 512 << 10

// largeDex is the size from which a dex file counts as large: an app with
// two or more takes small pages for all (see entryBuffer.huge).
const largeDex = 2 << 20

// drop lets go of the buffer's memory, without the budget.
func (b *entryBuffer) drop() {
	if b.mapped {
		freeOffHeap(b.data)
	}
	b.data, b.mapped = nil, false
}

// free gives the buffer's memory back to the budget.
func (b *entryBuffer) free() {
	if b.budget != nil {
		b.budget.release(int64(len(b.data)))
	}
	b.drop()
}

func (a *archive) stopped() bool { return closed(a.limits.Done) }

// closed reports whether done is closed; a nil channel never is.
func closed(done <-chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}

// stopReader fails with ErrStopped once done is closed: an entry of 256 MiB
// read as a stream is inflated in many reads, and stops at the next
// (inflateKnown stops at its next report).
type stopReader struct {
	r    io.Reader
	done <-chan struct{}
}

func (s stopReader) Read(p []byte) (int, error) {
	if closed(s.done) {
		return 0, ErrStopped
	}
	return s.r.Read(p)
}

// open opens an entry the way Android does: any compression method other than
// "stored" is treated as deflate, except for the manifest and resource table,
// which Android's asset manager reads as stored whatever the header says.
func (a *archive) open(f *zip.File) (io.ReadCloser, error) {
	if f.Method == zip.Store || f.Method == zip.Deflate {
		return f.Open()
	}
	raw, err := f.OpenRaw()
	if err != nil {
		return nil, err
	}
	if f.Name == "AndroidManifest.xml" || f.Name == "resources.arsc" {
		return io.NopCloser(raw), nil
	}
	return a.inflater(raw), nil
}

// section returns a stored entry's bytes as a window on the archive, without
// copying; ok is false for compressed entries.
func (a *archive) section(f *zip.File, r io.ReaderAt) (*io.SectionReader, bool) {
	if f.Method != zip.Store || f.CompressedSize64 != f.UncompressedSize64 {
		return nil, false
	}
	off, err := f.DataOffset()
	if err != nil {
		return nil, false
	}
	return io.NewSectionReader(r, off, int64(f.UncompressedSize64)), true
}

func cleanZipError(err error) error {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("entry data is truncated")
	case errors.Is(err, zip.ErrFormat):
		// archive/zip stops an entry that inflates past its declared size.
		return fmt.Errorf("inflates to more than its declared size: %w", ErrEntryTooLarge)
	case errors.Is(err, zip.ErrChecksum):
		return errors.New("entry fails its CRC-32 check (corrupt or truncated)")
	case strings.Contains(err.Error(), "flate"):
		return fmt.Errorf("corrupt deflate data: %w", err)
	}
	return err
}

// names returns entry names matching pred, in central-directory order.
func (a *archive) names(pred func(string) bool) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range a.zr.File {
		if pred(f.Name) && !seen[f.Name] {
			seen[f.Name] = true
			out = append(out, f.Name)
		}
	}
	return out
}

// isNativeLib reports whether name is a library Android's installer extracts:
// lib/<abi>/<name>.so.
func isNativeLib(name string) bool {
	if !strings.HasPrefix(name, "lib/") || !strings.HasSuffix(name, ".so") {
		return false
	}
	dir, _ := path.Split(name)
	return strings.Count(dir, "/") == 2
}

func isAsset(name string) bool { return strings.HasPrefix(name, "assets/") }

// byteSize writes a size for people. It takes a uint64 because a zip64
// entry may declare up to 2^64-1 bytes, which as an int64 would print
// negative.
func byteSize(n uint64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := uint64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// joinFirst joins the first n reasons with "; " and counts the rest, so
// that a split set of 10,000 broken APKs gives one readable line, not
// hundreds of kilobytes.
func joinFirst(reasons []string, n int) string {
	if len(reasons) <= n {
		return strings.Join(reasons, "; ")
	}
	return fmt.Sprintf("%s; and %d more", strings.Join(reasons[:n], "; "), len(reasons)-n)
}
