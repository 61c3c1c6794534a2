#!/usr/bin/env bash
# npm run bench: builds the benchmark page, then measures inside a loopback-only network namespace
# with its own development PBX, so nothing touches a running demo or the network.
# `npm run bench -- recovery` runs only the recovery benchmark (bench/recovery.mjs; BENCH_OUTAGES
# and BENCH_DROPS choose its rounds), which needs only the app build; `npm run bench -- push-answer`
# only the Answer-from-a-closed-app one (bench/push-answer.mjs; BENCH_PUSH_ANSWER_RUNS rounds);
# `ringing` the ringing latency and cold start (bench/ringing.mjs), `soak` the 200-call soak
# (bench/soak.mjs; BENCH_SOAK_CALLS), `ui` the History and keypad one (bench/ui.mjs), `push` the
# INVITE-to-push one (bench/push.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SOFTPHONE_NETNS:-}" != 1 ]; then
  # recovery.mjs drops packets with nftables (a half-open connection); install it out here,
  # the namespace has no network
  if ! command -v nft >/dev/null; then
    if [ "$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -q nftables; else
      echo "bench: recovery.mjs needs nft (apt-get install nftables)" >&2
      exit 1
    fi
  fi
  case "${1:-}" in
    recovery | push-answer | ringing | soak | ui | push) ;;
    *) npx vite build --config bench/vite.config.ts ;;
  esac
  # the real app for bench/ui.mjs, recovery.mjs and push-answer.mjs: the development PBX's defaults,
  # no company directory (push-answer.mjs enters the push sender's URL in the sign-in form)
  VITE_SIP_WS_URL=ws://127.0.0.1:8088 VITE_SIP_DOMAIN=pbx.test VITE_DIRECTORY_URL= \
    npx vite build --logLevel warn --outDir bench/.dist-app --emptyOutDir
  # the first screen's JavaScript, from that build (bench/results/bundle.json)
  [ -n "${1:-}" ] || node bench/bundle.mjs bench/.dist-app
  exec bash scripts/netns.sh env SOFTPHONE_NETNS=1 bash "$0" "$@"
fi
export PBX_RUN_DIR="${PBX_RUN_DIR:-$PWD/bench/.pbx-run}"
# browser-to-browser calls only: no media relay or desk phones eating CPU while measuring
export PBX_MEDIA="${PBX_MEDIA:-0}"
bash pbx/start.sh
trap 'bash pbx/stop.sh' EXIT
case "${1:-}" in
  recovery) node bench/recovery.mjs ;;
  push-answer) node bench/push-answer.mjs ;;
  ringing) node bench/ringing.mjs ;;
  soak) node bench/soak.mjs ;;
  ui) node bench/ui.mjs ;;
  push) node bench/push.mjs ;;
  *)
    node bench/run.mjs
    node bench/mixer.mjs
    node bench/ui.mjs
    node bench/ringing.mjs
    node bench/soak.mjs
    node bench/recovery.mjs
    node bench/push.mjs
    node bench/push-answer.mjs
    ;;
esac
