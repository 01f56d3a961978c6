package apk

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
)

// spillFiles are the temporary files one scan inflated compressed inner
// APKs into (see openInner); the scan removes them when it ends.
type spillFiles struct {
	mu    sync.Mutex
	files []*os.File
	bytes int64
}

// spillEntry inflates an entry into a temporary file, under the entry cap
// and the scan's cap on spilled bytes.
func (a *archive) spillEntry(f *zip.File) (*os.File, int64, error) {
	limit := a.limits.MaxEntryBytes
	if f.UncompressedSize64 > uint64(limit) {
		return nil, 0, fmt.Errorf("%s: declares %s inflated, over the %s cap: %w", f.Name, byteSize(f.UncompressedSize64), byteSize(uint64(limit)), ErrEntryTooLarge)
	}
	s := a.spill // set by Scan, which removes the files when it ends
	s.mu.Lock()
	left := a.limits.MaxSpillBytes - s.bytes
	s.mu.Unlock()
	if left <= 0 || f.UncompressedSize64 > uint64(left) {
		return nil, 0, fmt.Errorf("%s: the compressed APKs inside inflate to more than %s in all: %w", f.Name, byteSize(uint64(a.limits.MaxSpillBytes)), ErrEntryTooLarge)
	}
	rc, err := a.open(f)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", f.Name, err)
	}
	defer rc.Close()
	file, err := os.CreateTemp("", "privdiff-*.apk")
	if err != nil {
		return nil, 0, fmt.Errorf("%s: stored compressed, and no temporary file to inflate it into: %w", f.Name, err)
	}
	// Unlinked at once where the platform lets an open file live on: a
	// process killed mid-scan (batch kills an audit at --timeout or at its
	// memory cap) then leaves no file behind.
	if runtime.GOOS != "windows" {
		os.Remove(file.Name())
	}
	s.mu.Lock()
	s.files = append(s.files, file)
	s.mu.Unlock()
	n, err := io.Copy(file, io.LimitReader(stopReader{rc, a.limits.Done}, min(limit, left)+1))
	s.mu.Lock()
	s.bytes += n
	s.mu.Unlock()
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", f.Name, cleanZipError(err))
	}
	if n > limit {
		return nil, 0, fmt.Errorf("%s: inflates past the %s cap (declares %s): %w", f.Name, byteSize(uint64(limit)), byteSize(f.UncompressedSize64), ErrEntryTooLarge)
	}
	if n > left {
		return nil, 0, fmt.Errorf("%s: the compressed APKs inside inflate to more than %s in all: %w", f.Name, byteSize(uint64(a.limits.MaxSpillBytes)), ErrEntryTooLarge)
	}
	return file, n, nil
}

// remove closes and deletes the scan's temporary files.
func (s *spillFiles) remove() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.files {
		f.Close()
		os.Remove(f.Name())
	}
	s.files = nil
}
