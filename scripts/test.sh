#!/usr/bin/env bash
# Install everything (Python packages, PostgreSQL) and run the whole test suite.
# The suite starts its own throwaway PostgreSQL on a free local port and stops it after.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --dev
exec .venv/bin/python -m pytest "$@"
