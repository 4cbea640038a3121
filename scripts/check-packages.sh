#!/usr/bin/env bash
# The packages on a fresh Debian 12 (or 13): builds them (scripts/package.sh, lintian included),
# debootstraps a minimal bookworm into a folder of its own, installs the three with apt (which
# fetches their dependencies from the mirror) and checks, inside that root:
#   guichet --version, guichet config show (which says this build has no sandbox),
#   guichet-gateway check-config on the packaged example, the keys postinst made (root, 0600),
#   systemd-analyze verify on the units, man pages found by `man -w`, the completions;
# then boots the root (systemd-nspawn --boot, systemd as its PID 1) and checks the services:
#   guichet-gateway with FC+ unreachable (says so, tries again), once the FC+ sandbox answers
#   (started, as a dynamic user), from its cache when FC+ is gone again, no secret in its journal;
#   the kiosk session at boot, drawn on an Xvfb of this script's: the first boot without a
#   staff PIN (said on the screen), a reboot with the PIN set (home screen, asking the
#   gateway), Guichet killed (started again); screenshots in target/kiosk-shots;
# then purges the gateway and the kiosk and checks what they leave.
# Needs root (debootstrap, chroot, nspawn), Xvfb and ImageMagick; installs debootstrap and
# systemd-container when missing. The root is deleted at the end (GUICHET_KEEP_ROOT=1 keeps it).
# The FC+ sandbox is the development build's (`cargo build -p guichet`; GUICHET_SANDBOX_BIN
# names another binary).
#
#   scripts/check-packages.sh              build (release), then check
#   GUICHET_PACKAGE_PROFILE=dev scripts/check-packages.sh   build unoptimised (CI), then check
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
# The mirror this machine's apt uses (a CI machine may reach only its own), else Debian's.
host_mirror() {
  cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null |
    awk '/^URIs:/ && $2 ~ /\/debian\/?$/ { print $2; exit }
         /^deb / { for (i = 2; i <= NF; i++) if ($i ~ /^https?:.*\/debian\/?$/) { print $i; exit } }' || true
}
mirror="${GUICHET_DEBIAN_MIRROR:-$(host_mirror)}"
mirror="${mirror:-http://deb.debian.org/debian}"
# bookworm (Debian 12) by default; GUICHET_DEBIAN_SUITE=trixie for Debian 13.
suite="${GUICHET_DEBIAN_SUITE:-bookworm}"
packages="${CARGO_TARGET_DIR:-target}/packages"

if [ -z "${GUICHET_SKIP_BUILD:-}" ]; then
  step "building the packages"
  scripts/package.sh
fi
debs=("$packages"/guichet_*_amd64.deb "$packages"/guichet-gateway_*_amd64.deb "$packages"/guichet-kiosk_*_all.deb)

root="$(mktemp -d "/var/tmp/guichet-$suite.XXXXXX")"
# A system's / is 0755 (mktemp makes 0700): the service's dynamic user must be able to enter it.
chmod 0755 "$root"
cleanup() {
  if [ -z "${GUICHET_KEEP_ROOT:-}" ]; then rm -rf "$root"; else echo "kept: $root" >&2; fi
}
trap cleanup EXIT
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
fail() { echo "check-packages.sh: $*" >&2; exit 1; }

step "debootstrap $suite (minbase) into $root"
debootstrap --variant=minbase "$suite" "$root" "$mirror" >/dev/null
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
# As an installed Debian has them: the suite's updates and security updates (Chromium's come
# there: the root's must be the host's ChromeDriver's version for the sign-in below).
security_mirror="${GUICHET_DEBIAN_SECURITY_MIRROR:-${mirror%/debian}/debian-security}"
printf 'deb %s %s main\ndeb %s %s-updates main\ndeb %s %s-security main\n' "$mirror" "$suite" \
  "$mirror" "$suite" "$security_mirror" "$suite" >"$root/etc/apt/sources.list"
cp "${debs[@]}" "$root/tmp/"

