#!/usr/bin/env bash
# Stops what scripts/wordpress/start.sh started, by the process ids it recorded, after checking that each
# id still belongs to our command line. `--purge` also deletes the site, database and logs.
set -uo pipefail
dir=${NEWSROOM_WP_DIR:-/tmp/newsroom-wp}
run=$dir/run

running() { [ -n "${1:-}" ] && [ -r "/proc/$1/status" ] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }
ours() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"; }
end() { # pid, marker in its command line, patience in tenths of a second
  local pid=$1 marker=$2 wait=${3:-50} i
  running "$pid" || return 0
  ours "$pid" "$marker" || { echo "[wordpress/stop] $pid is someone else's, left alone" >&2; return 0; }
  kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < wait; i++)); do running "$pid" || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null
}

if [ -f "$run/php.pid" ]; then
  master=$(cat "$run/php.pid")
  workers=$(cat "$run/php-workers.pid" 2>/dev/null)
  end "$master" "$run/router.php"
  for w in $workers; do end "$w" "$run/router.php"; done
  rm -f "$run/php.pid" "$run/php-workers.pid"
fi
if [ -f "$run/mariadbd.pid" ]; then
  end "$(cat "$run/mariadbd.pid")" "--datadir=$dir/db" 600
  rm -f "$run/mariadbd.pid"
fi
rm -f "$run/credentials.env"
if [ "${1:-}" = --purge ]; then rm -rf "$dir/site" "$dir/db" "$dir/run" "$dir/logs"; fi
exit 0
