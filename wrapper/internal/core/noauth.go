package core

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
