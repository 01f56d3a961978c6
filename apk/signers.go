package apk

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/avast/apkverifier/apilevel"
	"github.com/avast/apkverifier/fullsailor/pkcs7"
	"github.com/avast/apkverifier/signingblock"
)

// Signer is one certificate that signed the app, under one signature
// scheme: who made the app, as a regulator's notice names them.
type Signer struct {
	// Scheme is v1 (JAR signing, META-INF/*.RSA), v2 or v3 (the APK
	// Signing Block; v3.1 is reported as v3).
	Scheme  string `json:"scheme"`
	Subject string `json:"subject"`
	Issuer  string `json:"issuer"`
	// SHA256 is the certificate's fingerprint, lower-case hex, as
	// `apksigner verify --print-certs` and `keytool -printcert` show it.
	SHA256    string `json:"sha256"`
	NotBefore string `json:"notBefore"`
	NotAfter  string `json:"notAfter"`
}

// readSigners returns the signing certificates of one APK (the base APK of
// a split set): those of its APK Signing Block (v2 or v3, both when both are
// there) and those of its JAR signature (v1). An unsigned APK has none and no
// warning; a signature that does not verify still names its certificates,
// with a warning, since Android would refuse to install such an app.
func readSigners(arc *archive, r io.ReaderAt, size int64, minSdk int) (signers []Signer, warnings []string) {
	defer func() {
		// The signature parsers are a library's; a hostile signing block
		// must not take the scan down.
		if p := recover(); p != nil {
			warnings = append(warnings, fmt.Sprintf("signature: unreadable signing block (%v)", p))
		}
	}()
	signers, warnings = blockSigners(r, size, minSdk)
	signers = append(signers, jarSigners(arc, &warnings)...)
	return signers, warnings
}

func blockSigners(r io.ReaderAt, size int64, minSdk int) ([]Signer, []string) {
	sec := func() io.ReadSeeker { return io.NewSectionReader(r, 0, size) }
	res, _, err := signingblock.VerifySigningBlockReader(sec(), int32(minSdk), apilevel.V_AnyMax)
	if signingblock.IsSigningBlockNotFoundError(err) || res == nil {
		return nil, nil
	}
	var warnings []string
	if err != nil {
		warnings = append(warnings, fmt.Sprintf("signature: the APK Signing Block does not verify: %v", err))
	}
	scheme := "v2"
	if res.SchemeId >= 3 {
		scheme = "v3"
	}
	var out []Signer
	for _, chain := range res.Certs {
		if len(chain) > 0 {
			out = append(out, newSigner(scheme, chain[0]))
		}
	}
	if scheme == "v3" {
		// A v3 block usually sits beside a v2 block for Android 7–8; a
		// level below 9 makes the library pick v2.
		if v2, err := signingblock.ExtractCertsReader(sec(), apilevel.V_AnyMin, apilevel.V8_1_Oreo); err == nil {
			for _, chain := range v2 {
				if len(chain) > 0 {
					out = append(out, newSigner("v2", chain[0]))
				}
			}
		}
	}
	return out, warnings
}

// jarSigners reads the PKCS#7 signature blocks under META-INF/: the signer
// certificate of each (CERT.RSA, *.DSA, *.EC).
func jarSigners(arc *archive, warnings *[]string) []Signer {
	var names []string
	for _, f := range arc.zr.File {
		dir, base := path.Split(f.Name)
		ext := strings.ToUpper(path.Ext(base))
		if dir == "META-INF/" && (ext == ".RSA" || ext == ".DSA" || ext == ".EC") {
			names = append(names, f.Name)
		}
	}
	sort.Strings(names)
	var out []Signer
	for _, n := range names {
		data, release, err := arc.read(arc.file(n))
		if err != nil {
			*warnings = append(*warnings, fmt.Sprintf("signature: %s: %v", n, err))
			continue
		}
		p7, err := pkcs7.Parse(data)
		release()
		if err != nil {
			*warnings = append(*warnings, fmt.Sprintf("signature: %s: not a PKCS#7 signature: %v", n, err))
			continue
		}
		cert := p7.GetOnlySigner()
		if cert == nil && len(p7.Certificates) > 0 {
			cert = p7.Certificates[0]
		}
		if cert != nil {
			out = append(out, newSigner("v1", cert))
		}
	}
	return out
}

func newSigner(scheme string, c *x509.Certificate) Signer {
	sum := sha256.Sum256(c.Raw)
	return Signer{
		Scheme:    scheme,
		Subject:   c.Subject.String(),
		Issuer:    c.Issuer.String(),
		SHA256:    hex.EncodeToString(sum[:]),
		NotBefore: c.NotBefore.UTC().Format(time.RFC3339),
		NotAfter:  c.NotAfter.UTC().Format(time.RFC3339),
	}
}
