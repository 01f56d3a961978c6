package reports

import (
	"fmt"
	"io"
)

// terminalSafe wraps the writer of a terminal table: APK strings (labels,
// component names, meta-data) are the app author's, and an escape
// sequence in one can clear the screen or rewrite what the auditor reads.
// Control characters other than newline and tab, DEL, and the C1 controls
// (U+0080–U+009F, which some terminals obey as 8-bit escapes) are written
// as visible \xNN escapes instead.
func terminalSafe(w io.Writer) io.Writer {
	if _, ok := w.(*safeWriter); ok {
		return w
	}
	return &safeWriter{w: w}
}

type safeWriter struct {
	w io.Writer
	// lead is set when the last byte written was 0xC2, the first byte of a
	// UTF-8 C1 control, whose second byte comes in the next write.
	lead bool
}

func (s *safeWriter) Write(p []byte) (int, error) {
	out := make([]byte, 0, len(p))
	for _, c := range p {
		if s.lead {
			s.lead = false
			if c >= 0x80 && c <= 0x9f {
				out = fmt.Appendf(out, `\u%04x`, c)
				continue
			}
			out = append(out, 0xc2)
		}
		switch {
		case c == 0xc2:
			s.lead = true
		case (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f:
			out = fmt.Appendf(out, `\x%02x`, c)
		default:
			out = append(out, c)
		}
	}
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
