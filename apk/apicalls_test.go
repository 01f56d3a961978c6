package apk

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os/exec"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"privdiff/apk/dex"
	"privdiff/catalog"
)

func apiSummary(obs *Observed) []string {
	var out []string
	for _, a := range obs.APIs {
		for _, c := range a.Callers {
			out = append(out, fmt.Sprintf("%s %s %s %s %s %d", a.DataType, a.API, c.Class, c.SDK, c.Via, c.Calls))
		}
	}
	return out
}

// The sensitive fixture calls each kind of API from the app, from two SDKs'
// packages, from obfuscated code and by reflection, and holds two decoys.
func TestSensitiveFixture(t *testing.T) {
	obs := scanFixture(t, "sensitive.apk")
	var got []string
	for _, line := range apiSummary(obs) {
		if !strings.Contains(line, allAPIsClass) {
			got = append(got, line)
		}
	}
	want := []string{
		"android-id android.provider.Settings$Secure.getString org.privdiff.fixture.sensitive.MainActivity app call 1",
		"clipboard android.content.ClipboardManager.getPrimaryClip com.umeng.commonsdk.statistics.common.DeviceConfig umeng-common call 1",
		"imei android.telephony.TelephonyManager.getDeviceId cn.jpush.android.helper.DeviceInfo jpush reflection 1",
		"imei android.telephony.TelephonyManager.getDeviceId org.privdiff.fixture.sensitive.MainActivity app call 2",
		"imei android.telephony.TelephonyManager.getImei org.privdiff.fixture.sensitive.MainActivity app call 1",
		"imsi android.telephony.TelephonyManager.getSubscriberId a.b.c unknown call 1",
		"installed-apps android.content.pm.PackageManager.getInstalledPackages cn.jpush.android.helper.DeviceInfo jpush call 1",
		"location android.location.LocationManager.getLastKnownLocation a.b.c unknown call 1",
		"mac android.net.wifi.WifiInfo.getMacAddress cn.jpush.android.helper.DeviceInfo jpush call 1",
		"running-apps android.app.ActivityManager.getRunningAppProcesses com.umeng.commonsdk.statistics.common.DeviceConfig umeng-common call 1",
		"serial android.os.Build.SERIAL org.privdiff.fixture.sensitive.MainActivity app call 1",
		"sms android.content.ContentResolver.query org.privdiff.fixture.sensitive.MainActivity app call 1",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sensitive APIs:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

const allAPIsClass = "org.privdiff.fixture.sensitive.AllApis"

// The fixture's AllApis class calls every entry of the table once.
func TestSensitiveFixtureEveryAPI(t *testing.T) {
	obs := scanFixture(t, "sensitive.apk")
	reported := map[string]bool{}
	for _, a := range obs.APIs {
		for _, c := range a.Callers {
			if c.Class == allAPIsClass && c.SDK == "app" && c.Via == "call" {
				reported[a.API+" "+a.DataType] = true
			}
		}
	}
	table := catalog.SensitiveAPIs()
	for _, a := range table.APIs {
		if !reported[a.Name()+" "+a.DataType] {
			t.Errorf("%s (%s) not reported", a.Name(), a.DataType)
		}
	}
	for _, f := range table.Fields {
		if !reported[f.Class+"."+f.Field+" "+f.DataType] {
			t.Errorf("%s.%s (%s) not reported", f.Class, f.Field, f.DataType)
		}
	}
}

var (
	dexdumpInvoke = regexp.MustCompile(`invoke-[a-z/-]+ \{[^}]*\}, (L[^;]+;)\.([^:]+):`)
	dexdumpMethod = regexp.MustCompile(`^\s+#\d+\s+: \(in (L[^;]+;)\)`)
)

// Every direct call privdiff reports is an invoke line of dexdump -d for
// that method, and every such line is reported: on ApiDemos and the fixture.
func TestAPICallsAgainstDexdump(t *testing.T) {
	requireTool(t, "dexdump")
	requireFile(t, apiDemos, "run scripts/fetch-apidemos.sh")
	table := catalog.SensitiveAPIs()
	for _, path := range []string{apiDemos, "../testdata/apks/sensitive.apk"} {
		t.Run(path, func(t *testing.T) {
			obs, err := ScanFile(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for _, a := range obs.APIs {
				for _, c := range a.Callers {
					if c.Via == "call" && !strings.HasPrefix(a.API, "android.os.Build.SERIAL") && !conditional(table, a.API) {
						got[a.API+" "+c.Class] += c.Calls
					}
				}
			}
			want := map[string]int{}
			for _, dexPath := range extractDex(t, path) {
				out, err := exec.Command("dexdump", "-d", dexPath).Output()
				if err != nil {
					t.Fatal(err)
				}
				caller := ""
				for _, line := range strings.Split(string(out), "\n") {
					if m := dexdumpMethod.FindStringSubmatch(line); m != nil {
						caller, _ = className(m[1])
						continue
					}
					m := dexdumpInvoke.FindStringSubmatch(line)
					if m == nil {
						continue
					}
					for _, e := range table.Method(m[1], m[2]) {
						if !e.Contextual() {
							want[e.Name()+" "+caller]++
						}
					}
				}
			}
			if len(want) == 0 {
				t.Fatal("dexdump shows no sensitive call at all; the cross-check would prove nothing")
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("call sites differ from dexdump -d:\n got %v\nwant %v", sortedKeys(got), sortedKeys(want))
			}
		})
	}
}

func conditional(t *catalog.APITable, api string) bool {
	for _, a := range t.APIs {
		if a.Name() == api && a.Contextual() {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]int) []string {
	var out []string
	for k, v := range m {
		out = append(out, fmt.Sprintf("%s=%d", k, v))
	}
	sort.Strings(out)
	return out
}

// A code item whose size runs past the file is a warning naming its class;
// the other classes are still scanned.
func TestAPICallsDamagedCode(t *testing.T) {
	manifest := fixtureEntry(t, "../testdata/apks/sensitive.apk", "AndroidManifest.xml")
	data := fixtureEntry(t, "../testdata/apks/sensitive.apk", "classes.dex")
	d, err := dex.OpenBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	classes, err := d.Classes()
	if err != nil {
		t.Fatal(err)
	}
	damaged := ""
	for _, c := range classes {
		if c.Descriptor != "Lcn/jpush/android/helper/DeviceInfo;" {
			continue
		}
		cd, err := d.ClassData(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range cd.DirectMethods {
			if m.CodeOff != 0 {
				binary.LittleEndian.PutUint32(data[m.CodeOff+12:], 0x00ffffff) // insns_size
				damaged = "cn.jpush.android.helper.DeviceInfo"
				break
			}
		}
	}
	if damaged == "" {
		t.Fatal("fixture has no code in DeviceInfo")
	}
	apk := buildZip(t, entry{"AndroidManifest.xml", manifest}, entry{"classes.dex", data})
	obs, err := Scan(bytes.NewReader(apk), int64(len(apk)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !containsString(obs.Warnings, "class "+damaged+": ") {
		t.Errorf("warnings %q do not name %s", obs.Warnings, damaged)
	}
	got := strings.Join(apiSummary(obs), "\n")
	if !strings.Contains(got, "imei android.telephony.TelephonyManager.getDeviceId org.privdiff.fixture.sensitive.MainActivity app call 2") {
		t.Errorf("the undamaged classes were not scanned:\n%s", got)
	}
}

// Compiled code names providers by their CONTENT_URI fields; a query beside
// such a read collects that provider's data.
func TestProviderFieldConditions(t *testing.T) {
	requireFile(t, apiDemos, "run scripts/fetch-apidemos.sh")
	for _, tt := range []struct{ apk, line string }{
		{"../testdata/apks/sensitive.apk", "contacts android.content.ContentResolver.query org.privdiff.fixture.sensitive.AllApis app call 2"},
		{apiDemos, "contacts android.content.ContentResolver.query io.appium.android.apis.app.QuickContactsDemo app call 1"},
		{apiDemos, "contacts android.content.ContentResolver.query io.appium.android.apis.view.AutoComplete4 app call 1"},
	} {
		obs, err := ScanFile(tt.apk, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := apiSummary(obs); !slices.Contains(got, tt.line) {
			t.Errorf("%s: no %q in\n%s", tt.apk, tt.line, strings.Join(got, "\n"))
		}
	}
}

// TestOffsetSet: each offset is new once, on the 4-byte grid, off it and
// past the end of the file alike.
func TestOffsetSet(t *testing.T) {
	s := newOffsetSet(1000)
	for _, off := range []uint32{0, 4, 252, 256, 996, 5, 7, 1000, 1 << 31, 4} {
		first := s.add(off)
		if again := s.add(off); again {
			t.Errorf("%d added twice", off)
		}
		if !first && off != 4 {
			t.Errorf("%d not new the first time", off)
		}
	}
	if s.add(8) != true || s.add(6) != true {
		t.Error("neighbours of added offsets are new")
	}
}

func TestClassName(t *testing.T) {
	for _, c := range []struct {
		desc, want string
		ok         bool
	}{
		{"Lcom/tencent/mm/opensdk/openapi/WXAPIFactory;", "com.tencent.mm.opensdk.openapi.WXAPIFactory", true},
		{"LFoo;", "Foo", true},
		{"La/b$c;", "a.b$c", true},
		{"L/;", ".", true},
		{"La//b/;", "a..b.", true},
		{"[Ljava/lang/String;", "", false},
		{"I", "", false},
		{"L;", "", false},
		{"Lcom/x", "", false},
	} {
		got, ok := className(c.desc)
		if got != c.want || ok != c.ok {
			t.Errorf("className(%q) = %q, %v; want %q, %v", c.desc, got, ok, c.want, c.ok)
		}
	}
}
