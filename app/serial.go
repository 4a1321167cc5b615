package app

// serial runs store jobs one after another, in the order they were asked
// for, each off the UI goroutine. Saves of one field made in quick
// succession therefore commit in the order the analyst made them, and a load
// never overtakes a save of the same article.
type serial struct {
	loop    loop
	running bool
	queue   []func() func()
	idle    []func() // run on the UI goroutine once the queue is empty
}

// whenIdle runs fn once every job asked for so far has finished (at once
// when none is pending): closing the window waits for the last save.
func (s *serial) whenIdle(fn func()) {
	if !s.busy() {
		fn()
		return
	}
	s.idle = append(s.idle, fn)
}

func (s *serial) Go(work func() func()) {
	s.queue = append(s.queue, work)
	if !s.running {
		s.next()
	}
}

// busy reports whether jobs are queued or running.
func (s *serial) busy() bool { return s.running || len(s.queue) > 0 }

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
	work := s.queue[0]
	s.queue = s.queue[1:]
	s.running = true
	s.loop.Go(func() func() {
		apply := work()
		return func() {
			if apply != nil {
				apply()
			}
			s.next()
		}
	})
}
