# Sourced by run.sh and test.sh: installs the project's Node tools (package.json) and starts Azurite and MailDev.
# Azurite's account name and key below are the emulator's fixed, public development credentials.

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

install_node_tools() {
  if [ ! -x "$repo_root/node_modules/.bin/azurite" ] || [ ! -f "$repo_root/node_modules/playwright-core/package.json" ] \
    || [ ! -f "$repo_root/node_modules/@microsoft/signalr/package.json" ] || [ ! -x "$repo_root/node_modules/.bin/maildev" ] \
    || [ ! -f "$repo_root/node_modules/altcha-lib/package.json" ]; then
    echo "Installing the Node tools from npm: Azurite, MailDev, playwright-core, the SignalR browser client, altcha-lib (first run only)..."
    (cd "$repo_root" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# start_azurite DATA_DIR BLOB_PORT QUEUE_PORT TABLE_PORT: starts Azurite in the background, waits until it listens,
# sets AZURITE_PID and AZURITE_CONNECTION_STRING.
start_azurite() {
  local data=$1 blob=$2 queue=$3 table=$4
  mkdir -p "$data"
  # In a session of its own, like MailDev: a Ctrl-C in the terminal must not stop storage before the silo has left the
  # cluster through it; whoever started it stops it last (stop_process_tree).
  setsid "$repo_root/node_modules/.bin/azurite" --silent --disableTelemetry --skipApiVersionCheck --loose \
    --location "$data" --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" > "$data/azurite.log" 2>&1 &
  AZURITE_PID=$!
  local deadline=$((SECONDS + 60))
  until port_open "$blob" && port_open "$queue" && port_open "$table"; do
    if ! kill -0 "$AZURITE_PID" 2>/dev/null; then
      echo "Azurite failed to start:" >&2; cat "$data/azurite.log" >&2; return 1
    fi
    if [ $SECONDS -ge $deadline ]; then echo "Azurite did not listen within 60 s" >&2; return 1; fi
    sleep 0.2
  done
  start_azurite_connection_string "$blob" "$queue" "$table"
}

# start_azurite_connection_string BLOB_PORT QUEUE_PORT TABLE_PORT: sets AZURITE_CONNECTION_STRING for an Azurite on them.
start_azurite_connection_string() {
  local account=devstoreaccount1
  local key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
  AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$1/$account;QueueEndpoint=http://127.0.0.1:$2/$account;TableEndpoint=http://127.0.0.1:$3/$account;"
}

# start_maildev DATA_DIR SMTP_PORT API_PORT: starts MailDev (the local SMTP server whose REST API shows what it received,
# docs/decisions/0023) in the background on loopback, waits until both ports listen, sets MAILDEV_PID.
start_maildev() {
  local data=$1 smtp=$2 api=$3
  mkdir -p "$data"
  setsid "$repo_root/node_modules/.bin/maildev" --smtp "$smtp" --web "$api" --ip 127.0.0.1 --web-ip 127.0.0.1 \
    --mail-directory "$data" > "$data/maildev.log" 2>&1 &
  MAILDEV_PID=$!
  local deadline=$((SECONDS + 60))
  until port_open "$smtp" && port_open "$api"; do
    if ! kill -0 "$MAILDEV_PID" 2>/dev/null; then
      echo "MailDev failed to start:" >&2; cat "$data/maildev.log" >&2; return 1
    fi
    if [ $SECONDS -ge $deadline ]; then echo "MailDev did not listen within 60 s" >&2; return 1; fi
    sleep 0.2
  done
}

# stop_process_tree PID...: asks the processes (and their children) to stop, all at once, and kills what is left after 20 s.
stop_process_tree() {
  local pid pids=()
  for pid in "$@"; do [ -n "$pid" ] && pids+=("$pid"); done
  for pid in "${pids[@]}"; do
    pkill -TERM -P "$pid" 2>/dev/null || true
    kill -TERM "$pid" 2>/dev/null || true
  done
  local deadline=$((SECONDS + 20))
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
  done
  for pid in "${pids[@]}"; do
    pkill -KILL -P "$pid" 2>/dev/null || true
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
