package apk

import (
	"testing"

	"privdiff/apk/dex"
)

// TestFollowValue: where one method sends the value a sensitive call
// returns, on hand-assembled bytecode (the real shapes are in
// TestOnDeviceRealAPKs).
func TestFollowValue(t *testing.T) {
	names := []dex.MemberName{
		{Class: "Landroid/location/LocationManager;", Name: "getLastKnownLocation"},
		{Class: "Lcom/app/Sink;", Name: "take"},
		{Class: "Landroid/location/Location;", Name: "getTime"},
		{Class: "Llib/night/Calc;", Name: "compute"},
		{Class: "Landroid/location/LocationManager;", Name: "requestLocationUpdates"},
	}
	source := func(idx uint32) sourceKind {
		switch idx {
		case 0:
			return byResult
		case 4:
			return byCallback
		}
		return notSource
	}
	const (
		get       = 0x206e // invoke-virtual {v1, v2}, method@0
		getArgs   = 0x0021
		moveRes0  = 0x000c // move-result-object v0
		retObj0   = 0x0011 // return-object v0
		retVoid   = 0x000e
		constNull = 0x0012 // const/4 v0, 0
	)
	tests := []struct {
		name  string
		pkg   string
		insns []uint16
		want  valueUse
	}{
		{"returned", "Llib/night/", []uint16{get, 0, getArgs, moveRes0, retObj0}, useReturned},
		{"to the app", "Llib/night/", []uint16{get, 0, getArgs, moveRes0, 0x1071, 1, 0x0000, retVoid}, useLeaves},
		{"derived on the device", "Llib/night/", []uint16{get, 0, getArgs, moveRes0, 0x106e, 2, 0x0000, 0x020b, retVoid}, useLocal},
		{"to its own package", "Llib/night/", []uint16{get, 0, getArgs, moveRes0, 0x1071, 3, 0x0000, retVoid}, useLocal},
		{"default package is nobody's", "", []uint16{get, 0, getArgs, moveRes0, 0x1071, 3, 0x0000, retVoid}, useLeaves},
		{"stored", "Llib/night/", []uint16{get, 0, getArgs, moveRes0, 0x105b, 0, retVoid}, useLeaves},
		{"register reused", "Llib/night/", []uint16{get, 0, getArgs, moveRes0, constNull, retObj0}, useLocal},
		// goto back to a return of the value: the return is reached with it.
		{"backward jump to return", "Llib/night/", []uint16{0x0228, retObj0, get, 0, getArgs, moveRes0, 0xfb28}, useReturned},
		{"callback", "Llib/night/", []uint16{0x206e, 4, getArgs, retVoid}, useLeaves},
		{"no source", "Llib/night/", []uint16{retVoid}, useNone},
		{"truncated", "Llib/night/", []uint16{get, 0}, useLeaves},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := followValue(tt.insns, names, source, tt.pkg); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}
