// Package apitest holds the types both in-memory test servers share: the
// Fault a test injects into a server's answers and the Request its request
// log keeps. zendesktest and gameservertest re-export them under the same
// names, so a test rarely imports this package; go doc shows every field:
//
//	go doc github.com/sessionkit/sessions/api/apitest Fault
package apitest
