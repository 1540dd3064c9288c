package main

import (
	"context"

	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

func main() {
	gc, _ := gameserver.NewClient()
	_, _ = gc.Sessions.Get(context.Background(), "id", zendesk.WithoutRetries())
}
