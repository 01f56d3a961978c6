package apk

import (
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// The fingerprints were checked with `keytool -printcert -jarfile` (v1) and
// `apksigner verify --print-certs` (v2).
func TestSignersOfRealAPKs(t *testing.T) {
	tests := []struct {
		path    string
		schemes string
		sha256  string
		subject string
	}{
		{"../testdata/realapks/jbox.apk", "v1", "e7b826392b0da71373ea4be3b3951503cba123b6d734efa8c7b8a0b0c20432a0",
			"CN=Hevin Liu,OU=Community,O=JiGuang,L=ShenZhen,ST=GuangDong,C=CN"},
		{"../testdata/realapks/androidproject.apk", "v2 v1", "b95fd2333ec2f75c6125950e251008efb4c8794312fcb6c4b76dd91bc4d01f5f",
			"CN=Android Debug,O=Android,C=US"},
		{"../testdata/pairs/yuekuan/app.apk", "v2 v1", "91b1e04fa262b15bb66b8fdb46ff247e1332c5e4aa87ea71184de25fc8adb45f",
			"CN=fasion,OU=fasion,O=fasion,L=beijing"},
		{"../testdata/pairs/yinxing/app.apk", "v2", "31154b70d40c95a86568585e6e896b6ef31c94d2ef230fa8d8795a7cd6b2b372",
			"CN=OldLauncher,OU=Unknown,O=Unknown,L=Unknown,ST=Unknown,C=CN"},
		// apktool builds the fixtures unsigned: no signer, no warning.
		{"../testdata/apks/minimal.apk", "", "", ""},
		{"../testdata/apks/splitapp.apks", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			obs, err := ScanFile(tt.path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if obs.App.Signers == nil {
				t.Fatal("signers is nil; want an empty list in JSON")
			}
			var schemes []string
			for _, s := range obs.App.Signers {
				schemes = append(schemes, s.Scheme)
				if s.SHA256 != tt.sha256 || s.Subject != tt.subject || s.Issuer == "" || s.NotBefore >= s.NotAfter {
					t.Errorf("%s signer = %+v, want sha256 %s subject %q", s.Scheme, s, tt.sha256, tt.subject)
				}
			}
			if got := strings.Join(schemes, " "); got != tt.schemes {
				t.Errorf("schemes = %q, want %q", got, tt.schemes)
			}
			for _, w := range obs.Warnings {
				if strings.HasPrefix(w, "signature:") {
					t.Errorf("unexpected warning %q", w)
				}
			}
		})
	}
}

// TestSignersMatchKeytool cross-checks every real APK's v1 certificate with
// the JDK's keytool, when it is installed.
func TestSignersMatchKeytool(t *testing.T) {
	keytool, err := exec.LookPath("keytool")
	if err != nil {
		t.Skip("keytool not installed")
	}
	fp := regexp.MustCompile(`SHA256: ([0-9A-F:]{95})`)
	for _, p := range []string{"../testdata/realapks/jbox.apk", "../testdata/realapks/weibo-sdk-demo-3.1.4.apk",
		"../testdata/realapks/exodus-blooddonation.apk", "../testdata/realapks/amap-map-game.apk"} {
		out, err := exec.Command(keytool, "-printcert", "-jarfile", p).Output()
		m := fp.FindStringSubmatch(string(out))
		if err != nil || m == nil {
			t.Fatalf("keytool %s: %v\n%s", p, err, out)
		}
		want := strings.ToLower(strings.ReplaceAll(m[1], ":", ""))
		obs, err := ScanFile(p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var v1 string
		for _, s := range obs.App.Signers {
			if s.Scheme == "v1" {
				v1 = s.SHA256
			}
		}
		if v1 != want {
			t.Errorf("%s: v1 sha256 = %q, keytool says %q", p, v1, want)
		}
	}
}

// TestSignersV3 signs a fixture with v1, v2 and v3 using the Android SDK's
// apksigner (Debian: apt-get install apksigner) and a fresh key whose subject
// is Chinese, and checks each scheme's certificate against apksigner's own
// reading.
func TestSignersV3(t *testing.T) {
	keytool, err1 := exec.LookPath("keytool")
	apksigner, err2 := exec.LookPath("apksigner")
	if err1 != nil || err2 != nil {
		t.Skip("keytool or apksigner not installed")
	}
	dir := t.TempDir()
	ks, signed := dir+"/k.jks", dir+"/signed.apk"
	run := func(name string, args ...string) string {
		out, err := exec.Command(name, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	run(keytool, "-genkeypair", "-keystore", ks, "-storepass", "secret12", "-keypass", "secret12", "-alias", "a",
		"-keyalg", "RSA", "-keysize", "2048", "-validity", "100", "-dname", "CN=Test Dev,O=测试公司,C=CN")
	run(apksigner, "sign", "--ks", ks, "--ks-pass", "pass:secret12", "--v3-signing-enabled", "true",
		"--min-sdk-version", "24", "--out", signed, "../testdata/apks/minimal.apk")
	m := regexp.MustCompile(`certificate SHA-256 digest: ([0-9a-f]{64})`).FindStringSubmatch(run(apksigner, "verify", "--print-certs", signed))
	if m == nil {
		t.Fatal("apksigner printed no SHA-256 digest")
	}
	obs, err := ScanFile(signed, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var schemes []string
	for _, s := range obs.App.Signers {
		schemes = append(schemes, s.Scheme)
		if s.SHA256 != m[1] || s.Subject != "CN=Test Dev,O=测试公司,C=CN" {
			t.Errorf("%s signer = %+v, want sha256 %s", s.Scheme, s, m[1])
		}
	}
	if got := strings.Join(schemes, " "); got != "v3 v2 v1" {
		t.Errorf("schemes = %q, want v3 v2 v1", got)
	}
}
