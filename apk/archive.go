package apk

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/klauspost/compress/flate"
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
	// Done, when closed, stops the scan at its next read of an entry
	// (ErrStopped): an audit a batch gave up on stops allocating instead
	// of running on beside the next apps.
	Done <-chan struct{}
}

// ErrStopped is returned by reads after Limits.Done is closed.
var ErrStopped = errors.New("scan stopped (timed out or cancelled)")

// Default limits: a real dex file stays under ~20 MB (the 64K-method limit),
// and real APKs hold at most tens of thousands of entries.
const (
	DefaultMaxEntryBytes = 256 << 20
	DefaultMaxEntries    = 200_000
	// Large apps ship tens of dex files; hundreds mean a crafted archive.
	DefaultMaxDexFiles = 500
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
	zr      *zip.Reader
	byName  map[string]*zip.File
	limits  Limits
	warning []string
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
	a := &archive{r: r, zr: zr, byName: make(map[string]*zip.File, len(zr.File)), limits: limits}
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
	zr.RegisterDecompressor(zip.Deflate, newInflater)
	return zr, nil
}

// newInflater uses klauspost's inflater, markedly faster than compress/flate
// on the megabytes of a dex file.
func newInflater(r io.Reader) io.ReadCloser { return flate.NewReader(r) }

func (a *archive) file(name string) *zip.File { return a.byName[name] }

// read inflates one entry into memory, refusing entries over the cap both by
// their declared size and by what they actually inflate to.
func (a *archive) read(f *zip.File) ([]byte, error) {
	limit := a.limits.MaxEntryBytes
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%s: declares %s inflated, over the %s cap: %w", f.Name, byteSize(f.UncompressedSize64), byteSize(uint64(max(limit, 0))), ErrEntryTooLarge)
	}
	if a.stopped() {
		return nil, fmt.Errorf("%s: %w", f.Name, ErrStopped)
	}
	rc, err := a.open(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	defer rc.Close()
	// Trust the declared size only as a capacity hint; the limit is enforced
	// on the bytes actually produced.
	buf := bytes.NewBuffer(make([]byte, 0, int(f.UncompressedSize64)+bytes.MinRead))
	n, err := buf.ReadFrom(io.LimitReader(stoppable{rc, a}, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, cleanZipError(err))
	}
	if n > limit {
		return nil, fmt.Errorf("%s: inflates past the %s cap (declares %s): %w", f.Name, byteSize(uint64(max(limit, 0))), byteSize(f.UncompressedSize64), ErrEntryTooLarge)
	}
	return buf.Bytes(), nil
}

func (a *archive) stopped() bool {
	select {
	case <-a.limits.Done:
		return true
	default:
		return false
	}
}

// stoppable stops an entry's inflation once the scan is stopped: a 256 MiB
// entry is read in many chunks.
type stoppable struct {
	r io.Reader
	a *archive
}

func (s stoppable) Read(p []byte) (int, error) {
	if s.a.stopped() {
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
	return newInflater(raw), nil
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