step "apt install ./guichet_*.deb ./guichet-gateway_*.deb ./guichet-kiosk_*.deb (with man-db)"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  "${debs[@]/#*\//\/tmp\/}" man-db keyutils >"$root/install.log" 2>&1 ||
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
in_root systemd-analyze verify /usr/lib/systemd/system/guichet-gateway.service \
  /usr/lib/systemd/system/guichet-kiosk.service || fail "systemd-analyze verify found problems in the units"
for page in guichet guichet-login guichet-session-end guichet-gateway guichet-gateway-check-config; do
  in_root man -w "$page" >/dev/null || fail "man $page: no page"
done
for file in /usr/share/bash-completion/completions/guichet /usr/share/zsh/vendor-completions/_guichet-gateway \
  /usr/share/applications/Guichet.desktop /usr/share/doc/guichet/copyright; do
  [ -f "$root$file" ] || fail "$file is missing"
done
footprint="$(in_root dpkg-query -W -f='${Package} ${Installed-Size} KiB\n' guichet guichet-gateway guichet-kiosk)"

# The root booted: systemd as its PID 1 (systemd-nspawn, which needs no systemd on the host),
# sharing the host's network, so the gateway inside reaches the FC+ sandbox started here, and
# the host's X sockets, so the kiosk's cage draws on this script's Xvfb (the screenshots).
step "boot the root (systemd-nspawn --boot) and start the guichet-gateway service"
command -v systemd-nspawn >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd-container >/dev/null
# The FC+ sandbox: the development build's `guichet sandbox` (the packaged one has none).
sandbox_bin="${GUICHET_SANDBOX_BIN:-}"
if [ -z "$sandbox_bin" ]; then
  cargo build --locked -p guichet --bin guichet --quiet
  sandbox_bin="${CARGO_TARGET_DIR:-target}/debug/guichet"
fi
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
sandbox_port="$(free_port)"
gateway_port="$(free_port)"
# The packaged example as it is, but for FC+'s address (the sandbox, not started yet) and the
# port (8080 may be taken on the host, whose network the root shares). The secret is a canary
# the journal must never show.
canary="canary-secret-$RANDOM$RANDOM$RANDOM"
printf '%s' "$canary" >"$root/etc/guichet-gateway/fc-client-secret"
sed -i -e "s#^issuer = .*#issuer = \"http://127.0.0.1:$sandbox_port/api/v2\"#" \
  -e "s#^listen = .*#listen = \"127.0.0.1:$gateway_port\"#" "$root/etc/guichet-gateway/gateway.toml"
in_root guichet-gateway registration --config /etc/guichet-gateway/gateway.toml --include-secret \
  >"$root/tmp/clients.toml"

# The kiosk's screen: an Xvfb of this script's (its socket alone goes in the root: Xwayland,
# which cage starts, makes its own beside it), where cage (wlroots' X11 backend and pixman
# renderer: no GPU and no console here) draws what a kiosk's monitor would show. The drop-in is
# this check's only change to the kiosk's unit.
display_number=$((100 + RANDOM % 400))
while [ -e "/tmp/.X11-unix/X$display_number" ]; do display_number=$((display_number + 1)); done
display=":$display_number"
# 1024x768: the size of the window wlroots' X11 backend opens, so cage fills the screen.
Xvfb "$display" -screen 0 1024x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
install -d "$root/etc/systemd/system/guichet-kiosk.service.d"
cat >"$root/etc/systemd/system/guichet-kiosk.service.d/check-packages.conf" <<UNIT
[Service]
Environment=WLR_BACKENDS=x11 WLR_RENDERER=pixman DISPLAY=$display
StandardInput=null
TTYPath=
TTYReset=no
TTYVHangup=no
TTYVTDisallocate=no
UNIT
# The screenshots of the kiosk as it boots (docs/KIOSK.md shows them).
shots="${GUICHET_KIOSK_SHOTS:-${CARGO_TARGET_DIR:-target}/kiosk-shots}"
mkdir -p "$shots"

