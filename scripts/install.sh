#!/usr/bin/env bash
# Install biseo into ./.venv on a Debian machine with Python 3.11+.
#   scripts/install.sh        the product (SQLite, parsers, API, local embeddings for BISEO_DENSE=local)
#   scripts/install.sh --dev  also the test tools and the system packages the tests use (PostgreSQL 15, Chromium,
#                             LibreOffice Writer and poppler for the export render test)
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[ "${1:-}" = "--dev" ] && dev=1
sudo=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi

python3 - <<'PY' || { echo "biseo needs Python 3.11 or newer (python3)" >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY

needed=()
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || needed+=(python3-venv)
if [ "$dev" = 1 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then needed+=(postgresql); fi
if [ "$dev" = 1 ] && ! command -v chromium >/dev/null 2>&1; then needed+=(chromium fonts-nanum); fi  # browser tests, readable screenshots
# export render test: LibreOffice Writer draws a DOCX export, poppler rasterises it (about 86 MB, 30 s)
if [ "$dev" = 1 ] && ! command -v soffice >/dev/null 2>&1; then needed+=(libreoffice-writer-nogui poppler-utils fonts-nanum); fi
if [ "${#needed[@]}" -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "please install: ${needed[*]}" >&2; exit 1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${needed[@]}"
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
if [ "$dev" = 1 ]; then
  # llama-cpp-python (test server only) compiles llama.cpp: portable CPU code, no tests or examples
  export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF}"
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'
else
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dense]'
fi
