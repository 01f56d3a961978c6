package catalog

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DataTypeVocabulary is data/datatype-words.json, compiled into
// generatedDataTypeWords: how policies name each data type, and the data type
// a permission gives access to.
type DataTypeVocabulary struct {
	Entries []DataTypeWordEntry `json:"entries"`
	// Permissions maps a permission to its data type (READ_CONTACTS: contacts).
	Permissions map[string]string `json:"permissions"`
}

// DataTypeWordEntry is the words, as the file writes them, for one data type
// id (or OtherSense).
type DataTypeWordEntry struct {
	ID    string   `json:"id"`
	Words []string `json:"words"`
}

// DataTypes are the contract's data-type ids, in contract order.
var DataTypes = []string{
	"imei", "imsi", "meid", "iccid", "serial", "android-id", "oaid", "mac", "wifi-info",
	"ip", "location", "cell-location", "phone-number", "installed-apps", "running-apps",
	"clipboard", "contacts", "call-log", "sms", "calendar", "camera", "microphone", "photos",
	"storage-files", "sensors", "device-info", "accounts",
}

// dataTypeWords is NewDataTypeWordIndex(generatedDataTypeWords), which go
// generate stores in indexes_gen.go.
var dataTypeWords = &WordIndex[string]{table: &generatedDataTypeWordTable, values: generatedDataTypeWordValues}

// NewDataTypeWordIndex indexes the words of a data-type vocabulary, each
// with its data type id (or OtherSense). go generate runs it.
func NewDataTypeWordIndex(f DataTypeVocabulary) (*WordIndex[string], error) {
	var words, ids []string
	for _, e := range f.Entries {
		if e.ID != OtherSense && !slices.Contains(DataTypes, e.ID) {
			return nil, fmt.Errorf("datatype-words.json: unknown data type %s", e.ID)
		}
		// OtherSense words hold a data word in another sense ("定位问题"
		// locates a fault): matched longest first, they hide it.
		for _, w := range e.Words {
			words = append(words, FoldDataText(w))
			ids = append(ids, e.ID)
		}
	}
	return NewWordIndex(words, ids), nil
}

// FoldDataText puts text in the form data-type words are matched in:
// Simplified, lower-case, without spaces ("Android ID" and "androidid",
// "SIM 卡" and "SIM卡" are written both ways).
func FoldDataText(s string) string {
	s = FoldWord(s)
	if !hasSpace(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// hasSpace is strings.IndexFunc(s, unicode.IsSpace) >= 0.
func hasSpace(s string) bool { return anyRune(s, &asciiSpace, unicode.IsSpace) }

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// OtherSense is the Value of a match that uses a data word in another
// sense: it declares nothing.
const OtherSense = "other-sense"

// DataTypeWords finds data-type words in text folded by FoldDataText; each
// match's Value is a contract data-type id.
func DataTypeWords() *WordIndex[string] { return dataTypeWords }

// PermissionDataType returns the data type a permission gives access to
// (READ_CONTACTS: contacts), if it is one.
func PermissionDataType(permission string) (string, bool) {
	id, ok := generatedDataTypeWords.Permissions[permission]
	return id, ok
}