# Runs "${@:2}" every 0.1 s until it succeeds (status 0) or $1 seconds have passed (status 1).
wait_for() {
  local tries=$(($1 * 10))
  shift
  while ((tries-- > 0)); do
    "$@" && return 0
    sleep 0.1
  done
  return 1
}
# Succeeds when "$@" fails: what wait_for waits for to be gone.
not() { ! "$@"; }

nspawn=
sandbox=
booted() { [ -n "$nspawn" ]; }
poweroff_root() {
  # SIGTERM: nspawn asks the root's systemd to power off, and waits for it; 20 s, then SIGKILL.
  if booted; then
    kill "$nspawn" 2>/dev/null || true
    wait_for 20 not kill -0 "$nspawn" 2>/dev/null || kill -KILL "$nspawn" 2>/dev/null || true
    wait "$nspawn" 2>/dev/null || true
  fi
  nspawn=
}
chromedriver=
shutdown() {
  [ -z "$sandbox" ] || kill "$sandbox" 2>/dev/null || true
  [ -z "$chromedriver" ] || kill "$chromedriver" 2>/dev/null || true
  poweroff_root
  kill "$xvfb" 2>/dev/null || true
  cleanup
}
trap shutdown EXIT
boot_root() {
  # keyctl and add_key: the kiosk keeps its session key in the kernel keyring, which
  # systemd-nspawn forbids unless asked.
  systemd-nspawn --boot -D "$root" --register=no --keep-unit --console=passive \
    --bind-ro="/tmp/.X11-unix/X$display_number" --system-call-filter="add_key keyctl request_key" \
    >>"$root/boot.log" 2>&1 &
  nspawn=$!
  # nspawn's child becomes the root's systemd (before that, it is nspawn setting up).
  wait_for 10 pgrep -P "$nspawn" -x systemd >/dev/null ||
    fail "systemd-nspawn did not start the root's systemd (see $root/boot.log)"
  init="$(pgrep -P "$nspawn" -x systemd)"
  wait_for 30 root_booted || fail "the root's systemd did not finish booting (see $root/boot.log)"
}
root_booted() {
  case "$(in_boot systemctl is-system-running 2>/dev/null)" in
    running | degraded) return 0 ;;
    *) return 1 ;;
  esac
}
in_boot() { nsenter -t "$init" -a env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
gateway_ready() { # the service runs and answers /ready
  [ "$(in_boot systemctl is-active guichet-gateway)" = active ] &&
    curl -fsS -o /dev/null "http://127.0.0.1:$gateway_port/ready" 2>/dev/null
}
journal() { in_boot journalctl -u "$1" --no-pager -o cat; }
# Whether unit $1's journal has a line matching $2 (read whole first: with pipefail, grep -q
# ending a pipe early would fail it).
journal_has() {
  local text
  text="$(journal "$1")"
  grep -q -- "$2" <<<"$text"
}

boot_root
# 1. FC+ unreachable and nothing cached: the service says so and is started again.
in_boot systemctl start guichet-gateway || true
wait_for 10 journal_has guichet-gateway "FranceConnect+ discovery failed.*check franceconnect.issuer and the network" ||
  { journal guichet-gateway | tail -n 20 >&2 || true; fail "with FC+ unreachable the gateway did not say so in its journal"; }
[ "$(in_boot systemctl show -P ActiveState guichet-gateway)" != failed ] ||
  fail "with FC+ unreachable the service gave up instead of trying again"

# 2. FC+ comes up: the next try starts the service (RestartSec=5s), with no one touching it.
"$sandbox_bin" sandbox --port "$sandbox_port" --clients "$root/tmp/clients.toml" >"$root/sandbox.log" 2>&1 &
sandbox=$!
wait_for 20 gateway_ready || { journal guichet-gateway | tail -n 20 >&2 || true; fail "the service did not start once FC+ answered"; }
restarts="$(in_boot systemctl show -P NRestarts guichet-gateway)"
[ "$restarts" -ge 1 ] || fail "the service started without the retry it should have needed"
discovery="$(curl -fsS "http://127.0.0.1:$gateway_port/.well-known/openid-configuration")"
grep -q '"issuer":"https://guichet.mairie-exemple.fr"' <<<"$discovery" || fail "the gateway's discovery is not the example's"
pid="$(in_boot systemctl show -P MainPID guichet-gateway)"
uid="$(in_boot stat -c %u "/proc/$pid")"
# systemd's dynamic users are 61184-65519 (the root has no nss-systemd to name them).
[ "$uid" -ge 61184 ] && [ "$uid" -le 65519 ] || fail "the service runs as uid $uid, not a dynamic user"

# 3. FC+ gone again: a restart starts from the cached discovery and keys (CacheDirectory=).
kill "$sandbox"
wait "$sandbox" 2>/dev/null || true
sandbox=
in_boot systemctl restart guichet-gateway
wait_for 10 gateway_ready || { journal guichet-gateway | tail -n 20 >&2 || true; fail "the service did not start from its cache with FC+ unreachable"; }
journal_has guichet-gateway '"event":"discovery_from_cache"' || fail "the restart did not say it used the cache"
! journal_has guichet-gateway "$canary" || fail "the FC+ secret is in the service's journal"
exposure="$(in_boot systemd-analyze security guichet-gateway --no-pager | tail -n 1)"
grep -q "OK" <<<"$exposure" || fail "systemd-analyze security: $exposure"
step "the service: started after $restarts restart(s) once FC+ answered, then from its cache; uid $uid; ${exposure#*: }"

step "the kiosk session at boot (guichet-kiosk.service: cage and Guichet as guichet-kiosk)"
# The kiosk reaches the gateway booted beside it (loopback: plain HTTP is allowed there).
sed -i -e "s#^issuer = .*#issuer = \"http://127.0.0.1:$gateway_port\"#" "$root/etc/guichet/kiosk.toml"
kiosk_uid="$(in_root id -u guichet-kiosk)"
kiosk_gid="$(in_root id -g guichet-kiosk)"
# Waits for a Guichet of the kiosk user other than $1 (a process id, or nothing), then for its
# window to be painted (cage's screen is black until then); takes the screenshot $2.
kiosk_screen() {
  local before="$1" shot="$shots/$2" now=
  for _ in $(seq 1 300); do
    now="$(pgrep -u "$kiosk_uid" -x guichet || true)"
    [ -n "$now" ] && [ "$now" != "$before" ] && break
    now=
    sleep 0.1
  done
  [ -n "$now" ] || { journal guichet-kiosk | tail -n 20 >&2 || true; fail "the kiosk session started no Guichet"; }
  local mean=0
  for _ in $(seq 1 300); do
    import -display "$display" -window root "$shot" 2>/dev/null &&
      mean="$(convert "$shot" -format '%[fx:int(100*mean)]' info:)"
    [ "$mean" -ge 50 ] && break
    sleep 0.2
  done
  [ "$mean" -ge 50 ] || fail "the kiosk's screen stayed dark ($shot)"
  # The page's fonts and images: a moment more, then the picture kept.
  sleep 2
  import -display "$display" -window root "$shot"
  kiosk_guichet="$now"
}

# 4. The first boot of a kiosk as installed: no staff PIN yet, so the window says what to do.
kiosk_screen "" kiosk-boot-1-no-pin.png
[ "$(in_boot systemctl is-enabled guichet-kiosk)" = enabled ] || fail "the kiosk session is not enabled at boot"
[ "$(stat -c %u "/proc/$kiosk_guichet")" = "$kiosk_uid" ] || fail "the kiosk's Guichet does not run as guichet-kiosk"
cage="$(ps -o ppid= -p "$kiosk_guichet" | tr -d ' ')"
[ "$(ps -o comm= -p "$cage")" = cage ] || fail "the kiosk's Guichet is not cage's application"

# 5. The office sets the PIN, enables the gateway, and reboots: the kiosk comes up on its home
# screen, and asks the gateway (started from its cache: FC+ is still away) for its discovery.
pin_line="$(echo 2468 | in_root guichet pin hash)"
grep -q '^staff_pin = "\$argon2id\$' <<<"$pin_line" || fail "guichet pin hash printed: $pin_line"
printf '%s\n' "$pin_line" >"$root/tmp/pin-line"
sed -i -e '/^# staff_pin = /r '"$root/tmp/pin-line" "$root/etc/guichet/kiosk.toml"
in_boot systemctl enable guichet-gateway >/dev/null 2>&1
poweroff_root
boot_root
wait_for 20 gateway_ready || fail "the enabled gateway did not start at boot"
kiosk_screen "" kiosk-boot-2-home.png
wait_for 10 journal_has guichet-gateway '"path":"/.well-known/openid-configuration"' ||
  fail "the kiosk never asked the gateway for its discovery"
# The PIN's hash is the kiosk's and root's to read, no one else's.
[ "$(stat -c '%a %U %g' "$root/etc/guichet/kiosk.toml")" = "640 root $kiosk_gid" ] ||
  fail "/etc/guichet/kiosk.toml is $(stat -c '%a %U %g' "$root/etc/guichet/kiosk.toml"), not 640 root guichet-kiosk"

# 6. Guichet killed (a crash): cage ends with it and systemd starts the session again.
restarts_before="$(in_boot systemctl show -P NRestarts guichet-kiosk)"
kill -KILL "$kiosk_guichet"
kiosk_screen "$kiosk_guichet" kiosk-boot-3-after-a-crash.png
restarts_after="$(in_boot systemctl show -P NRestarts guichet-kiosk)"
[ "$restarts_after" -gt "$restarts_before" ] || fail "the kiosk came back without systemd restarting it"
step "the kiosk: booted on Guichet as guichet-kiosk in cage (no PIN: said; PIN set: home, asking the gateway), started again after a kill; screenshots in $shots"

# 7. A sign-in on the installed layout: the development build (the packaged one has no
# sandbox) as the kiosk's application, with the installed cage, WebKitGTK, Chromium, kernel
# keyring and unit; the person's clicks on FC+'s pages go through ChromeDriver (the host's),
# attached to the kiosk's Chromium by its debugging port.
step "a sandbox sign-in in the kiosk session (the development build, the installed layout)"
cdp_port="$(free_port)"
# Named guichet, as the packaged one, so that its process is found the same way.
install -D -m 0755 "$sandbox_bin" "$root/usr/local/lib/guichet-dev/guichet"
sed -e "s#^command = .*#command = \"chromium --ozone-platform=wayland --remote-debugging-port=$cdp_port\"#" \
  "$root/etc/guichet/kiosk.toml" >"$root/etc/guichet/kiosk-dev.toml"
chgrp "$kiosk_gid" "$root/etc/guichet/kiosk-dev.toml"
chmod 0640 "$root/etc/guichet/kiosk-dev.toml"
cat >"$root/etc/systemd/system/guichet-kiosk.service.d/sign-in.conf" <<UNIT
[Service]
ExecStart=
ExecStart=/usr/bin/cage -d -- /usr/local/lib/guichet-dev/guichet window --kiosk --env sandbox --config /etc/guichet/kiosk-dev.toml
UNIT
in_boot systemctl daemon-reload
wd_port="$(free_port)"
chromedriver --port="$wd_port" >"$root/chromedriver.log" 2>&1 &
chromedriver=$!
W="http://127.0.0.1:$wd_port"
wd() { # method path [json]
  curl -s -X "$1" "$W$2" -H 'Content-Type: application/json' ${3:+-d "$3"}
}
# Restarts the kiosk on the development build, presses "S'identifier avec FranceConnect+"
# (xdotool on cage's window: cage passes the click to Guichet) and waits for the browser.
open_fc_plus() {
  in_boot systemctl restart guichet-kiosk
  kiosk_screen "" "$1"
  # The FC+ button's place on the home screen with the sandbox's banner, at 1024x768.
  DISPLAY="$display" xdotool mousemove 170 385 click 1
  wait_for 20 browser_on_fc_plus && return 0
  import -display "$display" -window root "$shots/kiosk-no-browser.png"
  fail "Guichet's button did not open Chromium on FC+ (screen: $shots/kiosk-no-browser.png)"
}
browser_on_fc_plus() {
  local pages
  pages="$(curl -fsS "http://127.0.0.1:$cdp_port/json" 2>/dev/null)" && grep -q '/api/v2/' <<<"$pages"
}
attach() {
  wd POST /session '{"capabilities":{"alwaysMatch":{"goog:chromeOptions":{"debuggerAddress":"127.0.0.1:'"$cdp_port"'"}}}}'
}

# With the managed policy, developer tools are off: ChromeDriver cannot drive this Chromium.
open_fc_plus kiosk-sign-in-0-home.png
refused="$(attach)"
grep -q 'Not allowed' <<<"$refused" ||
  fail "the kiosk's Chromium let ChromeDriver in despite DeveloperToolsAvailability 2: ${refused:0:300}"
# Without it (this check's only way to click), the sign-in.
mv "$root/etc/chromium/policies/managed/guichet-kiosk.json" "$root/tmp/policy.json"
open_fc_plus kiosk-sign-in-1-home.png
session="$(attach | grep -o '"sessionId":"[^"]*"' | cut -d'"' -f4)"
[ -n "$session" ] || fail "ChromeDriver could not attach to the kiosk's Chromium (see $root/chromedriver.log)"
for handle in $(wd GET "/session/$session/window/handles" | grep -o '"[0-9A-F]\{32\}"' | tr -d '"'); do
  wd POST "/session/$session/window" "{\"handle\":\"$handle\"}" >/dev/null
  case "$(wd GET "/session/$session/url")" in *"/api/v2/"*) break ;; esac
done
wd POST "/session/$session/timeouts" '{"implicit":10000}' >/dev/null
for id in idp-fip1 identity-marie consent-button; do
  element="$(wd POST "/session/$session/element" "{\"using\":\"css selector\",\"value\":\"#$id\"}" |
    grep -o '"element-6066-11e4-a52e-4f735466cecf":"[^"]*"' | cut -d'"' -f4 || true)"
  [ -n "$element" ] || fail "no #$id on FC+'s page in the kiosk's Chromium"
  wd POST "/session/$session/element/$element/click" '{}' >/dev/null
done
kill "$chromedriver" 2>/dev/null || true
# Verified: the private browser closes, Guichet shows the identity, its key is in the kiosk
# user's kernel keyring.
wait_for 20 not pgrep -u "$kiosk_uid" -x chromium >/dev/null || fail "the kiosk's private Chromium stayed open after the sign-in"
sleep 2
import -display "$display" -window root "$shots/kiosk-sign-in-2-identity.png"
has_key() { # pattern: in the kiosk user's kernel keyring
  local shown
  shown="$(in_boot setpriv --reuid="$kiosk_uid" --regid="$kiosk_gid" --clear-groups keyctl show @u)"
  grep -q -- "$1" <<<"$shown"
}
has_key 'user: guichet:sandbox:' || fail "no session key in the kiosk user's kernel keyring"
# "Terminer la session": the key goes.
DISPLAY="$display" xdotool mousemove 877 229 click 1
wait_for 10 not has_key 'user: guichet:' || fail "the session key outlived the end of the session"
sleep 1
import -display "$display" -window root "$shots/kiosk-sign-in-3-ended.png"
mv "$root/tmp/policy.json" "$root/etc/chromium/policies/managed/guichet-kiosk.json"
rm "$root/etc/systemd/system/guichet-kiosk.service.d/sign-in.conf"
step "the sign-in: ChromeDriver refused under the policy; without it, FC+ in the kiosk's Chromium, the identity verified, the key in the kernel keyring, gone at the end"
poweroff_root

step "purge guichet-gateway and guichet-kiosk"
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq guichet-gateway guichet-kiosk >/dev/null 2>&1
[ ! -e "$root/etc/guichet-gateway" ] || fail "/etc/guichet-gateway outlives the purge"
[ ! -e "$root/var/lib/guichet-kiosk" ] && [ ! -e "$root/etc/systemd/system/graphical.target.wants/guichet-kiosk.service" ] ||
  fail "the kiosk's state or its boot link outlives the purge"

step "passed on $suite: $version; installed $(tr '\n' ';' <<<"$footprint")"
