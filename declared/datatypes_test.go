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
