#!/usr/bin/env bash
# Runs the system locally: Azurite (data in .azurite/, git-ignored), MailDev (the mail the system sends, readable at
# http://127.0.0.1:1080), one silo and the web host.
# Ctrl-C stops everything.
set -euo pipefail
source "$(dirname "$0")/azurite.sh"
cd "$repo_root"

web_url=${ORBITALYNTRA_URL:-http://localhost:5080}
install_node_tools
dotnet build Orbitalyntra.sln --configuration Release -v quiet -nologo

pids=()
# Stop in reverse order of start: the web host, then the silo (which still needs storage to leave the cluster), then Azurite.
cleanup() { for ((i=${#pids[@]}-1; i>=0; i--)); do stop_process_tree "${pids[i]}"; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM

if port_open 10000 && port_open 10001 && port_open 10002; then
  echo "Azurite is already listening on 10000-10002; using it."
else
  start_azurite "$repo_root/.azurite/data" 10000 10001 10002
  pids+=("$AZURITE_PID")
fi

if port_open 1025 && port_open 1080; then
  echo "An SMTP server is already listening on 1025 (and 1080); using it."
else
  start_maildev "$repo_root/.azurite/mail" 1025 1080
  pids+=("$MAILDEV_PID")
fi

# Local secrets, made once and kept under .azurite/ (git-ignored): the token signing key, the master key that
# encrypts personal data at rest, the demo admin's password and the local operator's password (the web host gets only
# its hash, in ASP.NET Core Identity's format: PBKDF2-HMAC-SHA512, 100,000 iterations).
mkdir -p .azurite/logs .azurite/secrets
for secret in signing-key master-key; do
  [ -s ".azurite/secrets/$secret" ] || node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))' > ".azurite/secrets/$secret"
done
for secret in demo-admin-password operator-password; do
  [ -s ".azurite/secrets/$secret" ] || node -e 'console.log(require("crypto").randomBytes(12).toString("base64url"))' > ".azurite/secrets/$secret"
done
operator_password=$(cat .azurite/secrets/operator-password)
export Operators__Accounts__operator=$(node -e '
  const c = require("crypto"), salt = c.randomBytes(16), iterations = 100000, head = Buffer.alloc(13);
  head[0] = 1; head.writeUInt32BE(2, 1); head.writeUInt32BE(iterations, 5); head.writeUInt32BE(salt.length, 9);
  console.log(Buffer.concat([head, salt, c.pbkdf2Sync(process.argv[1], salt, iterations, 32, "sha512")]).toString("base64"));
' "$operator_password")
export Auth__SigningKey=$(cat .azurite/secrets/signing-key)
export Privacy__MasterKey=$(cat .azurite/secrets/master-key)
export Demo__AdminPassword=$(cat .azurite/secrets/demo-admin-password)
# Development: the silo seeds the demo administrator named in Silo/appsettings.Development.json.
DOTNET_ENVIRONMENT=Development Urls="http://127.0.0.1:${ORBITALYNTRA_SILO_HTTP_PORT:-8081}" dotnet Silo/bin/Release/net10.0/Orbitalyntra.Silo.dll > .azurite/logs/silo.log 2>&1 &
pids+=("$!")
deadline=$((SECONDS + 60))
until port_open 30000; do
  [ $SECONDS -lt $deadline ] || { echo "The silo did not start; see .azurite/logs/silo.log" >&2; exit 1; }
  sleep 0.5
done

# The web host runs from its source folder: its appsettings.json, and the web UI in wwwroot (with the SignalR client the
# build copied into lib/).
ASPNETCORE_URLS="$web_url" dotnet Client.Web/bin/Release/net10.0/Orbitalyntra.Client.Web.dll --contentRoot "$repo_root/Client.Web" > .azurite/logs/web.log 2>&1 &
pids+=("$!")
until curl -fs "$web_url/openapi/v1.json" > /dev/null 2>&1; do
  [ $SECONDS -lt $deadline ] || { echo "The web host did not start; see .azurite/logs/web.log" >&2; exit 1; }
  sleep 0.5
done

cat <<INFO
Orbitalyntra is running (logs in .azurite/logs/). Ctrl-C stops it.
  Web host + REST API:  $web_url/api/tenants/demo/conversations
  Agent console:        $web_url/console/?tenant=demo (after sign-in, a link opens the demo site with the widget)
  Orleans Dashboard:    $web_url/operators/ — operator "operator", password $operator_password
  SignalR chat hub:     $web_url/hubs/chat
  OpenAPI document:     $web_url/openapi/v1.json
  Azure Storage:        Azurite on 127.0.0.1:10000 (blob), 10001 (queue), 10002 (table)
  Mail sent:            MailDev at http://127.0.0.1:1080 (SMTP on 127.0.0.1:1025)
  Demo tenant:          demo — administrator admin@demo.example, password $Demo__AdminPassword
INFO
wait -n "${pids[@]}"
