package core

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// secretSafe is a decoder's error for a body that may carry a secret
// (Op.SecretBody): encoding/json's errors can quote the input (a syntax
// error its offending character, a ",string" field its value), so they
// are reduced to where and what went wrong; the decoder's own errors,
// written by this module, quote no body and are kept.
func secretSafe(err error) error {
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		return fmt.Errorf("the body is not valid JSON (at byte %d)", se.Offset)
	}
	if te, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		kind, _, _ := strings.Cut(te.Value, " ") // "number 12345" would quote it
		return fmt.Errorf("field %q: a JSON %s does not fit a Go %s", te.Field, kind, te.Type)
	}
	if _, ok := errors.AsType[*strconv.NumError](err); ok {
		return errors.New("a field does not hold a valid number")
	}
	if strings.HasPrefix(err.Error(), "json: ") {
		return errors.New("the body does not decode as JSON")
	}
	return err
}
