#!/usr/bin/env bash
# Starts the dev PBX (Kamailio from Debian's packages) in the background and waits until it answers.
#   bash pbx/start.sh            start (restarts it if this run dir's Kamailio is already running)
#   bash pbx/start.sh --check    only generate the config and run `kamailio -c` on it
#   PBX_FOREGROUND=1 bash pbx/start.sh   run Kamailio in this terminal (Ctrl-C stops it)
# With PBX_MEDIA=1 (default) also the media relay (rtpengine) and the desk phones 2001/2002 (baresip).
# With PBX_PUSH=1 (default) also the Web Push sender (pbx/push.sh, http://127.0.0.1:$PBX_PUSH_PORT).
# Env: PBX_DOMAIN PBX_WS_PORT PBX_SIP_PORT PBX_RUN_DIR PBX_USERS PBX_SIPDUMP PBX_MEDIA PBX_RTPE_NG_PORT
#      PBX_RTPE_PORTS PBX_DESK_SIP_PORT PBX_DESK_CTRL_PORT (see pbx/README.md)
#      PBX_PUSH PBX_PUSH_PORT PBX_PUSH_RING_S (see docs/web-push.md).
set -euo pipefail
# shellcheck source=pbx/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

pbx_env
pbx_validate_env
pbx_ensure_installed

check_only=0
case "${1:-}" in
  --check) check_only=1 ;;
  "") ;;
  *) pbx_err "usage: start.sh [--check]"; exit 2 ;;
esac

mkdir -p "$PBX_RUN"

if ((!check_only)) && pid="$(pbx_live_pid)"; then
  if [[ $(readlink "/proc/$pid/ns/net") != "$(readlink /proc/self/ns/net)" ]]; then
    pbx_err "$PBX_RUN is in use by Kamailio pid $pid in another network namespace;"
    pbx_err "stop it (bash pbx/stop.sh) or use another PBX_RUN_DIR"
    exit 1
  fi
  pbx_log "already running (pid $pid) - restarting"
  pbx_stop || true
fi
# a relay or desk phone left over from an earlier start of this run dir
((check_only)) || pbx_media_stop || true

if ((!check_only)); then
  # Something else already listening would answer the readiness probe for us: refuse early.
  ports=("$PBX_SIP_PORT" "$PBX_WS_PORT")
  [[ $PBX_MEDIA == 1 ]] && ports+=("$((PBX_RTPE_NG_PORT + 1))" "$PBX_DESK_CTRL_PORT")
  for port in "${ports[@]}"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      pbx_err "127.0.0.1:$port (tcp) is already in use - another PBX with another PBX_RUN_DIR? (ss -ltnp 'sport = :$port')"
      exit 1
    fi
  done
fi

pbx_gen_users "$PBX_USERS_CFG"
pbx_gen_directory "$PBX_DIRECTORY_VCF" "$PBX_DIRECTORY_CFG"
pbx_gen_cfg "$PBX_CFG_FILE"

defines=()
if [[ $PBX_SIPDUMP == 1 ]]; then
  defines+=(-A WITH_SIPDUMP)
fi
if [[ $PBX_MEDIA == 1 && $PBX_FOREGROUND != 1 ]]; then
  defines+=(-A WITH_RTPENGINE)
fi
if [[ $PBX_PUSH == 1 && $PBX_FOREGROUND != 1 ]]; then
  defines+=(-A WITH_PUSH)
fi

if ((check_only)); then
  exec kamailio -c "${defines[@]}" -f "$PBX_CFG_FILE"
fi

pbx_gen_db
# every start begins with a clean run dir (old sipdump files included)
rm -f "$PBX_PID_FILE" "$PBX_RUN"/kamailio_ctl "$PBX_RUN"/kamailio_rpc.* "$PBX_RUN"/kamailio-sipdump-*

kam=(kamailio -DD -E "${defines[@]}" -f "$PBX_CFG_FILE" -Y "$PBX_RUN" -P "$PBX_PID_FILE" -m 64 -M 8)

if [[ $PBX_FOREGROUND == 1 ]]; then
  [[ $PBX_MEDIA == 1 ]] && pbx_log "foreground mode has no media relay and no desk phones (start them with PBX_MEDIA=1 bash pbx/start.sh)"
  pbx_log "running in the foreground: sip udp/tcp 127.0.0.1:$PBX_SIP_PORT, ws://127.0.0.1:$PBX_WS_PORT, domain $PBX_DOMAIN (Ctrl-C stops)"
  exec "${kam[@]}"
fi

# coturn of the same run dir (pbx/turn.sh; PBX_TURN=0 skips it)
bash "$PBX_DIR/turn.sh" start
# the Web Push sender before Kamailio, which calls it (pbx/push.sh; PBX_PUSH=0 skips it)
bash "$PBX_DIR/push.sh" start

t0=$(date +%s%N)
# The relay first: Kamailio's rtpengine module pings it at start-up and would otherwise leave it
# disabled for a minute.
if [[ $PBX_MEDIA == 1 ]] && ! pbx_rtpe_start; then
  pbx_media_stop || true
  exit 1
fi
# Foreground mode (-DD) in a background job: stdin/stdout/stderr detached so callers never block on our pipes.
"${kam[@]}" </dev/null >"$PBX_LOG_FILE" 2>&1 &
pid=$!

if ! PBX_PID="$pid" node "$PBX_DIR/ready.mjs"; then
  pbx_err "Kamailio did not become ready; last lines of $PBX_LOG_FILE:"
  tail -n 30 "$PBX_LOG_FILE" >&2 || true
  pbx_kill "$pid" >/dev/null 2>&1 || true
  pbx_media_stop || true
  exit 1
fi
if [[ $PBX_MEDIA == 1 ]] && ! { pbx_desks_start && pbx_early_start; }; then
  pbx_kill "$pid" >/dev/null 2>&1 || true
  pbx_media_stop || true
  exit 1
fi
ms=$((($(date +%s%N) - t0) / 1000000))
dump=""
[[ $PBX_SIPDUMP == 1 ]] && dump=", sipdump in $PBX_RUN"
pbx_log "ready in ${ms} ms: pid $pid, sip udp+tcp 127.0.0.1:$PBX_SIP_PORT, ws://127.0.0.1:$PBX_WS_PORT, domain $PBX_DOMAIN, $PBX_USER_COUNT users, log $PBX_LOG_FILE$dump"
pbx_log "directory: PBX_DIRECTORY_URL=$PBX_DIRECTORY_URL ($PBX_DIRECTORY_COUNT vCards)"
if [[ $PBX_MEDIA == 1 ]]; then
  pbx_log "media relay: rtpengine ng udp 127.0.0.1:$PBX_RTPE_NG_PORT, media ports $PBX_RTPE_PORTS, log $PBX_RTPE_LOG_FILE"
  pbx_log "desk phone 2001 (baresip, sip udp 127.0.0.1:$PBX_DESK_SIP_PORT) answers at once: ctrl_tcp 127.0.0.1:$PBX_DESK_CTRL_PORT, log $PBX_RUN/desk-2001/baresip.log"
  pbx_log "early-media line $PBX_EARLY_EXT (sipp, sip udp 127.0.0.1:$((PBX_DESK_SIP_PORT + 2))): 183 + a tone, never answers; log $PBX_RUN/early-$PBX_EARLY_EXT/messages.log"
fi
