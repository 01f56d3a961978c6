package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"sync"
)

// Version identifies the embedded reference data: the first 12 hex digits
// of a sha256 over every data file, in a fixed order. Two builds with the
// same data give the same version, so a results store can tell an audit
// made with other signatures or vocabulary from a repeat of the same one.
var Version = sync.OnceValue(func() string {
	h := sha256.New()
	for _, data := range [][]byte{
		sdksJSON, entryPointsJSON, apiCallsJSON, packersJSON, permissionsJSON,
		permissionGroupsJSON, permissionWordsJSON, dataTypeWordsJSON, t2sTXT,
	} {
		// The length first, so moving bytes between files changes the sum.
		var n [8]byte
		for i, l := 0, uint64(len(data)); i < 8; i, l = i+1, l>>8 {
			n[i] = byte(l)
		}
		h.Write(n[:])
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
})
