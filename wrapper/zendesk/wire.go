package zendesk

// The bodies of Zendesk's answers as the client decodes them, in one pass,
// before convert.go turns them into the package's own types. Every answer
// decodes into a type of this file, never into a generated model or an
// exported type: the exported types carry no JSON tags. Every key is
// optional on the wire and the optional ones are nullable, so fields are
// plain values (null and absent read as zero) except where presence
// counts (meta.has_more). TestWireMatchesGenerated keeps every type here
// in step with the spec's generated models.

// wireSession is a Session object.
type wireSession struct {
	ID              int64  `json:"id"`
	UserID          int64  `json:"user_id"`
	AuthenticatedAt string `json:"authenticated_at"`
	LastSeenAt      string `json:"last_seen_at"`
	URL             string `json:"url"`
}

// wireSessionResponse is a SessionResponse whose "session" is an object,
// as the live API sends it.
type wireSessionResponse struct {
	Session *wireSession `json:"session"`
}

// wireSessionArray is a SessionResponse whose "session" is an array whose
// first element is the session, as the vendor's docs show it.
type wireSessionArray struct {
	Session []wireSession `json:"session"`
}

// wireSessions is a SessionsResponse: the sessions with the cursor
// envelope (meta, links) or the offset one (next_page, previous_page,
// count).
type wireSessions struct {
	Sessions     []wireSession `json:"sessions"`
	Meta         *wireMeta     `json:"meta"`
	Links        *wireLinks    `json:"links"`
	NextPage     string        `json:"next_page"`
	PreviousPage string        `json:"previous_page"`
	Count        int           `json:"count"`
}

// wireMeta is a CursorMeta.
type wireMeta struct {
	HasMore      *bool  `json:"has_more"`
	AfterCursor  string `json:"after_cursor"`
	BeforeCursor string `json:"before_cursor"`
}

// wireLinks is a CursorLinks.
type wireLinks struct {
	Next string `json:"next"`
	Prev string `json:"prev"`
}

// wireRenew is a RenewSessionResponse.
type wireRenew struct {
	AuthenticityToken string `json:"authenticity_token"`
}

// wireToken is an OAuthTokenResponse, the token endpoint's answer.
type wireToken struct {
	AccessToken           string `json:"access_token"`
	TokenType             string `json:"token_type"`
	Scope                 string `json:"scope"`
	ExpiresIn             int    `json:"expires_in"`
	RefreshToken          string `json:"refresh_token"`
	RefreshTokenExpiresIn int    `json:"refresh_token_expires_in"`
}
