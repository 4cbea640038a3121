#!/usr/bin/env bash
# Builds an office's two Debian packages into target/packages/ (Debian 12 and 13, amd64):
#   guichet          the window and its command line (Tauri's bundle, completed here)
#   guichet-gateway  the gateway, its hardened systemd service, /etc/guichet-gateway/
#   guichet-kiosk    the kiosk session: cage with Guichet at boot, Chromium's managed policy
# Both are release builds without the FC+ sandbox (`--no-default-features`), with their man
# pages and shell completions (committed under packaging/, generated from clap: see
# src-tauri/src/cli/manual.rs), a copyright file and a changelog; Depends come from
# dpkg-shlibdeps (the libraries the binaries link) plus what they run. Then lintian checks
# both: an error fails the script.
#
#   scripts/package.sh            build both, check them with lintian
#   GUICHET_PACKAGE_MAINTAINER="Mairie d'Exemple <informatique@mairie-exemple.fr>" scripts/package.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
target="${CARGO_TARGET_DIR:-$root/target}"
out="$target/packages"
maintainer="${GUICHET_PACKAGE_MAINTAINER:-Guichet <guichet@guichet.invalid>}"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
# The commit's date, so two builds of one commit give the same files.
# Not exported to cargo: C build scripts (ring, openssl-sys, through cc) rerun when it changes,
# and everything above them is built again, here and in the next `cargo test` (seen: the
# tests' build thrashing after a package build).
source_date_epoch="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
date_rfc="$(date -u -R -d "@$source_date_epoch")"
started=$SECONDS
# The cargo profile: `release` (what ships), or `dev` (scripts/check-packages.sh in CI: it
# reuses the tests' build, where a release build from nothing would take 6 minutes; the
# packages' files are the same, their binaries unoptimised and larger).
profile="${GUICHET_PACKAGE_PROFILE:-release}"
case "$profile" in
  release) built="$target/release" ;;
  dev) built="$target/debug" ;;
  *) echo "package.sh: GUICHET_PACKAGE_PROFILE is release or dev, not $profile" >&2; exit 2 ;;
esac

for tool in dpkg-deb dpkg-shlibdeps lintian; do
  command -v "$tool" >/dev/null || { echo "package.sh: $tool is missing: apt-get install dpkg-dev lintian" >&2; exit 1; }
done

echo "== package: building the window (tauri build, no sandbox)" >&2
scripts/deps.sh run >/dev/null
ui/node_modules/.bin/tauri build --bundles deb -- --no-default-features --locked --profile "$profile" >&2
echo "== package: building the gateway" >&2
cargo build --profile "$profile" --locked -p gateway >&2

# From here on dpkg-deb and gzip date what they write with it.
export SOURCE_DATE_EPOCH="$source_date_epoch"
rm -rf "$out"
mkdir -p "$out"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# Files every package has: copyright and changelog. $1 = package, $2 = its staging root.
doc_files() {
  local package="$1" stage="$2"
  install -d "$stage/usr/share/doc/$package"
  install -m 0644 packaging/debian/copyright "$stage/usr/share/doc/$package/copyright"
  sed -e "s/@PACKAGE@/$package/" -e "s/@VERSION@/$version/" -e "s/@COMMIT@/$commit/" \
    -e "s/@MAINTAINER@/$maintainer/" -e "s/@DATE@/$date_rfc/" packaging/debian/changelog.in |
    gzip -9n >"$stage/usr/share/doc/$package/changelog.gz"
}

# A program's package's: man pages, completions, then doc_files. $1 = package, $2 = its
# staging root, $3 = the program.
program_files() {
  local package="$1" stage="$2" program="$3"
  install -d "$stage/usr/share/man/man1" \
    "$stage/usr/share/bash-completion/completions" "$stage/usr/share/zsh/vendor-completions" \
    "$stage/usr/share/fish/vendor_completions.d"
  local page
  for page in packaging/man/"$program".1 packaging/man/"$program"-*.1; do
    # The gateway's pages are not the window's: `guichet-*` would take `guichet-gateway*`.
    if [ "$program" = guichet ] && [[ "$page" == */guichet-gateway* ]]; then continue; fi
    gzip -9nc "$page" >"$stage/usr/share/man/man1/$(basename "$page").gz"
  done
  install -m 0644 "packaging/completions/$program" "$stage/usr/share/bash-completion/completions/$program"
  install -m 0644 "packaging/completions/_$program" "$stage/usr/share/zsh/vendor-completions/_$program"
  install -m 0644 "packaging/completions/$program.fish" "$stage/usr/share/fish/vendor_completions.d/$program.fish"
  doc_files "$package" "$stage"
}

