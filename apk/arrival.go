package apk

import (
	"errors"
	"sync"
	"sync/atomic"
)

// arrival is how far an entry being inflated has got into its buffer. A
// dex file's id tables and strings come first in the file and its class
// data last, so its tables are read while the rest still inflates on
// another core (dex.OpenArriving): on a single-dex app that work no longer
// waits for the whole inflate.
type arrival struct {
	have atomic.Uint64 // the first have bytes are final

	mu      sync.Mutex
	waiting []arrivalWaiter
	ended   bool
	done    chan struct{} // closed when the inflate is over
}

type arrivalWaiter struct {
	end   uint64
	ready chan struct{}
}

// errEntryEnded is what a wait gets when the entry stopped short of the
// bytes it waits for; the inflate's own error says why.
var errEntryEnded = errors.New("entry ended before the bytes wanted")

func newArrival() *arrival { return &arrival{done: make(chan struct{})} }

// add records that the first n bytes are in.
func (a *arrival) add(n uint64) {
	a.have.Store(n)
	a.mu.Lock()
	kept := a.waiting[:0]
	for _, w := range a.waiting {
		if w.end <= n {
			close(w.ready)
		} else {
			kept = append(kept, w)
		}
	}
	a.waiting = kept
	a.mu.Unlock()
}

// end records that no more bytes will come, and wakes every waiter.
func (a *arrival) end() {
	a.mu.Lock()
	a.ended = true
	for _, w := range a.waiting {
		close(w.ready)
	}
	a.waiting = nil
	a.mu.Unlock()
	close(a.done)
}

// wait returns once the first n bytes are in, or errEntryEnded if the entry
// ends before.
func (a *arrival) wait(n uint64) error {
	if a.have.Load() >= n {
		return nil
	}
	a.mu.Lock()
	if a.have.Load() >= n {
		a.mu.Unlock()
		return nil
	}
	if a.ended {
		a.mu.Unlock()
		return errEntryEnded
	}
	ready := make(chan struct{})
	a.waiting = append(a.waiting, arrivalWaiter{n, ready})
	a.mu.Unlock()
	<-ready
	if a.have.Load() >= n {
		return nil
	}
	return errEntryEnded
}
