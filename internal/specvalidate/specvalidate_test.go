package specvalidate_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/internal/specvalidate"
	"github.com/sessionkit/sessions/openapi"
)

// spec describes one hand-written document and what it must always contain.
type spec struct {
	path string
	// ops are the operations the spec must keep, as "METHOD /path": every
	// session operation of the vendor's API, and for Zendesk also the OAuth
	// token endpoint the client-credentials grant mints through; a spec
	// that loses one fails TestOperations.
	ops []string
	// required lists, per component schema, the properties every body of
	// that schema carries on the wire (the vendors document them as always
	// present); a spec that drops one (or the schema) fails
	// TestRequiredFields.
	required map[string][]string
}

var specs = []spec{
	{
		path: "../../openapi/zendesk-sessions.yaml",
		ops: []string{
			"DELETE /api/v2/users/me/logout",
			"DELETE /api/v2/users/{user_id}/sessions",
			"DELETE /api/v2/users/{user_id}/sessions/{session_id}",
			"GET /api/v2/sessions",
			"GET /api/v2/users/me/session",
			"GET /api/v2/users/me/session/renew",
			"GET /api/v2/users/search",
			"GET /api/v2/users/{user_id}/sessions",
			"GET /api/v2/users/{user_id}/sessions/{session_id}",
			"POST /oauth/tokens",
		},
		required: map[string][]string{
			"Session":            {"id"},
			"OAuthTokenRequest":  {"grant_type", "client_id", "client_secret"},
			"OAuthTokenResponse": {"access_token", "token_type"},
			"OAuthError":         {"error"},
		},
	},
	{
		path: "../../openapi/gameserver-sessions.yaml",
		ops: []string{
			"DELETE /v1/session/{session_id}",
			"DELETE /v1/session/{session_id}/users",
			"GET /v1/session/{session_id}",
			"GET /v1/session/{session_id}/users",
			"GET /v1/sessions",
			"POST /v1/session",
			"POST /v1/sessions/bulk-stop",
			"PUT /v1/session/{session_id}/users",
		},
		required: map[string][]string{
			"SessionModel":                  {"app_name"},
			"GeoIpListModel":                {"ip", "latitude", "longitude"},
			"LocationModel":                 {"latitude", "longitude"},
			"SelectorModel":                 {"tag"},
			"SelectorEnvModel":              {"key", "value"},
			"SessionFilterModel":            {"field", "values", "filter_type"},
			"SessionRequest":                {"session_id", "app", "version"},
			"SessionGet":                    {"session_id", "status", "ready", "linked", "kind", "user_count", "app_version", "create_time", "elapsed"},
			"SessionUser":                   {"ip"},
			"Deployment":                    {"request_id", "public_ip", "status", "ready", "whitelisting_active", "fqdn"},
			"DeploymentLocation":            {"city", "country", "continent", "administrative_division", "timezone", "latitude", "longitude"},
			"SessionContext":                {"session_id", "status", "ready", "linked", "kind", "user_count"},
			"SessionUserContext":            {"session_users"},
			"PatchSessionModel":             {"ip_list"},
			"SessionDelete":                 {"message", "session_id"},
			"SessionBulkStopPayload":        {"filters"},
			"SessionBulkStopFiltersPayload": {"field", "values", "filter_type"},
			"SessionBulkStopResponse":       {"processable"},
			"Error":                         {"message"},
		},
	},
}

