#!/usr/bin/env bash
# Runs every check CI runs: formatting, clippy with warnings as errors, all tests (unit,
# integration, and end to end with a real headless Chromium). Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh test

echo "== cargo fmt --check" >&2
cargo fmt --all -- --check
echo "== cargo clippy -D warnings" >&2
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo test" >&2
cargo test --workspace --locked
