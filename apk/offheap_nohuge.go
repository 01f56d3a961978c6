//go:build unix && !linux

package apk

func hugeOffHeap(n int) ([]byte, bool) { return nil, false }

func unmapRaw(b []byte) {}
