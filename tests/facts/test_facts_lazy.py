"""Facts left for later: ingest defers a large backlog, profiles find cables by full-text search."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from briefgen import pipeline
from briefgen.cli import app
from briefgen.errors import BriefgenError, NotFoundError
from briefgen.facts import EntityProfile, ensure_facts, lazy
from briefgen.facts import store as storage
from briefgen.store import Corpus
from tests.extract.conftest import LEAGUE_CABLES, SEEDS, make_cable

runner = CliRunner()
NGO = pipeline.BriefingRequest("ngo", "Feminist League")


EXTRA = (
    *LEAGUE_CABLES,
    make_cable("09ASTANA7104", "2009-04-05", "Officials discussed the harvest in Kostanai."),
)


def entity(corpus: Corpus, name: str, kind: str | None = None, *, max_cables: int) -> EntityProfile:
    """Return the profile of `name` as a briefing finds it: by text while facts are deferred."""
    return ensure_facts(corpus, defer=True).entity(name, kind, max_cables=max_cables)


def _corpus(path: Path | str) -> Corpus:
    corpus = Corpus.open(path)
    corpus.ingest([str(SEEDS)], workers=1)
    corpus.add(list(EXTRA))
    return corpus


def _extracted(corpus: Corpus) -> int:
    try:
        row = corpus.connection.execute("SELECT count(*) FROM extract_facts").fetchone()
    except Exception:  # no such table yet (sqlite3 and psycopg raise their own errors)
        return 0
    return int(row[0])


@pytest.fixture
def deferred(location: str, monkeypatch: pytest.MonkeyPatch) -> Corpus:
    """Return a corpus of 7 cables none extracted, with the lazy threshold below its size,
    on each backend."""
    monkeypatch.setattr(storage, "LAZY_BACKLOG", 2)
    return _corpus(location)


def test_ingest_leaves_a_large_backlog_for_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "LAZY_BACKLOG", 2)
    with Corpus.open(tmp_path / "big.db") as corpus:
        pipeline.ingest(corpus, [str(SEEDS)], workers=1)
        assert _extracted(corpus) == 0
        assert pipeline.pending_facts(corpus) == 3
        pipeline.ingest(corpus, [str(SEEDS)], workers=1, extract=True)
        assert _extracted(corpus) == 3
        assert pipeline.pending_facts(corpus) == 0
    monkeypatch.setattr(storage, "LAZY_BACKLOG", 5_000)
    with Corpus.open(tmp_path / "small.db") as corpus:
        pipeline.ingest(corpus, [str(SEEDS)], workers=1)
        assert _extracted(corpus) == 3


def test_ingest_command_says_what_it_left_and_extract_does_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "LAZY_BACKLOG", 2)
    db = tmp_path / "cli.db"
    result = runner.invoke(app, ["ingest", "--db", str(db), "--workers", "1", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "3 added, 0 updated, 0 unchanged, 0 rejected"
    assert "facts of 3 cables are left for later" in result.stderr
    result = runner.invoke(app, ["extract", "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "3 cables extracted"
    result = runner.invoke(app, ["extract", "--db", str(db)])
    assert result.stdout.strip() == "0 cables extracted"
    result = runner.invoke(app, ["extract", "--db", str(db), "--workers", "0"])
    assert result.exit_code == 2
    assert result.output.startswith("briefgen: error: Invalid value for '--workers'")
    assert len(result.output.splitlines()) == 1
    result = runner.invoke(app, ["extract", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code != 0
    assert result.output.startswith("briefgen: error:")
    assert "Traceback" not in result.output


def test_profile_by_text_matches_the_exact_profile(deferred: Corpus, tmp_path: Path) -> None:
    with _corpus(tmp_path / "exact.db") as exact:
        ensure_facts(exact)
        for name, kind, top in (("Feminist League", "org", 2), ("Morozova", "person", 1)):
            want = entity(exact, name, kind, max_cables=top)
            got = entity(deferred, name, kind, max_cables=top)
            assert (got.name, got.kind, got.cables) == (want.name, want.kind, want.cables)
            assert got.total_cables == want.total_cables
            assert (got.mentions, got.roles, got.figures) == (
                want.mentions,
                want.roles,
                want.figures,
            )
            assert (got.fundings, got.relations, got.events) == (
                want.fundings,
                want.relations,
                want.events,
            )
    assert storage.backlog(deferred) == 7  # no whole-corpus pass was made


def test_profile_by_text_extracts_only_the_best_matches(
    deferred: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lazy, "MIN_CANDIDATES", 1)
    monkeypatch.setattr(lazy, "CANDIDATES_PER_CABLE", 2)
    profile = entity(deferred, "Feminist League", "org", max_cables=1)
    assert _extracted(deferred) == 2
    # Of the two best full-text matches, the one mentioning the NGO most comes first.
    assert profile.cables == ("09ASTANA7101",)
    assert profile.total_cables == 5  # cables whose text names it


def test_profile_by_text_forgives_typos_and_names_the_unknown(deferred: Corpus) -> None:
    assert entity(deferred, "feminist leage", max_cables=3).name == "Feminist League"
    assert entity(deferred, "the Feminist League NGO", max_cables=3).name == "Feminist League"
    with pytest.raises(NotFoundError, match="no org named 'Harvest Union' found"):
        entity(deferred, "Harvest Union", "org", max_cables=3)
    with pytest.raises(NotFoundError, match="name no such org"):
        entity(deferred, "Kostanai", "org", max_cables=3)


def test_ngo_profile_reads_the_same_without_the_whole_corpus_pass(
    deferred: Corpus, tmp_path: Path
) -> None:
    with _corpus(tmp_path / "exact.db") as exact:
        ensure_facts(exact)
        want = pipeline.to_markdown(pipeline.summarize(exact, NGO))
    got = pipeline.to_markdown(pipeline.summarize(deferred, NGO))
    assert got == want
    assert "Galina Morozova" in got


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(min_size=1, max_size=40))
def test_any_name_gets_a_profile_or_a_clear_error(deferred: Corpus, name: str) -> None:
    try:
        profile = entity(deferred, name, max_cables=2)
    except BriefgenError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert profile.cables


def test_same_seed_twice_counts_once(deferred: Corpus) -> None:
    seed = deferred.get("09ASTANA2101")
    deferred.add([dataclasses.replace(seed, id="09ASTANA9001")])
    profile = entity(deferred, "Feminist League", "org", max_cables=20)
    assert len(profile.cables) == len(set(profile.cables))
    assert "09ASTANA9001" in profile.cables


def test_extract_facts_reports_progress_batch_by_batch(
    deferred: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "BATCH", 3)
    seen: list[tuple[int, int]] = []
    assert pipeline.extract_facts(deferred, workers=1, progress=lambda *a: seen.append(a)) == 7
    assert seen == [(3, 7), (6, 7)]
    assert pipeline.pending_facts(deferred) == 0
    assert pipeline.extract_facts(deferred, progress=lambda *a: seen.append(a)) == 0
    assert len(seen) == 2


def test_profile_by_text_follows_the_entity_by_its_other_names(deferred: Corpus) -> None:
    deferred.add(
        [
            make_cable(
                "09ASTANA7201",
                "2009-05-05",
                "The Union of Crisis Centers (UCC) met the mayor.",
                "UCC runs six shelters.",
            ),
            make_cable("09ASTANA7202", "2009-06-05", "IOM opened a hotline in Almaty."),
        ]
    )
    profile = entity(deferred, "Union of Crisis Centers", "org", max_cables=20)
    # 09ASTANA7201 only: the seeds write the acronym as `UCC` after defining it, and the second
    # search, for `UCC`, finds the cables using it.
    assert "09ASTANA7201" in profile.cables
    assert profile.acronym == "UCC"
    # The cables write IOM's full name once, and the OSCE's never: their curated forms count.
    iom = entity(deferred, "International Organization for Migration", max_cables=20)
    assert iom.name == "International Organization for Migration"
    assert "09ASTANA7202" in iom.cables
    osce = entity(deferred, "Organization for Security and Co-operation in Europe", max_cables=9)
    assert set(osce.cables) == {"09ASTANA1206", "09ASTANA1985", "09ASTANA7103"}
    assert lazy.phrases_of(["the Feminist League", "Feminist League NGO", "Feminist League"]) == {
        '"feminist league"'
    }


def test_entity_command_reads_the_top_cables_unless_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "LAZY_BACKLOG", 2)
    db = tmp_path / "entity.db"
    assert runner.invoke(app, ["ingest", "--db", str(db), str(SEEDS)]).exit_code == 0
    result = runner.invoke(app, ["entity", "--db", str(db), "Feminist League"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Feminist League (org)")
    with Corpus.open(db, create=False) as corpus:
        assert storage.backlog(corpus) == 3  # the cables naming it were read, no whole pass
    result = runner.invoke(app, ["entity", "--db", str(db), "--all", "Feminist League"])
    assert result.exit_code == 0, result.output
    with Corpus.open(db, create=False) as corpus:
        assert storage.backlog(corpus) == 0
