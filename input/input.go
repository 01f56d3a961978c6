// Package input opens the files a user names (an APK, a policy, a
// baseline, a batch list) so that a hostile path cannot hang privdiff: only
// regular files are read. A FIFO blocks on open until someone writes,
// /dev/zero never ends and a terminal waits for a person; none of them is
// an app or a policy.
package input

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// ErrNotRegular marks a path that exists but is not a regular file.
var ErrNotRegular = errors.New("not a regular file")

// Open opens path for reading if it is a regular file (symbolic links
// followed). It checks before opening, because opening a FIFO blocks, and
// again after, in case the path was swapped in between.
func Open(path string) (*os.File, os.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if err := regular(st); err != nil {
		return nil, nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	st2, err := f.Stat()
	if err == nil && !os.SameFile(st, st2) {
		err = errors.New("changed while being opened")
	}
	if err == nil {
		err = regular(st2)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st2, nil
}

// ReadFile reads a whole regular file of at most limit bytes; a longer one
// is an error naming the limit.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, st, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st.Size() > limit {
		return nil, fmt.Errorf("%d bytes, over the %d-byte limit", st.Size(), limit)
	}
	data, err := ReadAll(f, st.Size(), limit+1)
	if err == nil && int64(len(data)) > limit {
		err = fmt.Errorf("over the %d-byte limit", limit)
	}
	return data, err
}

// ReadAll reads r to its end, or to limit bytes, into a buffer sized for
// size bytes (the file's size when it was opened): a policy of 10 MB is read
// into 10 MB, not through the doublings of a growing buffer that hold up to
// three times that at once. A file that grew since is still read whole.
func ReadAll(r io.Reader, size, limit int64) ([]byte, error) {
	buf := make([]byte, 0, min(max(size, 0), limit)+1) // +1: EOF is seen without growing
	r = io.LimitReader(r, limit)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

func regular(st os.FileInfo) error {
	switch m := st.Mode(); {
	case m.IsDir():
		return fmt.Errorf("is a directory, %w", ErrNotRegular)
	case m&os.ModeNamedPipe != 0:
		return fmt.Errorf("is a named pipe (FIFO), %w", ErrNotRegular)
	case m&os.ModeSocket != 0:
		return fmt.Errorf("is a socket, %w", ErrNotRegular)
	case m&os.ModeDevice != 0:
		return fmt.Errorf("is a device, %w", ErrNotRegular)
	case !m.IsRegular():
		return fmt.Errorf("is a %v, %w", m.Type(), ErrNotRegular)
	}
	return nil
}
