#!/usr/bin/env bash
# npm run demo: the softphone against the local dev PBX.
#  1. npm ci when node_modules is missing or older than package-lock.json
#  2. start the PBX (pbx/start.sh; installs Kamailio, rtpengine, baresip, SIPp and coturn from
#     Debian's packages when missing and root): Kamailio, the media relay, desk phone 2001,
#     early-media line 2002, the TURN server
#  3. print the URL, the demo logins and the TURN line, then run Vite on http://127.0.0.1:5173/
#  4. Ctrl-C (or Vite exiting) stops Vite and the PBX
# The PBX_* env vars of pbx/start.sh apply (PBX_WS_PORT, PBX_DOMAIN, ...).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=pbx/lib.sh
source pbx/lib.sh
pbx_env

# shellcheck source=scripts/ensure-deps.sh
source scripts/ensure-deps.sh
ensure_node_modules demo

stopped=0
vite_pid=""
cleanup() {
  ((stopped)) && return
  stopped=1
  if [[ -n $vite_pid ]] && kill -0 "$vite_pid" 2>/dev/null; then
    kill -TERM "$vite_pid" 2>/dev/null || true
    wait "$vite_pid" 2>/dev/null || true
  fi
  bash pbx/stop.sh || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bash pbx/start.sh

url="http://127.0.0.1:5173/"
cat <<EOF

  Softphone demo: open $url in Chrome or Edge (two windows/profiles to call each other).
  WebSocket URL: ws://127.0.0.1:$PBX_WS_PORT    SIP domain: $PBX_DOMAIN
  Company directory (vCard): $PBX_DIRECTORY_URL

EOF
pbx_print_users
cat <<EOF

  Call another extension by its number (e.g. 1002); a wrong password is refused.
EOF
if [[ $PBX_MEDIA == 1 ]]; then
  cat <<EOF
  Plain SIP phones (through the media relay, rtpengine): call 2001, a desk phone (baresip) that
  answers at once and plays a 440 Hz tone; call 2002 to hear a tone as early media while it rings
  (it never answers). The desk phone can call you too: see pbx/README.md (ctrl_tcp).
EOF
fi
cat <<EOF
  TURN server (coturn): paste into the STUN/TURN field, with your own extension and password:
    $(bash pbx/turn.sh line)
  Web Push (a closed app still rings): sender http://127.0.0.1:$PBX_PUSH_PORT (PBX_PUSH=0: off),
  see docs/web-push.md. PBX log: $PBX_LOG_FILE    Ctrl-C stops everything.

EOF

# the app offers push only when the PBX runs the push sender
push_url=""
[[ $PBX_PUSH == 1 ]] && push_url="http://127.0.0.1:$PBX_PUSH_PORT"

# Vite runs as a child we wait for: Ctrl-C reaches it through the terminal, a SIGTERM to this
# script ends it through the trap; either way the EXIT trap then stops the PBX.
# (node_modules/.bin/vite is what `npx vite` runs; called directly, $! is Vite itself, because
# `npm exec` does not pass a SIGTERM on to its child.)
VITE_SIP_WS_URL="ws://127.0.0.1:$PBX_WS_PORT" VITE_SIP_DOMAIN="$PBX_DOMAIN" \
  VITE_DIRECTORY_URL="$PBX_DIRECTORY_URL" \
  VITE_PUSH_URL="$push_url" \
  node_modules/.bin/vite --host 127.0.0.1 --port 5173 &
vite_pid=$!
wait "$vite_pid"
