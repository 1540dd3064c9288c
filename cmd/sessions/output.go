package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// printer writes a command's output: an aligned table for people, or one
// JSON object per line with --json.
type printer struct {
	w    io.Writer
	json bool
	tw   *tabwriter.Writer
}

func (a *app) printer() *printer { return &printer{w: a.stdout, json: a.json} }

// header starts a table with these columns; nothing with --json.
func (p *printer) header(cols ...string) {
	if p.json {
		return
	}
	p.tw = tabwriter.NewWriter(p.w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(p.tw, strings.Join(cols, "\t"))
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
	_, err := fmt.Fprintln(p.tw, strings.Join(parts, "\t"))
	return err
}

// flush ends a table.
func (p *printer) flush() error {
	if p.tw == nil {
		return nil
	}
	err := p.tw.Flush()
	p.tw = nil
	return err
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

// timeJSON is a time for JSON output: RFC 3339 in UTC, or null when zero.
func timeJSON(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
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
