package main

import "github.com/sessionkit/sessions/wrapper/gameserver"

func main() {
	var info gameserver.ResponseInfo
	_, _ = gameserver.NewClient(gameserver.WithResponseInfo(&info))
}
