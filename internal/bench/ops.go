package bench

import (
	"bytes"
	"context"
	"fmt"
	"net/http"

	"github.com/sessionkit/sessions/wrapper/gameserver"
)

// Op is one single-object operation measured per call: the floor's
// hand-written request and decode, and the wrapper's method, both checked
// for the value the server's fixed answer holds.
type Op struct {
	// Name is the operation's operationId in the spec.
	Name string
	// Floor and Wrapper make the call once.
	Floor, Wrapper Call
}

// Request bodies the floor sends, the JSON the wrappers build for the same
// arguments.
const (
	createReq   = `{"app_name":"my-game","version_name":"v1.2.0","ip_list":["162.254.103.13"]}`
	usersReq    = `{"ip_list":["203.0.113.7"]}`
	bulkStopReq = `{"filters":[{"field":"session_id","values":["950dd2eaff09-S","4c3f1a9e2b7d-S"],"filter_type":"any"}]}`
)

// Ops returns every single-object operation of both APIs for the floor f
// and the wrappers w, talking to the same server.
func Ops(f *Floor, w *Wrappers) []Op {
	z, g := w.Z.Sessions, w.G.Sessions
	const uid, sid, gid = 3, 8589934592, "950dd2eaff09-S"
	show := f.base + "/api/v2/users/3/sessions/8589934592"
	game := f.base + "/v1/session/" + gid
	wantSession := func(id int64) error { return want("session id", id, int64(sid)) }
	return []Op{
		{"ShowSession", call(f.ShowSession), func(ctx context.Context) error {
			s, err := z.Get(ctx, uid, sid)
			return check(err, func() error { return wantSession(s.ID) })
		}},
		{"DeleteSession", f.noContent(http.MethodDelete, show), func(ctx context.Context) error {
			return z.Delete(ctx, uid, sid)
		}},
		{"BulkDeleteSessionsByUserId", f.noContent(http.MethodDelete, f.base+"/api/v2/users/3/sessions"), func(ctx context.Context) error {
			return z.DeleteAllForUser(ctx, uid)
		}},
		{"ShowCurrentlyAuthenticatedSession", func(ctx context.Context) error {
			var body struct {
				Session floorSession `json:"session"`
			}
			err := f.do(ctx, http.MethodGet, f.base+"/api/v2/users/me/session", f.zAuth, "", &body)
			return check(err, func() error { return wantSession(body.Session.ID) })
		}, func(ctx context.Context) error {
			s, err := z.Current(ctx)
			return check(err, func() error { return wantSession(s.ID) })
		}},
		{"RenewCurrentSession", func(ctx context.Context) error {
			var body struct {
				Token string `json:"authenticity_token"`
			}
			err := f.do(ctx, http.MethodGet, f.base+"/api/v2/users/me/session/renew", f.zAuth, "", &body)
			return check(err, func() error { return want("token length", len(body.Token), 44) })
		}, func(ctx context.Context) error {
			tok, err := z.Renew(ctx)
			return check(err, func() error { return want("token length", len(tok), 44) })
		}},
		{"DeleteAuthenticatedSession", f.noContent(http.MethodDelete, f.base+"/api/v2/users/me/logout"), func(ctx context.Context) error {
			return z.Logout(ctx)
		}},
		{"session-post", func(ctx context.Context) error {
			var body struct {
				SessionID string `json:"session_id"`
			}
			err := f.do(ctx, http.MethodPost, f.base+"/v1/session", f.gAuth, createReq, &body)
			return check(err, func() error { return want("session_id", body.SessionID, gid) })
		}, func(ctx context.Context) error {
			s, err := g.Create(ctx, &gameserver.CreateRequest{AppName: "my-game", VersionName: "v1.2.0", IPList: []string{"162.254.103.13"}})
			return check(err, func() error { return want("session id", s.ID, gid) })
		}},
		{"GetSession", call(f.GetSession), func(ctx context.Context) error {
			s, err := g.Get(ctx, gid)
			return check(err, func() error { return want("session id", s.ID, gid) })
		}},
		{"session-delete", func(ctx context.Context) error {
			var body struct {
				SessionID string `json:"session_id"`
			}
			err := f.do(ctx, http.MethodDelete, game, f.gAuth, "", &body)
			return check(err, func() error { return want("session_id", body.SessionID, gid) })
		}, func(ctx context.Context) error {
			d, err := g.Delete(ctx, gid)
			return check(err, func() error { return want("session id", d.ID, gid) })
		}},
		{"get-users-session", f.users(http.MethodGet, game+"/users", "", 2), func(ctx context.Context) error {
			us, err := g.Users(ctx, gid)
			return check(err, func() error { return want("users", len(us), 2) })
		}},
		{"put-users-session", f.users(http.MethodPut, game+"/users", usersReq, 2), func(ctx context.Context) error {
			us, err := g.AddUsers(ctx, gid, []string{"203.0.113.7"})
			return check(err, func() error { return want("users", len(us), 2) })
		}},
		{"delete-users-session", f.users(http.MethodDelete, game+"/users", usersReq, 2), func(ctx context.Context) error {
			us, err := g.RemoveUsers(ctx, gid, []string{"203.0.113.7"})
			return check(err, func() error { return want("users", len(us), 2) })
		}},
		{"sessions-bulk-stop", func(ctx context.Context) error {
			var body struct {
				Processable []struct {
					SessionID string `json:"session_id"`
				} `json:"processable"`
			}
			err := f.do(ctx, http.MethodPost, f.base+"/v1/sessions/bulk-stop", f.gAuth, bulkStopReq, &body)
			return check(err, func() error { return want("processable", len(body.Processable), 2) })
		}, func(ctx context.Context) error {
			ids, err := g.BulkStop(ctx, []gameserver.StopFilter{{Field: gameserver.StopBySessionID, Values: []string{gid, "4c3f1a9e2b7d-S"}, Type: gameserver.FilterAny}})
			return check(err, func() error { return want("processable", len(ids), 2) })
		}},
	}
}

