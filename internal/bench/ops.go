package bench

import (
	"context"
	"fmt"
	"net/http"

	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

// Op is one single-object operation measured per call: the floor's
// hand-written request and decode, and the wrapper's method, both checked
// for the value the server's fixed answer holds.
type Op struct {
	// Name is the operation's operationId in the spec.
	Name string
	// Floor and Wrapper make the call once.
	Floor, Wrapper Call
	// Shared marks the reads also measured from 64 goroutines sharing one
	// client, and mixed with listing for the connections opened.
	Shared bool
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
	const uid, sid, gid = 3, int64(8589934592), "950dd2eaff09-S"
	show, game := f.base+"/api/v2/users/3/sessions/8589934592", f.base+"/v1/session/"+gid
	type zendeskSession struct {
		Session floorSession `json:"session"`
	}
	type sessionID struct {
		SessionID string `json:"session_id"`
	}
	type users struct {
		Users []floorUser `json:"session_users"`
	}
	zs := func(b *zendeskSession) error { return want("session id", b.Session.ID, sid) }
	zsw := func(s zendesk.Session) error { return want("session id", s.ID, sid) }
	gs := func(b *sessionID) error { return want("session_id", b.SessionID, gid) }
	nUsers := func(b *users) error { return want("users", len(b.Users), 2) }
	twoUsers := func(us []gameserver.User) error { return want("users", len(us), 2) }
	return []Op{
		{"ShowSession", floor(f, http.MethodGet, show, f.zAuth, "", zs),
			wrapped(func(ctx context.Context) (zendesk.Session, error) { return z.Get(ctx, uid, sid) }, zsw), true},
		{"DeleteSession", f.noContent(http.MethodDelete, show),
			func(ctx context.Context) error { return z.Delete(ctx, uid, sid) }, false},
		{"BulkDeleteSessionsByUserId", f.noContent(http.MethodDelete, f.base+"/api/v2/users/3/sessions"),
			func(ctx context.Context) error { return z.DeleteAllForUser(ctx, uid) }, false},
		{"ShowCurrentlyAuthenticatedSession", floor(f, http.MethodGet, f.base+"/api/v2/users/me/session", f.zAuth, "", zs),
			wrapped(func(ctx context.Context) (zendesk.Session, error) { return z.Current(ctx) }, zsw), false},
		{"RenewCurrentSession", floor(f, http.MethodGet, f.base+"/api/v2/users/me/session/renew", f.zAuth, "",
			func(b *struct {
				Token string `json:"authenticity_token"`
			}) error {
				return want("token length", len(b.Token), 44)
			}),
			wrapped(func(ctx context.Context) (string, error) { return z.Renew(ctx) },
				func(tok string) error { return want("token length", len(tok), 44) }), false},
		{"DeleteAuthenticatedSession", f.noContent(http.MethodDelete, f.base+"/api/v2/users/me/logout"),
			func(ctx context.Context) error { return z.Logout(ctx) }, false},
		{"session-post", floor(f, http.MethodPost, f.base+"/v1/session", f.gAuth, createReq, gs),
			wrapped(func(ctx context.Context) (*gameserver.CreatedSession, error) {
				return g.Create(ctx, &gameserver.CreateRequest{AppName: "my-game", VersionName: "v1.2.0", IPList: []string{"162.254.103.13"}})
			}, func(s *gameserver.CreatedSession) error { return want("session id", s.ID, gid) }), false},
		{"GetSession", floor(f, http.MethodGet, game, f.gAuth, "", func(b *floorGameSession) error {
			return want("session_id", b.SessionID, gid)
		}), wrapped(func(ctx context.Context) (*gameserver.Session, error) { return g.Get(ctx, gid) },
			func(s *gameserver.Session) error { return want("session id", s.ID, gid) }), true},
		{"session-delete", floor(f, http.MethodDelete, game, f.gAuth, "", gs),
			wrapped(func(ctx context.Context) (*gameserver.DeletedSession, error) { return g.Delete(ctx, gid) },
				func(d *gameserver.DeletedSession) error { return want("session id", d.ID, gid) }), false},
		{"get-users-session", floor(f, http.MethodGet, game+"/users", f.gAuth, "", nUsers),
			wrapped(func(ctx context.Context) ([]gameserver.User, error) { return g.Users(ctx, gid) }, twoUsers), false},
		{"put-users-session", floor(f, http.MethodPut, game+"/users", f.gAuth, usersReq, nUsers),
			wrapped(func(ctx context.Context) ([]gameserver.User, error) {
				return g.AddUsers(ctx, gid, []string{"203.0.113.7"})
			}, twoUsers), false},
		{"delete-users-session", floor(f, http.MethodDelete, game+"/users", f.gAuth, usersReq, nUsers),
			wrapped(func(ctx context.Context) ([]gameserver.User, error) {
				return g.RemoveUsers(ctx, gid, []string{"203.0.113.7"})
			}, twoUsers), false},
		{"sessions-bulk-stop", floor(f, http.MethodPost, f.base+"/v1/sessions/bulk-stop", f.gAuth, bulkStopReq,
			func(b *struct {
				Processable []sessionID `json:"processable"`
			}) error {
				return want("processable", len(b.Processable), 2)
			}),
			wrapped(func(ctx context.Context) ([]string, error) {
				return g.BulkStop(ctx, []gameserver.StopFilter{{Field: gameserver.StopBySessionID,
					Values: []string{gid, "4c3f1a9e2b7d-S"}, Type: gameserver.FilterAny}})
			}, func(ids []string) error { return want("processable", len(ids), 2) }), false},
	}
}

// floor is the floor's call of an operation answering a 200 with a JSON
// body of type T, which got checks.
func floor[T any](f *Floor, method, u, auth, body string, got func(*T) error) Call {
	return func(ctx context.Context) error {
		var v T
		if err := f.do(ctx, method, u, auth, body, &v); err != nil {
			return err
		}
		return got(&v)
	}
}

// noContent is the floor's call of a Zendesk operation answering 204.
func (f *Floor) noContent(method, u string) Call {
	return func(ctx context.Context) error { return f.do(ctx, method, u, f.zAuth, "", nil) }
}

// wrapped is a wrapper's call whose result got checks.
func wrapped[T any](call func(context.Context) (T, error), got func(T) error) Call {
	return func(ctx context.Context) error {
		v, err := call(ctx)
		if err != nil {
			return err
		}
		return got(v)
	}
}

// want reports a value that is not the fixed answer's.
func want[T comparable](what string, got, want T) error {
	if got != want {
		return fmt.Errorf("bench: %s = %v, want %v", what, got, want)
	}
	return nil
}
