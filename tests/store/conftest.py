"""Fixtures for the store tests: a fresh corpus in a real SQLite file per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen.store import Corpus


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Return the path of a corpus file that does not exist yet."""
    return tmp_path / "corpus.db"


@pytest.fixture
def corpus(db_path: Path) -> Iterator[Corpus]:
    """Return an empty corpus in a real SQLite file, closed after the test."""
    with Corpus.open(db_path) as opened:
        yield opened
