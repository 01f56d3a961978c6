//go:build !unix

package declared

import "time"

// processCPU is not measured here: BenchmarkExtractFirstCall reports zero
// CPU times.
func processCPU() time.Duration { return 0 }
