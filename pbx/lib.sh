# shellcheck shell=bash disable=SC2034
# Shared helpers for pbx/start.sh, pbx/stop.sh and scripts/demo.sh. Source it; it does nothing by itself.
# Everything here is bash; Kamailio itself comes from Debian's packages.

PBX_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PBX_REPO_ROOT="$(cd "$PBX_DIR/.." && pwd)"

PBX_APT_PACKAGES="kamailio kamailio-websocket-modules kamailio-presence-modules kamailio-sqlite-modules kamailio-utils-modules kamailio-extra-modules sqlite3"
# Modules of the config that come from the optional packages (the rest ships with `kamailio` itself).
PBX_REQUIRED_MODULES="tm tsilo sqlops http_client websocket xhttp db_sqlite presence presence_dialoginfo presence_mwi pua pua_dialoginfo dialog htable nathelper uac_redirect rtpengine"
# The media relay (rtpengine, userspace only) and the desk phones (baresip). --no-install-recommends:
# the `rtpengine` meta package and the recommends pull in a kernel module (dkms) and iptables parts.
PBX_MEDIA_APT_PACKAGES="rtpengine-daemon rtpengine-utils baresip sip-tester"

# shellcheck source=pbx/media.sh
source "$PBX_DIR/media.sh"

pbx_log() { printf 'pbx: %s\n' "$*"; }
pbx_err() { printf 'pbx: %s\n' "$*" >&2; }

