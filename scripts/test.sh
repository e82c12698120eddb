#!/usr/bin/env bash
# Runs every test: installs the Node tools and Debian's Chromium (for the browser tests) if absent, starts a fresh
# Azurite and MailDev (the SMTP server the mail tests read) on free ports, runs the suite, stops them.
# Ends with one line: "N passed, N failed".
set -euo pipefail
source "$(dirname "$0")/azurite.sh"
source "$(dirname "$0")/chromium.sh"
cd "$repo_root"

install_node_tools
install_chromium
data="$repo_root/.azurite/test-$$"
start_azurite "$data" "$(free_port)" "$(free_port)" "$(free_port)"
cleanup() { stop_process_tree "${MAILDEV_PID:-}" "${AZURITE_PID:-}"; rm -rf "$data"; }
trap cleanup EXIT
smtp_port=$(free_port); mail_api_port=$(free_port)
start_maildev "$data/mail" "$smtp_port" "$mail_api_port"

export ORBITALYNTRA_TEST_STORAGE="$AZURITE_CONNECTION_STRING"
export ORBITALYNTRA_TEST_SMTP="127.0.0.1:$smtp_port"
export ORBITALYNTRA_TEST_MAIL_API="http://127.0.0.1:$mail_api_port"
results="$repo_root/tests/TestResults"
rm -rf "$results"
status=0
dotnet test Orbitalyntra.sln --configuration Release --results-directory "$results" \
  --logger "trx" --logger "console;verbosity=normal" "$@" || status=$?

# One .trx per test project (the fast tier and the integration tests): count them all.
passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# The failures again, right above the last line, where a CI log's tail shows them: name and the message's first lines.
if [ "$failed" -gt 0 ]; then
  node -e '
    const fs = require("fs");
    for (const file of process.argv.slice(1)) {
      const trx = fs.readFileSync(file, "utf8");
      for (const [, name, body] of trx.matchAll(/<UnitTestResult [^>]*testName="([^"]*)"[^>]*outcome="Failed"[^>]*>([\s\S]*?)<\/UnitTestResult>/g)) {
        const message = (/<Message>([\s\S]*?)<\/Message>/.exec(body) || [, ""])[1].split("\n").slice(0, 4).join("\n    ");
        console.log(`FAILED ${name}\n    ${message.slice(0, 800)}`);
      }
    }' "$results"/*.trx || true
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a build or runner failure counts as a failure
echo "$passed passed, $failed failed"
exit "$status"
