#!/usr/bin/env bash
# The production build leaves the FC+ stand-in out (`--no-default-features`, as the packages
# build): this builds that binary and checks with `strings` that it holds none of the stand-in's
# test identities or page markers, that it refuses the sandbox in words (exit 7), and that
# `guichet config show` says so.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
cargo build --locked -p guichet --no-default-features --quiet
binary="${CARGO_TARGET_DIR:-target}/debug/guichet"
# A test identity's name, the stand-in's eIDAS bridge id and its consent button's id.
for canary in Mustermann 8aa849db-8402-4f2e-bad9-7471dd21ff94 consent-button; do
  if strings "$binary" | grep -q -- "$canary"; then
    echo "no-sandbox build: $canary is in $binary" >&2
    exit 1
  fi
done
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
set +e
# The binary on a machine of its own: no configuration, data or cache of this one's.
isolated() {
  GUICHET_LANG=en GUICHET_DATA_DIR="$scratch/data" GUICHET_CACHE_DIR="$scratch/cache" \
    GUICHET_SYSTEM_CONFIG="$scratch/none.toml" XDG_CONFIG_HOME="$scratch/config" "$binary" "$@"
}
said="$(isolated login --env sandbox --timeout 5 2>&1 >/dev/null)"
code=$?
set -e
if [ "$code" != 7 ] || ! grep -q "has no sandbox" <<<"$said"; then
  echo "no-sandbox build: --env sandbox gave exit $code: $said" >&2
  exit 1
fi
shown="$(isolated config show 2>&1)"
if ! grep -q "has no sandbox" <<<"$shown"; then
  echo "no-sandbox build: 'guichet config show' does not say the sandbox is missing: $shown" >&2
  exit 1
fi
if "$binary" sandbox --help >/dev/null 2>&1; then
  echo "no-sandbox build: 'guichet sandbox' still exists" >&2
  exit 1
fi
echo "no-sandbox build: no test identity in it, --env sandbox refused (exit 7), in $((SECONDS - started)) s" >&2
