// Package bench measures the wrappers against the floor: hand-written
// net/http + encoding/json talking to the same loopback server in the same
// process. It backs `make bench` (through internal/cmd/benchreport) and
// BENCHMARKS.md, and is not part of `make test` beyond a check that every
// contender really does its work.
//
// Each measurement has a floor and the contenders compared to it:
//
//   - per call, every single-object operation of both APIs (Ops): the
//     floor and the wrapper, and a peer where one is given (benchreport
//     gives go-retryablehttp), in time and allocations per call;
//   - listing 10,000 and 100,000 Zendesk sessions: a hand-written cursor
//     loop and the wrapper's Pager, in time and peak heap;
//   - 64 goroutines sharing one client, in throughput, with the floor on
//     the same transport settings as the wrapper's default client;
//   - 1,000 mixed calls, in connections opened;
//   - the validated round trips per second of both test servers
//     (api/zendesktest, api/gameservertest) on one core, with the share of
//     CPU spent in request and response validation from a CPU profile.
//
// The loopback server writes fixed bytes, so the numbers measure the
// clients, not the server. Every contender runs once per round, rounds
// interleaved, and each ratio is taken within a round: the report gives
// the median and the range of the rounds. Absolute figures depend on the
// machine.
package bench
