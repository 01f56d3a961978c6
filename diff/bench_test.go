package diff_test

import (
	"io"
	"testing"

	"privdiff/apk"
	"privdiff/declared"
	"privdiff/diff"
	"privdiff/reports"
)

// BenchmarkAuditApiDemos is the whole audit as the CLI runs it: scan the
// real ApiDemos APK, read seed policy 001, diff, render JSON. Compare with
// apk's BenchmarkInflateDex (the time to inflate its dex files):
//
//	go test -run XXX -bench 'AuditApiDemos' ./diff; go test -run XXX -bench 'InflateDex$' ./apk
func BenchmarkAuditApiDemos(b *testing.B) {
	const apiDemos = "../testdata/external/ApiDemos-debug.apk"
	for b.Loop() {
		obs, err := apk.ScanFile(apiDemos, apk.Options{})
		if err != nil {
			b.Fatalf("%v (run scripts/fetch-apidemos.sh)", err)
		}
		pol, err := declared.ReadFile("../testdata/seeds/001_c1fbea3530511be1.txt")
		if err != nil {
			b.Fatal(err)
		}
		a := diff.Run(obs, pol, "zh")
		if err := reports.AuditJSON(io.Discard, a); err != nil {
			b.Fatal(err)
		}
	}
}
