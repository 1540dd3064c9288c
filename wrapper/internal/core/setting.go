package core

import (
	"fmt"
	"log/slog"
)

// Setting is how every option of a wrapper is carried: an engine option
// (an *Opt), or a change to L, the wrapper's own settings (how
// game-server waits poll, Zendesk's client credentials); and how it
// prints. A wrapper keeps only its scope interfaces (client, call,
// create…), each with its own unexported method returning the Setting,
// so that an option of one API or scope does not compile in another;
// Collect is the one place settings are gathered.
type Setting[L any] struct {
	desc   string
	engine *Opt
	local  func(*L) error
}

// EngineSetting makes the engine option o a setting of the API named api.
func EngineSetting[L any](api string, o *Opt) Setting[L] {
	return Setting[L]{desc: api + "." + o.String(), engine: o}
}

// LocalSetting is a setting of the API named api that changes the
// wrapper's own settings with apply; desc (without the API's name, and
// holding no secret) is how it prints.
func LocalSetting[L any](api, desc string, apply func(*L) error) Setting[L] {
	return Setting[L]{desc: api + "." + desc, local: apply}
}

// String is the option's printed form, such as "zendesk.WithRetry(…)".
func (s Setting[L]) String() string { return s.desc }

// Format writes String for every verb, so %+v and %#v never show a secret.
func (s Setting[L]) Format(f fmt.State, _ rune) { formatAs(f, s.desc) }

// LogValue makes slog print String.
func (s Setting[L]) LogValue() slog.Value { return slog.StringValue(s.desc) }

// Collect gathers opts, in order, skipping nil ones: setting (a scope
// interface's method, such as Option.clientSetting) gives each one's
// Setting; the engine options are returned for NewEngine or Engine.Call,
// and the local ones are applied to a copy of l, which is returned. With
// no options it allocates nothing.
func Collect[O, L any](opts []O, setting func(O) Setting[L], l L) ([]*Opt, L, error) {
	if len(opts) == 0 {
		return nil, l, nil
	}
	return collect(opts, setting, l)
}

func collect[O, L any](opts []O, setting func(O) Setting[L], l L) ([]*Opt, L, error) {
	var (
		engine []*Opt
		local  *L // allocated only when a local setting is met
	)
	for _, o := range opts {
		if any(o) == nil {
			continue
		}
		s := setting(o)
		switch {
		case s.engine != nil:
			if engine == nil {
				engine = make([]*Opt, 0, len(opts))
			}
			engine = append(engine, s.engine)
		case s.local != nil:
			if local == nil {
				local = new(L)
				*local = l
			}
			if err := s.local(local); err != nil {
				return nil, l, err
			}
		}
	}
	if local != nil {
		l = *local
	}
	return engine, l, nil
}
