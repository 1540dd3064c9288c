package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
)

// printer writes a command's output: an aligned table for people, one
// JSON object per line with --json, or with --csv a header row and one CSV
// record per row (RFC 4180 quoting), with the fields of the JSON lines.
// Nothing reaches stdout before the first row: the header is written with
// it, so a command that fails first prints nothing there.
type printer struct {
	w    io.Writer
	json bool
	csv  *csv.Writer // with --csv
	tw   *tabwriter.Writer
	cols []string // the header not written yet
	// fields are the CSV columns: the JSON fields of a row.
	fields []string
}

func (a *app) printer() *printer {
	p := &printer{w: a.stdout, json: a.json}
	if a.csv {
		p.csv = csv.NewWriter(a.stdout)
	}
	return p
}

// header starts a table with these columns, or with --csv one whose
// columns are the JSON fields of sample (a row's JSON value); nothing with
// --json. It is written with the first row, or by flush when there is
// none.
func (p *printer) header(sample any, cols ...string) {
	switch {
	case p.json:
	case p.csv != nil:
		p.fields = jsonFields(reflect.TypeOf(sample))
		p.cols = p.fields
	default:
		p.tw = tabwriter.NewWriter(p.w, 0, 4, 2, ' ', 0)
		p.cols = cols
	}
}

// writeHeader writes a pending header.
func (p *printer) writeHeader() error {
	if p.cols == nil {
		return nil
	}
	cols := p.cols
	p.cols = nil
	if p.csv != nil {
		return p.csv.Write(cols)
	}
	_, err := fmt.Fprintln(p.tw, strings.Join(cols, "\t"))
	return err
}

// row prints one item: v as a JSON line or a CSV record, or cells as a
// table row.
func (p *printer) row(v any, cells ...any) error {
	switch {
	case p.json:
		return p.jsonLine(v)
	case p.csv != nil:
		if err := p.writeHeader(); err != nil {
			return err
		}
		rec, err := csvRecord(v, p.fields)
		if err != nil {
			return err
		}
		return p.csv.Write(rec)
	}
	parts := make([]string, len(cells))
	for i, c := range cells {
		parts[i] = fmt.Sprint(c)
	}
	if p.tw == nil {
		_, err := fmt.Fprintln(p.w, strings.Join(parts, "  "))
		return err
	}
	if err := p.writeHeader(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(p.tw, strings.Join(parts, "\t"))
	return err
}

// flush ends a table that is complete: a table without rows is its header
// alone.
func (p *printer) flush() error {
	switch {
	case p.csv != nil:
		if err := p.writeHeader(); err != nil {
			return err
		}
		p.csv.Flush()
		return p.csv.Error()
	case p.tw == nil:
		return nil
	}
	if err := p.writeHeader(); err != nil {
		return err
	}
	err := p.tw.Flush()
	p.tw = nil
	return err
}

// abort ends a table cut short by an error: the rows printed so far, and
// no header when there were none.
func (p *printer) abort() {
	p.cols = nil
	switch {
	case p.csv != nil:
		p.csv.Flush()
	case p.tw != nil:
		_ = p.tw.Flush()
		p.tw = nil
	}
}

// jsonFields are the names of the JSON fields of values of type t, in
// order, as encoding/json writes them: embedded structs' fields in place.
func jsonFields(t reflect.Type) []string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	var names []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-":
		case f.Anonymous && name == "":
			names = append(names, jsonFields(f.Type)...)
		case !f.IsExported():
		case name == "":
			names = append(names, f.Name)
		default:
			names = append(names, name)
		}
	}
	return names
}

// csvRecord is v's JSON value as a CSV record of fields: a string as it
// is, a number or boolean as JSON writes it, null or a missing field
// empty, an object or array as its JSON text.
func csvRecord(v any, fields []string) ([]string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		return nil, err
	}
	rec := make([]string, len(fields))
	for i, f := range fields {
		raw := obj[f]
		switch {
		case len(raw) == 0 || string(raw) == "null":
		case raw[0] == '"':
			if err := json.Unmarshal(raw, &rec[i]); err != nil {
				return nil, err
			}
		default:
			rec[i] = string(raw)
		}
	}
	return rec, nil
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
// a second the server sent (Edgegap's microseconds), or "" (left out) when zero.
func timeJSON(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
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
