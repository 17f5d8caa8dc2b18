"""Fixtures for the store tests: a fresh corpus per test, in a real SQLite file and (where a
server is given, see tests/conftest.py) in a real PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen.store import Corpus


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Return the path of a corpus file that does not exist yet (SQLite-only tests)."""
    return tmp_path / "corpus.db"


@pytest.fixture
def corpus(location: str) -> Iterator[Corpus]:
    """Return an empty corpus on each backend, closed after the test."""
    with Corpus.open(location) as opened:
        yield opened
