#!/usr/bin/env bash
# Install everything the tests need and run every check: lint, format, types, tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: cairo's headers and pkg-config, to build pycairo (under rlPyCairo, which
# draws charts as PNG for Word; PyPI has no Linux wheel of pycairo), and the tools some tests
# use: LibreOffice (DOCX opens) and poppler (PDF to PNG).
if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null \
    || ! pkg-config --exists cairo 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            libcairo2-dev pkg-config libreoffice-writer-nogui poppler-utils >/dev/null
    else
        echo "note: cairo headers, LibreOffice or poppler missing and not root" >&2
    fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
.venv/bin/ruff check briefgen tests benchmarks
.venv/bin/ruff format --check briefgen tests benchmarks
.venv/bin/mypy
.venv/bin/pytest -n 2 "$@"
