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

# PostgreSQL, for the tests that run every corpus test on both databases: Debian's server,
# a throwaway cluster on a free port of loopback, stopped and removed when the checks end.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            postgresql >/dev/null
    else
        echo "note: PostgreSQL missing and not root: its tests will be skipped" >&2
    fi
fi
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    PGTEST=$(mktemp -d /tmp/briefgen-pg.XXXXXX)
    PGPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_pg() {  # initdb and the server refuse to run as root
        if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "cd / && $1"; else sh -c "$1"; fi
    }
    [ "$(id -u)" = 0 ] && chown postgres "$PGTEST"
    as_pg "$PGBIN/initdb -D $PGTEST/data -A trust -U briefgen -E UTF8 --locale=C.UTF-8" >/dev/null
    as_pg "$PGBIN/pg_ctl -D $PGTEST/data -l $PGTEST/log -w start -o '-p $PGPORT -k $PGTEST \
        -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200'" >/dev/null
    trap 'as_pg "$PGBIN/pg_ctl -D $PGTEST/data -m fast stop" >/dev/null; rm -rf "$PGTEST"' EXIT
    export BRIEFGEN_TEST_POSTGRES="postgresql://briefgen@127.0.0.1:$PGPORT/postgres"
    export BRIEFGEN_REQUIRE_POSTGRES=1
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
.venv/bin/ruff check briefgen tests benchmarks
.venv/bin/ruff format --check briefgen tests benchmarks
.venv/bin/mypy
.venv/bin/pytest -n 2 "$@"
