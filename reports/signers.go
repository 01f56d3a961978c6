package reports

import (
	"strings"

	"privdiff/apk"
)

// developer is who signed the app, as a notice names them: the
// organisation (O) of the first signing certificate's subject, else its
// common name (CN); "" for an unsigned app.
func developer(signers []apk.Signer) string {
	if len(signers) == 0 {
		return ""
	}
	attrs := dnAttributes(signers[0].Subject)
	if o := attrs["O"]; o != "" && o != "Unknown" {
		return o
	}
	if cn := attrs["CN"]; cn != "Unknown" {
		return cn
	}
	return ""
}

// dnAttributes splits an RFC 2253 distinguished name ("CN=Hevin Liu,O=JiGuang")
// into its attributes, the first of each type; a backslash escapes a comma.
func dnAttributes(dn string) map[string]string {
	attrs := map[string]string{}
	var part strings.Builder
	flush := func() {
		if k, v, ok := strings.Cut(part.String(), "="); ok {
			k = strings.TrimSpace(k)
			if _, seen := attrs[k]; !seen {
				attrs[k] = strings.TrimSpace(v)
			}
		}
		part.Reset()
	}
	escaped := false
	for _, r := range dn {
		switch {
		case escaped:
			part.WriteRune(r)
			escaped = false
		case r == '\\':
			escaped = true
		case r == ',' || r == '+':
			flush()
		default:
			part.WriteRune(r)
		}
	}
	flush()
	return attrs
}

// signerLines describes each distinct certificate once, with the schemes
// that carry it: "v2+v1 CN=…,O=… · SHA-256 ab12… · 2016-01-06 – 2040-12-30".
func signerLines(signers []apk.Signer) []string {
	var order []string
	schemes := map[string][]string{}
	bySHA := map[string]apk.Signer{}
	for _, s := range signers {
		if _, ok := bySHA[s.SHA256]; !ok {
			order = append(order, s.SHA256)
			bySHA[s.SHA256] = s
		}
		schemes[s.SHA256] = append(schemes[s.SHA256], s.Scheme)
	}
	lines := make([]string, 0, len(order))
	for _, sha := range order {
		s := bySHA[sha]
		lines = append(lines, strings.Join(schemes[sha], "+")+" "+s.Subject+" · SHA-256 "+sha+" · "+
			day(s.NotBefore)+" – "+day(s.NotAfter))
	}
	return lines
}

// day is the date part of an RFC 3339 time.
func day(t string) string {
	if len(t) >= 10 {
		return t[:10]
	}
	return t
}
