// Package core is the engine shared by the sessionkit wrappers (Zendesk
// sessions and game-server sessions): the HTTP Doer with retries handed to
// the generated clients, per-client and per-call options, typed errors, the
// pager, authentication and credential redaction. The wrappers re-export
// what users need with type aliases, so users write zendesk.APIError or
// gameserver.Pager, never core.
//
// # Retries
//
// Every call goes through Engine.Do, which retries a failed attempt when
// all of these hold:
//
//   - the attempt failed with a connection error (not a cancelled context,
//     not a certificate problem) or with status 408, 429, 500, 502, 503 or
//     504 (RetryPolicy.RetryStatuses);
//   - the method is idempotent (GET, HEAD, PUT, DELETE, OPTIONS) or the
//     request has an Idempotency-Key header, or the wrapper marked the
//     operation safe to repeat (MarkRetrySafe, for the game server's
//     bulk-stop), or the caller opted in with WithRetryNonIdempotent. Any
//     other request (a POST that creates something) is repeated only when
//     the failure proves the server never acted on it — the connection or
//     host lookup failed, or the answer was 408 or 429 — so it is never
//     duplicated by surprise;
//   - the request body can be rewound (it is empty or has GetBody);
//   - attempts remain (RetryPolicy.MaxAttempts, 3 by default, counting the
//     first).
//
// The wait before attempt n+1 is InitialBackoff × Multiplier^(n−1) (500 ms,
// 1 s, 2 s, ... by default), capped at MaxBackoff (30 s), minus up to 20 %
// random jitter. A Retry-After header, in seconds or as an HTTP date, is a
// floor: the engine never retries sooner than the server asked. A wait
// longer than MaxBackoff, or one that would end past the context's
// deadline, is not slept: the call fails at once with the last response as
// an *APIError whose RetryAfter says how long to wait. Waits use a timer
// and return as soon as the context is done; a call whose context ends
// during a wait returns the context's error joined with the last response's
// *APIError, so both errors.Is(err, context.Canceled) and
// errors.AsType[*APIError] work. Every discarded response is
// drained (up to 64 KiB) and closed so its connection is reused. RetryPolicy.OnRetry and
// a debug log line (WithLogger) see each retry.
//
// # Errors
//
// A final status >= 400 is returned as *APIError (always a pointer) with
// the status, method, URL (never credentials), the code and message decoded
// from any of the vendors' error bodies (Zendesk classic, JSON:API and
// OAuth shapes, the game server's {"message"}; text and HTML are kept as
// text), the request id, RetryAfter, the number of attempts, the rate-limit
// state, the response header and the first 64 KiB of the body.
// errors.Is(err, ErrNotFound) and the other sentinels match by status;
// every 5xx matches ErrServer. A success body that does not decode is a
// *DecodeError; one larger than the limit (32 MiB, WithMaxResponseBytes)
// gives a *ResponseTooLargeError. Context errors are wrapped with %w, so
// errors.Is(err, context.DeadlineExceeded) works. Bad arguments and
// options fail before any request with an *InvalidArgumentError matching
// ErrInvalidArgument.
//
// # Pagination
//
// A Pager does no I/O until iterated. All yields items, Pages yields pages
// with their cursors and rate-limit headers, and Collect gathers
// everything. Iteration fetches one page at a time, without goroutines;
// breaking out of the loop stops fetching; an error is yielded once and ends
// the loop; a cursor the API repeats ends it with ErrRepeatedCursor instead
// of looping forever; iterating again starts over. The pager takes a fetch
// function, so both cursor pagination (Zendesk) and page numbers (the game
// server, cursor = decimal page number) plug in.
//
// # Security
//
// Credentials live in Authenticators and Secret values, which print as
// [REDACTED] with every fmt verb and in slog output; engines, options and
// errors print without them. http:// base URLs are refused for hosts that
// are not loopback unless WithInsecureHTTP is given, and base URLs with
// userinfo are refused. Each engine has its own HTTP client
// (DefaultHTTPClient), never http.DefaultClient.
package core
