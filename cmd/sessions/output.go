package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"reflect"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
)

// printer writes a command's output: an aligned table for people, one JSON
// object per line with --json, or with --csv a header row and one CSV record
// per row (RFC 4180 quoting), with the fields of the JSON lines. Nothing
// reaches stdout before the first row: the header is written with it, so a
// command that fails first prints nothing there.
type printer struct {
	w      io.Writer
	json   bool
	csv    *csv.Writer       // with --csv
	tw     *tabwriter.Writer // a table
	cols   []string          // the header not written yet
	fields []string          // with --csv, the columns: the JSON fields of a row
}

// printer starts a table with the columns cols, or with --csv one whose
// columns are the JSON fields of sample (a row's JSON value).
func (a *app) printer(sample any, cols ...string) *printer {
	p := &printer{w: a.stdout, json: a.json}
	switch {
	case a.json:
	case a.csv:
		p.csv = csv.NewWriter(a.stdout)
		p.fields = jsonFields(reflect.TypeOf(sample))
		p.cols = p.fields
	default:
		p.tw = tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
		p.cols = cols
	}
	return p
}

// write writes the header if it is pending, then rec, when not nil.
func (p *printer) write(rec []string) error {
	for _, r := range [][]string{p.cols, rec} {
		var err error
		switch {
		case r == nil:
		case p.csv != nil:
			err = p.csv.Write(r)
		default:
			_, err = fmt.Fprintln(p.tw, strings.Join(r, "\t"))
		}
		p.cols = nil
		if err != nil {
			return err
		}
	}
	return nil
}

// row prints one item: v as a JSON line or a CSV record, or cells as a
// table row.
func (p *printer) row(v any, cells ...any) error {
	if p.json {
		return jsonLine(p.w, v)
	}
	if p.csv != nil {
		rec, err := csvRecord(v, p.fields)
		if err != nil {
			return err
		}
		return p.write(rec)
	}
	rec := make([]string, len(cells))
	for i, c := range cells {
		rec[i] = fmt.Sprint(c)
	}
	return p.write(rec)
}

// flush ends a complete table: a table without rows is its header alone.
func (p *printer) flush() error {
	switch err := p.write(nil); {
	case err != nil || p.json:
		return err
	case p.csv != nil:
		p.csv.Flush()
		return p.csv.Error()
	}
	return p.tw.Flush()
}

// printAll prints the items of seq, at most limit of them (0: all), with
// row, which says whether it printed one. A table has the columns cols; CSV
// the JSON fields of sample.
func printAll[T any](a *app, seq iter.Seq2[T, error], limit int, sample any, cols []string,
	row func(*printer, T) (bool, error)) error {
	pr := a.printer(sample, cols...)
	n := 0
	for v, err := range seq {
		if err != nil { // the rows printed so far, and no header when there were none
			pr.cols = nil
			_ = pr.flush()
			return err
		}
		printed, err := row(pr, v)
		if err != nil {
			return err
		}
		if !printed {
			continue
		}
		if n++; limit > 0 && n >= limit {
			break
		}
	}
	return pr.flush()
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

func jsonLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// say prints v as a JSON line with --json, else a line for people.
func (a *app) say(v any, format string, args ...any) error {
	if a.json {
		return jsonLine(a.stdout, v)
	}
	_, err := fmt.Fprintf(a.stdout, format+"\n", args...)
	return err
}

// summaryOut is where a bulk command's summary goes: stdout with a table,
// stderr with --json, so that stdout holds only result lines.
func (a *app) summaryOut() io.Writer {
	if a.json {
		return a.stderr
	}
	return a.stdout
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

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
