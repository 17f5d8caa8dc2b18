"""A corpus of the three seed cables, ingested once per test session into a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen.pipeline import ingest
from briefgen.store import Corpus

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "cables"


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the path of a database holding the seed cables and their facts."""
    path = tmp_path_factory.mktemp("seeds") / "corpus.db"
    with Corpus.open(path) as corpus:
        ingest(corpus, [EXAMPLES], workers=1)
    return path


@pytest.fixture()
def corpus(seed_db: Path) -> Iterator[Corpus]:
    """Open the seed corpus."""
    with Corpus.open(seed_db) as opened:
        yield opened
