#!/usr/bin/env bash
# The packages on a fresh Debian 12 (or 13): builds them (scripts/package.sh, lintian included),
# debootstraps a minimal bookworm into a folder of its own, installs both with apt (which
# fetches their dependencies from the mirror) and checks, inside that root:
#   guichet --version, guichet config show (which says this build has no sandbox),
#   guichet-gateway check-config on the packaged example, the keys postinst made (root, 0600),
#   systemd-analyze verify on the unit, man pages found by `man -w`, the completions,
#   then a purge that leaves no /etc/guichet-gateway.
# Needs root (debootstrap, chroot) and debootstrap; the root is deleted at the end
# (GUICHET_KEEP_ROOT=1 keeps it). Not part of scripts/test.sh yet: see docs/DEVELOPERS.md.
#
#   scripts/check-packages.sh              build, then check
#   GUICHET_SKIP_BUILD=1 scripts/check-packages.sh   check the packages already in target/packages
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
step() { echo "== check-packages [$((SECONDS - started)) s] $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  echo "check-packages.sh: run it as root (debootstrap and chroot need it)" >&2
  exit 1
fi
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
mirror="${GUICHET_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# bookworm (Debian 12) by default; GUICHET_DEBIAN_SUITE=trixie for Debian 13.
suite="${GUICHET_DEBIAN_SUITE:-bookworm}"
packages="${CARGO_TARGET_DIR:-target}/packages"

if [ -z "${GUICHET_SKIP_BUILD:-}" ]; then
  step "building the packages"
  scripts/package.sh
fi
debs=("$packages"/guichet_*_amd64.deb "$packages"/guichet-gateway_*_amd64.deb)

root="$(mktemp -d "/var/tmp/guichet-$suite.XXXXXX")"
cleanup() {
  if [ -z "${GUICHET_KEEP_ROOT:-}" ]; then rm -rf "$root"; else echo "kept: $root" >&2; fi
}
trap cleanup EXIT
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
fail() { echo "check-packages.sh: $*" >&2; exit 1; }

step "debootstrap $suite (minbase) into $root"
debootstrap --variant=minbase "$suite" "$root" "$mirror" >/dev/null
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
cp "${debs[@]}" "$root/tmp/"

step "apt install ./guichet_*.deb ./guichet-gateway_*.deb (with man-db and systemd to check them)"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  "${debs[@]/#*\//\/tmp\/}" man-db systemd >"$root/install.log" 2>&1 ||
  { tail -n 30 "$root/install.log" >&2; fail "apt could not install the packages"; }

step "checks inside the root"
version="$(in_root guichet --version)"
[[ "$version" == "guichet "* ]] || fail "guichet --version said: $version"
shown="$(in_root guichet config show)"
grep -q "has no sandbox" <<<"$shown" || fail "guichet config show: $shown"
checked="$(in_root guichet-gateway check-config --config /etc/guichet-gateway/gateway.toml)" ||
  fail "check-config refused the packaged example"
grep -q "accueil-1" <<<"$checked" || fail "check-config said: $checked"
for file in encryption.jwks.json signing.jwks.json fc-client-secret; do
  mode="$(stat -c '%a %U' "$root/etc/guichet-gateway/$file")"
  [ "$mode" = "600 root" ] || fail "/etc/guichet-gateway/$file is $mode, not 600 root"
done
in_root systemd-analyze verify /usr/lib/systemd/system/guichet-gateway.service ||
  fail "systemd-analyze verify found problems in the unit"
for page in guichet guichet-login guichet-session-end guichet-gateway guichet-gateway-check-config; do
  in_root man -w "$page" >/dev/null || fail "man $page: no page"
done
for file in /usr/share/bash-completion/completions/guichet /usr/share/zsh/vendor-completions/_guichet-gateway \
  /usr/share/applications/Guichet.desktop /usr/share/doc/guichet/copyright; do
  [ -f "$root$file" ] || fail "$file is missing"
done
footprint="$(in_root dpkg-query -W -f='${Package} ${Installed-Size} KiB\n' guichet guichet-gateway)"

step "purge guichet-gateway"
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq guichet-gateway >/dev/null 2>&1
[ ! -e "$root/etc/guichet-gateway" ] || fail "/etc/guichet-gateway outlives the purge"

step "passed on $suite: $version; installed $(tr '\n' ';' <<<"$footprint")"