# Relative paths in the env vars are taken from the repository root, so the scripts work from any cwd.
pbx_abspath() {
  case "$1" in
    /*) printf '%s' "$1" ;;
    *) printf '%s/%s' "$PBX_REPO_ROOT" "$1" ;;
  esac
}

# Sets the PBX_* variables (defaults below) and the derived absolute paths.
pbx_env() {
  : "${PBX_DOMAIN:=pbx.test}"
  : "${PBX_WS_PORT:=8088}"
  : "${PBX_SIP_PORT:=5060}"
  : "${PBX_RUN_DIR:=pbx/run}"
  : "${PBX_USERS:=pbx/users.txt}"
  : "${PBX_SIPDUMP:=0}"
  : "${PBX_FOREGROUND:=0}"
  : "${PBX_MEDIA:=1}"
  : "${PBX_RTPE_NG_PORT:=2223}"
  : "${PBX_RTPE_PORTS:=30000-30199}"
  : "${PBX_DESK_SIP_PORT:=5080}"
  : "${PBX_DESK_CTRL_PORT:=4444}"
  : "${PBX_PUSH:=1}"
  : "${PBX_PUSH_PORT:=8089}"
  : "${PBX_PUSH_RING_S:=120}"
  export PBX_PUSH PBX_PUSH_PORT PBX_PUSH_RING_S
  export PBX_DOMAIN PBX_WS_PORT PBX_SIP_PORT PBX_RUN_DIR PBX_USERS PBX_SIPDUMP PBX_FOREGROUND
  export PBX_MEDIA PBX_RTPE_NG_PORT PBX_RTPE_PORTS PBX_DESK_SIP_PORT PBX_DESK_CTRL_PORT
  PBX_RUN="$(pbx_abspath "$PBX_RUN_DIR")"
  PBX_USERS_FILE="$(pbx_abspath "$PBX_USERS")"
  PBX_PID_FILE="$PBX_RUN/kamailio.pid"
  PBX_LOG_FILE="$PBX_RUN/kamailio.log"
  PBX_CFG_FILE="$PBX_RUN/kamailio.cfg"
  PBX_USERS_CFG="$PBX_RUN/users.cfg"
  PBX_DIRECTORY_CFG="$PBX_RUN/directory.cfg"
  PBX_DIRECTORY_VCF="$PBX_RUN/directory.vcf"
  PBX_DIRECTORY_URL="http://127.0.0.1:$PBX_WS_PORT/directory.vcf"
  PBX_DB_FILE="$PBX_RUN/presence.sqlite"
  # Web Push (pbx/push.sh): bindings kept across restarts, a secret shared with the sender
  PBX_PUSH_DB_FILE="$PBX_RUN/push.sqlite"
  PBX_PUSH_SECRET_FILE="$PBX_RUN/push-secret"
}

pbx_validate_env() {
  local v
  for v in PBX_WS_PORT PBX_SIP_PORT; do
    if ! [[ ${!v} =~ ^[0-9]+$ ]] || ((${!v} < 1 || ${!v} > 65535)); then
      pbx_err "$v must be a port number (got '${!v}')"; return 1
    fi
  done
  for v in PBX_RTPE_NG_PORT PBX_DESK_SIP_PORT PBX_DESK_CTRL_PORT; do
    if ! [[ ${!v} =~ ^[0-9]+$ ]] || ((${!v} < 1 || ${!v} > 65530)); then
      pbx_err "$v must be a port number (got '${!v}')"; return 1
    fi
  done
  if ! [[ $PBX_RTPE_PORTS =~ ^[0-9]+-[0-9]+$ ]]; then
    pbx_err "PBX_RTPE_PORTS must be MIN-MAX (got '$PBX_RTPE_PORTS')"; return 1
  fi
  if [[ $PBX_PUSH != 0 && $PBX_PUSH != 1 ]]; then
    pbx_err "PBX_PUSH must be 0 or 1 (got '$PBX_PUSH')"; return 1
  fi
  if ! [[ $PBX_PUSH_PORT =~ ^[0-9]+$ ]] || ((PBX_PUSH_PORT < 1 || PBX_PUSH_PORT > 65535)); then
    pbx_err "PBX_PUSH_PORT must be a port number (got '$PBX_PUSH_PORT')"; return 1
  fi
  if ! [[ $PBX_PUSH_RING_S =~ ^[0-9]+$ ]] || ((PBX_PUSH_RING_S < 2 || PBX_PUSH_RING_S > 600)); then
    pbx_err "PBX_PUSH_RING_S must be 2 to 600 seconds (got '$PBX_PUSH_RING_S')"; return 1
  fi
  if [[ $PBX_MEDIA != 0 && $PBX_MEDIA != 1 ]]; then
    pbx_err "PBX_MEDIA must be 0 or 1 (got '$PBX_MEDIA')"; return 1
  fi
  if [[ $PBX_WS_PORT == "$PBX_SIP_PORT" ]]; then
    pbx_err "PBX_WS_PORT and PBX_SIP_PORT must differ (both $PBX_SIP_PORT)"; return 1
  fi
  if ! [[ $PBX_DOMAIN =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]]; then
    pbx_err "PBX_DOMAIN must be a plain host name (got '$PBX_DOMAIN')"; return 1
  fi
  if [[ $PBX_RUN == *[\"\\[:space:]]* ]]; then
    pbx_err "PBX_RUN_DIR must not contain spaces, quotes or backslashes: $PBX_RUN"; return 1
  fi
  # Unix socket paths are limited to 107 bytes.
  if ((${#PBX_RUN} + 20 > 107)); then
    pbx_err "PBX_RUN_DIR is too long for Kamailio's control sockets (max ~87 chars): $PBX_RUN"; return 1
  fi
}

# Prints the directory of Kamailio's modules, or nothing.
pbx_modules_dir() {
  local d
  for d in /usr/lib/*/kamailio/modules /usr/lib64/kamailio/modules /usr/lib/kamailio/modules; do
    if [[ -f $d/tm.so ]]; then printf '%s' "$d"; return 0; fi
  done
  return 1
}

# Lists what is missing (one word per line), nothing when all is there.
pbx_missing() {
  command -v kamailio >/dev/null 2>&1 || echo "kamailio"
  command -v sqlite3 >/dev/null 2>&1 || echo "sqlite3"
  local dir m
  dir="$(pbx_modules_dir || true)"
  if [[ -z $dir ]]; then
    echo "kamailio-modules"
  else
    for m in $PBX_REQUIRED_MODULES; do [[ -f $dir/$m.so ]] || echo "$m.so"; done
  fi
  command -v rtpengine >/dev/null 2>&1 || echo "rtpengine"
  command -v baresip >/dev/null 2>&1 || echo "baresip"
  command -v sipp >/dev/null 2>&1 || echo "sipp"
  local f
  for f in standard-create.sql presence-create.sql; do
    [[ -f /usr/share/kamailio/db_sqlite/$f ]] || echo "db_sqlite/$f"
  done
}

