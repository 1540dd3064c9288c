package gameserver

import (
	"encoding/json"
	"reflect"
	"strconv"
)

// The bodies of the API's answers as the client decodes them, in one pass,
// before convert.go turns them into the package's own types. Every answer
// decodes into a type of this file, never into a generated model or an
// exported type: the exported types carry no JSON tags.
//
// Fields are plain values where the API's absent, null and zero mean the
// same to the client, so that decoding allocates no pointer per optional
// field as the generated models do (get-session is the hot path: WaitReady
// polls it). Presence stays visible only where it matters: the deployment
// (linked or not), a user's coordinates (optFloat) and the pagination.
// TestWireMatchesGenerated keeps every type here in step with the spec's
// generated models: same JSON names, same types less the pointers.

// wireSession is a get-session body (the spec's SessionGet); webhook
// bodies decode into it too.
type wireSession struct {
	SessionID    string          `json:"session_id"`
	CustomID     string          `json:"custom_id"`
	Status       string          `json:"status"`
	Ready        bool            `json:"ready"`
	Linked       bool            `json:"linked"`
	Kind         string          `json:"kind"`
	UserCount    int             `json:"user_count"`
	AppVersion   int64           `json:"app_version"`
	CreateTime   string          `json:"create_time"`
	Elapsed      int             `json:"elapsed"`
	Error        string          `json:"error"`
	WebhookURL   string          `json:"webhook_url"`
	SessionUsers []wireUser      `json:"session_users"`
	SessionIPs   []wireUser      `json:"session_ips"`
	Deployment   *wireDeployment `json:"deployment"`
}

// wireUser is a SessionUser.
type wireUser struct {
	IP        string   `json:"ip"`
	Latitude  optFloat `json:"latitude"`
	Longitude optFloat `json:"longitude"`
}

// wireDeployment is a Deployment.
type wireDeployment struct {
	RequestID          string                  `json:"request_id"`
	PublicIP           string                  `json:"public_ip"`
	Status             string                  `json:"status"`
	FQDN               string                  `json:"fqdn"`
	Ready              bool                    `json:"ready"`
	WhitelistingActive bool                    `json:"whitelisting_active"`
	Ports              map[string]*wirePort    `json:"ports"`
	Location           *wireDeploymentLocation `json:"location"`
	Tags               []string                `json:"tags"`
	Sockets            int                     `json:"sockets"`
	SocketsUsage       int                     `json:"sockets_usage"`
	JoinableBySession  bool                    `json:"is_joinable_by_session"`
}

// wirePort is a PortMapping; it converts to Port as is. The ports map
// holds pointers: its buckets then hold 8 bytes a slot instead of a whole
// port, and the converter copies the ports into a map of Port anyway.
type wirePort struct {
	External   int    `json:"external"`
	Internal   int    `json:"internal"`
	Protocol   string `json:"protocol"`
	Name       string `json:"name"`
	Link       string `json:"link"`
	TLSUpgrade bool   `json:"tls_upgrade"`
	Proxy      int    `json:"proxy"`
}

// wireDeploymentLocation is a DeploymentLocation; it converts to the
// exported DeploymentLocation as is.
type wireDeploymentLocation struct {
	City                   string  `json:"city"`
	Country                string  `json:"country"`
	Continent              string  `json:"continent"`
	AdministrativeDivision string  `json:"administrative_division"`
	Timezone               string  `json:"timezone"`
	Latitude               float64 `json:"latitude"`
	Longitude              float64 `json:"longitude"`
}

// wireSessions is a list-sessions body (the spec's Sessions).
type wireSessions struct {
	Data       []wireContext   `json:"data"`
	TotalCount int             `json:"total_count"`
	Pagination *wirePagination `json:"pagination"`
}

// wireContext is a SessionContext; it converts to SessionSummary as is.
type wireContext struct {
	ID                  string `json:"session_id"`
	CustomID            string `json:"custom_id"`
	Status              string `json:"status"`
	Kind                string `json:"kind"`
	Ready               bool   `json:"ready"`
	Linked              bool   `json:"linked"`
	UserCount           int    `json:"user_count"`
	DeploymentRequestID string `json:"deployment_request_id"`
	WebhookURL          string `json:"webhook_url"`
}

// wirePagination is a Pagination; the page numbers are null at the ends.
type wirePagination struct {
	Number             *int           `json:"number"`
	NextPageNumber     *int           `json:"next_page_number"`
	PreviousPageNumber *int           `json:"previous_page_number"`
	HasNext            *bool          `json:"has_next"`
	HasPrevious        bool           `json:"has_previous"`
	Paginator          *wirePaginator `json:"paginator"`
}

// wirePaginator is a Paginator.
type wirePaginator struct {
	NumPages int `json:"num_pages"`
}

// wireCreated is a session-post body (the spec's SessionRequest).
type wireCreated struct {
	SessionID           string         `json:"session_id"`
	CustomID            string         `json:"custom_id"`
	App                 string         `json:"app"`
	Version             string         `json:"version"`
	DeploymentRequestID string         `json:"deployment_request_id"`
	WebhookURL          string         `json:"webhook_url"`
	Selectors           []wireSelector `json:"selectors"`
}

// wireSelector is a SelectorModel.
type wireSelector struct {
	Tag     string           `json:"tag"`
	TagOnly bool             `json:"tag_only"`
	Env     *wireSelectorEnv `json:"env"`
}

// wireSelectorEnv is a SelectorEnvModel; it converts to SelectorEnv as is.
type wireSelectorEnv struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// wireDeleted is a session-delete body (the spec's SessionDelete).
type wireDeleted struct {
	Message   string `json:"message"`
	SessionID string `json:"session_id"`
	CustomID  string `json:"custom_id"`
}

// wireUsers is the body of the three users operations (the spec's
// SessionUserContext).
type wireUsers struct {
	SessionUsers []wireUser `json:"session_users"`
}

// wireBulkStop is a sessions-bulk-stop body (the spec's
// SessionBulkStopResponse).
type wireBulkStop struct {
	Processable []wireProcessable `json:"processable"`
}

// wireProcessable is a SessionBulkStopProcessable.
type wireProcessable struct {
	SessionID string `json:"session_id"`
}

// optFloat is a number whose presence counts: a user's coordinate. It
// decodes without allocating, unlike a *float64; null is absent.
type optFloat struct {
	v   float64
	set bool
}

// UnmarshalJSON reads a JSON number or null; anything else is a
// *json.UnmarshalTypeError, which encoding/json names the field of.
func (f *optFloat) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*f = optFloat{}
		return nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return &json.UnmarshalTypeError{Value: jsonKindOf(b), Type: reflect.TypeFor[float64]()}
	}
	*f = optFloat{v: v, set: true}
	return nil
}

// JSONKind tells the regeneration guard what optFloat stands for.
func (optFloat) JSONKind() reflect.Kind { return reflect.Float64 }

// jsonKindOf names the kind of the JSON value b, for an error.
func jsonKindOf(b []byte) string {
	switch b[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	}
	return "number " + string(b)
}
