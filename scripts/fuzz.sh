#!/usr/bin/env bash
# Runs every fuzz target for a while: FUZZ_SECONDS each (default 10). Needs cargo-fuzz
# (installed here if missing). Uses a nightly toolchain when one is installed, else the pinned
# stable one with RUSTC_BOOTSTRAP=1 (see scripts/fuzz-ci.sh, CI's short run).
# A crash stops the script and leaves its input under fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  toolchain=(+nightly)
else
  export RUSTC_BOOTSTRAP=1
fi
seconds="${FUZZ_SECONDS:-10}"
for target in callback_request jose config_file vault_file; do
  echo "== fuzz $target for ${seconds}s" >&2
  seeds=()
  if [ -d "fuzz/seeds/$target" ]; then seeds=("fuzz/seeds/$target"); fi
  mkdir -p "fuzz/corpus/$target"
  cargo "${toolchain[@]}" fuzz run "$target" "fuzz/corpus/$target" "${seeds[@]}" -- \
      -max_total_time="$seconds" -rss_limit_mb=4096 2>&1 \
    | grep -E "^(#[0-9]+ +DONE|==|SUMMARY|Done)|cov:" | tail -n 2
done
