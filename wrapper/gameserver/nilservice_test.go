package gameserver_test

import (
	"context"
	"errors"
	"testing"

	"github.com/sessionkit/sessions/wrapper/gameserver"
)

// TestUninitialisedService calls every method on a nil service and on the
// service of a zero Client: each fails with ErrInvalidArgument, none panics.
func TestUninitialisedService(t *testing.T) {
	ctx := context.Background()
	calls := map[string]func(s *gameserver.SessionsService) error{
		"Create": func(s *gameserver.SessionsService) error {
			_, err := s.Create(ctx, &gameserver.CreateRequest{AppName: "a", IPList: []string{"1.2.3.4"}})
			return err
		},
		"Get":            func(s *gameserver.SessionsService) error { _, err := s.Get(ctx, "id"); return err },
		"Delete":         func(s *gameserver.SessionsService) error { _, err := s.Delete(ctx, "id"); return err },
		"DeleteIfExists": func(s *gameserver.SessionsService) error { _, err := s.DeleteIfExists(ctx, "id"); return err },
		"List":           func(s *gameserver.SessionsService) error { _, err := s.List(nil).Collect(ctx); return err },
		"Users":          func(s *gameserver.SessionsService) error { _, err := s.Users(ctx, "id"); return err },
		"AddUsers": func(s *gameserver.SessionsService) error {
			_, err := s.AddUsers(ctx, "id", []string{"1.2.3.4"})
			return err
		},
		"RemoveUsers": func(s *gameserver.SessionsService) error {
			_, err := s.RemoveUsers(ctx, "id", []string{"1.2.3.4"})
			return err
		},
		"BulkStop": func(s *gameserver.SessionsService) error {
			_, err := s.BulkStop(ctx, []gameserver.StopFilter{{Field: gameserver.StopBySessionID, Values: []string{"id"}, Type: gameserver.FilterAny}})
			return err
		},
		"WaitReady": func(s *gameserver.SessionsService) error { _, err := s.WaitReady(ctx, "id"); return err },
	}
	services := map[string]*gameserver.SessionsService{
		"nil service":  nil,
		"zero Client":  (&gameserver.Client{}).Sessions,
		"zero service": new(gameserver.SessionsService),
	}
	for sname, svc := range services {
		for name, call := range calls {
			t.Run(sname+"/"+name, func(t *testing.T) {
				if err := call(svc); !errors.Is(err, gameserver.ErrInvalidArgument) {
					t.Errorf("err = %v, want ErrInvalidArgument", err)
				}
			})
		}
	}
}
