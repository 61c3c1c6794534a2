#!/usr/bin/env bash
# End-to-end tests: builds the app for the development PBX, then runs Playwright inside a network
# namespace that has only loopback (real Kamailio, real Chromium with fake media devices).
#   bash scripts/e2e.sh                 # the whole suite
#   bash scripts/e2e.sh e2e/audio.spec.ts -g hold   # extra arguments go to `playwright test`
#   E2E_RUNS=1 bash scripts/e2e.sh      # the whole suite in one run (default: 2 runs side by side,
#                                       # each in its own namespace, scripts/e2e-parallel.sh)
# Needs root (or CAP_SYS_ADMIN) for the namespace, plus Debian's chromium and kamailio packages.
set -euo pipefail
cd "$(dirname "$0")/.."

# E2E_RESULTS: where a run writes its build, PBX run directories and Playwright output, so two runs
# (each in its own network namespace) can share a checkout
export E2E_RESULTS="${E2E_RESULTS:-test-results}"
export E2E_DIST_DIR="${E2E_DIST_DIR:-$E2E_RESULTS/dist-e2e}"

if [ "${SOFTPHONE_NETNS:-}" != 1 ]; then
  # ---- outside the namespace: prerequisites and build -------------------------------------
  need=()
  [ -x /usr/lib/chromium/chromium ] || command -v chromium >/dev/null || need+=(chromium)
  command -v kamailio >/dev/null ||
    need+=(kamailio kamailio-websocket-modules kamailio-presence-modules kamailio-sqlite-modules kamailio-utils-modules kamailio-extra-modules)
  command -v sqlite3 >/dev/null || need+=(sqlite3)
  command -v turnserver >/dev/null || need+=(coturn)
  command -v nft >/dev/null || need+=(nftables)
  command -v unshare >/dev/null || need+=(util-linux)
  command -v ip >/dev/null || need+=(iproute2)
  # media relay and desk phones (pbx/media.sh); never the `rtpengine` meta package (kernel module)
  media=()
  command -v rtpengine >/dev/null || media+=(rtpengine-daemon rtpengine-utils)
  command -v baresip >/dev/null || media+=(baresip)
  command -v sipp >/dev/null || media+=(sip-tester)
  if [ "${#need[@]}" -gt 0 ] || [ "${#media[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "== e2e: installing ${need[*]} ${media[*]}"
      DEBIAN_FRONTEND=noninteractive apt-get update -q
      [ "${#need[@]}" -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
      [ "${#media[@]}" -eq 0 ] ||
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${media[@]}"
    else
      echo "e2e: missing packages: ${need[*]} ${media[*]} (run as root: apt-get install ${need[*]};" \
        "apt-get install --no-install-recommends ${media[*]})" >&2
      exit 1
    fi
  fi

  if [ "${E2E_PREBUILT:-}" != 1 ]; then
    echo "== e2e: building the app for the development PBX into $E2E_DIST_DIR"
    VITE_SIP_WS_URL=ws://127.0.0.1:8088 VITE_SIP_DOMAIN=pbx.test \
      VITE_DIRECTORY_URL=http://127.0.0.1:8088/directory.vcf VITE_PUSH_URL=http://127.0.0.1:8089 \
      npx vite build --logLevel warn --outDir "$E2E_DIST_DIR" --emptyOutDir
  fi

  # the whole suite (no arguments): several runs side by side, each in its own namespace
  if [ $# -eq 0 ] && [ "${E2E_RUNS:-2}" -gt 1 ]; then
    exec bash scripts/e2e-parallel.sh
  fi

  echo "== e2e: entering a loopback-only network namespace"
  if [ -f scripts/netns.sh ]; then
    exec bash scripts/netns.sh env SOFTPHONE_NETNS=1 bash scripts/e2e.sh "$@"
  fi
  exec unshare --net -- env SOFTPHONE_NETNS=1 bash -c 'ip link set lo up && exec bash scripts/e2e.sh "$@"' e2e "$@"
fi

# ---- inside the namespace -------------------------------------------------------------------
others="$(ip -o link show | awk -F': ' '$2 != "lo" { print $2 }')"
if [ -n "$others" ]; then
  echo "e2e: refusing to run: this network namespace has interfaces besides lo: $others" >&2
  exit 1
fi
if ! ip -o link show lo | grep -q 'state UNKNOWN\|state UP\|LOWER_UP'; then
  ip link set lo up
fi

# shellcheck disable=SC2317  # called by the EXIT trap
stop_pbxes() {
  # Safety net if Playwright dies before its global teardown: stop our own PBX instances by pid file.
  for dir in "$E2E_RESULTS/pbx" "$E2E_RESULTS/pbx-late"; do
    if [ -d "$dir" ] && [ -f pbx/stop.sh ]; then
      PBX_RUN_DIR="$PWD/$dir" bash pbx/stop.sh >/dev/null 2>&1 || true
    fi
  done
}
trap stop_pbxes EXIT

start=$(date +%s)
status=0
npx playwright test "$@" || status=$?
echo "== e2e: finished in $(($(date +%s) - start)) s (exit $status)"
exit "$status"
