package reports

import (
	"bytes"
	"testing"

	"privdiff/catalog"
)

// catalogFixture is fixed here rather than read from the embedded catalog,
// so the golden files change only when the rendering does.
var catalogFixture = []catalog.SDK{
	{
		ID: "jpush", Name: "JPush", NameZh: "极光推送", Vendor: "深圳市和讯华谷信息技术有限公司",
		Category: "push", Aliases: []string{"极光推送SDK", "JPush SDK"}, Platforms: []string{"android", "ios"},
		Website: "https://www.jiguang.cn/push", Description: "极光推送：App 消息推送服务。",
		Sources: []string{"libchecker-rules", "research"},
		Signatures: catalog.SignatureSet{
			DexPackages: []string{"cn.jpush.android."},
			Components:  []string{"cn.jpush.android.service.PushService"},
		},
	},
	{
		ID: "jpush-xiaomi-channel", Name: "JPush MiPush channel", NameZh: "极光推送小米通道",
		Vendor: "深圳市和讯华谷信息技术有限公司", Category: "push", CoveredBy: []string{"jpush", "xiaomi-push"},
		Sources: []string{"libchecker-rules"},
		Signatures: catalog.SignatureSet{
			Components: []string{"cn.jpush.android.service.PluginXiaomiPlatformsReceiver"},
			NativeLibs: []string{"libexample*.so"},
		},
	},
}

func TestCatalogGolden(t *testing.T) {
	tests := []struct {
		name   string
		render func(*bytes.Buffer) error
	}{
		{"catalog_list.txt", func(b *bytes.Buffer) error { return CatalogTable(b, catalogFixture) }},
		{"catalog_list.json", func(b *bytes.Buffer) error { return CatalogJSON(b, catalogFixture) }},
		{"catalog_show.txt", func(b *bytes.Buffer) error { return CatalogSDKTable(b, catalogFixture[0]) }},
		{"catalog_show.json", func(b *bytes.Buffer) error { return CatalogSDKJSON(b, catalogFixture[1]) }},
		{"catalog_empty.json", func(b *bytes.Buffer) error { return CatalogJSON(b, nil) }},
		{"catalog_list.zh.txt", func(b *bytes.Buffer) error { return CatalogTableIn(b, catalogFixture, "zh") }},
		{"catalog_show.zh.txt", func(b *bytes.Buffer) error { return CatalogSDKTableIn(b, catalogFixture[1], "zh") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.render(&b); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tt.name, b.Bytes())
			var again bytes.Buffer
			if err := tt.render(&again); err != nil || !bytes.Equal(b.Bytes(), again.Bytes()) {
				t.Errorf("two renderings differ (err %v)", err)
			}
		})
	}
}

// TestEveryCategoryHasChineseName: a category added to the catalog without
// its Chinese name would print its id in a Chinese table.
func TestEveryCategoryHasChineseName(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range catalog.SDKs() {
		if s.Category == "" || seen[s.Category] {
			continue
		}
		seen[s.Category] = true
		if _, ok := tableZh[s.Category]; !ok {
			t.Errorf("category %q (of %s) has no Chinese name in tableZh", s.Category, s.ID)
		}
	}
	if len(seen) < 10 {
		t.Errorf("only %d categories in the catalog", len(seen))
	}
}
