#!/usr/bin/env bash
# Install biseo, ingest the demo corpus shipped in demo/corpus into SQLite, and serve the API on localhost.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/biseo demo "$@"
