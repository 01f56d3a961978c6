package declared

import (
	"slices"
	"strings"
	"testing"
)

// TestDataTypeShapes checks the data a sentence discloses against the means
// it names: "通过GPS、WiFi或基站等途径获取您的位置" collects location, not
// WiFi or cell data.
func TestDataTypeShapes(t *testing.T) {
	cases := []struct {
		text          string
		want, without []string
	}{
		{"我们可能会通过IP地址、GPS、WiFi或基站等途径获取您的地理位置信息。\n", []string{"location"}, []string{"wifi-info", "cell-location"}},
		{"我们会通过蓝牙或WiFi等方式获取您的位置。\n", []string{"location"}, []string{"wifi-info"}},
		{"我们会收集您的WiFi信息和基站信息。\n", []string{"wifi-info", "cell-location"}, nil},
		// A data word in another sense declares nothing.
		{"发生安全事件时，我们会及时定位原因并采取补救措施。\n", nil, []string{"location"}},
		{"日志用于快速定位崩溃问题。\n", nil, []string{"location"}},
		{"The crash report holds the error location in the code and the stack trace.\n", nil, []string{"location"}},
		{"Reports are sent to a partner to aid the diagnosis of faults.\n", nil, []string{"oaid"}},
		{"The app runs on macOS and Windows.\n", nil, []string{"mac"}},
		{"SDK用途：开源的图片加载与缓存框架。\n", nil, []string{"photos"}},
		{"不同版本或操作系统中的权限管理路径可能不同。\n", nil, []string{"device-info"}},
		{"我们会收集设备型号、操作系统版本。\n", []string{"device-info"}, nil},
		{"We read the OAID and the MAC address of your phone.\n", []string{"oaid", "mac"}, nil},
		// A "turn it off" list names permissions, not data collected.
		{"您可以在系统设置中关闭照片、麦克风、日历权限。\n", nil, []string{"photos", "microphone", "calendar"}},
		{"您可以关闭定位权限；我们会收集您上传的照片。\n", []string{"photos"}, []string{"location"}},
		// An identifier named precisely.
		{"我们会收集设备的WLAN地址和序列号。\n", []string{"mac", "serial"}, []string{"wifi-info"}},
		{"We collect your phone's unique device ID.\n", []string{"device-info"}, []string{"oaid"}},
		// A list after an intro that denies collecting it declares nothing;
		// a negation earlier in a long intro does not reach its list.
		{"Data we do not collect\nThe app does not collect the following:\n\n- Your contacts\n- Location data\n- Camera images\n", nil, []string{"contacts", "location", "camera"}},
		{"我们不会收集以下信息：\n1. 通讯录\n2. 位置信息\n我们会收集设备型号。\n", []string{"device-info"}, []string{"contacts", "location"}},
		{"当您不需要某项服务时，我们不会收集相关信息；我们可能收集如下信息：\n1. 位置信息\n", []string{"location"}, nil},
	}
	for _, c := range cases {
		p, err := Extract([]byte(c.text), "p.txt")
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range c.want {
			if !slices.Contains(p.DataTypes, id) {
				t.Errorf("%q: data types %v lack %s", strings.TrimSpace(c.text), p.DataTypes, id)
			}
		}
		for _, id := range c.without {
			if slices.Contains(p.DataTypes, id) {
				t.Errorf("%q: data types %v have %s", strings.TrimSpace(c.text), p.DataTypes, id)
			}
		}
	}
}
