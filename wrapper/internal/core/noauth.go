package core

import "net/http"

// NoAuth makes a call send no credentials, whatever the client's: for a
// request that carries its own, such as a token endpoint's, whose client
// secret is in the body. A credential that mints its tokens through the
// client's engine sends its token request this way, so that minting never
// calls the credential itself.
func NoAuth() *Opt {
	return newOpt("WithoutAuth()", func(c *config) error {
		c.auth, c.authName = nil, ""
		return nil
	})
}

// RequestInvalidator is an Invalidator that is also told which request the
// server refused, with the credentials it carried: of many calls refused
// at once with the same token, only the first needs to drop it, and the
// others go again with the token that call minted. The engine calls
// InvalidateRequest instead of Invalidate when the credentials have it.
type RequestInvalidator interface {
	Invalidator
	InvalidateRequest(req *http.Request, err error) bool
}

// invalidate asks a's credentials, when they can re-mint, whether the call
// refused with err (a 401 *APIError) should go once more.
func invalidate(a Authenticator, req *http.Request, err error) bool {
	switch inv := a.(type) {
	case RequestInvalidator:
		return inv.InvalidateRequest(req, err)
	case Invalidator:
		return inv.Invalidate(err)
	}
	return false
}
