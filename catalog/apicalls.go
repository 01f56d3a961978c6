package catalog

import (
	"slices"
	"sort"
	"strings"
	"sync"
)

// SensitiveAPI is one framework method whose call collects a data type.
type SensitiveAPI struct {
	// Class is the declaring class in Java form with '$' for nested classes
	// ("android.provider.Settings$Secure").
	Class    string `json:"class"`
	Method   string `json:"method"`
	DataType string `json:"dataType"`
	Source   string `json:"source"`
	// Reflection marks names distinctive enough that a string constant
	// holding them beside Class.forName/getMethod is evidence of a call.
	Reflection bool `json:"reflection,omitempty"`
	// NeedsString lists constants of which one must be loaded in the calling
	// method for the call to collect DataType: the "android_id" key of
	// Settings.Secure.getString, the content:// URI of ContentResolver.query.
	NeedsString []string `json:"needsString,omitempty"`
	// NeedsField is NeedsString for static fields, as compiled code names
	// providers: ContactsContract$Contacts.CONTENT_URI rather than its URI
	// string. Either condition is enough.
	NeedsField []string `json:"needsField,omitempty"`
	// Requires are the permissions without which the call returns nothing.
	Requires *Requirement `json:"requires,omitempty"`
	// MaxDeviceSdk is the last platform on which the API returns the data;
	// later ones return a constant (WifiInfo.getMacAddress from Android 6).
	MaxDeviceSdk int `json:"maxDeviceSdk,omitempty"`
	// ExemptWith are permissions that lift MaxDeviceSdk: a system app
	// holding READ_PRIVILEGED_PHONE_STATE still reads the IMEI on Android 10+.
	ExemptWith []string `json:"exemptWith,omitempty"`
	// UnlessInts are literals that, loaded in the calling method, show it
	// runs for the user's own action: the text field's paste menu ids.
	UnlessInts []int32 `json:"unlessInts,omitempty"`
	// IntentArg says for which Intent argument the call collects DataType.
	IntentArg *IntentRule `json:"intentArg,omitempty"`
}

// Requirement is the permissions an API needs, as AOSP's
// @RequiresPermission writes them: every permission of AllOf and at least
// one of AnyOf.
type Requirement struct {
	AllOf []string `json:"allOf,omitempty"`
	AnyOf []string `json:"anyOf,omitempty"`
}

// MetBy reports whether the permissions has grants satisfy r; a nil r
// needs nothing.
func (r *Requirement) MetBy(has func(permission string) bool) bool {
	if r == nil {
		return true
	}
	for _, p := range r.AllOf {
		if !has(p) {
			return false
		}
	}
	return len(r.AnyOf) == 0 || slices.ContainsFunc(r.AnyOf, has)
}

// IntentRule describes the Intent for which a PackageManager query lists
// the installed apps: one with no package or component, and a category of
// Categories, or an action of Actions and no category at all.
type IntentRule struct {
	Categories []string `json:"categories"`
	Actions    []string `json:"actions"`
}

// ImpliedPermission is a permission the platform grants without the
// manifest naming it: to apps targeting an old API (TargetSdkBelow), and
// when From is set, only to those that request From.
type ImpliedPermission struct {
	Permission     string `json:"permission"`
	From           string `json:"from,omitempty"`
	TargetSdkBelow int    `json:"targetSdkBelow,omitempty"`
	Source         string `json:"source"`
}

// Conditional reports whether the entry counts only with a constant or
// field beside the call.
func (a SensitiveAPI) Conditional() bool { return len(a.NeedsString)+len(a.NeedsField) > 0 }

// Contextual reports whether the code around a call decides whether it
// counts: a constant or field beside it, a literal in the method, or what
// its Intent argument is.
func (a SensitiveAPI) Contextual() bool {
	return a.Conditional() || len(a.UnlessInts) > 0 || a.IntentArg != nil
}

// Name is the API as reports print it: "android.telephony.TelephonyManager.getDeviceId".
func (a SensitiveAPI) Name() string { return a.Class + "." + a.Method }

// SensitiveField is a static field whose read collects a data type (Build.SERIAL).
type SensitiveField struct {
	Class    string `json:"class"`
	Field    string `json:"field"`
	DataType string `json:"dataType"`
	Source   string `json:"source"`
	// MaxTargetSdk: apps targeting a later API read a dummy value
	// (Build.SERIAL is "unknown" from targetSdk 26).
	MaxTargetSdk int `json:"maxTargetSdk,omitempty"`
}

