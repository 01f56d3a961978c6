package catalog

import "testing"

func TestStringTable(t *testing.T) {
	for _, keys := range [][]string{nil, {""}, {"a"}, {"camera", "CAMERA", "a", "ab", "极光推送", "b"}} {
		tb := NewStringTable(keys)
		key := func(i int) string { return keys[i] }
		for i, k := range keys {
			if got := tb.find(k, key); got != i {
				t.Errorf("%q: find(%q) = %d, want %d", keys, k, got, i)
			}
		}
		for _, absent := range []string{"x", "camer", "极光"} {
			if got := tb.find(absent, key); got != -1 {
				t.Errorf("%q: find(%q) = %d, want -1", keys, absent, got)
			}
		}
	}
}

// TestSDKTablesGenerated: the lookups indexes_gen.go lays out find every
// id, former id and name of the catalog.
func TestSDKTablesGenerated(t *testing.T) {
	for _, k := range SDKIDs(generatedSDKs) {
		if s, ok := SDKByID(k.Key); !ok || s.ID != generatedSDKs[k.SDK].ID {
			t.Errorf("SDKByID(%q) = %q %v, want %q", k.Key, s.ID, ok, generatedSDKs[k.SDK].ID)
		}
	}
	for _, k := range generatedNameKeys {
		if i, ok := sdkByName(k.Key); !ok || i != k.SDK {
			t.Errorf("sdkByName(%q) = %d %v, want %d", k.Key, i, ok, k.SDK)
		}
	}
	shorts, names := PermissionShortNames(generatedPermissions)
	for i, short := range shorts {
		if name, ok := PermissionNamed(short); !ok || name != names[i] {
			t.Errorf("PermissionNamed(%q) = %q %v, want %q", short, name, ok, names[i])
		}
	}
}