func load(t *testing.T, path string) *openapi3.T {
	t.Helper()
	doc, err := specvalidate.Load(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// missingOps returns the wanted operations doc does not have.
func missingOps(doc *openapi3.T, want []string) []string {
	have := specvalidate.Keys(doc)
	var missing []string
	for _, k := range want {
		if !slices.Contains(have, k) {
			missing = append(missing, k)
		}
	}
	return missing
}

// requiredProblems reports every schema or required property of want that doc lacks.
func requiredProblems(doc *openapi3.T, want map[string][]string) []string {
	var problems []string
	for name, props := range want {
		ref := doc.Components.Schemas[name]
		if ref == nil || ref.Value == nil {
			problems = append(problems, "schema "+name+" is missing")
			continue
		}
		for _, p := range props {
			if !slices.Contains(ref.Value.Required, p) {
				problems = append(problems, fmt.Sprintf("%s.%s is not required", name, p))
			}
			if ref.Value.Properties[p] == nil {
				problems = append(problems, fmt.Sprintf("%s.%s is not a property", name, p))
			}
		}
	}
	slices.Sort(problems)
	return problems
}

func TestSpecsValid(t *testing.T) {
	for _, s := range specs {
		t.Run(s.path, func(t *testing.T) {
			if err := specvalidate.File(context.Background(), s.path); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestOperations(t *testing.T) {
	total := 0
	for _, s := range specs {
		doc := load(t, s.path)
		if m := missingOps(doc, s.ops); len(m) > 0 {
			t.Errorf("%s lost operations: %v", s.path, m)
		}
		if diff := cmp.Diff(s.ops, specvalidate.Keys(doc)); diff != "" {
			t.Errorf("%s operations (-want +got):\n%s", s.path, diff)
		}
		total += len(s.ops)
	}
	if total != 18 {
		t.Errorf("the seeds, ListUserSessions, SearchUsers and CreateOAuthToken are 18 operations, the table holds %d", total)
	}
}

func TestRequiredFields(t *testing.T) {
	for _, s := range specs {
		doc := load(t, s.path)
		if p := requiredProblems(doc, s.required); len(p) > 0 {
			t.Errorf("%s:\n%s", s.path, strings.Join(p, "\n"))
		}
	}
}

// TestChecksCatchBreakage breaks a loaded spec in memory in each way the
// checks above guard against, and proves that each break is reported.
func TestChecksCatchBreakage(t *testing.T) {
	ctx := context.Background()
	for _, s := range specs {
		t.Run(s.path, func(t *testing.T) {
			t.Run("operation removed", func(t *testing.T) {
				doc := load(t, s.path)
				victim := s.ops[0]
				method, path, _ := strings.Cut(victim, " ")
				doc.Paths.Value(path).SetOperation(method, nil)
				if diff := cmp.Diff([]string{victim}, missingOps(doc, s.ops)); diff != "" {
					t.Errorf("missingOps (-want +got):\n%s", diff)
				}
			})
			for name, props := range s.required {
				t.Run("required dropped from "+name, func(t *testing.T) {
					doc := load(t, s.path)
					sch := doc.Components.Schemas[name].Value
					sch.Required = slices.DeleteFunc(slices.Clone(sch.Required), func(p string) bool { return p == props[0] })
					want := []string{fmt.Sprintf("%s.%s is not required", name, props[0])}
					if diff := cmp.Diff(want, requiredProblems(doc, s.required)); diff != "" {
						t.Errorf("requiredProblems (-want +got):\n%s", diff)
					}
				})
			}
			t.Run("example missing a required field", func(t *testing.T) {
				doc := load(t, s.path)
				name, sch := firstObjectWithRequired(doc)
				sch.Example = map[string]any{}
				err := specvalidate.Check(ctx, s.path, doc)
				if err == nil {
					t.Fatalf("an empty example of %s passed validation", name)
				}
				t.Logf("rejected as expected: %v", err)
			})
			t.Run("example of the wrong type", func(t *testing.T) {
				doc := load(t, s.path)
				name, sch := firstObjectWithRequired(doc)
				sch.Example = []any{"not", "an", "object"}
				if err := specvalidate.Check(ctx, s.path, doc); err == nil {
					t.Fatalf("an array example of object %s passed validation", name)
				}
			})
			t.Run("response example removed", func(t *testing.T) {
				doc := load(t, s.path)
				removed := stripExamples(doc)
				if removed == "" {
					t.Fatal("the spec has no 200 response with a body")
				}
				err := specvalidate.Check(ctx, s.path, doc)
				if err == nil || !strings.Contains(err.Error(), "has no example") {
					t.Fatalf("removing the examples of %s: got %v, want a 'has no example' error", removed, err)
				}
			})
		})
	}
}

// firstObjectWithRequired returns the alphabetically first component schema
// that is an object with required properties.
func firstObjectWithRequired(doc *openapi3.T) (string, *openapi3.Schema) {
	names := make([]string, 0, len(doc.Components.Schemas))
	for n := range doc.Components.Schemas {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if v := doc.Components.Schemas[n].Value; v != nil && len(v.Required) > 0 {
			return n, v
		}
	}
	return "", nil
}

// stripExamples removes every example from the first success response with a
// body and returns "METHOD /path" of that operation.
func stripExamples(doc *openapi3.T) string {
	for _, op := range specvalidate.Operations(doc) {
		ref := op.Operation.Responses.Value("200")
		if ref == nil || ref.Value == nil || len(ref.Value.Content) == 0 {
			continue
		}
		// Responses may be shared components: give this operation its own copy.
		resp := *ref.Value
		resp.Content = openapi3.Content{}
		for ct, m := range ref.Value.Content {
			mc := *m
			mc.Example, mc.Examples = nil, nil
			if mc.Schema != nil && mc.Schema.Value != nil && mc.Schema.Value.Example != nil {
				sc := *mc.Schema.Value
				sc.Example = nil
				mc.Schema = &openapi3.SchemaRef{Value: &sc}
			}
			resp.Content[ct] = &mc
		}
		op.Operation.Responses.Set("200", &openapi3.ResponseRef{Value: &resp})
		return op.Key
	}
	return ""
}

// TestEmbeddedDocuments checks the documents package openapi embeds — the
// ones the test servers and the contract suite load — the same way as the
// files, and that a document that does not parse is an error naming it.
func TestEmbeddedDocuments(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{openapi.ZendeskFile, openapi.Zendesk()},
		{openapi.GameserverFile, openapi.Gameserver()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := specvalidate.LoadData(context.Background(), tt.name, tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if err := specvalidate.Check(context.Background(), tt.name, doc); err != nil {
				t.Fatal(err)
			}
		})
	}
	_, err := specvalidate.LoadData(context.Background(), "broken.yaml", []byte("openapi: [3.0.3\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "broken.yaml: load: ") {
		t.Fatalf("LoadData of a broken document: error %v, want one starting with %q", err, "broken.yaml: load: ")
	}
}
