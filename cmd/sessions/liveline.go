package main

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// liveLine is a status line on stderr, drawn only when it is a terminal:
// redrawn by redraw and twice a second from text, erased before other output
// (clear) and at the end (stop, which may be called more than once).
type liveLine struct {
	w     io.Writer
	text  func() string
	quit  chan struct{}
	ended sync.WaitGroup

	mu     sync.Mutex
	closed bool // stopped, or never drawn
}

func newLiveLine(w io.Writer, enabled bool, text func() string) *liveLine {
	l := &liveLine{w: w, text: text, quit: make(chan struct{}), closed: !enabled}
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

func (l *liveLine) redraw() { l.draw(l.text()) }
func (l *liveLine) clear()  { l.draw("") }

func (l *liveLine) draw(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.closed {
		fmt.Fprintf(l.w, "\r\x1b[K%s", s)
	}
}

func (l *liveLine) stop() {
	l.mu.Lock()
	done := l.closed
	l.closed = true
	l.mu.Unlock()
	if !done {
		close(l.quit)
		l.ended.Wait()
		fmt.Fprint(l.w, "\r\x1b[K")
	}
}
