#!/usr/bin/env bash
# Regenerates gen/<api>/ from openapi/<api>-sessions.yaml with the pinned oapi-codegen.
#
#   scripts/generate.sh          validate, generate into a scratch dir, then replace gen/ files
#   scripts/generate.sh --check  validate, generate into a scratch dir, and fail (naming the
#                                files) if anything differs from what is committed; writes nothing
#
# Every spec is validated first and every API is generated and compiled in the scratch dir
# before a single file under gen/ is replaced, so a bad spec leaves the old code untouched.
set -euo pipefail
cd "$(dirname "$0")/.."

check=0
[ "${1:-}" = "--check" ] && check=1

apis=(zendesk gameserver)
specs=()
for api in "${apis[@]}"; do specs+=("openapi/$api-sessions.yaml"); done

go run ./internal/cmd/specvalidate "${specs[@]}"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

for api in "${apis[@]}"; do
  mkdir -p "$scratch/gen/$api"
  # Same config as committed; only the output path points into the scratch dir.
  sed -E "s#^output:.*#output: $scratch/gen/$api/$api.gen.go#" "gen/$api/oapi-codegen.yaml" > "$scratch/$api.yaml"
  go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config "$scratch/$api.yaml" "openapi/$api-sessions.yaml"
done

# The scratch copies must compile before they may replace anything.
for api in "${apis[@]}"; do
  if ! go vet "$scratch/gen/$api/$api.gen.go"; then
    echo "generate: generated code for $api does not compile; gen/$api left untouched" >&2
    exit 1
  fi
done

if [ "$check" = 1 ]; then
  stale=()
  for api in "${apis[@]}"; do
    f="gen/$api/$api.gen.go"
    if ! cmp -s "$scratch/$f" "$f"; then stale+=("$f"); fi
  done
  if [ "${#stale[@]}" -gt 0 ]; then
    echo "check-generated: these files are stale; run 'make generate' and commit:" >&2
    for f in "${stale[@]}"; do echo "  $f" >&2; diff -u "$f" "$scratch/$f" | head -20 >&2 || true; done
    exit 1
  fi
  echo "check-generated: gen/ is up to date"
  exit 0
fi

for api in "${apis[@]}"; do
  cp "$scratch/gen/$api/$api.gen.go" "gen/$api/$api.gen.go"
done
echo "generate: gen/ regenerated"
