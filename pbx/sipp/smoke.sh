#!/usr/bin/env bash
# Smoke test of a RUNNING dev PBX (start it first: bash pbx/start.sh):
# SIPp over UDP and TCP (OPTIONS, REGISTER with digest auth, wrong password, INVITE to 1009 -> 404,
# a full call with INFO through the proxy over UDP), then the HTTP checks of http-smoke.mjs (company
# directory /directory.vcf, CORS, 404/403, WebSocket upgrade) and the WebSocket checks of ws-smoke.mjs.
# Uses the PBX_* env vars like start.sh; SIPp binds 127.0.0.1:${PBX_SIPP_PORT:-5091} and the two ports after it.
# Prints "N passed, N failed"; exit 1 when something failed. Needs sipp (Debian package sip-tester).
set -uo pipefail
# shellcheck source=pbx/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
pbx_env

if ! command -v sipp >/dev/null 2>&1; then
  echo "smoke: sipp not found (apt-get install sip-tester)" >&2
  exit 1
fi

dir="$PBX_DIR/sipp"
port="${PBX_SIPP_PORT:-5091}"
target="127.0.0.1:$PBX_SIP_PORT"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0
failed=0

# run NAME EXPECTED_RC sipp-args...
run() {
  local name="$1" want="$2" rc
  shift 2
  sipp -nostdin -timeout 10s -timeout_error -i 127.0.0.1 "$@" >"$work/out.txt" 2>&1
  rc=$?
  if [[ $rc == "$want" ]]; then
    passed=$((passed + 1))
    echo "ok - $name"
  else
    failed=$((failed + 1))
    echo "not ok - $name (sipp exit $rc, wanted $want)"
    tail -n 5 "$work/out.txt" | sed 's/^/    /'
  fi
}

for t in u1 t1; do
  tr=$([[ $t == u1 ]] && echo udp || echo tcp)
  run "$tr: OPTIONS -> 200" 0 -sf "$dir/options.xml" -m 1 -p "$port" -t "$t" "$target"
  run "$tr: REGISTER 1007 with digest -> 200" 0 -sf "$dir/register.xml" -m 1 -s 1007 -au 1007 -ap pw1007 -p "$port" -t "$t" "$target"
  run "$tr: REGISTER with a wrong password -> not 200" 1 -sf "$dir/register.xml" -m 1 -s 1007 -au 1007 -ap wrong -p "$port" -t "$t" -timeout 3s "$target"
  run "$tr: INVITE to unregistered 1009 -> 404" 0 -sf "$dir/invite-404.xml" -m 1 -s 1009 -p "$port" -t "$t" "$target"
done

# A call through the proxy over UDP: register 1008 at port+1, answer there, call it from port+2.
callee=$((port + 1))
caller=$((port + 2))
run "udp: REGISTER callee 1008" 0 -sf "$dir/register.xml" -m 1 -s 1008 -au 1008 -ap pw1008 -p "$callee" -t u1 "$target"
sipp -nostdin -timeout 10s -timeout_error -i 127.0.0.1 -sf "$dir/call-uas.xml" -m 1 -p "$callee" -t u1 >"$work/uas.txt" 2>&1 &
uas=$!
sleep 0.2
run "udp: call 1008 (INVITE, ACK, INFO, BYE via Record-Route)" 0 -sf "$dir/call-uac.xml" -m 1 -s 1008 -p "$caller" -t u1 "$target"
if wait "$uas"; then
  passed=$((passed + 1)); echo "ok - udp: callee saw INVITE, ACK, INFO, BYE"
else
  failed=$((failed + 1)); echo "not ok - udp: callee scenario failed"
fi
run "udp: unREGISTER 1008" 0 -sf "$dir/unregister.xml" -m 1 -s 1008 -au 1008 -ap pw1008 -p "$callee" -t u1 "$target"
run "udp: unREGISTER 1007" 0 -sf "$dir/unregister.xml" -m 1 -s 1007 -au 1007 -ap pw1007 -p "$port" -t u1 "$target"

# node_checks NAME SCRIPT [node args...]: runs a node check script, adds its "N passed, N failed".
node_checks() {
  local name="$1" out rc summary f
  shift
  out="$(node "$@" 2>/dev/null)"
  rc=$?
  echo "$out" | grep -v -E '^[0-9]+ passed, [0-9]+ failed$'
  summary="$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' || true)"
  if [[ -n $summary ]]; then
    passed=$((passed + ${summary%% passed*}))
    f="${summary#*, }"; failed=$((failed + ${f%% failed*}))
  elif [[ $rc != 0 ]]; then
    failed=$((failed + 1)); echo "not ok - $name exited $rc"
  fi
}

# HTTP on the WS port: company directory (vCard, CORS, preflight), 404, 403, WebSocket upgrade.
export PBX_USERS_FILE
node_checks http-smoke.mjs "$dir/http-smoke.mjs"
node_checks ws-smoke.mjs --experimental-websocket "$dir/ws-smoke.mjs"

echo "$passed passed, $failed failed"
((failed == 0))
