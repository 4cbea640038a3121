#!/usr/bin/env bash
# CI's short fuzzing run, with the pinned stable toolchain only (no nightly can be fetched on
# CI): every fuzz target for FUZZ_SECONDS (default 20), under AddressSanitizer unless
# FUZZ_SANITIZER says otherwise (scripts/test.sh uses `none`: a shorter build).
#
# cargo-fuzz passes nightly-only rustc flags (-Zsanitizer=address, sanitizer-coverage);
# RUSTC_BOOTSTRAP=1 lets the stable compiler accept them. Nothing else of nightly is needed:
# the ASan runtime ships with the stable standard library on x86_64 Linux.
#
# Inputs found along the way go to a throw-away folder; the committed seeds in fuzz/seeds and
# any local fuzz/corpus are only read. A crash fails the script, prints libFuzzer's report and
# keeps the input under fuzz/artifacts/<target>/. Prints one summary line per target, then
# `fuzz: N targets, M crashed`.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  cargo install cargo-fuzz --version 0.13.2 --locked
fi

seconds="${FUZZ_SECONDS:-20}"
sanitizer="${FUZZ_SANITIZER:-address}"
targets=(callback_request jose config_file vault_file)
export RUSTC_BOOTSTRAP=1
# FUZZ_PROFILE=dev builds unoptimised (scripts/test.sh: a shorter build, fewer inputs a
# second); the default is an optimised build.
if [ "${FUZZ_PROFILE:-release}" = dev ]; then profile=--dev; else profile=--release; fi
flags=("$profile" --debug-assertions --sanitizer "$sanitizer")
# FUZZ_TARGET_DIR moves the build (default fuzz/target, cargo-fuzz's own).
if [ -n "${FUZZ_TARGET_DIR:-}" ]; then flags+=(--target-dir "$FUZZ_TARGET_DIR"); fi

started=$SECONDS
echo "== fuzz: building ${#targets[@]} targets (stable $(rustc --version | cut -d' ' -f2), $profile, -s $sanitizer)" >&2
cargo fuzz build "${flags[@]}"
echo "== fuzz: built in $((SECONDS - started)) s" >&2

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
crashed=0
for target in "${targets[@]}"; do
  mkdir -p "$scratch/$target"
  read_only=()
  for dir in "seeds/$target" "corpus/$target"; do
    if [ -d "$dir" ]; then read_only+=("$dir"); fi
  done
  log="$scratch/$target.log"
  if cargo fuzz run "${flags[@]}" "$target" "$scratch/$target" "${read_only[@]}" -- \
      -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
      >"$log" 2>&1; then
    runs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo "?")
    echo "fuzz $target: ${seconds} s, $runs executions, $cov edges, no crash" >&2
  else
    crashed=$((crashed + 1))
    echo "fuzz $target: CRASH (input kept under fuzz/artifacts/$target/)" >&2
    grep -E -A 40 "^==[0-9]+==|panicked|SUMMARY" "$log" | head -n 80 >&2 || tail -n 80 "$log" >&2
  fi
done
echo "fuzz: ${#targets[@]} targets, $crashed crashed ($((SECONDS - started)) s in all)" >&2
[ "$crashed" -eq 0 ]