// check returns err, or what then reports when err is nil.
func check(err error, then func() error) error {
	if err != nil {
		return err
	}
	return then()
}

// want reports a value that is not the fixed answer's.
func want[T comparable](what string, got, want T) error {
	if got != want {
		return fmt.Errorf("bench: %s = %v, want %v", what, got, want)
	}
	return nil
}

// do sends method to u with auth and, when body is not empty, the JSON
// body; a 200 is decoded into v, and a 204 is expected when v is nil.
func (f *Floor) do(ctx context.Context, method, u, auth, body string, v any) error {
	var req *http.Request
	var err error
	if body == "" {
		req, err = http.NewRequestWithContext(ctx, method, u, nil)
	} else {
		req, err = http.NewRequestWithContext(ctx, method, u, bytes.NewReader([]byte(body)))
	}
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", auth)
	req.Header.Set("Accept", "application/json")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := f.hc.Do(req)
	if v == nil {
		return noContentOK(resp, err)
	}
	return decodeOK(resp, err, v)
}

// noContent is the floor's call of an operation answering 204.
func (f *Floor) noContent(method, u string) Call {
	return func(ctx context.Context) error { return f.do(ctx, method, u, f.zAuth, "", nil) }
}

// users is the floor's call of a users operation answering n users.
func (f *Floor) users(method, u, body string, n int) Call {
	return func(ctx context.Context) error {
		var out struct {
			Users []struct {
				IP        string  `json:"ip"`
				Latitude  float64 `json:"latitude"`
				Longitude float64 `json:"longitude"`
			} `json:"session_users"`
		}
		err := f.do(ctx, method, u, f.gAuth, body, &out)
		return check(err, func() error { return want("users", len(out.Users), n) })
	}
}
