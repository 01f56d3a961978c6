package catalog

//go:generate go run ./gentables -dir .

// Version identifies the embedded reference data: the first 12 hex digits
// of a sha256 over every data file, in a fixed order. Two builds with the
// same data give the same version, so a results store can tell an audit
// made with other signatures or vocabulary from a repeat of the same one.
// It is computed by go generate (tables_gen.go) rather than at every start.
func Version() string { return dataVersion }
