package main

import (
	"slices"

	"github.com/google/go-cmp/cmp"
)

// cmpSortStrings makes cmp compare []string regardless of order.
func cmpSortStrings() cmp.Option {
	return cmp.Transformer("sorted", func(in []string) []string {
		out := slices.Clone(in)
		slices.Sort(out)
		return out
	})
}
