package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
)

// printer writes a command's output: an aligned table for people, or one
// JSON object per line with --json. Nothing reaches stdout before the first
// row: the header is written with it, so a command that fails first prints
// nothing there.
type printer struct {
	w    io.Writer
	json bool
	tw   *tabwriter.Writer
	cols []string // the header not written yet
}

func (a *app) printer() *printer { return &printer{w: a.stdout, json: a.json} }

// header starts a table with these columns; nothing with --json. It is
// written with the first row, or by flush when there is none.
func (p *printer) header(cols ...string) {
	if p.json {
		return
	}
	p.tw = tabwriter.NewWriter(p.w, 0, 4, 2, ' ', 0)
	p.cols = cols
}

// writeHeader writes a pending header.
func (p *printer) writeHeader() {
	if p.cols != nil {
		fmt.Fprintln(p.tw, strings.Join(p.cols, "\t"))
		p.cols = nil
	}
}

// row prints one item: v as a JSON line, or cells as a table row.
func (p *printer) row(v any, cells ...any) error {
	if p.json {
		return p.jsonLine(v)
	}
	parts := make([]string, len(cells))
	for i, c := range cells {
		parts[i] = fmt.Sprint(c)
	}
	if p.tw == nil {
		_, err := fmt.Fprintln(p.w, strings.Join(parts, "  "))
		return err
	}
	p.writeHeader()
	_, err := fmt.Fprintln(p.tw, strings.Join(parts, "\t"))
	return err
}

// flush ends a table that is complete: a table without rows is its header
// alone.
func (p *printer) flush() error {
	if p.tw == nil {
		return nil
	}
	p.writeHeader()
	err := p.tw.Flush()
	p.tw = nil
	return err
}

// abort ends a table cut short by an error: the rows printed so far, and
// no header when there were none.
func (p *printer) abort() {
	if p.tw == nil {
		return
	}
	p.cols = nil
	_ = p.tw.Flush()
	p.tw = nil
}

// jsonLine writes v as one line of JSON.
func (p *printer) jsonLine(v any) error {
	enc := json.NewEncoder(p.w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// text prints a line for people; nothing with --json.
func (p *printer) text(format string, args ...any) {
	if !p.json {
		fmt.Fprintf(p.w, format+"\n", args...)
	}
}

// timeJSON is a time for JSON output: RFC 3339 in UTC with the fraction of
// a second the server sent (Edgegap's microseconds), or null when zero.
func timeJSON(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339Nano)
	return &s
}

// timeCell is a time for a table: RFC 3339 in UTC, or "-" when zero.
func timeCell(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}

// orDash is s, or "-" when it is empty.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// lockedWriter serializes the writes of several goroutines to w.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
