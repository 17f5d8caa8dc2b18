"""Corpus locations for tests that run on both databases: a SQLite file, and a PostgreSQL
schema of its own on the server named by $BRIEFGEN_TEST_POSTGRES (`scripts/check.sh` starts
one). Without that variable the PostgreSQL cases are skipped, unless $BRIEFGEN_REQUIRE_POSTGRES
is set (CI), where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

SERVER_ENV = "BRIEFGEN_TEST_POSTGRES"
"""A PostgreSQL URL whose user may create schemas (`postgresql://briefgen@127.0.0.1:55432/postgres`)."""
REQUIRE_ENV = "BRIEFGEN_REQUIRE_POSTGRES"

BACKENDS = ("sqlite", "postgresql")


def postgres_server() -> str:
    """Return the test server's URL, or skip (fail under CI) the test when there is none."""
    url = os.environ.get(SERVER_ENV)
    if not url:
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(f"${SERVER_ENV} is not set but ${REQUIRE_ENV} is")
        pytest.skip(f"no PostgreSQL server (set ${SERVER_ENV})")
    return url


def new_schema(server: str) -> tuple[str, str]:
    """Create an empty schema on the server; return its name and a URL whose tables go there."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    separator = "&" if "?" in server else "?"
    return name, f"{server}{separator}options=-csearch_path%3D{name}"


def drop_schema(server: str, name: str) -> None:
    """Drop a schema made by `new_schema`, with everything in it."""
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """Return the URL of an empty PostgreSQL corpus of this test's own, dropped after it."""
    server = postgres_server()
    name, url = new_schema(server)
    yield url
    drop_schema(server, name)


@pytest.fixture(params=BACKENDS)
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Return where a new, empty corpus goes: a SQLite file, or a PostgreSQL schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "corpus.db")
        return
    server = postgres_server()
    name, url = new_schema(server)
    yield url
    drop_schema(server, name)


@pytest.fixture(scope="module", params=BACKENDS)
def module_location(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Return where a new corpus shared by one test module goes, on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path_factory.mktemp("corpus") / "corpus.db")
        return
    server = postgres_server()
    name, url = new_schema(server)
    yield url
    drop_schema(server, name)
