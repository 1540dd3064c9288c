package core

import (
	"math"
	"slices"

	"github.com/sessionkit/sessions/wrapper/sessionkit"
)

// normalizePolicy fills in defaults and validates p; the result has every
// field set (a negative Jitter, meaning none, becomes -1). Errors name the
// field after prefix.
func normalizePolicy(p sessionkit.RetryPolicy, prefix string) (sessionkit.RetryPolicy, error) {
	bad := func(field string, v any, reason string) error {
		return invalid(prefix+field, v, reason)
	}
	switch {
	case p.MaxAttempts < 0:
		return p, bad("MaxAttempts", p.MaxAttempts, "must be >= 0 (0 means 3)")
	case p.MaxAttempts == 0:
		p.MaxAttempts = sessionkit.DefaultMaxAttempts
	}
	switch {
	case p.InitialBackoff < 0:
		return p, bad("InitialBackoff", p.InitialBackoff, "must be >= 0 (0 means 500ms)")
	case p.InitialBackoff == 0:
		p.InitialBackoff = sessionkit.DefaultInitialBackoff
	}
	switch {
	case p.MaxBackoff < 0:
		return p, bad("MaxBackoff", p.MaxBackoff, "must be >= 0 (0 means 30s)")
	case p.MaxBackoff == 0:
		p.MaxBackoff = sessionkit.DefaultMaxBackoff
	}
	p.InitialBackoff = min(p.InitialBackoff, p.MaxBackoff)
	switch {
	case p.Multiplier == 0:
		p.Multiplier = sessionkit.DefaultMultiplier
	case math.IsNaN(p.Multiplier) || math.IsInf(p.Multiplier, 0) || p.Multiplier < 1:
		return p, bad("Multiplier", p.Multiplier, "must be >= 1 (0 means 2)")
	}
	switch {
	case math.IsNaN(p.Jitter) || p.Jitter > 1:
		return p, bad("Jitter", p.Jitter, "must be <= 1 (0 means 0.2, negative means none)")
	case p.Jitter == 0:
		p.Jitter = sessionkit.DefaultJitter
	case p.Jitter < 0:
		p.Jitter = -1 // none
	}
	if p.RetryStatuses == nil {
		p.RetryStatuses = []int{408, 429, 500, 502, 503, 504}
	} else {
		for _, s := range p.RetryStatuses {
			if s < 100 || s > 599 {
				return p, bad("RetryStatuses", s, "must be an HTTP status (100-599)")
			}
		}
		p.RetryStatuses = slices.Clone(p.RetryStatuses)
	}
	return p, nil
}
