package main

import (
	"context"

	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

func main() {
	zc, _ := zendesk.NewClient("acme", zendesk.WithRetry(zendesk.RetryPolicy{}), zendesk.WithAPIToken("a@example.com", "t"))
	_, _ = zc.Sessions.Get(context.Background(), 1, 2, zendesk.WithRetry(zendesk.RetryPolicy{}))
	gc, _ := gameserver.NewClient(gameserver.WithoutRetries(), gameserver.WithAPIToken("k"))
	_, _ = gc.Sessions.Create(context.Background(), nil, gameserver.WithWaitReady(), gameserver.WithoutRetries())
	_, _ = gc.Sessions.WaitReady(context.Background(), "id", gameserver.WithPollInterval(1, 2))
}
