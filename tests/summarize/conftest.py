"""A corpus of the three seed cables, ingested once per test session on each backend: a real
SQLite file, and a PostgreSQL schema where a server is given (see tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen.pipeline import ingest
from briefgen.store import Corpus
from tests.conftest import BACKENDS, drop_schema, new_schema, postgres_server

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "cables"


@pytest.fixture(scope="session", params=BACKENDS)
def seed_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Return where the database holding the seed cables and their facts is."""
    if request.param == "sqlite":
        location = str(tmp_path_factory.mktemp("seeds") / "corpus.db")
    else:
        server = postgres_server()
        schema, location = new_schema(server)
        request.addfinalizer(lambda: drop_schema(server, schema))
    with Corpus.open(location) as corpus:
        ingest(corpus, [EXAMPLES], workers=1)
    yield location


@pytest.fixture()
def corpus(seed_db: str) -> Iterator[Corpus]:
    """Open the seed corpus."""
    with Corpus.open(seed_db) as opened:
        yield opened
