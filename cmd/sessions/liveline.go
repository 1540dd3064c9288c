package main

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// liveLine is a status line on stderr, drawn only when stderr is a
// terminal: redrawn by redraw and twice a second from text, erased before
// other output and at the end.
type liveLine struct {
	w       io.Writer
	enabled bool
	text    func() string

	mu     sync.Mutex
	quit   chan struct{}
	ended  sync.WaitGroup
	closed bool
}

// newLiveLine starts the line when enabled.
func newLiveLine(w io.Writer, enabled bool, text func() string) *liveLine {
	l := &liveLine{w: w, enabled: enabled, text: text, quit: make(chan struct{})}
	if enabled {
		l.redraw()
		l.ended.Go(func() {
			t := time.NewTicker(500 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-t.C:
					l.redraw()
				case <-l.quit:
					return
				}
			}
		})
	}
	return l
}

// redraw draws the line again.
func (l *liveLine) redraw() {
	if !l.enabled {
		return
	}
	s := l.text()
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.closed {
		fmt.Fprintf(l.w, "\r\x1b[K%s", s)
	}
}

// clear erases the line, before other output.
func (l *liveLine) clear() {
	if !l.enabled {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.closed {
		fmt.Fprint(l.w, "\r\x1b[K")
	}
}

// stop erases the line for good and ends the redrawing. It may be called
// more than once.
func (l *liveLine) stop() {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return
	}
	l.closed = true
	l.mu.Unlock()
	if l.enabled {
		close(l.quit)
		l.ended.Wait()
		fmt.Fprint(l.w, "\r\x1b[K")
	}
}
