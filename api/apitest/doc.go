// Package apitest holds the types that both in-memory test servers,
// zendesktest and gameservertest, share: the Fault a test injects into a
// server's answers and the Request its request log keeps. Each server
// package re-exports them under the same names (zendesktest.Fault is
// apitest.Fault), so a test rarely imports this package; go doc shows
// every field here:
//
//	go doc github.com/sessionkit/sessions/api/apitest Fault
package apitest
