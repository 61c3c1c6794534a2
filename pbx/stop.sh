#!/usr/bin/env bash
# Stops the dev PBX of $PBX_RUN_DIR (desk phones, media relay, Kamailio) by their pids (SIGTERM, up to 5 s, then SIGKILL). Safe when it is not running.
set -euo pipefail
# shellcheck source=pbx/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

pbx_env
bash "$PBX_DIR/turn.sh" stop
bash "$PBX_DIR/push.sh" stop
if pbx_media_stop; then
  pbx_log "stopped the media relay and the desk phones"
fi
if pbx_stop; then
  pbx_log "stopped"
else
  pbx_log "not running"
fi
