//go:build !unix

package apk

func offHeap(n int, huge bool) ([]byte, bool) { return nil, false }

func freeOffHeap(b []byte) {}

func hugeOffHeap(n int) ([]byte, bool) { return nil, false }
