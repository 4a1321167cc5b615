package app

import "time"

// serial runs store jobs one after another, in the order they were asked
// for, each off the UI goroutine. Saves of one field made in quick
// succession therefore commit in the order the analyst made them, and a load
// never overtakes a save of the same article.
//
// A save that finds the database server out of reach (GoSave's work says
// offline) is not dropped: it stays at the head of the queue, the queue
// holds (every later job waits behind it, so the changes keep their
// order), and it is tried again after retryEvery. onHold hears when the
// queue starts and stops holding, and how many saves wait.
type serial struct {
	loop    loop
	running bool
	held    bool // the head save found the server offline; waiting to retry
	queue   []job
	idle    []func() // run on the UI goroutine once the queue is empty

	since  time.Time                                   // when the queue began to hold
	onHold func(held bool, since time.Time, saves int) // on the UI goroutine
	after  func(d time.Duration, f func())             // schedules a retry; time.AfterFunc unless a test sets it
}

// job is one store job: work runs off the UI goroutine and returns what to
// apply on it; offline true (saves only) keeps the job for a retry.
type job struct {
	work func() (apply func(), offline bool)
	save bool
}

// retryEvery is how long a held queue waits before trying its first save
// again.
var retryEvery = 5 * time.Second

// whenIdle runs fn once every job asked for so far has finished (at once
// when none is pending): closing the window waits for the last save.
func (s *serial) whenIdle(fn func()) {
	if !s.busy() {
		fn()
		return
	}
	s.idle = append(s.idle, fn)
}

// Go queues a job that cannot be held (a load, a read, a write whose
// failure is reported and dropped).
func (s *serial) Go(work func() func()) {
	s.push(job{work: func() (func(), bool) { return work(), false }})
}

// GoSave queues a save; when work reports the server offline the queue
// holds it and tries it again later, in its place.
func (s *serial) GoSave(work func() (apply func(), offline bool)) {
	s.push(job{work: work, save: true})
}

func (s *serial) push(j job) {
	s.queue = append(s.queue, j)
	if s.held {
		s.tell() // one more change waits
		return
	}
	if !s.running {
		s.next()
	}
}

// busy reports whether jobs are queued or running.
func (s *serial) busy() bool { return s.running || len(s.queue) > 0 }

// holding reports whether saves wait for the server, and how many.
func (s *serial) holding() (bool, int) { return s.held, s.saves() }

func (s *serial) saves() int {
	n := 0
	for _, j := range s.queue {
		if j.save {
			n++
		}
	}
	return n
}

// drop forgets every job still waiting (closing the window without the
// saves that could not reach the server); the one running finishes.
func (s *serial) drop() {
	s.queue = nil
	if s.held {
		s.held = false
		s.since = time.Time{}
		s.tell()
	}
}

func (s *serial) tell() {
	if s.onHold != nil {
		s.onHold(s.held, s.since, s.saves())
	}
}

func (s *serial) next() {
	if len(s.queue) == 0 {
		s.running = false
		idle := s.idle
		s.idle = nil
		for _, fn := range idle {
			fn()
		}
		return
	}
	head := s.queue[0]
	s.running = true
	s.loop.Go(func() func() {
		apply, offline := head.work()
		return func() {
			s.running = false
			if offline && len(s.queue) > 0 {
				// kept at the head: the changes after it wait, in order
				if !s.held {
					s.held = true
					s.since = time.Now()
				}
				s.tell()
				s.schedule()
				return
			}
			if len(s.queue) > 0 {
				s.queue = s.queue[1:]
			}
			if s.held {
				s.held = false
				s.since = time.Time{}
				s.tell()
			}
			if apply != nil {
				apply()
			}
			if !s.running {
				s.next()
			}
		}
	})
}

// schedule tries the held queue again after retryEvery.
func (s *serial) schedule() {
	retry := func() {
		if s.held && !s.running {
			s.next()
		}
	}
	if s.after != nil {
		s.after(retryEvery, retry)
		return
	}
	time.AfterFunc(retryEvery, func() { s.loop.Do(retry) })
}
