"""One body that cables name in several ways is one entity when asked for (`siblings.family`)."""

from __future__ import annotations

import pytest

from briefgen.facts import Facts, ensure_facts
from briefgen.facts.siblings import family
from briefgen.store import Corpus
from tests.extract.conftest import make_cable

CABLES = (
    make_cable(
        "06SAOPAULO9001",
        "2006-03-31",
        "(U) In Sao Paulo they met the leadership of the Sao Paulo State Federation of "
        "Industries (FIESP).",
        "(U) FIESP said the tariffs hurt its members.",
    ),
    make_cable(
        "06SAOPAULO9002",
        "2006-04-10",
        "(U) He met the director of the influential Federation of Industries of Sao Paulo State "
        "(FIESP).",
    ),
    make_cable("07SAOPAULO9003", "2007-12-26", "(U) FIESP hosted a seminar on patents."),
    make_cable(
        "08SAOPAULO9004",
        "2008-08-04",
        "(U) Doctors Without Borders (MSF) opened a clinic in Recife.",
        "(U) Mothers Sans Frontiers (MSF) marched in Brasilia.",
        "(U) MSF appealed for calm.",
    ),
)


@pytest.fixture
def facts(location: str) -> Facts:
    """Return the facts of a corpus of cables naming bodies in several ways, on each backend."""
    corpus = Corpus.open(location)
    corpus.add(list(CABLES))
    return ensure_facts(corpus)


def test_names_sharing_an_acronym_and_their_words_are_one_body(facts: Facts) -> None:
    conn = facts.corpus.connection
    names = family(conn, "Sao Paulo State Federation of Industries", "org")
    assert names[0] == "Sao Paulo State Federation of Industries"
    assert "Federation of Industries of Sao Paulo State" in names
    assert "FIESP" in names  # the bare acronym of the cable that never spells it out
    profile = facts.entity("Federation of Industries of Sao Paulo State", "org")
    assert profile.name == "Federation of Industries of Sao Paulo State"
    assert set(profile.cables) == {"06SAOPAULO9001", "06SAOPAULO9002", "07SAOPAULO9003"}
    assert {m.name for m in profile.mentions} == {profile.name}


def test_an_acronym_two_bodies_use_stays_apart(facts: Facts) -> None:
    conn = facts.corpus.connection
    doctors = family(conn, "Doctors Without Borders", "org")
    assert "Mothers Sans Frontiers" not in doctors
    assert "MSF" not in doctors  # the bare acronym may mean either body
    assert family(conn, "Doctors Without Borders", "person") == ["Doctors Without Borders"]


def test_a_body_asked_for_by_its_acronym_is_titled_with_its_spelt_name(facts: Facts) -> None:
    profile = facts.entity("FIESP", "org")
    assert profile.name == "Federation of Industries of Sao Paulo State"  # most cables, then A-Z
    assert profile.acronym == "FIESP"
    assert set(profile.cables) == {"06SAOPAULO9001", "06SAOPAULO9002", "07SAOPAULO9003"}
