//go:build prism

package contract_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sessionkit/sessions/wrapper/gameserver"
)

// TestPrismVendorAnswers has a Prism mock of the game-server spec give the
// answers the vendor documents and earlier rounds did not model, and
// compares what the wrapper returns with what each answer holds:
//   - list-sessions answered with the vendor's own documented example
//     (the spec's example vendorDocs, page numbers that make no sense)
//     yields the example's session, then an error naming the page, after
//     one request;
//   - session-post answered 404, 422 and 500 (listed by the vendor's
//     current reference) is an *APIError with the answer's status and
//     message, matching the status's sentinel.
func TestPrismVendorAnswers(t *testing.T) {
	p := startPrism(t, gameSpec)
	doc := loadSpec(t, gameSpec)
	ctx := context.Background()

	t.Run("list-sessions vendorDocs", func(t *testing.T) {
		ex := doc.Paths.Find("/v1/sessions").Get.Responses.Status(200).Value.Content.Get("application/json").Examples["vendorDocs"].Value.Value.(map[string]any)
		var want []gameserver.SessionSummary
		for _, d := range ex["data"].([]any) {
			s := d.(map[string]any)
			want = append(want, gameserver.SessionSummary{
				ID: s["session_id"].(string), CustomID: s["custom_id"].(string), Status: s["status"].(string),
				Kind: s["kind"].(string), Ready: s["ready"].(bool), Linked: s["linked"].(bool),
				UserCount: int(s["user_count"].(float64)), DeploymentRequestID: s["deployment_request_id"].(string),
				WebhookURL: s["webhook_url"].(string),
			})
		}
		cl := prismClients(t, gameSpec, p)
		got, err := cl.game.Sessions.List(nil, gameserver.WithHeader("Prefer", "example=vendorDocs")).Collect(ctx)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("sessions (-the example's +got):\n%s", diff)
		}
		pg := ex["pagination"].(map[string]any)
		naming := fmt.Sprintf("page 1: cannot decode 200 response (application/json): pagination.next_page_number is %v after page 1", pg["next_page_number"])
		if _, ok := errors.AsType[*gameserver.DecodeError](err); !ok || !strings.Contains(err.Error(), naming) {
			t.Errorf("err = %v, want a *DecodeError containing %q", err, naming)
		}
	})

	post := doc.Paths.Find("/v1/session").Post
	for _, status := range []int{404, 422, 500} {
		t.Run(fmt.Sprintf("session-post %d", status), func(t *testing.T) {
			resp := post.Responses.Status(status)
			if resp == nil {
				t.Fatalf("the spec does not declare %d on session-post", status)
			}
			message := resp.Value.Content.Get("application/json").Example.(map[string]any)["message"].(string)
			cl := prismClients(t, gameSpec, p)
			_, err := cl.game.Sessions.Create(ctx, &gameserver.CreateRequest{AppName: prismFixture.gApp, IPList: []string{"198.51.100.1"}},
				gameserver.WithHeader("Prefer", fmt.Sprintf("code=%d", status)), gameserver.WithoutRetries())
			e, ok := errors.AsType[*gameserver.APIError](err)
			if !ok {
				t.Fatalf("err = %v (%T), want an *APIError", err, err)
			}
			if diff := cmp.Diff(fmt.Sprint(status, " ", message), fmt.Sprint(e.StatusCode, " ", e.Message)); diff != "" {
				t.Errorf("status and message (-the answer's +got):\n%s", diff)
			}
			if want := sentinelFor(status); !errors.Is(err, want) {
				t.Errorf("errors.Is(%v, %v) = false", err, want)
			}
		})
	}
}