# Installs the Debian packages when something is missing (as root), or explains how to.
pbx_ensure_installed() {
  local missing
  missing="$(pbx_missing | tr '\n' ' ')"
  if [[ -n $missing ]]; then
    local cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $PBX_APT_PACKAGES"
    if [[ $(id -u) -ne 0 ]]; then
      pbx_err "missing: $missing"
      pbx_err "install Kamailio with:"
      pbx_err "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y $PBX_APT_PACKAGES"
      pbx_err "  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $PBX_MEDIA_APT_PACKAGES"
      return 1
    fi
    pbx_log "missing: $missing- installing the Debian packages"
    apt-get update -q >&2 || { pbx_err "apt-get update failed"; return 1; }
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $PBX_APT_PACKAGES >&2 || { pbx_err "apt-get install failed: $cmd"; return 1; }
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $PBX_MEDIA_APT_PACKAGES >&2 ||
      { pbx_err "apt-get install failed: apt-get install -y --no-install-recommends $PBX_MEDIA_APT_PACKAGES"; return 1; }
    missing="$(pbx_missing | tr '\n' ' ')"
    if [[ -n $missing ]]; then pbx_err "still missing after install: $missing"; return 1; fi
  fi
  if ! command -v node >/dev/null 2>&1; then
    pbx_err "node is needed for pbx/ready.mjs"; return 1
  fi
}

# Prints the pid from the pid file if it belongs to a live Kamailio started with this run dir.
pbx_live_pid() {
  local pid exe
  [[ -f $PBX_PID_FILE ]] || return 1
  pid="$(tr -dc '0-9' <"$PBX_PID_FILE")"
  [[ -n $pid ]] || return 1
  pbx_is_our_kamailio "$pid" || return 1
  printf '%s' "$pid"
}

