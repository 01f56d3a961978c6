package catalog

// Packer is an app-hardening service: it encrypts the app's dex files and
// ships a stub that decrypts them at run time, so static analysis of the
// dex sees only the stub.
type Packer struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	NameZh string `json:"nameZh"`
	Vendor string `json:"vendor"`
	// NativeLibs are file-name globs of its loader libraries.
	NativeLibs []string `json:"nativeLibs"`
	// Classes are its stub classes: the Application that replaces the app's
	// own in the manifest, or classes in the stub dex.
	Classes []string `json:"classes"`
	// Assets are path globs of its encrypted payloads.
	Assets []string `json:"assets"`
	Source string   `json:"source"`
}

// Packers returns the hardening services the catalog knows, in the order of
// data/packers.json.
func Packers() []Packer { return generatedPackers }
