package gameserver

import (
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
)

// redactedText is what a token-bearing part of a webhook URL prints as.
const redactedText = "[REDACTED]"

// redactWebhookURL renders a webhook URL without the parts that can carry
// its token: the userinfo, every query value (and a query key that is long
// or has no value), the fragment, the last path segment (where
// WithWebhookToken reads it) and any long one; long is minWebhookTokenLen
// or more. What is left says which receiver the URL names. A URL that does
// not parse prints as [REDACTED].
func redactWebhookURL(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return redactedText
	}
	var b strings.Builder
	if u.Scheme != "" {
		b.WriteString(u.Scheme + ":")
	}
	if u.Opaque != "" {
		// "user:token@host" without "//" parses as an opaque URL.
		b.WriteString(redactedText)
		return b.String()
	}
	if u.Host != "" || u.User != nil {
		b.WriteString("//")
		if u.User != nil {
			b.WriteString(redactedText + "@")
		}
		b.WriteString(u.Host)
	}
	segments := strings.Split(u.EscapedPath(), "/")
	for i, seg := range segments {
		if i > 0 {
			b.WriteByte('/')
		}
		if seg != "" && (i == len(segments)-1 || len(seg) >= minWebhookTokenLen) {
			seg = redactedText
		}
		b.WriteString(seg)
	}
	if u.RawQuery != "" || u.ForceQuery {
		b.WriteByte('?')
		for i, pair := range strings.Split(u.RawQuery, "&") {
			if i > 0 {
				b.WriteByte('&')
			}
			key, value, hasValue := strings.Cut(pair, "=")
			if len(key) >= minWebhookTokenLen || (!hasValue && key != "") {
				b.WriteString(redactedText)
			} else if hasValue && value != "" {
				b.WriteString(key + "=" + redactedText)
			} else {
				b.WriteString(pair)
			}
		}
	}
	if u.Fragment != "" {
		b.WriteString("#" + redactedText)
	}
	return b.String()
}

// printRedacted writes v — a method-free copy of a value of the type
// called name, its webhook URLs already redacted — as f's verb and flags
// ask; %#v names the type name, not the copy's.
func printRedacted(f fmt.State, verb rune, v any, name string) {
	s := fmt.Sprintf(fmt.FormatString(f, verb), v)
	if verb == 'v' && f.Flag('#') {
		if _, fields, ok := strings.Cut(s, "{"); ok {
			s = name + "{" + fields
		}
	}
	_, _ = io.WriteString(f, s)
}

// logValue is how slog prints a value holding a webhook URL: as %+v does.
func logValue(v fmt.Formatter) slog.Value { return slog.StringValue(fmt.Sprintf("%+v", v)) }

// Format prints the session as fmt would, every verb and flag alike,
// except that WebhookURL shows only what names the receiver: its token (see
// redactWebhookURL) is [REDACTED]. encoding/json still encodes the URL
// whole: it is data.
func (s Session) Format(f fmt.State, verb rune) {
	type session Session // no methods: printed field by field
	c := session(s)
	c.WebhookURL = redactWebhookURL(s.WebhookURL)
	printRedacted(f, verb, c, "gameserver.Session")
}

// LogValue makes slog print the session as %+v does.
func (s Session) LogValue() slog.Value { return logValue(s) }

// Format prints the summary as Session.Format does.
func (s SessionSummary) Format(f fmt.State, verb rune) {
	type summary SessionSummary
	c := summary(s)
	c.WebhookURL = redactWebhookURL(s.WebhookURL)
	printRedacted(f, verb, c, "gameserver.SessionSummary")
}

// LogValue makes slog print the summary as %+v does.
func (s SessionSummary) LogValue() slog.Value { return logValue(s) }

// Format prints the created session as Session.Format does.
func (c CreatedSession) Format(f fmt.State, verb rune) {
	type created CreatedSession
	p := created(c)
	p.WebhookURL = redactWebhookURL(c.WebhookURL)
	printRedacted(f, verb, p, "gameserver.CreatedSession")
}

// LogValue makes slog print the created session as %+v does.
func (c CreatedSession) LogValue() slog.Value { return logValue(c) }

// Format prints the request as Session.Format does.
func (r CreateRequest) Format(f fmt.State, verb rune) {
	type request CreateRequest
	p := request(r)
	p.WebhookURL = redactWebhookURL(r.WebhookURL)
	printRedacted(f, verb, p, "gameserver.CreateRequest")
}

// LogValue makes slog print the request as %+v does.
func (r CreateRequest) LogValue() slog.Value { return logValue(r) }

// Format prints the event as Session.Format does, its Body as its length.
func (e SessionEvent) Format(f fmt.State, verb rune) {
	type event struct {
		Session             Session
		DeploymentRequestID string
		Full                bool
		Body                redactedBody
	}
	printRedacted(f, verb, event{e.Session, e.DeploymentRequestID, e.Full, redactedBody(len(e.Body))}, "gameserver.SessionEvent")
}

// LogValue makes slog print the event as %+v does.
func (e SessionEvent) LogValue() slog.Value { return logValue(e) }

// redactedBody is a webhook body printed as its length.
type redactedBody int

// Format writes e.g. "[REDACTED 312 bytes]" for every verb.
func (b redactedBody) Format(f fmt.State, _ rune) {
	_, _ = fmt.Fprintf(f, "[REDACTED %d bytes]", int(b))
}
