package main

import (
	"context"

	"github.com/sessionkit/sessions/wrapper/gameserver"
)

func main() {
	gc, _ := gameserver.NewClient()
	_, _ = gc.Sessions.WaitReady(context.Background(), "id", gameserver.WithRetryNonIdempotent())
}
