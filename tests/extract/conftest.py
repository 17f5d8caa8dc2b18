"""Shared fixtures: the three seed cables read by the real reader, and their facts."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from briefgen.extract import CableFacts, extract
from briefgen.models import Cable, Paragraph
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


def make_cable(cable_id: str, created: str, *texts: str) -> Cable:
    """Return a small Embassy Astana cable of numbered paragraphs (for corpus-level tests)."""
    paragraphs = tuple(Paragraph(number=n, heading=None, text=t) for n, t in enumerate(texts, 1))
    return Cable(
        id=cable_id,
        created=datetime.fromisoformat(created),
        origin="Embassy Astana",
        subject="TEST CABLE",
        paragraphs=paragraphs,
    )


LEAGUE_CABLES = (
    make_cable(
        "09ASTANA7101",
        "2009-01-05",
        "The Feminist League opened a shelter.",
        "The Feminist League trained police.",
        "The Feminist League met IOM.",
    ),
    make_cable("09ASTANA7102", "2009-02-05", "The Feminist League met IOM."),
    make_cable("09ASTANA7103", "2009-03-05", "The Feminist League met OSCE."),
)
"""Three cables naming the Feminist League three times, once and once, a month apart."""
