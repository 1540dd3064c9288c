// Package contract holds sessionkit's spec-driven contract suite; it has no
// code of its own outside its tests.
//
// The suite proves that the wrappers (wrapper/zendesk, wrapper/gameserver),
// the hand-written specs (openapi/*.yaml) and the in-memory servers
// (api/zendesktest, api/gameservertest) agree:
//
//   - TestEveryOperationIsCovered walks every operation of both specs and
//     fails if one lacks a contract case or a wrapper method, so adding an
//     operation to a spec without covering it breaks the build.
//   - TestInProcess runs every case against the api/ servers, which validate
//     each request and response against the spec. On the success path the
//     value the wrapper returns is compared (cmp.Diff) with what the
//     server's state says it must be, and for a write the server's end
//     state with what the call should have left; then every error status
//     the spec documents for that operation is injected, and the typed
//     error the wrapper returns is checked.
//   - TestPrism (build tag "prism", run by "make contract" and so by
//     "make test") runs the same cases against Prism mocks started from the
//     specs — an implementation that is not ours — asking for each documented
//     status with Prism's "Prefer: code=" header, and fails on any request
//     Prism flags as violating the spec.
//   - TestLive (build tag "live", run by "make contract-live", never by
//     "make test") sends the cases to the real services named by the
//     SESSIONKIT_LIVE_* variables — reads only, unless writes are enabled,
//     and then deleting what it created however the run ends — and reports,
//     per operation, the status, what was decoded and checked, the headers,
//     and every field of the answer the spec does not know. The
//     TestLiveRun* tests run the same code against the api/ servers.
package contract
