package main

import (
	"context"

	"github.com/sessionkit/sessions/wrapper/zendesk"
)

func main() {
	zc, _ := zendesk.NewClient("acme")
	_, _ = zc.Sessions.Current(context.Background(), zendesk.WithClientCredentials("id", "secret"))
}
