#!/usr/bin/env bash
# Smoke test of a RUNNING dev PBX (start it first: bash pbx/start.sh):
# SIPp over UDP and TCP (OPTIONS, REGISTER with digest auth, wrong password, INVITE to 1009 -> 404,
# a full call with INFO through the proxy over UDP, a 302 redirect that the PBX follows, a redirect
# to the voicemail number and a redirect loop, feature codes for DND and forward all and their effect,
# MWI PUBLISH + SUBSCRIBE), then the HTTP checks of http-smoke.mjs (company
# directory /directory.vcf, CORS, 404/403, WebSocket upgrade) and the WebSocket checks of ws-smoke.mjs.
# Uses the PBX_* env vars like start.sh; SIPp binds 127.0.0.1:${PBX_SIPP_PORT:-5091} and the five ports after it.
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
# Call forwarding: 1004 (at port+3) answers 302 with Contact sip:1008@domain; the PBX follows it and
# rings 1008 (port+1), the call goes on as usual.
redir=$((port + 3))
# bg_start SCENARIO-ARGS...: a SIPp UAS in the background; bg_check NAME: waits for it, counts the result.
bg_start() {
  sipp -nostdin -timeout 10s -timeout_error -i 127.0.0.1 "$@" >"$work/bg.txt" 2>&1 &
  bg=$!
  sleep 0.2
}
bg_check() {
  if wait "$bg"; then
    passed=$((passed + 1)); echo "ok - $1"
  else
    failed=$((failed + 1)); echo "not ok - $1 (sipp in the background failed)"
    tail -n 5 "$work/bg.txt" | sed 's/^/    /'
  fi
}
run "udp: REGISTER forwarding phone 1004" 0 -sf "$dir/register.xml" -m 1 -s 1004 -au 1004 -ap pw1004 -p "$redir" -t u1 "$target"
sipp -nostdin -timeout 10s -timeout_error -i 127.0.0.1 -sf "$dir/call-uas.xml" -m 1 -p "$callee" -t u1 >"$work/uas.txt" 2>&1 &
uas=$!
bg_start -sf "$dir/redirect-uas.xml" -m 1 -key target 1008 -key domain "$PBX_DOMAIN" -p "$redir" -t u1
run "udp: call 1004, its 302 to 1008 is followed (INVITE, ACK, INFO, BYE)" 0 -sf "$dir/call-uac.xml" -m 1 -s 1004 -p "$caller" -t u1 "$target"
bg_check "udp: 1004 answered 302 and got the ACK"
if wait "$uas"; then
  passed=$((passed + 1)); echo "ok - udp: redirect target 1008 saw INVITE, ACK, INFO, BYE"
else
  failed=$((failed + 1)); echo "not ok - udp: redirect target 1008 scenario failed"
fi
bg_start -sf "$dir/redirect-uas.xml" -m 1 -key target '*97' -key domain "$PBX_DOMAIN" -p "$redir" -t u1
run "udp: call 1004, its 302 to the voicemail number *97 -> 480 (Reason: no voicemail)" 0 -sf "$dir/invite-480.xml" -m 1 -s 1004 -p "$caller" -t u1 "$target"
bg_check "udp: 1004 answered 302 to *97"
run "udp: dial the voicemail number *97 -> 480" 0 -sf "$dir/invite-480.xml" -m 1 -s '*97' -p "$caller" -t u1 "$target"
bg_start -sf "$dir/redirect-loop-uas.xml" -m 1 -key target 1004 -key domain "$PBX_DOMAIN" -p "$redir" -t u1
run "udp: 1004 redirects to itself: 3 redirects followed, then 482" 0 -sf "$dir/invite-482.xml" -m 1 -s 1004 -p "$caller" -t u1 "$target"
bg_check "udp: 1004 saw exactly the 4 INVITEs of the redirect loop"
run "udp: unREGISTER 1004" 0 -sf "$dir/unregister.xml" -m 1 -s 1004 -au 1004 -ap pw1004 -p "$redir" -t u1 "$target"

# Feature codes (route[FEATURES]): 1004, now unregistered (its app is closed), sets DND and forward
# all on the PBX with digest auth; each code gets 380. Their effect on calls to 1004, then cleared.
code() {
  run "$1" 0 -sf "$dir/feature-code.xml" -m 1 -s "$2" -key user 1004 -au 1004 -ap pw1004 -p "$caller" -t "$3" "$target"
}
run "udp: feature code *78 without credentials -> 403" 0 -sf "$dir/invite-403.xml" -m 1 -s '*78' -p "$caller" -t u1 "$target"
code "udp: 1004 dials *78 (DND on) -> 380" '*78' u1
run "udp: call 1004 (DND on the PBX, not registered) -> 486" 0 -sf "$dir/invite-486.xml" -m 1 -s 1004 -p "$caller" -t u1 "$target"
code "tcp: 1004 dials *79 (DND off) -> 380" '*79' t1
code "udp: 1004 dials *721008 (forward all to 1008) -> 380" '*721008' u1
sipp -nostdin -timeout 10s -timeout_error -i 127.0.0.1 -sf "$dir/call-uas.xml" -m 1 -p "$callee" -t u1 >"$work/uas.txt" 2>&1 &
uas=$!
sleep 0.2
run "udp: call 1004 (forward all on the PBX, not registered) reaches 1008" 0 -sf "$dir/call-uac.xml" -m 1 -s 1004 -p "$caller" -t u1 "$target"
if wait "$uas"; then
  passed=$((passed + 1)); echo "ok - udp: forwarding target 1008 saw INVITE, ACK, INFO, BYE"
else
  failed=$((failed + 1)); echo "not ok - udp: forwarding target 1008 scenario failed"
fi
code "udp: 1004 dials *73 (forwarding off) -> 380" '*73' u1
run "udp: call 1004 (nothing set, not registered) -> 404" 0 -sf "$dir/invite-404.xml" -m 1 -s 1004 -p "$caller" -t u1 "$target"

# Message waiting (RFC 3842): the voicemail stand-in PUBLISHes 3 new / 1 old for 1006, then 1006
# SUBSCRIBEs to its mailbox and finds the state in the first NOTIFY. (ws-smoke.mjs checks the counts
# and the NOTIFY on PUBLISH over WebSocket.) Finally 1006's mailbox is published empty again.
mwi_pub() {
  run "$1" 0 -sf "$dir/publish-mwi.xml" -m 1 -s 1006 -key domain "$PBX_DOMAIN" -key waiting "$2" -key new "$3" -key old "$4" -p "$caller" -t "$5" "$target"
}
mwi_pub "tcp: PUBLISH message-summary for 1006 (3/1) -> 200" yes 3 1 t1
run "udp: SUBSCRIBE message-summary as 1006 -> 200 + NOTIFY Messages-Waiting: yes, unSUBSCRIBE" 0 -sf "$dir/subscribe-mwi.xml" -m 1 -s 1006 -au 1006 -ap pw1006 -key domain "$PBX_DOMAIN" -p "$redir" -t u1 "$target"
mwi_pub "udp: PUBLISH message-summary for 1006 (0/0) -> 200" no 0 0 u1

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
