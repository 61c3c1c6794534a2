#!/usr/bin/env bash
# The dev PBX's Web Push sender (node pbx/push/main.mjs), next to Kamailio in the same run dir.
#   bash pbx/push.sh start   (re)start the sender of $PBX_RUN_DIR and wait until it answers
#   bash pbx/push.sh stop    stop it by its pid file (SIGTERM, up to 5 s, then SIGKILL)
# pbx/start.sh and pbx/stop.sh call start/stop; PBX_PUSH=0 skips it (see docs/web-push.md).
# Env: PBX_PUSH PBX_PUSH_PORT PBX_PUSH_RING_S plus those of pbx/lib.sh.
set -euo pipefail
# shellcheck source=pbx/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

pbx_env
PUSH_PID_FILE="$PBX_RUN/push.pid"
PUSH_LOG_FILE="$PBX_RUN/push.log"
PUSH_MAIN="$PBX_DIR/push/main.mjs"

# Prints the pid from the pid file if it is a live node running this sender.
push_live_pid() {
  local pid
  [[ -f $PUSH_PID_FILE ]] || return 1
  pid="$(tr -dc '0-9' <"$PUSH_PID_FILE")"
  [[ -n $pid && -d /proc/$pid ]] || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "$PUSH_MAIN" || return 1
  # the same run dir: its environment names it
  tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF -- "PBX_RUN=$PBX_RUN" || return 1
  [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]] || return 1
  printf '%s' "$pid"
}

push_stop() {
  pbx_stop_daemon "push sender" push_live_pid "$PUSH_PID_FILE"
}

push_start() {
  mkdir -p "$PBX_RUN"
  if push_live_pid >/dev/null; then push_stop || true; fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$PBX_PUSH_PORT") 2>/dev/null; then
    pbx_err "127.0.0.1:$PBX_PUSH_PORT (tcp) is already in use - another push sender? (ss -ltnp 'sport = :$PBX_PUSH_PORT')"
    return 1
  fi
  pbx_push_secret >/dev/null
  pbx_gen_push_db
  PBX_RUN="$PBX_RUN" PBX_PUSH_SECRET_FILE="$PBX_PUSH_SECRET_FILE" \
    node "$PUSH_MAIN" </dev/null >>"$PUSH_LOG_FILE" 2>&1 &
  local pid=$! i
  echo "$pid" >"$PUSH_PID_FILE"
  for ((i = 0; i < 100; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PBX_PUSH_PORT") 2>/dev/null; then
      pbx_log "push sender ready: pid $pid, http://127.0.0.1:$PBX_PUSH_PORT (VAPID key /vapid-public-key), ring timeout ${PBX_PUSH_RING_S} s, log $PUSH_LOG_FILE"
      return 0
    fi
    [[ -d /proc/$pid ]] || break
    sleep 0.05
  done
  pbx_err "the push sender did not listen on 127.0.0.1:$PBX_PUSH_PORT; last lines of $PUSH_LOG_FILE:"
  tail -n 20 "$PUSH_LOG_FILE" >&2 || true
  push_stop || true
  return 1
}

case "${1:-}" in
  start) [[ $PBX_PUSH == 0 ]] || push_start ;;
  stop) push_stop || true ;;
  *) pbx_err "usage: push.sh start|stop"; exit 2 ;;
esac
