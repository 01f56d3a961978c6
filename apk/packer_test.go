package apk

import (
	"testing"
)

func TestPackedFixture(t *testing.T) {
	obs := scanFixture(t, "packed.apk")
	if obs.Packer == nil || obs.Packer.ID != "jiagu-360" {
		t.Fatalf("packer = %+v, want 360 Jiagu", obs.Packer)
	}
	kinds := map[string]bool{}
	for _, e := range obs.Packer.Evidence {
		kinds[e.Kind] = true
	}
	for _, k := range []string{"native-lib", "application", "asset"} {
		if !kinds[k] {
			t.Errorf("no %s evidence in %+v", k, obs.Packer.Evidence)
		}
	}
	if !containsString(obs.Warnings, "packed with 360加固") {
		t.Errorf("warnings %q do not say the app is packed", obs.Warnings)
	}
	if obs.App.ApplicationClass != "com.stub.StubApp" {
		t.Errorf("application class %q", obs.App.ApplicationClass)
	}
}

func TestDetectPacker(t *testing.T) {
	tests := []struct {
		name string
		obs  Observed
		want string
	}{
		{"legu", Observed{NativeLibs: []string{"lib/armeabi-v7a/libshella-2.10.so"}, Assets: []string{"assets/0OO00l111l1l"},
			App: App{ApplicationClass: "com.tencent.StubShell.TxAppEntry"}}, "tencent-legu"},
		{"bangcle", Observed{NativeLibs: []string{"lib/armeabi/libsecexe.so", "lib/armeabi/libsecmain.so"},
			App: App{ApplicationClass: "com.secneo.apkwrapper.ApplicationWrapper"}}, "bangcle"},
		{"ijiami", Observed{NativeLibs: []string{"lib/armeabi/libexecmain.so"}, Assets: []string{"assets/ijiami.dat"}}, "ijiami"},
		{"baidu", Observed{NativeLibs: []string{"lib/armeabi/libbaiduprotect.so"}}, "baidu-protect"},
		{"yidun", Observed{NativeLibs: []string{"lib/arm64-v8a/libnesec.so"}, Classes: []string{"com.netease.nis.wrapper.MyJni"}}, "netease-yidun"},
		{"dexguard", Observed{Classes: []string{"com.example.App", "dexguard.util.DebugDetector", "dexguard.util.TamperDetection"}}, "dexguard"},
		{"not packed", Observed{NativeLibs: []string{"lib/arm64-v8a/libnative-demo.so"}, App: App{ApplicationClass: "com.example.App"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			obs := tt.obs
			detectPacker(&obs)
			got := ""
			if obs.Packer != nil {
				got = obs.Packer.ID
			}
			if got != tt.want {
				t.Errorf("packer %q, want %q", got, tt.want)
			}
			if (got != "") != containsString(obs.Warnings, "packed with") {
				t.Errorf("warnings %q", obs.Warnings)
			}
		})
	}
}
