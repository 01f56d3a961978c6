//go:build unix

package main

import "syscall"

// mkfifo makes a named pipe, what a user may name by mistake and a reader
// would wait on for ever.
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o600) }
