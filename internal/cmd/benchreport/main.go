// Command benchreport runs the benchmarks of internal/bench and prints the
// ratios of each client to the floor (hand-written net/http +
// encoding/json): every single-object operation per call, with
// go-retryablehttp beside the wrappers as a peer; listing; 64 goroutines;
// connections opened; and the validated round trips per second of the test
// servers on one core. `make bench` runs it; BENCHMARKS.md records a run.
//
// It is a module of its own, so that the peer is a dependency of the
// benchmark only, never of the library.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"testing"

	retryablehttp "github.com/hashicorp/go-retryablehttp"

	"github.com/sessionkit/sessions/internal/bench"
)

func main() {
	testing.Init()
	if err := flag.Set("test.benchtime", "300ms"); err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
	flag.Parse()
	if err := bench.Report(os.Stdout, &bench.Peer{Name: "go-retryablehttp", Calls: peerCalls}); err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
}

// peerCalls returns go-retryablehttp's calls of the operations it is
// measured on: the two reads and a write of each API, with the floor's
// transport settings and three attempts, as a user of it would write them.
func peerCalls(base string) (map[string]bench.Call, func(), error) {
	c := retryablehttp.NewClient()
	c.HTTPClient = bench.FloorHTTPClient()
	c.Logger = nil
	c.RetryMax = 2
	p := &peer{c: c, base: base}
	calls := map[string]bench.Call{
		"ShowSession": func(ctx context.Context) error {
			var id int64
			if err := p.do(ctx, http.MethodGet, "/api/v2/users/3/sessions/8589934592", bench.ZendeskAuth(), nil, func(r io.Reader) (err error) {
				id, err = bench.DecodeZendeskSession(r)
				return err
			}); err != nil {
				return err
			}
			return wantEq(id, 8589934592)
		},
		"DeleteSession": func(ctx context.Context) error {
			return p.do(ctx, http.MethodDelete, "/api/v2/users/3/sessions/8589934592", bench.ZendeskAuth(), nil, nil)
		},
		"GetSession": func(ctx context.Context) error {
			var id string
			if err := p.do(ctx, http.MethodGet, "/v1/session/950dd2eaff09-S", bench.GameServerAuth(), nil, func(r io.Reader) (err error) {
				id, err = bench.DecodeGameSession(r)
				return err
			}); err != nil {
				return err
			}
			return wantEq(id, "950dd2eaff09-S")
		},
		"put-users-session": func(ctx context.Context) error {
			var body struct {
				Users []struct {
					IP        string  `json:"ip"`
					Latitude  float64 `json:"latitude"`
					Longitude float64 `json:"longitude"`
				} `json:"session_users"`
			}
			if err := p.do(ctx, http.MethodPut, "/v1/session/950dd2eaff09-S/users", bench.GameServerAuth(), []byte(`{"ip_list":["203.0.113.7"]}`), func(r io.Reader) error {
				return json.NewDecoder(r).Decode(&body)
			}); err != nil {
				return err
			}
			return wantEq(len(body.Users), 2)
		},
	}
	return calls, c.HTTPClient.CloseIdleConnections, nil
}

type peer struct {
	c    *retryablehttp.Client
	base string
}

// do sends one request through go-retryablehttp and hands a 200's body to
// decode, or expects a 204 when decode is nil. The floor decodes the same
// types (bench.Decode*), so the peer does the same work.
func (p *peer) do(ctx context.Context, method, path, auth string, body []byte, decode func(io.Reader) error) error {
	var rb any
	if body != nil {
		rb = bytes.NewReader(body)
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, method, p.base+path, rb)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", auth)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := p.c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if decode == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		if resp.StatusCode != http.StatusNoContent {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return nil
	}
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, resp.Body)
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	err = decode(resp.Body)
	_, _ = io.Copy(io.Discard, resp.Body)
	return err
}

func wantEq[T comparable](got, want T) error {
	if got != want {
		return errors.New(fmt.Sprint("got ", got, ", want ", want))
	}
	return nil
}
