"""Facts in the corpus database: the content-hash cache, the version key, names and profiles."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from briefgen.errors import AmbiguousNameError, InvalidArgumentError, NotFoundError
from briefgen.extract import CableFacts, extract
from briefgen.facts import FACTS_VERSION, Facts, ensure_facts
from briefgen.facts import store as storage
from briefgen.facts.query import find_entities, get_entity, resolve_name
from briefgen.facts.store import facts_for, stored_facts, update_facts
from briefgen.models import Cable
from briefgen.store import Corpus
from tests.extract.conftest import SEEDS


@pytest.fixture
def corpus(location: str) -> Corpus:
    """Return a real corpus holding the seed cables, on each backend."""
    opened = Corpus.open(location)
    opened.ingest([str(SEEDS)], workers=1)
    return opened


@pytest.fixture
def facts(corpus: Corpus) -> Facts:
    """Return the seed corpus's facts, every cable extracted."""
    return ensure_facts(corpus)


def test_update_extracts_new_cables_once(corpus: Corpus) -> None:
    assert update_facts(corpus) == 3
    assert update_facts(corpus) == 0
    assert corpus.get_meta(storage.META_KEY) == str(FACTS_VERSION)


def test_a_changed_cable_or_rule_version_is_extracted_again(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    update_facts(corpus)
    cable = corpus.get("09ASTANA2101")
    first = cable.paragraphs[0]
    changed = dataclasses.replace(
        cable, paragraphs=(dataclasses.replace(first, text=first.text + " IOM agreed."),)
    )
    corpus.add([changed])
    assert update_facts(corpus) == 1
    monkeypatch.setattr(storage, "FACTS_VERSION", FACTS_VERSION + 1)
    assert update_facts(corpus) == 3


def test_stored_facts_equal_fresh_ones(corpus: Corpus) -> None:
    update_facts(corpus)
    stored = facts_for(corpus, ["09ASTANA1985", "09ASTANA1206"])
    assert [f.cable_id for f in stored] == ["09ASTANA1985", "09ASTANA1206"]
    assert stored[0] == extract(corpus.get("09ASTANA1985"))


def test_facts_for_extracts_lazily(corpus: Corpus) -> None:
    assert stored_facts(corpus, ["09ASTANA2101"]) == []  # reading alone never extracts
    facts = facts_for(corpus, ["09ASTANA2101", "09NOWHERE1"])
    assert [f.cable_id for f in facts] == ["09ASTANA2101"]
    assert stored_facts(corpus, ["09ASTANA2101", "09NOWHERE1"]) == facts


def test_ensure_facts_extracts_now_or_defers_a_large_backlog(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "LAZY_BACKLOG", 2)
    deferred = ensure_facts(corpus, defer=True)
    assert (deferred.deferred, deferred.extracted, storage.backlog(corpus)) == (True, 0, 3)
    with pytest.raises(InvalidArgumentError, match="needs the facts of the whole corpus"):
        deferred.entities()
    assert [f.cable_id for f in deferred.of(["09ASTANA1985"])] == ["09ASTANA1985"]
    monkeypatch.setattr(storage, "LAZY_BACKLOG", 5_000)
    done = ensure_facts(corpus, defer=True, workers=1)  # the cable read above is kept
    assert (done.deferred, done.extracted, storage.backlog(corpus)) == (False, 2, 0)
    assert ensure_facts(corpus).extracted == 0


def test_find_entities_counts_mentions_and_cables(facts: Facts) -> None:
    corpus = facts.corpus
    orgs = {e.name: e for e in facts.entities(kind="org")}
    league = orgs["Feminist League"]
    assert league.cables == ("09ASTANA1985", "09ASTANA2101")
    assert league.mentions >= 8
    assert orgs["Union of Crisis Centers"].cables == ("09ASTANA1206", "09ASTANA2101")
    found = find_entities(corpus, search="crisis")
    assert [e.name for e in found] == ["Union of Crisis Centers"]
    assert all(e.kind == "place" for e in find_entities(corpus, kind="place"))
    with pytest.raises(InvalidArgumentError):
        find_entities(corpus, kind="animal")


@pytest.mark.parametrize(
    "asked",
    [
        "Feminist League",
        "feminist league",
        "The Feminist League",
        "Feminist League NGO",
        "Feminist Leage",
    ],
)
def test_names_forgive_case_articles_and_typos(facts: Facts, asked: str) -> None:
    assert resolve_name(facts.corpus, asked) == ("Feminist League", "org")


def test_aliases_resolve(facts: Facts) -> None:
    corpus = facts.corpus
    assert resolve_name(corpus, "UCC") == ("Union of Crisis Centers", "org")
    assert resolve_name(corpus, "Morozova") == ("Galina Morozova", "person")


def test_unknown_and_ambiguous_names(facts: Facts) -> None:
    corpus = facts.corpus
    with pytest.raises(NotFoundError, match=r"not found.*closest"):
        resolve_name(corpus, "Organization That Does Not Exist")
    with pytest.raises(AmbiguousNameError, match=r"Anatolyi Tarasov.*Valeryi Tarasov"):
        resolve_name(corpus, "Tarasov")


def test_profile_of_an_ngo(facts: Facts) -> None:
    profile = facts.entity("feminist league")
    assert profile.name == "Feminist League" and profile.kind == "org"
    assert "Feminist League NGO" in profile.aliases
    assert next((r.person, r.title) for r in profile.roles) == ("Galina Morozova", "President")
    assert profile.related[0][0] == "Galina Morozova"
    funders = {f.funder for f in profile.fundings}
    assert "Embassy of the Netherlands" in funders
    assert all(f.amount != "$24,000" for f in profile.fundings)
    kinds = {(r.kind, r.object) for r in profile.relations}
    assert ("member_of", "Union of Crisis Centers") in kinds
    assert profile.as_dict()["name"] == "Feminist League"


def test_profile_of_a_person(facts: Facts) -> None:
    profile = get_entity(facts.corpus, "Galina Morozova")
    assert profile.cables == ("09ASTANA1985", "09ASTANA2101")
    assert {f.funder for f in profile.fundings} >= {"Democracy Commission"}


def test_an_extractor_can_be_passed_in(corpus: Corpus) -> None:
    seen: list[str] = []

    def counting(cable: Cable) -> object:
        seen.append(cable.id)
        return extract(cable)

    assert update_facts(corpus, counting) == 3  # type: ignore[arg-type]
    assert sorted(seen) == ["09ASTANA1206", "09ASTANA1985", "09ASTANA2101"]


def test_lazy_update_of_named_cables_only(corpus: Corpus) -> None:
    assert update_facts(corpus, cable_ids=["09ASTANA1985", "09NOWHERE1"]) == 1
    assert update_facts(corpus) == 2


def test_facts_for_ignores_facts_of_old_content(corpus: Corpus) -> None:
    update_facts(corpus)
    cable = corpus.get("09ASTANA1206")
    changed = dataclasses.replace(
        cable,
        paragraphs=(*cable.paragraphs, cable.paragraphs[0].__class__(99, None, "UNICEF agreed.")),
    )
    corpus.add([changed])
    facts = facts_for(corpus, ["09ASTANA1206"])[0]
    assert any(e.acronym == "UNICEF" for e in facts.entities)


def test_parallel_extraction_gives_the_same_facts(corpus: Corpus) -> None:
    seed = corpus.get("09ASTANA2101")
    copies = [dataclasses.replace(seed, id=f"09ASTANA{9000 + n}") for n in range(70)]
    corpus.add(copies)
    assert update_facts(corpus, workers=2) == 73
    stored = facts_for(corpus, ["09ASTANA9042"])[0]
    assert stored == extract(copies[42])


def test_find_entities_limit_and_literal_search(facts: Facts) -> None:
    corpus = facts.corpus
    top = find_entities(corpus, limit=2)
    assert len(top) == 2 and top[0].mentions >= top[1].mentions
    assert find_entities(corpus, search="%") == []
    assert [e.name for e in find_entities(corpus, search="UCC")] == ["Union of Crisis Centers"]


def test_a_rule_breaking_on_one_cable_does_not_stop_the_pass(corpus: Corpus) -> None:
    def brittle(cable: Cable) -> CableFacts:
        if cable.id == "09ASTANA1985":
            raise IndexError("list index out of range")
        return extract(cable)

    assert update_facts(corpus, brittle) == 3
    facts = {f.cable_id: f for f in facts_for(corpus, ["09ASTANA1985", "09ASTANA2101"])}
    assert facts["09ASTANA1985"].mentions == ()
    assert facts["09ASTANA2101"].mentions


def test_a_bodys_own_name_wins_over_a_longer_body_using_it_as_an_alias(tmp_path: Path) -> None:
    from datetime import datetime

    from briefgen.models import Paragraph

    def cable(number: int, *texts: str) -> Cable:
        return Cable(
            id=f"07ISTANBUL{number}",
            created=datetime(2007, 1, number),
            origin="Consulate Istanbul",
            paragraphs=tuple(Paragraph(i + 1, None, t) for i, t in enumerate(texts)),
        )

    corpus = Corpus.open(tmp_path / "alevi.db")
    corpus.add(
        [
            cable(1, "(C) Frustrated, the Cem Foundation submitted two petitions in June 2005."),
            cable(2, "(C) The Cem Foundation appealed to the Ankara Administrative Court."),
            cable(
                3,
                "(C) Alevi Cem Foundation Chairman Izettin Dogan told us the ruling was important.",
                "(C) Dogan was more optimistic about two prominent Cem Foundation cases.",
            ),
        ]
    )
    ensure_facts(corpus)
    assert resolve_name(corpus, "Cem Foundation") == ("Cem Foundation", "org")
    assert resolve_name(corpus, "Alevi Cem Foundation") == ("Alevi Cem Foundation", "org")