# The dev profile keeps line tables (lintian refuses an unstripped binary); release strips.
strip_dev() {
  if [ "$profile" = dev ]; then strip --strip-unneeded "$1"; fi
}

# The libraries a binary links, as Debian package dependencies.
shlib_depends() {
  local work="$scratch/shlibdeps"
  mkdir -p "$work/debian"
  printf 'Source: guichet\n\nPackage: guichet\nArchitecture: any\n' >"$work/debian/control"
  (cd "$work" && dpkg-shlibdeps -O -e"$1" 2>/dev/null) | sed -n 's/^shlibs:Depends=//p'
}

# DEBIAN/control. $1 = package, $2 = stage, $3 = Depends, $4 = Recommends, $5 = section,
# $6 = summary, $7 = long description (one line, wrapped here), $8 = architecture (amd64
# when absent). $4 is a whole field ("Recommends: chromium") or empty.
control() {
  local package="$1" stage="$2" depends="$3" recommends="$4" section="$5" summary="$6" long="$7"
  local architecture="${8:-amd64}"
  local size
  size="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
  {
    echo "Package: $package"
    echo "Version: $version"
    echo "Architecture: $architecture"
    echo "Maintainer: $maintainer"
    echo "Installed-Size: $size"
    echo "Depends: $depends"
    if [ -n "$recommends" ]; then echo "$recommends"; fi
    echo "Section: $section"
    echo "Priority: optional"
    echo "Description: $summary"
    fold -s -w 72 <<<"$long" | sed -e 's/ *$//' -e 's/^/ /'
  } >"$stage/DEBIAN/control"
}

# DEBIAN/md5sums, then the .deb with every date the commit's.
build_deb() {
  local stage="$1" file="$2"
  (cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum >DEBIAN/md5sums)
  find "$stage" -path "$stage/DEBIAN" -prune -o -type d -exec chmod 0755 {} +
  find "$stage" -exec touch -h -d "@$source_date_epoch" {} +
  dpkg-deb --root-owner-group -Zxz --build "$stage" "$out/$file" >/dev/null
}

echo "== package: guichet" >&2
stage="$scratch/guichet"
dpkg-deb -R "$built/bundle/deb/Guichet_${version}_amd64.deb" "$stage"
# Tauri's own control file and checksums are written again below.
strip_dev "$stage/usr/bin/guichet"
program_files guichet "$stage" guichet
install -d "$stage/usr/share/doc/guichet/examples"
install -m 0644 guichet.example.toml "$stage/usr/share/doc/guichet/examples/guichet.toml"
control guichet "$stage" \
  "$(shlib_depends "$stage/usr/bin/guichet"), gnome-keyring | kwalletmanager, xdg-utils" \
  "Recommends: chromium" utils \
  "Sign people in with FranceConnect+ at a counter or a kiosk" \
  "Guichet opens the system browser at FranceConnect+ (or a person's identity from another European country through eIDAS), verifies what comes back, shows the verified identity to the agent or the person at a kiosk, keeps the session encrypted under the OS keyring until it ends, then wipes every trace of the person. In production it signs in through the office's guichet-gateway. The configuration is read from /etc/guichet/guichet.toml, then ~/.config/guichet/guichet.toml (an example is in /usr/share/doc/guichet/examples)."
build_deb "$stage" "guichet_${version}_amd64.deb"

