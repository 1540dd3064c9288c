package main

import (
	"github.com/sessionkit/sessions/wrapper/gameserver"
	"github.com/sessionkit/sessions/wrapper/zendesk"
)

func main() {
	_, _ = gameserver.NewClient(zendesk.WithAPIToken("a@example.com", "t"))
}
