//go:build !unix

package main

import "errors"

// mkfifo fails where there are no FIFOs; the tests that need one skip.
func mkfifo(path string) error { return errors.New("no FIFOs on this system") }
