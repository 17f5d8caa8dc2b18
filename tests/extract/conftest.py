"""Shared fixtures: the three seed cables read by the real reader, and their facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.extract import CableFacts, extract
from briefgen.models import Cable
from briefgen.read import read_paths

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "cables"


@pytest.fixture(scope="session")
def seed_cables() -> dict[str, Cable]:
    """Return the seed cables by id."""
    cables = [c for c in read_paths([str(SEEDS)]) if isinstance(c, Cable)]
    assert len(cables) == 3
    return {c.id: c for c in cables}


@pytest.fixture(scope="session")
def seed_facts(seed_cables: dict[str, Cable]) -> dict[str, CableFacts]:
    """Return the facts of each seed cable by id."""
    return {cid: extract(cable) for cid, cable in seed_cables.items()}
