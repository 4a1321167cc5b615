package app

import (
	"sync"

	"fyne.io/fyne/v2"
)

// loop runs slow work off the UI goroutine and applies its result on it.
// work returns the function that applies the result (or nil).
type loop interface {
	Go(work func() (apply func()))
	Do(apply func())
}

// fyneLoop is the real loop: a goroutine per job, results through fyne.Do.
type fyneLoop struct{}

func (fyneLoop) Go(work func() func()) {
	go func() {
		if apply := work(); apply != nil {
			fyne.Do(apply)
		}
	}()
}

func (fyneLoop) Do(apply func()) { fyne.Do(apply) }

// testLoop plays the UI goroutine in tests: work still runs on its own
// goroutine (so the race detector sees a widget touched from it), and the
// test goroutine applies results when it calls Drain.
type testLoop struct {
	mu      sync.Mutex
	pending sync.WaitGroup
	queue   []func()
}

func (l *testLoop) Go(work func() func()) {
	l.pending.Add(1)
	go func() {
		defer l.pending.Done()
		if apply := work(); apply != nil {
			l.Do(apply)
		}
	}()
}

func (l *testLoop) Do(apply func()) {
	l.mu.Lock()
	l.queue = append(l.queue, apply)
	l.mu.Unlock()
}

// Drain waits for all work and applies every result, including results of
// work started by earlier results.
func (l *testLoop) Drain() {
	for {
		l.pending.Wait()
		l.mu.Lock()
		q := l.queue
		l.queue = nil
		l.mu.Unlock()
		if len(q) == 0 {
			return
		}
		for _, f := range q {
			f()
		}
	}
}
