package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// defaultFormat is "table" when stdout is a terminal and "json" otherwise,
// so pipes and CI get a byte-stable document by default.
func defaultFormat() string {
	if st, err := os.Stdout.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
		return "table"
	}
	return "json"
}

// checkFormat rejects a --format value the command does not offer.
func checkFormat(format string, allowed ...string) error {
	for _, a := range allowed {
		if format == a {
			return nil
		}
	}
	return usageError("unknown --format %q (want %s)", format, strings.Join(allowed, ", "))
}

func usageError(format string, args ...any) error {
	return &exitError{code: 2, msg: fmt.Sprintf(format, args...)}
}

// withOutput runs write against --output FILE, or stdout when it is empty.
func withOutput(stdout io.Writer, path string, write func(io.Writer) error) error {
	if path == "" {
		bw := bufio.NewWriter(stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	f, err := os.Create(path)
	if err != nil {
		return &exitError{code: 2, msg: fmt.Sprintf("--output: %v", err)}
	}
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
