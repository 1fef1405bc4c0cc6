#!/usr/bin/env bash
# Starts a throwaway WordPress for the publish integration tests and bench:publish.
#   - installs the Debian packages when missing (needs root; services are kept from auto-starting),
#   - MariaDB with its own datadir, reachable only through a unix socket,
#   - PHP's built-in server on 127.0.0.1 with a router script (so /wp-json/ and pretty links work),
#   - installs the site, registers the post meta keys the publisher writes, creates an application
#     password and writes WP_URL / WP_USER / WP_APP_PASSWORD to $NEWSROOM_WP_DIR/run/credentials.env.
# Re-running restarts; data stays unless NEWSROOM_WP_FRESH=1. scripts/wordpress/stop.sh stops it.
set -euo pipefail

dir=${NEWSROOM_WP_DIR:-/tmp/newsroom-wp}
port=${NEWSROOM_WP_PORT:-8091}
user=${NEWSROOM_WP_USER:-editor-admin}
admin_password=${NEWSROOM_WP_ADMIN_PASSWORD:-Newsroom-Admin-Pass-2024}
meta_keys=${NEWSROOM_WP_META_KEYS:-newsroom_draft_id,newsroom_people,newsroom_source_department}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
site=$dir/site db=$dir/db run=$dir/run logs=$dir/logs
sock=$run/mysqld.sock
url=http://127.0.0.1:$port
t0=$SECONDS

say() { echo "[wordpress/start +$((SECONDS - t0))s] $*" >&2; }
fail() {
  trap - ERR
  say "FAILED: $*"
  for f in "$logs"/apt.log "$logs"/mariadb.log "$logs"/php.log; do
    [ -s "$f" ] && { echo "--- last lines of $f" >&2; tail -n 20 "$f" >&2; }
  done
  NEWSROOM_WP_DIR=$dir bash "$here/stop.sh" >&2 || true
  exit 1
}
trap 'fail "line $LINENO"' ERR
[[ $port =~ ^[0-9]+$ ]] || fail "NEWSROOM_WP_PORT is not a number"
[[ $meta_keys =~ ^[a-z0-9_,]*$ ]] || fail "NEWSROOM_WP_META_KEYS: lower-case letters, digits, _ and commas"
mkdir -p "$logs"