pbx_is_our_kamailio() {
  local pid="$1" exe
  [[ -d /proc/$pid ]] || return 1
  exe="$(readlink "/proc/$pid/exe" 2>/dev/null || true)"
  [[ ${exe##*/} == kamailio* ]] || return 1
  # The same run dir (-Y) must be on its command line; a recycled pid is not ours.
  tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "$PBX_RUN" || return 1
  # A zombie is as good as gone.
  [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]]
}

# Direct children of a pid (Kamailio's worker processes).
pbx_children() {
  awk -v p="$1" '$4 == p { print $1 }' /proc/[0-9]*/stat 2>/dev/null || true
}

# Stops the Kamailio of this run dir: SIGTERM, up to 5 s, then SIGKILL for it and its workers.
pbx_stop() {
  local pid
  if ! pid="$(pbx_live_pid)"; then
    rm -f "$PBX_PID_FILE"
    return 1
  fi
  pbx_kill "$pid"
}

# Ends one Kamailio main process (of this run dir) and its workers.
pbx_kill() {
  local pid="$1" kids i left
  kids="$(pbx_children "$pid" | tr '\n' ' ')"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    # shellcheck disable=SC2086
    left="$(pbx_alive_kamailio "$pid" $kids)"
    [[ -z $left ]] && break
    sleep 0.05
  done
  if [[ -n $left ]]; then
    pbx_err "kamailio did not stop within 5 s, sending SIGKILL to:$left"
    # shellcheck disable=SC2086
    kill -KILL $left 2>/dev/null || true
    sleep 0.1
  fi
  rm -f "$PBX_PID_FILE"
  return 0
}

# Prints those of the given pids that are still a running (non-zombie) kamailio.
pbx_alive_kamailio() {
  local p
  for p in "$@"; do
    [[ -d /proc/$p ]] || continue
    [[ $(readlink "/proc/$p/exe" 2>/dev/null) == */kamailio* ]] || continue
    [[ $(awk '{print $3}' "/proc/$p/stat" 2>/dev/null) == Z ]] && continue
    printf ' %s' "$p"
  done
}

# Writes the htable include file from the users file (extension<TAB>password<TAB>Display Name).
pbx_gen_users() {
  local out="$1" ext pw name n=0 line=0
  [[ -f $PBX_USERS_FILE ]] || { pbx_err "users file not found: $PBX_USERS_FILE"; return 1; }
  {
    echo "# generated by pbx/start.sh from $PBX_USERS_FILE - do not edit"
    while IFS=$'\t' read -r ext pw name || [[ -n $ext ]]; do
      line=$((line + 1))
      ext="${ext%$'\r'}"; pw="${pw%$'\r'}"
      [[ -z $ext || $ext == \#* ]] && continue
      if ! [[ $ext =~ ^[A-Za-z0-9._-]+$ ]]; then
        pbx_err "$PBX_USERS_FILE:$line: bad extension '$ext'"; return 1
      fi
      if [[ -z $pw || $pw =~ [\"\\[:space:]] ]]; then
        pbx_err "$PBX_USERS_FILE:$line: password must be non-empty, without spaces, quotes or backslashes"; return 1
      fi
      # shellcheck disable=SC2016
      printf '$sht(users=>%s) = "%s";\n' "$ext" "$pw"
      n=$((n + 1))
    done <"$PBX_USERS_FILE"
  } >"$out" || return 1
  PBX_USER_COUNT=$n
}

# ---- company directory (GET /directory.vcf on the WS port) -------------------------------------

# Job titles of the demo users, by their position in the users file (deterministic).
PBX_DIRECTORY_TITLES=("Managing Director" "Sales Manager" "Support Engineer" "Head of Finance"
  "Office Manager" "Software Developer" "Marketing Lead" "Customer Success Manager")
PBX_DIRECTORY_ORG="Demo Company"

# Accented Latin letters and their ASCII spelling, for e-mail addresses. Literal (byte) replacements,
# so the result does not depend on the locale (iconv's //TRANSLIT does).
PBX_ASCII_FOLD=(à:a á:a â:a ã:a ä:a å:a æ:ae ç:c è:e é:e ê:e ë:e ì:i í:i î:i ï:i ñ:n ò:o ó:o ô:o
  õ:o ö:o ø:o œ:oe ù:u ú:u û:u ü:u ý:y ÿ:y ß:ss ł:l ș:s ş:s ț:t ţ:t č:c ć:c š:s ž:z ř:r đ:d
  À:A Á:A Â:A Ã:A Ä:A Å:A Æ:AE Ç:C È:E É:E Ê:E Ë:E Ì:I Í:I Î:I Ï:I Ñ:N Ò:O Ó:O Ô:O Õ:O Ö:O Ø:O
  Œ:OE Ù:U Ú:U Û:U Ü:U Ý:Y Ł:L Ș:S Ş:S Ț:T Ţ:T Č:C Ć:C Š:S Ž:Z Ř:R Đ:D)

# Sets PBX_MAIL_WORD to the e-mail spelling of a word: ASCII-folded, lower case, only [a-z0-9-].
pbx_mail_word() {
  local s="$1" p
  for p in "${PBX_ASCII_FOLD[@]}"; do s="${s//"${p%%:*}"/"${p#*:}"}"; done
  s="${s//[^ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-]/}"
  PBX_MAIL_WORD="${s,,}"
}

# Sets PBX_VTEXT to a vCard 3.0 text value (RFC 2426 5.) with backslash, comma, semicolon and
# newline escaped.
pbx_vcard_text() {
  local s="$1"
  s="${s//\\/\\\\}"; s="${s//,/\\,}"; s="${s//;/\\;}"; s="${s//$'\n'/\\n}"
  PBX_VTEXT="$s"
}

# Appends one vCard 3.0 (CRLF line endings) to PBX_VCF.
#   pbx_vcard UID "Display Name" ORG TITLE EMAIL TYPE NUMBER [TYPE NUMBER ...]
# N comes from the display name: the last word is the family name, the first one the given name,
# the words between are additional names.
pbx_vcard() {
  local uid="$1" fn="$2" org="$3" title="$4" email="$5" w n=""
  shift 5
  local -a words
  read -r -a words <<<"$fn"
  pbx_vcard_text "${words[${#words[@]} - 1]:-}"; n="$PBX_VTEXT;"
  if ((${#words[@]} > 1)); then
    pbx_vcard_text "${words[0]}"; n+="$PBX_VTEXT;"
    pbx_vcard_text "${words[*]:1:${#words[@]}-2}"; n+="$PBX_VTEXT;;"
  else
    n+=";;;"
  fi
  PBX_VCF+="BEGIN:VCARD"$'\r\n'"VERSION:3.0"$'\r\n'
  pbx_vcard_text "$uid"; PBX_VCF+="UID:$PBX_VTEXT"$'\r\n'
  PBX_VCF+="N:$n"$'\r\n'
  pbx_vcard_text "$fn"; PBX_VCF+="FN:$PBX_VTEXT"$'\r\n'
  pbx_vcard_text "$org"; PBX_VCF+="ORG:$PBX_VTEXT"$'\r\n'
  if [[ -n $title ]]; then pbx_vcard_text "$title"; PBX_VCF+="TITLE:$PBX_VTEXT"$'\r\n'; fi
  while (($# >= 2)); do
    PBX_VCF+="TEL;TYPE=$1:$2"$'\r\n'
    shift 2
  done
  [[ -n $email ]] && PBX_VCF+="EMAIL;TYPE=INTERNET,WORK:$email"$'\r\n'
  PBX_VCF+="END:VCARD"$'\r\n'
}

# Writes the company directory: <vcf_out> (vCard 3.0, UTF-8, CRLF) with one card per user of the
# users file plus three external contacts, and <cfg_out>, the Kamailio include that assigns the
# same text to $sht(directory=>vcf) as one escaped string literal (served by route[DIRECTORY]).
pbx_gen_directory() {
  local vcf_out="$1" cfg_out="$2" ext pw name i=0 first last email s
  local -a words
  PBX_VCF=""
  while IFS=$'\t' read -r ext pw name || [[ -n $ext ]]; do
    ext="${ext%$'\r'}"; name="${name%$'\r'}"
    [[ -z $ext || $ext == \#* ]] && continue
    read -r -a words <<<"$name"
    ((${#words[@]})) || words=("$ext")
    pbx_mail_word "${words[0]}"; first="$PBX_MAIL_WORD"
    pbx_mail_word "${words[${#words[@]} - 1]}"; last="$PBX_MAIL_WORD"
    if ((${#words[@]} > 1)) && [[ -n $first && -n $last ]]; then
      email="$first.$last@$PBX_DOMAIN"
    else
      email="${first:-$ext}@$PBX_DOMAIN"
    fi
    pbx_vcard "$ext@$PBX_DOMAIN" "${words[*]}" "$PBX_DIRECTORY_ORG" \
      "${PBX_DIRECTORY_TITLES[i % ${#PBX_DIRECTORY_TITLES[@]}]}" "$email" work "$ext"
    i=$((i + 1))
  done <"$PBX_USERS_FILE"
  # External contacts (fictitious; the French numbers are from ARCEP's ranges reserved for fiction,
  # the British one from Ofcom's drama range), to demonstrate search by formatted number.
  pbx_vcard "ext-1@directory.$PBX_DOMAIN" "Lukas Brunner" "Alpenblick Treuhand AG" "Tax Advisor" \
    "lukas.brunner@example.ch" work "+41 44 668 18 00" cell "+41 79 555 12 34"
  pbx_vcard "ext-2@directory.$PBX_DOMAIN" "Camille Rousseau" "Imprimerie Rousseau SARL" "Gérante" \
    "camille.rousseau@example.fr" work "+33 1 99 00 12 34" cell "+33 6 39 98 45 67"
  pbx_vcard "ext-3@directory.$PBX_DOMAIN" "Oliver Bennett" "Bennett & Hale Ltd" "Account Manager" \
    "oliver.bennett@example.co.uk" work "+44 20 7946 0321"
  printf '%s' "$PBX_VCF" >"$vcf_out" || return 1
  # Kamailio string literal: backslash and double quote escaped, CR and LF written as \r and \n.
  s="${PBX_VCF//\\/\\\\}"; s="${s//\"/\\\"}"; s="${s//$'\r'/\\r}"; s="${s//$'\n'/\\n}"
  {
    echo "# generated by pbx/start.sh from $PBX_USERS_FILE - do not edit"
    # shellcheck disable=SC2016
    printf '$sht(directory=>vcf) = "%s";\n' "$s"
  } >"$cfg_out" || return 1
  PBX_DIRECTORY_COUNT=$((i + 3))
  # xhttp_reply() prints the body through a pseudo-variable buffer (core pv_buffer_size, default
  # 8192 bytes; too small a buffer means no reply at all): size it to the file, in 4 KiB steps.
  local bytes
  bytes=$(wc -c <"$vcf_out")
  if ((bytes > 262144)); then
    pbx_err "the company directory would be $bytes bytes (max 256 KiB): fewer users in $PBX_USERS_FILE"
    return 1
  fi
  PBX_PV_BUFFER_SIZE=$(((bytes + 1024) / 4096 * 4096 + 4096))
  ((PBX_PV_BUFFER_SIZE >= 8192)) || PBX_PV_BUFFER_SIZE=8192
}

# Replaces the @@TOKENS@@ of the template (after pbx_gen_users and pbx_gen_directory).
pbx_gen_cfg() {
  local tmpl="$PBX_DIR/kamailio.cfg.tmpl" out="$1" text mdir
  mdir="$(pbx_modules_dir)" || { pbx_err "Kamailio modules not found"; return 1; }
  text="$(<"$tmpl")"
  text="${text//"@@RUN_DIR@@"/"$PBX_RUN"}"
  text="${text//"@@USERS_CFG@@"/"$PBX_USERS_CFG"}"
  text="${text//"@@DIRECTORY_CFG@@"/"$PBX_DIRECTORY_CFG"}"
  text="${text//"@@PV_BUFFER_SIZE@@"/"${PBX_PV_BUFFER_SIZE:?run pbx_gen_directory first}"}"
  text="${text//"@@DB_FILE@@"/"$PBX_DB_FILE"}"
  text="${text//"@@MODULES_DIR@@"/"$mdir"}"
  text="${text//"@@DOMAIN@@"/"$PBX_DOMAIN"}"
  text="${text//"@@SIP_PORT@@"/"$PBX_SIP_PORT"}"
  text="${text//"@@WS_PORT@@"/"$PBX_WS_PORT"}"
  text="${text//"@@RTPE_NG_PORT@@"/"$PBX_RTPE_NG_PORT"}"
  text="${text//"@@PUSH_PORT@@"/"$PBX_PUSH_PORT"}"
  text="${text//"@@PUSH_RING_S@@"/"$PBX_PUSH_RING_S"}"
  text="${text//"@@PUSH_DB_FILE@@"/"$PBX_PUSH_DB_FILE"}"
  text="${text//"@@PUSH_SECRET@@"/"$(pbx_push_secret)"}"
  if [[ $text == *@@*@@* ]]; then
    pbx_err "unreplaced token in $tmpl: $(grep -o '@@[A-Z_]*@@' <<<"$text" | head -1)"; return 1
  fi
  printf '%s\n' "$text" >"$out"
}

# The secret Kamailio sends to the push sender (X-Push-Secret), made once per run dir.
pbx_push_secret() {
  if [[ ! -s $PBX_PUSH_SECRET_FILE ]]; then
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$PBX_PUSH_SECRET_FILE")
  fi
  cat "$PBX_PUSH_SECRET_FILE"
}

# The push bindings' table; the file survives restarts (unlike the presence file below). WAL (kept
# by the file): a reader (an admin's or a test's sqlite3) never makes Kamailio's write of a binding
# fail with "database is locked"; Kamailio's SQLite driver does not wait for a busy database.
pbx_gen_push_db() {
  sqlite3 "$PBX_PUSH_DB_FILE" 'PRAGMA journal_mode=WAL;' >/dev/null
  sqlite3 "$PBX_PUSH_DB_FILE" 'CREATE TABLE IF NOT EXISTS push_binding (user TEXT NOT NULL,
    instance TEXT NOT NULL, prid TEXT NOT NULL, param TEXT NOT NULL, updated INTEGER,
    PRIMARY KEY (user, instance));'
}

# Fresh, empty presence/pua schema (the tables stay empty: everything is kept in memory).
pbx_gen_db() {
  rm -f "$PBX_DB_FILE" "$PBX_DB_FILE-journal"
  {
    echo 'BEGIN;'
    cat /usr/share/kamailio/db_sqlite/standard-create.sql /usr/share/kamailio/db_sqlite/presence-create.sql
    echo 'COMMIT;'
  } | sqlite3 "$PBX_DB_FILE"
}

# Prints the users file as a table (for the demo); the extensions the PBX's own phones use are marked.
pbx_print_users() {
  local ext pw name note
  printf '  %-10s %-12s %s\n' "Extension" "Password" "Name"
  while IFS=$'\t' read -r ext pw name || [[ -n $ext ]]; do
    [[ -z $ext || $ext == \#* ]] && continue
    note=""
    if [[ $PBX_MEDIA == 1 ]]; then
      pbx_desk_mode "$ext" >/dev/null && note="  (in use: desk phone, baresip over UDP; call it)"
      [[ $ext == "$PBX_EARLY_EXT" ]] && note="  (in use: early-media line, SIPp; call it)"
    fi
    printf '  %-10s %-12s %s%s\n' "$ext" "${pw%$'\r'}" "${name%$'\r'}" "$note"
  done <"$PBX_USERS_FILE"
}

# Stops a daemon of this run dir: `live` is a function that prints its pid while it runs (and
# fails otherwise). SIGTERM, up to 5 s, then SIGKILL; the pid file goes. False if none ran.
pbx_stop_daemon() {
  local name="$1" live="$2" pid_file="$3" pid i
  if ! pid="$("$live")"; then
    rm -f "$pid_file"
    return 1
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    "$live" >/dev/null || break
    sleep 0.05
  done
  if "$live" >/dev/null; then
    pbx_err "$name did not stop within 5 s, sending SIGKILL to $pid"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.1
  fi
  rm -f "$pid_file"
}