// APITable indexes the sensitive APIs for the dex scan.
type APITable struct {
	APIs    []SensitiveAPI
	Fields  []SensitiveField
	Implied []ImpliedPermission
	// byMethod maps a class descriptor ("Landroid/telephony/TelephonyManager;")
	// and method name to the entries for it (one per data type): the dex scan
	// looks methods up in the form the dex stores them, without converting.
	byMethod map[memberKey][]SensitiveAPI
	byField  map[memberKey]SensitiveField
	// reflective maps a method name to the entries callable by reflection.
	reflective map[string][]SensitiveAPI
	// Strings are every constant some entry needs or reflection looks for.
	Strings []string
	// classes holds the descriptor of every class with an entry;
	// fieldClasses of every class with a field entry or condition field.
	classes, fieldClasses map[string]bool
	// conditionFields maps a NeedsField field to its "Class.FIELD" name.
	conditionFields map[memberKey]string
}

// ConditionField returns the "Class.FIELD" name of a field that some entry's
// NeedsField lists; the class is given as a dex type descriptor.
func (t *APITable) ConditionField(classDescriptor, name string) (string, bool) {
	f, ok := t.conditionFields[memberKey{classDescriptor, name}]
	return f, ok
}

// HasClass reports whether any entry is a method or field of the class,
// given as a dex type descriptor.
func (t *APITable) HasClass(classDescriptor string) bool { return t.classes[classDescriptor] }

// HasFieldClass reports whether Field or ConditionField can answer for some
// field of the class: a scan needs the names of no other class's fields.
func (t *APITable) HasFieldClass(classDescriptor string) bool {
	return t.fieldClasses[classDescriptor]
}

// SensitiveAPIs returns the embedded table.
var SensitiveAPIs = sync.OnceValue(func() *APITable {
	doc := generatedAPICalls
	t := &APITable{APIs: doc.APIs, Fields: doc.Fields, Implied: doc.Implied,
		byMethod: map[memberKey][]SensitiveAPI{}, byField: map[memberKey]SensitiveField{}, reflective: map[string][]SensitiveAPI{},
		classes: map[string]bool{}, fieldClasses: map[string]bool{}, conditionFields: map[memberKey]string{}}
	strs := map[string]bool{}
	for _, a := range doc.APIs {
		k := memberKey{descriptor(a.Class), a.Method}
		t.byMethod[k] = append(t.byMethod[k], a)
		t.classes[k.class] = true
		if a.Reflection {
			t.reflective[a.Method] = append(t.reflective[a.Method], a)
			strs[a.Method] = true
		}
		if a.IntentArg != nil {
			// Without the intent built in the method, a loaded category still counts.
			for _, c := range a.IntentArg.Categories {
				strs[c] = true
			}
		}
		for _, s := range a.NeedsString {
			strs[s] = true
		}
		for _, f := range a.NeedsField {
			i := strings.LastIndexByte(f, '.')
			t.conditionFields[memberKey{descriptor(f[:i]), f[i+1:]}] = f
			t.fieldClasses[descriptor(f[:i])] = true
		}
	}
	for _, f := range doc.Fields {
		t.byField[memberKey{descriptor(f.Class), f.Field}] = f
		t.fieldClasses[descriptor(f.Class)] = true
	}
	for s := range strs {
		t.Strings = append(t.Strings, s)
	}
	sort.Strings(t.Strings)
	return t
})

// APICalls is data/api-calls.json as it is written.
type APICalls struct {
	APIs    []SensitiveAPI      `json:"apis"`
	Fields  []SensitiveField    `json:"fields"`
	Implied []ImpliedPermission `json:"impliedPermissions"`
}

type memberKey struct{ class, name string }

// descriptor turns "android.provider.Settings$Secure" into
// "Landroid/provider/Settings$Secure;".
func descriptor(class string) string { return "L" + strings.ReplaceAll(class, ".", "/") + ";" }

// Method returns the entries for a called method, its class given as a dex
// type descriptor ("Landroid/telephony/TelephonyManager;", "getDeviceId").
func (t *APITable) Method(classDescriptor, name string) []SensitiveAPI {
	return t.byMethod[memberKey{classDescriptor, name}]
}

// Field returns the entry for a static field read, its class given as a dex
// type descriptor.
func (t *APITable) Field(classDescriptor, name string) (SensitiveField, bool) {
	f, ok := t.byField[memberKey{classDescriptor, name}]
	return f, ok
}

// Reflective returns the entries a string constant may name for reflection.
func (t *APITable) Reflective(name string) []SensitiveAPI { return t.reflective[name] }