packages=(wordpress wordpress-theme-twentytwentythree php-cli php-mysql php-gd php-mbstring php-xml mariadb-server mariadb-client curl)
need=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if ((${#need[@]})); then
  [ "$(id -u)" = 0 ] || fail "missing packages (${need[*]}) and not root: install them with apt-get"
  say "installing ${need[*]}"
  own_policy=0
  # exit 101 from policy-rc.d tells dpkg not to start the packaged services (apache2, mariadb).
  [ -e /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; own_policy=1; }
  rc=0
  { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -q update &&
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -q install -y --no-install-recommends "${need[@]}"
  } >"$logs/apt.log" 2>&1 || rc=$?
  ((own_policy)) && rm -f /usr/sbin/policy-rc.d
  ((rc == 0)) || fail "apt-get exited with $rc"
fi

NEWSROOM_WP_DIR=$dir bash "$here/stop.sh" >&2
[ "${NEWSROOM_WP_FRESH:-0}" = 1 ] && rm -rf "$site" "$db" "$run"
mkdir -p "$run"
: >"$logs/mariadb.log"; : >"$logs/php.log"
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then fail "127.0.0.1:$port is taken"; fi

if [ ! -f "$site/wp-settings.php" ]; then
  say "copying WordPress into $site"
  mkdir -p "$site"
  # Debian's tree links into /usr/share/php and /usr/share/javascript: dereference.
  cp -rL /usr/share/wordpress/. "$site/"
  rm -f "$site/wp-config.php" "$site/.htaccess"
  mkdir -p "$site/wp-content/uploads" "$site/wp-content/mu-plugins"
fi
# A theme installed after the first copy (the rendered page needs one).
cp -rLn /usr/share/wordpress/wp-content/themes/. "$site/wp-content/themes/"

mysql_as_root() { mariadb --no-defaults -S "$sock" -uroot "$@"; }
if [ ! -d "$db/mysql" ]; then
  say "creating the database files"
  mariadb-install-db --no-defaults --datadir="$db" --user="$(id -un)" --auth-root-authentication-method=socket \
    --skip-test-db >"$logs/mariadb.log" 2>&1 || fail "mariadb-install-db"
fi
say "starting MariaDB (socket only)"
setsid /usr/sbin/mariadbd --no-defaults --datadir="$db" --socket="$sock" --pid-file="$run/mariadbd.pid" \
  --skip-networking --user="$(id -un)" --innodb-buffer-pool-size=64M \
  --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
  --log-error="$logs/mariadb.log" </dev/null >>"$logs/mariadb.log" 2>&1 &
for _ in $(seq 150); do mariadb-admin --no-defaults -S "$sock" -uroot ping >/dev/null 2>&1 && break; sleep 0.2; done
mariadb-admin --no-defaults -S "$sock" -uroot ping >/dev/null 2>&1 || fail "MariaDB did not answer"
mysql_as_root -e "CREATE DATABASE IF NOT EXISTS newsroom_wp CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  CREATE USER IF NOT EXISTS 'newsroom'@'localhost' IDENTIFIED BY 'newsroom-db';
  GRANT ALL ON newsroom_wp.* TO 'newsroom'@'localhost';"

[ -f "$site/salts.php" ] || php -r '
  echo "<?php\n";
  foreach (["AUTH_KEY","SECURE_AUTH_KEY","LOGGED_IN_KEY","NONCE_KEY","AUTH_SALT","SECURE_AUTH_SALT","LOGGED_IN_SALT","NONCE_SALT"] as $n)
    echo "define(\x27$n\x27, \x27" . bin2hex(random_bytes(24)) . "\x27);\n";' >"$site/salts.php"
cat >"$site/wp-config.php" <<PHP
<?php
// Written by scripts/wordpress/start.sh at every start.
define('DB_NAME', 'newsroom_wp');
define('DB_USER', 'newsroom');
define('DB_PASSWORD', 'newsroom-db');
define('DB_HOST', 'localhost:$sock');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
require __DIR__ . '/salts.php';
\$table_prefix = 'wp_';
define('WP_ENVIRONMENT_TYPE', 'local'); // application passwords over plain http
define('WP_HOME', '$url');
define('WP_SITEURL', '$url');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('WP_DEBUG', false);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('FS_METHOD', 'direct');
define('NEWSROOM_META_KEYS', '$meta_keys');
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
PHP
cat >"$site/wp-content/mu-plugins/newsroom-meta.php" <<'PHP'
<?php
/* Plugin Name: Newsroom meta - exposes the publisher's post meta keys in the REST API. */
add_action('init', function () {
    foreach (array_filter(explode(',', NEWSROOM_META_KEYS)) as $key) {
        register_post_meta('post', $key, ['type' => 'string', 'single' => true, 'show_in_rest' => true,
            'auth_callback' => fn () => current_user_can('edit_posts')]);
    }
});
PHP
cat >"$run/router.php" <<'PHP'
<?php
// Files that exist are served as they are; everything else goes through WordPress (like mod_rewrite).
$docroot = $_SERVER['DOCUMENT_ROOT'];
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
if ($path !== '/' && is_file($docroot . $path)) return false;
if ($path !== '/' && is_dir($docroot . $path) && is_file(rtrim($docroot . $path, '/') . '/index.php')) return false;
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $docroot . '/index.php';
require $docroot . '/index.php';
PHP
cat >"$run/setup.php" <<'PHP'
<?php
// php setup.php <site> : install when needed, pretty permalinks, admin password, a fresh application password.
$site = rtrim($argv[1], '/');
$u = parse_url(getenv('NEWSROOM_WP_URL'));
$_SERVER['HTTP_HOST'] = $u['host'] . ':' . $u['port'];
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
function wp_new_blog_notification() {}
require $site . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$login = getenv('NEWSROOM_WP_USER');
$pass = getenv('NEWSROOM_WP_ADMIN_PASSWORD');
if (!is_blog_installed()) wp_install('校园新闻 test site', $login, 'newsroom@example.invalid', false, '', wp_slash($pass));
update_option('permalink_structure', '/%postname%/');
delete_option('rewrite_rules');
$account = get_user_by('login', $login);
if (!$account) { fwrite(STDERR, "user $login is missing\n"); exit(1); }
foreach (WP_Application_Passwords::get_user_application_passwords($account->ID) as $old) {
    if ($old['name'] === 'newsroom-tests') WP_Application_Passwords::delete_application_password($account->ID, $old['uuid']);
}
$made = WP_Application_Passwords::create_new_application_password($account->ID, ['name' => 'newsroom-tests']);
if (is_wp_error($made)) { fwrite(STDERR, $made->get_error_message() . "\n"); exit(1); }
echo $made[0];
PHP

php_opts=(-d display_errors=0 -d log_errors=1 -d "error_log=$logs/php.log" -d memory_limit=512M
  -d upload_max_filesize=64M -d post_max_size=64M -d max_execution_time=120)
say "starting php -S $url"
# Several workers: the publisher uploads images concurrently and WordPress calls itself.
PHP_CLI_SERVER_WORKERS=${NEWSROOM_WP_WORKERS:-6} setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$run/php.pid" \
  php "${php_opts[@]}" -S "127.0.0.1:$port" -t "$site" "$run/router.php" </dev/null >>"$logs/php.log" 2>&1 &
for _ in $(seq 100); do curl -fsS -o /dev/null "$url/readme.html" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null "$url/readme.html" || fail "php -S did not answer"
master=$(cat "$run/php.pid")
# Workers are children of the master and survive it when it is killed: remember them for stop.sh.
for stat in /proc/[0-9]*/stat; do
  fields=$(cat "$stat" 2>/dev/null) || continue
  fields=${fields##*) }; set -- $fields
  [ "$2" = "$master" ] && { p=${stat#/proc/}; echo "${p%/stat}"; }
done >"$run/php-workers.pid"

app_password=$(NEWSROOM_WP_URL=$url NEWSROOM_WP_USER=$user NEWSROOM_WP_ADMIN_PASSWORD=$admin_password \
  php "${php_opts[@]}" "$run/setup.php" "$site" 2>>"$logs/php.log") || fail "WordPress setup"
check=$(curl -fsS -u "$user:$app_password" "$url/?rest_route=/wp/v2/users/me&context=edit") || fail "REST login check"
grep -q '"administrator"' <<<"$check" || fail "REST login check answered: $check"
umask 077
printf 'WP_URL=%s\nWP_USER=%s\nWP_APP_PASSWORD=%s\n' "$url" "$user" "$app_password" >"$run/credentials.env"
say "ready at $url (credentials in $run/credentials.env)"
