#!/usr/bin/env bash
# Runs the system locally: Azurite (data in .azurite/, git-ignored), MailDev (the mail the system sends, readable at
# http://127.0.0.1:1080), one silo and the web host.
# Ctrl-C stops everything.
# Its ports and data folder can be moved (a second copy beside the first, or a test): ORBITALYNTRA_URL, ORBITALYNTRA_DATA
# (default .azurite/), ORBITALYNTRA_STORAGE_PORTS ("blob queue table", default "10000 10001 10002"),
# ORBITALYNTRA_MAIL_PORTS ("smtp web", default "1025 1080"), ORBITALYNTRA_SILO_PORTS ("silo gateway http", default
# "11111 30000 8081"); ORBITALYNTRA_NO_BUILD=1 runs what was built last.
set -euo pipefail
source "$(dirname "$0")/azurite.sh"
cd "$repo_root"

web_url=${ORBITALYNTRA_URL:-http://localhost:5080}
data=${ORBITALYNTRA_DATA:-$repo_root/.azurite}
read -r blob_port queue_port table_port <<< "${ORBITALYNTRA_STORAGE_PORTS:-10000 10001 10002}"
read -r smtp_port mail_web_port <<< "${ORBITALYNTRA_MAIL_PORTS:-1025 1080}"
read -r silo_port gateway_port silo_http_port <<< "${ORBITALYNTRA_SILO_PORTS:-11111 30000 8081}"
install_node_tools
[ "${ORBITALYNTRA_NO_BUILD:-}" = 1 ] || dotnet build Orbitalyntra.sln --configuration Release -v quiet -nologo

storage_pids=() service_pids=()
# The web host and the silo together, then storage and mail: the silo still needs storage to leave the cluster.
cleanup() { stop_process_tree "${service_pids[@]}"; stop_process_tree "${storage_pids[@]}"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

if port_open "$blob_port" && port_open "$queue_port" && port_open "$table_port"; then
  echo "Azurite is already listening on $blob_port, $queue_port and $table_port; using it."
  start_azurite_connection_string "$blob_port" "$queue_port" "$table_port"
else
  start_azurite "$data/data" "$blob_port" "$queue_port" "$table_port"
  storage_pids+=("$AZURITE_PID")
fi
export Storage__ConnectionString=$AZURITE_CONNECTION_STRING

if port_open "$smtp_port" && port_open "$mail_web_port"; then
  echo "An SMTP server is already listening on $smtp_port (and $mail_web_port); using it."
else
  start_maildev "$data/mail" "$smtp_port" "$mail_web_port"
  storage_pids+=("$MAILDEV_PID")
fi
export Notifications__Smtp__Port=$smtp_port Notifications__PublicBaseUrl=$web_url
export Orleans__SiloPort=$silo_port Orleans__GatewayPort=$gateway_port

# Local secrets, made once and kept under .azurite/ (git-ignored): the token signing key, the master key that
# encrypts personal data at rest, the key that signs the widget's proof-of-work challenges, the demo admin's password
# and the local operator's password (the web host gets only its hash, in ASP.NET Core Identity's format:
# PBKDF2-HMAC-SHA512, 100,000 iterations).
secrets=$data/secrets logs=$data/logs
mkdir -p "$logs" "$secrets"
for secret in signing-key master-key challenge-key; do
  [ -s "$secrets/$secret" ] || node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))' > "$secrets/$secret"
done
for secret in demo-admin-password operator-password; do
  [ -s "$secrets/$secret" ] || node -e 'console.log(require("crypto").randomBytes(12).toString("base64url"))' > "$secrets/$secret"
done
operator_password=$(cat "$secrets/operator-password")
export Operators__Accounts__operator=$(node -e '
  const c = require("crypto"), salt = c.randomBytes(16), iterations = 100000, head = Buffer.alloc(13);
  head[0] = 1; head.writeUInt32BE(2, 1); head.writeUInt32BE(iterations, 5); head.writeUInt32BE(salt.length, 9);
  console.log(Buffer.concat([head, salt, c.pbkdf2Sync(process.argv[1], salt, iterations, 32, "sha512")]).toString("base64"));
' "$operator_password")
export Auth__SigningKey=$(cat "$secrets/signing-key")
export Privacy__MasterKey=$(cat "$secrets/master-key")
export Widget__Challenge__Key=$(cat "$secrets/challenge-key")
export Demo__AdminPassword=$(cat "$secrets/demo-admin-password")
# Development: the silo seeds the demo administrator named in Silo/appsettings.Development.json.
DOTNET_ENVIRONMENT=Development Urls="http://127.0.0.1:$silo_http_port" dotnet Silo/bin/Release/net10.0/Orbitalyntra.Silo.dll > "$logs/silo.log" 2>&1 &
service_pids+=("$!")
deadline=$((SECONDS + 60))
until port_open "$gateway_port"; do
  [ $SECONDS -lt $deadline ] || { echo "The silo did not start; see $logs/silo.log" >&2; exit 1; }
  sleep 0.5
done

# The web host runs from its source folder: its appsettings.json, and the web UI in wwwroot (with the SignalR client the
# build copied into lib/).
ASPNETCORE_URLS="$web_url" dotnet Client.Web/bin/Release/net10.0/Orbitalyntra.Client.Web.dll --contentRoot "$repo_root/Client.Web" > "$logs/web.log" 2>&1 &
service_pids+=("$!")
until curl -fs "$web_url/openapi/v1.json" > /dev/null 2>&1; do
  [ $SECONDS -lt $deadline ] || { echo "The web host did not start; see $logs/web.log" >&2; exit 1; }
  sleep 0.5
done

cat <<INFO
Orbitalyntra is running (logs in $logs/). Ctrl-C stops it.
  Web host + REST API:  $web_url/api/tenants/demo/conversations
  Agent console:        $web_url/console/?tenant=demo (after sign-in, a link opens the demo site with the widget)
  Orleans Dashboard:    $web_url/operators/ — operator "operator", password $operator_password
  SignalR chat hub:     $web_url/hubs/chat
  OpenAPI document:     $web_url/openapi/v1.json
  Privacy policy:       $web_url/privacy (the demo tenant's notice: $web_url/privacy/?tenant=demo)
  Azure Storage:        Azurite on 127.0.0.1:$blob_port (blob), $queue_port (queue), $table_port (table)
  Mail sent:            MailDev at http://127.0.0.1:$mail_web_port (SMTP on 127.0.0.1:$smtp_port)
  Demo tenant:          demo — administrator admin@demo.example, password $Demo__AdminPassword
INFO
wait -n "${service_pids[@]}" "${storage_pids[@]}"
