package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/term"
)

// defaultFormat is "table" when stdout is a terminal and "json" otherwise,
// so pipes and CI get a byte-stable document by default.
func defaultFormat() string {
	if st, err := os.Stdout.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
		return "table"
	}
	return "json"
}

// formatByExtension maps the end of an --output file's name to the format
// it holds, longest first (".sarif.json" before ".json").
var formatByExtension = []struct{ ext, format string }{
	{".sarif.json", "sarif"}, {".sarif", "sarif"}, {".html", "html"}, {".htm", "html"},
	{".md", "markdown"}, {".markdown", "markdown"}, {".jsonl", "jsonl"}, {".json", "json"},
	{".csv", "csv"}, {".txt", "table"},
}

// chooseFormat settles the format of a command that offers allowed: the
// --format flag when given; else the one the --output file's extension names
// (report.html is HTML); else a table on a terminal and JSON otherwise. A file
// whose extension names no format gets JSON, the byte-stable one, since a
// file is not a terminal.
func chooseFormat(format, output string, allowed ...string) (string, error) {
	if format != "" {
		return format, checkFormat(format, allowed...)
	}
	if output == "" {
		if defaultFormat() == "table" || !contains(allowed, "json") {
			return allowed[0], nil
		}
		return "json", nil
	}
	lower := strings.ToLower(output)
	for _, e := range formatByExtension {
		if strings.HasSuffix(lower, e.ext) {
			if !contains(allowed, e.format) {
				return "", usageError("--output %s: a %s file, but this command writes %s (give --format)",
					output, e.ext, strings.Join(allowed, ", "))
			}
			return e.format, nil
		}
	}
	if contains(allowed, "json") {
		return "json", nil
	}
	return allowed[0], nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// terminalColumns is the width of the terminal stdout is, or 0 when it is
// not a terminal. COLUMNS, when set, wins (a terminal that misreports).
func terminalColumns() int {
	fd := int(os.Stdout.Fd())
	if !term.IsTerminal(fd) {
		return 0
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if w, _, err := term.GetSize(fd); err == nil && w > 0 {
		return w
	}
	return 80
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
