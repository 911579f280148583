#!/usr/bin/env bash
# Every test: type check, lint (with the import rules between layers), unit tests, production
# build, then the end-to-end tests in the system Chromium against the built site.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$CHROMIUM_PATH" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== Installing Debian's chromium for the end-to-end tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    CHROMIUM_PATH="$(command -v chromium)"
  else
    echo "The end-to-end tests need Chromium. Install Debian's package: sudo apt-get install chromium" >&2
    echo "(or set CHROMIUM_PATH to a Chromium or Chrome binary)." >&2
    exit 1
  fi
fi
export CHROMIUM_PATH

echo "== Type check";  npm run -s typecheck
echo "== Lint";        npm run -s lint
echo "== Unit tests";  npm run -s test:unit
echo "== Build";       npm run -s build
echo "== End-to-end tests in $CHROMIUM_PATH"; npm run -s test:e2e
