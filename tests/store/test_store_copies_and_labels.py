"""The store keeps what a citation needs (paragraph labels, the id as released) and merges the
copies of one cable, so a cut-off copy never shadows the whole one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from briefgen.facts import ensure_facts
from briefgen.models import Cable
from briefgen.read import read_text
from briefgen.store import Corpus, db
from briefgen.store.present import view_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "citations"
LETTERED = (FIXTURES / "09KAMPALA1021.txt").read_text(encoding="utf-8")


def _full(path: str = "full.txt") -> Cable:
    return replace(read_text(LETTERED, path), given_id="09AMEMBASSYKAMPALA1021")


def _cut(path: str = "cut.txt") -> Cable:
    """The same cable as a copy cut off after paragraph 2A."""
    text = LETTERED.split("2B. (C)")[0] + "\nThis record is a partial extract of the cable.\n"
    cable = read_text(text, path)
    assert len(cable.paragraphs) < len(_full().paragraphs)
    return cable


def test_labels_and_given_id_round_trip_through_a_real_file(location: str) -> None:
    cable = _full()
    assert [p.label for p in cable.paragraphs] == [None, None, "2A", "2B", None]
    with Corpus.open(location) as corpus:
        corpus.add([cable])
    with Corpus.open(location) as corpus:
        stored = corpus.get("09KAMPALA1021")
        digest = corpus.cable_hashes()["09KAMPALA1021"]
    assert stored.paragraphs == cable.paragraphs
    assert stored.given_id == "09AMEMBASSYKAMPALA1021"
    assert stored.content_hash() == cable.content_hash() == digest


def test_a_cable_is_found_under_the_id_it_was_released_under(location: str) -> None:
    with Corpus.open(location) as corpus:
        corpus.add([_full()])
        assert "09AMEMBASSYKAMPALA1021" in corpus
        assert corpus.get("09amembassykampala1021").id == "09KAMPALA1021"
        view = corpus.view("09AMEMBASSYKAMPALA1021")
        assert view.cable.id == "09KAMPALA1021"
        shown = view_text(view)
        # `briefgen show` names both ids and each paragraph as a citation of it does.
        assert "Released as:    09AMEMBASSYKAMPALA1021" in shown
        assert "\n2A.  (C) SHELTER:" in shown and "\n2B.  (C) TRAINING:" in shown
        assert "09AMEMBASSYKAMPALA1022" not in corpus


def test_an_old_database_is_upgraded_in_place_and_gets_its_labels_back(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Corpus.open(path) as corpus:
        corpus.add([_full()])
    # What schema 3 left: neither column, and a content hash that counted the labels anyway.
    conn = db.connect(path)
    conn.execute("DROP INDEX cables_given_id")
    conn.execute("ALTER TABLE cables DROP COLUMN given_id")
    conn.execute("ALTER TABLE paragraphs DROP COLUMN label")
    conn.execute("DELETE FROM schema_migrations WHERE version > 3")
    conn.execute("PRAGMA user_version = 3")
    conn.close()
    with Corpus.open(path) as corpus:
        assert corpus.connection.execute("PRAGMA user_version").fetchone()[0] == 4
        assert [p.label for p in corpus.get("09KAMPALA1021").paragraphs] == [None] * 5
        report = corpus.add([_full()])  # the same file ingested again
        assert (report.added, report.updated) == (0, 1)
        assert [p.label for p in corpus.get("09KAMPALA1021").paragraphs][2:4] == ["2A", "2B"]
        assert corpus.add([_full()]).unchanged == 1


@pytest.mark.parametrize("cut_first", [True, False])
def test_copies_in_one_run_keep_the_whole_text_and_the_specific_marking(
    location: str, cut_first: bool
) -> None:
    full = replace(_full(), classification="CONFIDENTIAL")
    cut = replace(_cut(), classification="CONFIDENTIAL//NOFORN")
    copies = [cut, full] if cut_first else [full, cut]
    with Corpus.open(location) as corpus:
        report = corpus.add(copies)
        assert (report.added, report.unchanged) == (1, 1)
        stored = corpus.get("09KAMPALA1021")
        assert stored.paragraphs == full.paragraphs
        assert stored.classification == "CONFIDENTIAL//NOFORN"
        assert stored.given_id == "09AMEMBASSYKAMPALA1021"
        # Running the same inputs again changes nothing.
        assert corpus.add(copies).unchanged == 2


@pytest.mark.parametrize("cut_first", [True, False])
def test_a_later_copy_never_shadows_the_stored_one_and_a_fuller_one_improves_it(
    location: str, cut_first: bool
) -> None:
    first, second = (_cut(), _full()) if cut_first else (_full(), _cut())
    with Corpus.open(location) as corpus:
        corpus.add([first])
        before = ensure_facts(corpus).of(["09KAMPALA1021"])[0]
        report = corpus.add([second])
        assert report.updated == (1 if cut_first else 0)
        assert corpus.get("09KAMPALA1021").paragraphs == _full().paragraphs
        # The facts of a changed cable are extracted again: the figure of 2B is found.
        after = ensure_facts(corpus).of(["09KAMPALA1021"])[0]
        assert ("¶2B" in {f.source.label for f in before.figures}) is not cut_first
        assert "¶2B" in {f.source.label for f in after.figures}


def test_the_same_input_read_again_replaces_its_cable(location: str) -> None:
    with Corpus.open(location) as corpus:
        corpus.add([_full("one.txt")])
        # The file was edited (or the reader fixed): the shorter text read from it wins.
        shorter = _cut("one.txt")
        assert corpus.add([shorter]).updated == 1
        assert corpus.get("09KAMPALA1021").paragraphs == shorter.paragraphs