echo "== package: guichet-gateway" >&2
stage="$scratch/guichet-gateway"
install -d "$stage/DEBIAN" "$stage/usr/bin" "$stage/usr/lib/systemd/system" "$stage/etc/guichet-gateway"
install -m 0755 "$built/guichet-gateway" "$stage/usr/bin/guichet-gateway"
strip_dev "$stage/usr/bin/guichet-gateway"
install -m 0644 packaging/gateway/guichet-gateway.service "$stage/usr/lib/systemd/system/"
install -m 0644 packaging/gateway/gateway.toml "$stage/etc/guichet-gateway/gateway.toml"
program_files guichet-gateway "$stage" guichet-gateway
gzip -9nc docs/DEPLOYMENT.md >"$stage/usr/share/doc/guichet-gateway/DEPLOYMENT.md.gz"
echo /etc/guichet-gateway/gateway.toml >"$stage/DEBIAN/conffiles"
install -m 0755 packaging/gateway/postinst packaging/gateway/postrm "$stage/DEBIAN/"
control guichet-gateway "$stage" "$(shlib_depends "$stage/usr/bin/guichet-gateway")" \
  "Suggests: redis-server" net \
  "Guichet gateway: the office's FranceConnect+ client for its kiosks" \
  "guichet-gateway is the FranceConnect+ confidential client of a public office and an OpenID provider to its Guichet kiosks (PKCE, loopback redirects), so that no kiosk holds the FC+ secret. It runs as a hardened systemd service (dynamic user, read-only system, the secret and keys passed as credentials). Edit /etc/guichet-gateway/gateway.toml and /etc/guichet-gateway/fc-client-secret, check them with guichet-gateway check-config, then systemctl enable --now guichet-gateway."
build_deb "$stage" "guichet-gateway_${version}_amd64.deb"

echo "== package: guichet-kiosk" >&2
stage="$scratch/guichet-kiosk"
install -d "$stage/DEBIAN" "$stage/usr/lib/systemd/system" "$stage/usr/lib/sysusers.d" \
  "$stage/etc/guichet" "$stage/etc/pam.d" "$stage/etc/chromium/policies/managed"
install -m 0644 packaging/kiosk/guichet-kiosk.service "$stage/usr/lib/systemd/system/"
install -m 0644 packaging/kiosk/guichet-kiosk.sysusers "$stage/usr/lib/sysusers.d/guichet-kiosk.conf"
install -m 0644 packaging/kiosk/guichet-kiosk.pam "$stage/etc/pam.d/guichet-kiosk"
install -m 0644 packaging/kiosk/kiosk.toml "$stage/etc/guichet/kiosk.toml"
install -m 0644 packaging/kiosk/chromium-policy.json "$stage/etc/chromium/policies/managed/guichet-kiosk.json"
doc_files guichet-kiosk "$stage"
gzip -9nc docs/KIOSK.md >"$stage/usr/share/doc/guichet-kiosk/KIOSK.md.gz"
printf '%s\n' /etc/guichet/kiosk.toml /etc/pam.d/guichet-kiosk \
  /etc/chromium/policies/managed/guichet-kiosk.json >"$stage/DEBIAN/conffiles"
install -m 0755 packaging/kiosk/postinst packaging/kiosk/prerm packaging/kiosk/postrm "$stage/DEBIAN/"
control guichet-kiosk "$stage" \
  "guichet (= $version), cage, xwayland, chromium, libpam-systemd, systemd" "" x11 \
  "Guichet kiosk session: the machine boots into Guichet, locked down" \
  "Installing guichet-kiosk makes the machine a public-office kiosk: at boot, the user guichet-kiosk gets a session on the first console that runs cage (one application full screen, no desktop, no console switching) with Guichet in kiosk mode, started again if it stops. Chromium, Guichet's private browser for each sign-in, gets a managed policy: only FranceConnect+, the identity providers, the office's gateway and loopback; no downloads, developer tools or printing. Set the staff PIN and the gateway in /etc/guichet/kiosk.toml, then reboot; see /usr/share/doc/guichet-kiosk/KIOSK.md." all
build_deb "$stage" "guichet-kiosk_${version}_all.deb"

echo "== package: lintian" >&2
# --fail-on error: warnings are printed and left to read.
lintian --fail-on error --tag-display-limit 0 "$out"/*.deb >&2 || {
  echo "package.sh: lintian found errors (above)" >&2
  exit 1
}
for deb in "$out"/*.deb; do
  echo "$(basename "$deb"): $(stat -c %s "$deb") bytes, installed $(dpkg-deb -f "$deb" Installed-Size) KiB" >&2
done
echo "== package: done in $((SECONDS - started)) s: $out" >&2
