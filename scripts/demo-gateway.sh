#!/usr/bin/env bash
# The production shape on one machine, with one command: the FC+ sandbox, the Guichet gateway
# registered there as its confidential client, and `guichet login --env gateway` signing a
# person in through it (PKCE, any loopback port). Everything listens on 127.0.0.1 only.
#
#   scripts/demo-gateway.sh                  # French path, in the system browser
#   scripts/demo-gateway.sh --eidas --json   # extra arguments go to `guichet login`
#
# It needs a desktop with a browser (the person clicks through FC+'s pages); `--browser CMD`
# names another one.
#
# Keys, secret and configuration are made fresh in a temporary folder, deleted at the end.
# Ports: GUICHET_DEMO_SANDBOX_PORT (51780), GUICHET_DEMO_GATEWAY_PORT (51781),
# GUICHET_DEMO_KIOSK_PORT (51782).
set -euo pipefail
cd "$(dirname "$0")/.."

sandbox_port="${GUICHET_DEMO_SANDBOX_PORT:-51780}"
gateway_port="${GUICHET_DEMO_GATEWAY_PORT:-51781}"
kiosk_port="${GUICHET_DEMO_KIOSK_PORT:-51782}"

# GUICHET_DEMO_BIN: a folder that already holds `guichet` and `guichet-gateway` (skips the build).
bin="${GUICHET_DEMO_BIN:-}"
if [ -z "$bin" ]; then
  scripts/deps.sh run
  cargo build --release --locked -p guichet -p gateway
  bin="${CARGO_TARGET_DIR:-target}/release"
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

wait_for() { # URL, what
  for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "demo: $2 did not start (see $work/*.log)" >&2
  exit 1
}

# The gateway's keys: ES256 for the ID tokens it signs, P-256 for FC+ to encrypt to.
"$bin/guichet-gateway" keygen --use sig --out "$work/signing.jwks.json"
"$bin/guichet-gateway" keygen --use enc --out "$work/encryption.jwks.json"
head -c 32 /dev/urandom | base64 | tr -d '/+=\n' > "$work/fc-secret"
chmod 600 "$work/fc-secret"

cat > "$work/gateway.toml" <<EOF
[server]
listen = "127.0.0.1:$gateway_port"
public_url = "http://127.0.0.1:$gateway_port"

[franceconnect]
issuer = "http://127.0.0.1:$sandbox_port/api/v2"
client_id = "guichet-gateway-demo"
client_secret_file = "fc-secret"
decryption_keys = "encryption.jwks.json"
eidas_idp_hint = "eidas-bridge"

[signing]
keys = "signing.jwks.json"

[[kiosk]]
client_id = "kiosk-demo"
EOF

# Register the gateway at the sandbox FC+ as FC+ would have it: its redirect URIs and keys.
"$bin/guichet-gateway" registration --config "$work/gateway.toml" --include-secret \
  > "$work/clients.toml"
"$bin/guichet" sandbox --port "$sandbox_port" --clients "$work/clients.toml" \
  2> "$work/sandbox.log" &
pids+=($!)
wait_for "http://127.0.0.1:$sandbox_port/api/v2/.well-known/openid-configuration" "the FC+ sandbox"

"$bin/guichet-gateway" serve --config "$work/gateway.toml" 2> "$work/gateway.log" &
pids+=($!)
wait_for "http://127.0.0.1:$gateway_port/ready" "the gateway"
echo "demo: FC+ sandbox on :$sandbox_port, gateway on :$gateway_port (logs: $work)" >&2

cat > "$work/guichet.toml" <<EOF
[provider]
issuer = "http://127.0.0.1:$gateway_port"
client_id = "kiosk-demo"
token_auth = "none"
redirect_uri = "http://127.0.0.1:$kiosk_port/callback"
post_logout_redirect_uri = "http://127.0.0.1:$kiosk_port/logout-callback"
EOF

export GUICHET_DATA_DIR="$work/kiosk-data" GUICHET_CACHE_DIR="$work/kiosk-cache"
status=0
"$bin/guichet" login --env gateway --config "$work/guichet.toml" "$@" || status=$?
if [ "$status" -eq 0 ]; then
  echo "demo: signed in through the gateway; ending the session (FC+ logout through the gateway)…" >&2
  "$bin/guichet" session end --env gateway --config "$work/guichet.toml" || status=$?
fi
exit "$status"
