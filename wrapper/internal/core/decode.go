package core

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// maxExcerpt bounds DecodeError.Excerpt.
const maxExcerpt = 512

// DecodeJSON decodes a success response's JSON body into v and closes the
// body. A response straight from Engine.Do is already size-limited; any
// other body is read through the default 32 MiB limit. A body that is not
// valid JSON for v gives a *DecodeError (with the status, content type and
// an excerpt); a body over the limit gives an error wrapping
// *ResponseTooLargeError. A response with status >= 400 gives its
// *APIError, so DecodeJSON is also safe on responses that did not come from
// an Engine. An empty body is a *DecodeError. A nil v reads and discards
// the body.
func DecodeJSON(resp *http.Response, v any) error {
	if resp == nil {
		return InvalidArgument("response", "must not be nil")
	}
	if resp.StatusCode >= 400 {
		return NewAPIError(resp)
	}
	if resp.Body == nil {
		return &DecodeError{StatusCode: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Err: errors.New("no body")}
	}
	body := resp.Body
	if _, limited := body.(*limitedBody); !limited {
		body = newLimitedBody(body, DefaultMaxResponseBytes)
	}
	data, err := io.ReadAll(body)
	_ = body.Close() // read to the end or failed: a close error adds nothing
	if err != nil {
		return fmt.Errorf("sessions: reading %d response: %w", resp.StatusCode, err)
	}
	if v == nil {
		return nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return &DecodeError{
			StatusCode:  resp.StatusCode,
			ContentType: resp.Header.Get("Content-Type"),
			Excerpt:     excerpt(data, maxExcerpt),
			Err:         err,
		}
	}
	return nil
}

// Discard drains (at most 64 KiB) and closes a response body, so the
// connection can be reused. Use it for responses without a useful body
// (204 No Content). A nil response or body is fine.
func Discard(resp *http.Response) {
	if resp == nil || resp.Body == nil {
		return
	}
	_ = drainAndClose(resp.Body)
}
