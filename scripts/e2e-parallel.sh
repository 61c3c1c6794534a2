#!/usr/bin/env bash
# The whole e2e suite as N runs side by side (scripts/e2e.sh calls this with the app already built).
# Each run has its own loopback-only network namespace, so its own PBX, media relay, desk phones,
# TURN and push servers on the usual ports, its own copy of the build and its own results folder
# ($E2E_RESULTS/run-<i>): a fault one test injects (a killed PBX, an nft rule) never reaches the
# other run. The spec files are split by their measured time (scripts/e2e-split.mjs); the few too
# heavy to share the machine (its SOLO list) run afterwards, alone, as one more run (run-solo).
#   E2E_RUNS=2 bash scripts/e2e-parallel.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${E2E_RUNS:-2}"
mapfile -t groups < <(node scripts/e2e-split.mjs "$runs")

solo="$(node scripts/e2e-split.mjs --solo)"

# one run of the files $2.. in $E2E_RESULTS/run-$1, its lines prefixed with [run $1]
run_group() {
  local name="$1" dir="$E2E_RESULTS/run-$1"
  shift
  rm -rf "$dir"
  mkdir -p "$dir"
  cp -r "$E2E_DIST_DIR" "$dir/dist-e2e"
  E2E_RESULTS="$dir" E2E_DIST_DIR="$dir/dist-e2e" E2E_PREBUILT=1 E2E_RUNS=1 \
    bash scripts/e2e.sh "$@" 2>&1 | tee "$dir/e2e.log" | sed -u "s/^/[run $name] /"
}

start=$(date +%s)
pids=()
names=()
for i in "${!groups[@]}"; do
  # shellcheck disable=SC2086  # the group is a list of file names without spaces
  run_group "$((i + 1))" ${groups[$i]} &
  pids+=($!)
  names+=("$((i + 1))")
done

status=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then status=1; fi
done
if [ -n "$solo" ]; then
  # shellcheck disable=SC2086  # a list of file names without spaces
  run_group solo $solo || status=1
  names+=(solo)
fi
echo
for name in "${names[@]}"; do
  log="$E2E_RESULTS/run-$name/e2e.log"
  echo "== e2e run $name: $(grep -E '^  [0-9]+ (passed|failed|skipped|flaky)' "$log" | tr -s ' ' | tr '\n' ',')"
  grep -E '^== e2e: finished' "$log" | sed "s/^/   /" || true
done
echo "== e2e: ${#names[@]} runs finished in $(($(date +%s) - start)) s (exit $status)"
exit "$status"
