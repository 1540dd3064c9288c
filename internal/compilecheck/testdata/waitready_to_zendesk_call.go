package main

import (
	"context"

	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

func main() {
	zc, _ := zendesk.NewClient("acme")
	_, _ = zc.Sessions.Get(context.Background(), 1, 2, gameserver.WithWaitReady())
}
