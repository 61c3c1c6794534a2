#!/usr/bin/env bash
# Sourced by scripts/demo.sh and scripts/test.sh: runs `npm ci` when node_modules is missing or older
# than package-lock.json, so each of `npm run demo` and `npm test` works alone on a fresh clone.
ensure_node_modules() {
  local who="$1"
  [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]] || return 0
  if [[ -L node_modules ]]; then
    # npm ci empties the folder a symlinked node_modules points at (a checkout sharing another's
    # packages) before replacing the link: never do that on someone else's packages
    echo "$who: node_modules is a symlink (to $(readlink node_modules)) and looks older than package-lock.json;" >&2
    echo "$who: not running npm ci here - update the packages where the link points, if needed" >&2
    return 0
  fi
  echo "$who: installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
}
