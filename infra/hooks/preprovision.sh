#!/bin/sh
# Before azd provisions: make the keys once per azd environment (kept in .azure/<env>/.env, git-ignored, and then in
# Key Vault by the deployment). Never made again: a new master key would make every stored personal datum unreadable.
set -eu
for name in ORBITALYNTRA_SIGNING_KEY ORBITALYNTRA_MASTER_KEY ORBITALYNTRA_KEY_RING_KEY; do
  if [ -z "$(azd env get-value "$name" 2>/dev/null || true)" ]; then
    azd env set "$name" "$(openssl rand -base64 32)" > /dev/null
    echo "Made $name for this environment; keep a copy of the environment's .env somewhere safe."
  fi
done
