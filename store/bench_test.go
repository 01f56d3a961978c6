package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// benchAudits is the size of the benchmark's campaign.
const benchAudits = 1000

// campaign makes n audits from the real documents: benchAudits/5 apps of
// five versions each, every version a distinct APK.
func campaign(b *testing.B, n int) []Audit {
	docs := testDocs(b)
	names := []string{"jianke-1", "jianke-2", "weibo", "bugly"}
	out := make([]Audit, 0, n)
	for i := 0; i < n; i++ {
		base := docs[names[i%len(names)]]
		var m map[string]any
		if err := json.Unmarshal(base.Document, &m); err != nil {
			b.Fatal(err)
		}
		app := m["app"].(map[string]any)
		sum := sha256.Sum256([]byte(fmt.Sprint("apk ", i)))
		app["sha256"] = hex.EncodeToString(sum[:])
		app["package"] = fmt.Sprintf("com.example.app%04d", i/5)
		app["versionCode"] = i%5 + 1
		app["versionName"] = fmt.Sprintf("%d.0", i%5+1)
		doc, err := json.Marshal(m)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, Audit{Document: doc, PolicySHA256: base.PolicySHA256, Name: fmt.Sprint("app", i),
			When: time.Unix(1700000000+int64(i), 0)})
	}
	return out
}

// BenchmarkStore records a campaign of 1,000 audits into each database,
// then times each db query on it:
//
//	go test -run XXX -bench Store -benchtime 1x ./store
//
// (with PRIVDIFF_TEST_POSTGRES set for PostgreSQL).
func BenchmarkStore(b *testing.B) {
	audits := campaign(b, benchAudits)
	ctx := context.Background()
	for _, be := range backends(b) {
		b.Run(be.name, func(b *testing.B) {
			for b.Loop() {
				s := open(b, be.target(b), testOptions)
				start := time.Now()
				for _, a := range audits {
					if _, err := s.Record(ctx, a); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(len(audits))/time.Since(start).Seconds(), "audits/s")
				size, err := s.Size(ctx)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(size)/(1<<20), "MiB")
				for _, q := range []struct {
					name string
					run  func() error
				}{
					{"apps", func() error { _, err := s.Apps(ctx); return err }},
					{"sdks", func() error { _, err := s.SDKs(ctx); return err }},
					{"history", func() error { _, err := s.History(ctx, "com.example.app0100"); return err }},
					{"diff", func() error { _, err := s.Diff(ctx, "com.example.app0100", "1.0", "5.0"); return err }},
					{"changes", func() error { _, err := s.LatestChanges(ctx); return err }},
				} {
					start := time.Now()
					if err := q.run(); err != nil {
						b.Fatal(err)
					}
					b.ReportMetric(float64(time.Since(start).Microseconds())/1000, q.name+"-ms")
				}
			}
		})
	}
}
