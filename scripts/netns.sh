#!/usr/bin/env bash
# Runs a command inside a fresh network namespace that has only the loopback interface (up).
#   bash scripts/netns.sh bash -c 'bash pbx/start.sh && npx playwright test; bash pbx/stop.sh'
# Nothing inside can reach (or be reached from) any other interface. Needs root (or CAP_SYS_ADMIN).
# Files, processes and users are shared with the host; only the network is private.
set -euo pipefail
if [[ $# -eq 0 ]]; then
  echo "usage: bash scripts/netns.sh COMMAND [ARGS...]" >&2
  exit 2
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "netns.sh: needs root for 'unshare --net' (try: sudo bash scripts/netns.sh $*)" >&2
  exit 1
fi
exec unshare --net -- bash -c 'ip link set lo up && exec "$@"' netns "$@"
