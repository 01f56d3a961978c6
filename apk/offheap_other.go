//go:build !unix

package apk

func offHeap(n int) ([]byte, bool) { return nil, false }

func freeOffHeap(b []byte) {}
