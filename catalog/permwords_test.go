package catalog

import (
	"strings"
	"testing"
	"unicode"
)

// TestPermissionLabels checks that Android's own permission names, and the
// short forms policies write, resolve to their constants, and that every
// constant the label file names is one the platform declares.
func TestPermissionLabels(t *testing.T) {
	cases := map[string]string{
		"防止手机休眠":             "android.permission.WAKE_LOCK",
		"修改联系人":              "android.permission.WRITE_CONTACTS",
		"修改您的通讯录":            "android.permission.WRITE_CONTACTS",
		"忽略电池优化":             "android.permission.REQUEST_IGNORE_BATTERY_OPTIMIZATIONS",
		"开机启动":               "android.permission.RECEIVE_BOOT_COMPLETED",
		"读取通话记录":             "android.permission.READ_CALL_LOG",
		"讀取聯絡人":              "android.permission.READ_CONTACTS",
		"read your contacts": "android.permission.READ_CONTACTS",
		"拥有完全的网络访问权限":        "android.permission.INTERNET",
	}
	words := PermissionWords().Words
	for text, want := range cases {
		ms := words.FindAll(FoldWord(text))
		if len(ms) != 1 || ms[0].End-ms[0].Start != len(FoldWord(text)) || strings.Join(ms[0].Value.Permissions, ",") != want {
			t.Errorf("%s: matched %+v, want %s", text, ms, want)
		}
	}
	if len(generatedPermissionLabels) < 80 {
		t.Fatalf("only %d label entries", len(generatedPermissionLabels))
	}
	for _, e := range generatedPermissionLabels {
		for _, p := range e.Permissions {
			if !PermissionWords().Known(p) {
				t.Errorf("%v: %s is no platform permission", e.Words, p)
			}
		}
	}
}

// TestPermissionNamed checks constants written without their namespace and
// cut short.
func TestPermissionNamed(t *testing.T) {
	for short, want := range map[string]string{
		"READ_PHONE_STATE": "android.permission.READ_PHONE_STATE",
		"INSTALL_SHORTCUT": "com.android.launcher.permission.INSTALL_SHORTCUT",
	} {
		if got, ok := PermissionNamed(short); !ok || got != want {
			t.Errorf("PermissionNamed(%s) = %s, want %s", short, got, want)
		}
	}
	if _, ok := PermissionNamed("USER_ID"); ok {
		t.Error("USER_ID named a permission")
	}
	if got, ok := PermissionCompleting("android.permission.ACCESS_NETWORK_STAT"); !ok || got != "android.permission.ACCESS_NETWORK_STATE" {
		t.Errorf("completing ACCESS_NETWORK_STAT: %s", got)
	}
	if _, ok := PermissionCompleting("android.permission.READ"); ok {
		t.Error("a bare prefix completed to one permission")
	}
}

// TestLowerAlready checks FoldWord's shortcut against strings.ToLower: on
// every CJK ideograph, which it passes without a case lookup, and on text
// with capitals, other scripts and invalid bytes.
func TestLowerAlready(t *testing.T) {
	for r := rune(cjkFirst); r <= cjkLast; r++ {
		if unicode.ToLower(r) != r || !unicode.Is(unicode.Han, r) {
			t.Fatalf("%U is not a caseless Han character", r)
		}
	}
	for _, s := range []string{"", "sdk", "SDK", "极光推送sdk", "極光", "Ärger", "ärger", "中\xff文", "\uFFFD",
		"ΣΑΣ", "“引号”，标点。", "ǅ", "ｓｄｋ", "ＳＤＫ"} {
		if got, want := FoldWord(s), strings.ToLower(ToSimplified(s)); got != want {
			t.Errorf("FoldWord(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzFoldWord(f *testing.F) {
	for _, s := range []string{"极光推送SDK", "Ärger", "中\xff文", "ΣΑΣ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := FoldWord(s), strings.ToLower(ToSimplified(s)); got != want {
			t.Errorf("FoldWord(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestWordIndexSkipsOnlyNonStarters checks FindAll, which passes the
// characters no word starts with, against asking the word table at every
// character, on text made of the vocabulary's words.
func TestWordIndexSkipsOnlyNonStarters(t *testing.T) {
	ix := PermissionWords().Words
	var b strings.Builder
	for _, w := range ix.table.words {
		b.WriteString("用于" + w + "，\xff𠀀 Camera coarse location " + w[:len(w)/2] + " ")
	}
	text := b.String()
	got, want := ix.FindAll(text), ix.findAll(text, false)
	if len(got) != len(want) || len(want) < 100 {
		t.Fatalf("%d matches, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Start != want[i].Start || got[i].End != want[i].End || got[i].Value.Word != want[i].Value.Word {
			t.Fatalf("match %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}
