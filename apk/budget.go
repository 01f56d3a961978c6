package apk

import (
	"fmt"
	"sync"
)

// Budget is the memory every inflation of a process shares: a dex file, a
// manifest or a resource table takes its bytes from the budget before it
// is allocated and gives them back once parsed. Per-entry caps alone
// multiply with the workers (16 workers × a 256 MiB dex = 4 GiB from a
// 250 KB APK); a budget bounds their sum, however many scans run at once.
//
// A goroutine never waits for bytes while it holds some (it gives back what
// it holds first), so scans sharing a budget cannot deadlock: every holder
// is running, and releases.
type Budget struct {
	total int64

	mu   sync.Mutex
	free int64
	// most is the most bytes ever taken at once (for tests).
	most int64
	// freed is closed, and replaced, whenever bytes are given back: the
	// waiters then look again.
	freed chan struct{}
}

// DefaultBudgetBytes is the budget scans share when Limits.Budget is nil:
// twice the largest entry, so that one entry at the cap never waits for
// another to finish.
const DefaultBudgetBytes = 2 * DefaultMaxEntryBytes

// defaultBudget is shared by every scan of the process that names no budget,
// so a batch's workers share it without being told.
var defaultBudget = NewBudget(DefaultBudgetBytes)

// NewBudget returns a budget of n bytes.
func NewBudget(n int64) *Budget {
	return &Budget{total: n, free: n, freed: make(chan struct{})}
}

// Total is the budget's size in bytes.
func (b *Budget) Total() int64 { return b.total }

// acquire takes n bytes, waiting while other inflations hold them. It fails
// at once when n is more than the whole budget, and with ErrStopped when
// done is closed first.
func (b *Budget) acquire(n int64, done <-chan struct{}) error {
	if n > b.total {
		return fmt.Errorf("needs %s, over the %s memory budget: %w", byteSize(uint64(n)), byteSize(uint64(b.total)), ErrEntryTooLarge)
	}
	for {
		b.mu.Lock()
		if b.free >= n {
			b.free -= n
			b.most = max(b.most, b.total-b.free)
			b.mu.Unlock()
			return nil
		}
		freed := b.freed
		b.mu.Unlock()
		select {
		case <-freed:
		case <-done:
			return ErrStopped
		}
	}
}

// tryAcquire takes n bytes only if they are free now.
func (b *Budget) tryAcquire(n int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.free < n {
		return false
	}
	b.free -= n
	b.most = max(b.most, b.total-b.free)
	return true
}

// release gives back n bytes taken by acquire.
func (b *Budget) release(n int64) {
	if n <= 0 {
		return
	}
	b.mu.Lock()
	b.free += n
	close(b.freed)
	b.freed = make(chan struct{})
	b.mu.Unlock()
}

// inUse is how many bytes are taken (for tests).
func (b *Budget) inUse() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.total - b.free
}

// peak is the most bytes ever taken at once (for tests).
func (b *Budget) peak() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.most
}
