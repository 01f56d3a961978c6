//go:build race

package batch

// raceDetector says the tests run under the race detector, whose shadow
// memory a memory-limited child cannot allocate: it dies of that before Go
// reports running out of memory.
const raceDetector = true
