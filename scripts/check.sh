#!/usr/bin/env bash
# Install everything the tests need and run every check: lint, format, types, tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# System tools some tests use: LibreOffice (DOCX opens) and poppler (PDF to PNG).
if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            libreoffice-writer-nogui poppler-utils >/dev/null
    else
        echo "note: LibreOffice or poppler missing and not root: their tests will be skipped" >&2
    fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
.venv/bin/ruff check briefgen tests benchmarks
.venv/bin/ruff format --check briefgen tests benchmarks
.venv/bin/mypy
.venv/bin/pytest -n 2 "$@"
