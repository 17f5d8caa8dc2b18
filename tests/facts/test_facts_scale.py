"""Facts at corpus scale: the names table, change-counter catch-up, top cables, lazy ingest."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.errors import AmbiguousNameError, InvalidArgumentError
from briefgen.extract import extract
from briefgen.facts import FACTS_VERSION, EntityProfile, ensure_facts
from briefgen.facts import store as storage
from briefgen.facts.catalog import ensure_names
from briefgen.facts.query import resolve_name
from briefgen.facts.store import facts_for
from briefgen.models import Cable, Paragraph
from briefgen.store import Corpus
from tests.extract.conftest import LEAGUE_CABLES, SEEDS, make_cable

runner = CliRunner()


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    """Return a real corpus file holding the seed cables, not yet extracted."""
    opened = Corpus.open(tmp_path / "seeds.db")
    opened.ingest([str(SEEDS)], workers=1)
    return opened


def resolve(corpus: Corpus, name: str) -> tuple[str, str]:
    """Return what `name` means once every cable is extracted."""
    return resolve_name(ensure_facts(corpus).corpus, name)


def entity(
    corpus: Corpus, name: str, kind: str | None = None, *, max_cables: int | None = None
) -> EntityProfile:
    """Return the profile of `name` once every cable is extracted."""
    return ensure_facts(corpus).entity(name, kind, max_cables=max_cables)


def _names(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return conn.execute(
        "SELECT alias, key, name, kind, cables FROM extract_names ORDER BY alias, name, kind"
    ).fetchall()


def _rebuilt(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    # The names table as built from scratch out of extract_aliases, for comparison.
    conn.execute("DROP TABLE extract_names")
    ensure_names(conn)
    return _names(conn)


def test_names_table_counts_cables_per_alias(corpus: Corpus) -> None:
    storage.update_facts(corpus)
    conn = corpus.connection
    rows = conn.execute(
        "SELECT alias, cables FROM extract_names WHERE name = 'Feminist League' AND kind = 'org'"
    ).fetchall()
    assert ("Feminist League", 2) in rows
    assert all(
        key == "feminist league"
        for (key,) in conn.execute(
            "SELECT key FROM extract_names WHERE alias = 'Feminist League NGO'"
        )
    )
    assert _names(conn) == _rebuilt(conn)


def test_names_table_follows_reingest_and_changes(corpus: Corpus) -> None:
    storage.update_facts(corpus)
    conn = corpus.connection
    stamp = corpus.get_meta("extract.names_stamp")
    # A seed cable now says nothing of the Feminist League, another one is new.
    cable = corpus.get("09ASTANA1985")
    plain = Paragraph(
        number=1, heading=None, text="The Ambassador met the Minister of Justice in Astana."
    )
    corpus.add([dataclasses.replace(cable, paragraphs=(plain,))])
    corpus.add(
        [
            make_cable(
                "09ASTANA7001",
                "2009-12-30",
                "Galina Morozova, President of the Feminist League NGO, met Poloff.",
            )
        ]
    )
    assert storage.update_facts(corpus) == 2
    assert corpus.get_meta("extract.names_stamp") != stamp
    rows = dict(
        conn.execute(
            "SELECT alias, cables FROM extract_names WHERE name = 'Feminist League' "
            "AND kind = 'org'"
        ).fetchall()
    )
    assert rows["Feminist League"] == 2
    assert _names(conn) == _rebuilt(conn)
    # The seed files ingested again bring the old text back, and a second time change nothing.
    corpus.ingest([str(SEEDS)], workers=1)
    assert storage.update_facts(corpus) == 1
    before = _names(conn)
    assert before == _rebuilt(conn)
    corpus.ingest([str(SEEDS)], workers=1)
    assert storage.update_facts(corpus) == 0
    assert _names(conn) == before


def test_old_databases_get_the_names_table_without_extracting_again(corpus: Corpus) -> None:
    storage.update_facts(corpus)
    conn = corpus.connection
    expected = _names(conn)
    conn.execute("DROP TABLE extract_names")
    assert storage.update_facts(corpus) == 0
    assert _names(conn) == expected
    assert resolve(corpus, "Feminist Leage") == ("Feminist League", "org")


def test_catch_up_looks_only_at_cables_changed_since_the_last_pass(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage.update_facts(corpus)
    assert corpus.get_meta(storage.SEQ_KEY) == f"{FACTS_VERSION}:{corpus.change_seq()}"
    seen: list[str] = []

    def counting(cable: Cable) -> object:
        seen.append(cable.id)
        return extract(cable)

    corpus.add([make_cable("09ASTANA7002", "2009-12-30", "IOM opened an office in Almaty.")])
    assert storage.update_facts(corpus, counting) == 1  # type: ignore[arg-type]
    assert seen == ["09ASTANA7002"]
    assert storage.update_facts(corpus, counting) == 0  # type: ignore[arg-type]
    # New rules: every cable again, though the change counter did not move.
    monkeypatch.setattr(storage, "FACTS_VERSION", FACTS_VERSION + 1)
    assert storage.update_facts(corpus) == 4


def test_lazy_extraction_of_some_cables_leaves_the_rest_to_the_next_pass(
    corpus: Corpus,
) -> None:
    assert len(facts_for(corpus, ["09ASTANA2101"])) == 1
    assert corpus.get_meta(storage.SEQ_KEY) is None
    assert storage.update_facts(corpus) == 2


def test_default_workers_use_every_core_on_a_large_backlog(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "PARALLEL_BACKLOG", 10)
    seed = corpus.get("09ASTANA2101")
    corpus.add([dataclasses.replace(seed, id=f"09ASTANA{8000 + n}") for n in range(70)])
    assert storage.update_facts(corpus) == 73
    assert facts_for(corpus, ["09ASTANA8042"])[0] == extract(
        dataclasses.replace(seed, id="09ASTANA8042")
    )
    count = corpus.connection.execute(
        "SELECT cables FROM extract_names WHERE alias = 'Feminist League' AND kind = 'org'"
    ).fetchone()
    assert count == (72,)


def test_max_cables_keeps_the_cables_that_say_most_then_the_newest(corpus: Corpus) -> None:
    corpus.add(list(LEAGUE_CABLES))
    full = entity(corpus, "Feminist League", "org")
    assert full.total_cables == len(full.cables) == 5
    assert list(full.cables) == sorted(full.cables)
    top = entity(corpus, "Feminist League", "org", max_cables=2)
    assert top.total_cables == 5
    assert len(top.cables) == 2
    counts = {cid: sum(1 for m in full.mentions if m.cable_id == cid) for cid in full.cables}
    ranked = sorted(counts.values(), reverse=True)
    assert [counts[cid] for cid in top.cables] == ranked[:2]
    assert {m.cable_id for m in top.mentions} == set(top.cables)
    every = entity(corpus, "Feminist League", "org", max_cables=5)
    assert [counts[cid] for cid in every.cables] == ranked
    # 09ASTANA7102 and 7103 both mention it once: the newer one comes first.
    assert every.cables[-2:] == ("09ASTANA7103", "09ASTANA7102")
    assert top.as_dict()["total_cables"] == 5
    with pytest.raises(InvalidArgumentError):
        entity(corpus, "Feminist League", max_cables=0)


def test_ingest_without_extraction_then_lazy_facts(tmp_path: Path) -> None:
    db = tmp_path / "lazy.db"
    args = ["ingest", "--db", str(db), "--workers", "1", "--no-extract", str(SEEDS)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    with Corpus.open(db, create=False) as corpus:
        tables = {row[0] for row in corpus.connection.execute("SELECT name FROM sqlite_master")}
        assert "extract_facts" not in tables
    result = runner.invoke(app, ["entity", "--db", str(db), "feminist leage"])
    assert result.exit_code == 0, result.output
    assert "Galina Morozova" in result.stdout
    with Corpus.open(db, create=False) as corpus:
        count = corpus.connection.execute("SELECT count(*) FROM extract_facts").fetchone()
        assert count == (3,)
        assert corpus.get_meta(storage.SEQ_KEY) == f"{FACTS_VERSION}:{corpus.change_seq()}"


def test_ingest_command_extracts_by_default(tmp_path: Path) -> None:
    db = tmp_path / "eager.db"
    command = [sys.executable, "-m", "briefgen", "ingest", "--db", str(db), str(SEEDS)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    with Corpus.open(db, create=False) as corpus:
        count = corpus.connection.execute("SELECT count(*) FROM extract_facts").fetchone()
        assert count == (3,)
        assert storage.update_facts(corpus) == 0


def test_entity_command_with_max_cables(tmp_path: Path) -> None:
    db = tmp_path / "top.db"
    result = runner.invoke(app, ["ingest", "--db", str(db), "--workers", "1", str(SEEDS)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["entity", "--db", str(db), "--max-cables", "1", "Feminist League"])
    assert result.exit_code == 0, result.output
    assert "drawn from the 1 cables that mention it most, of 2" in result.stdout
    result = runner.invoke(app, ["entity", "--db", str(db), "--max-cables", "0", "Feminist League"])
    assert result.exit_code != 0
    assert result.output.startswith("briefgen: error: Invalid value for '--max-cables'")


def test_facts_are_stored_compressed_and_old_json_rows_still_read(corpus: Corpus) -> None:
    storage.update_facts(corpus)
    conn = corpus.connection
    (packed,) = conn.execute(
        "SELECT facts FROM extract_facts WHERE cable_id = '09ASTANA2101'"
    ).fetchone()
    assert isinstance(packed, bytes)
    fresh = extract(corpus.get("09ASTANA2101"))
    assert storage.unpack_facts(packed) == fresh
    with corpus.transaction():
        conn.execute(
            "UPDATE extract_facts SET facts = ? WHERE cable_id = '09ASTANA2101'",
            (json.dumps(fresh.as_dict()),),
        )
    assert facts_for(corpus, ["09ASTANA2101"]) == [fresh]


def test_max_cables_breaks_a_large_tie_by_date(corpus: Corpus) -> None:
    text = "Olga Petrova, President of the Steppe League NGO, met Poloff."
    days = ["2008-03-01", "2009-11-20", "2007-05-05", "2009-11-21", "2008-01-01", "2006-02-02"]
    corpus.add([make_cable(f"09ASTANA72{n}", day, text) for n, day in enumerate(days)])
    top = entity(corpus, "Steppe League", "org", max_cables=1)
    assert top.cables == ("09ASTANA723",) and top.total_cables == 6
    two = entity(corpus, "Steppe League", "org", max_cables=2)
    assert two.cables == ("09ASTANA723", "09ASTANA721")


def test_a_name_almost_always_meaning_one_entity_is_not_ambiguous(corpus: Corpus) -> None:
    text = "Olga Morozova, Director of the Crisis Center NGO, met Poloff. Morozova agreed."
    corpus.add([make_cable("09ASTANA7301", "2009-12-30", text)])
    with pytest.raises(AmbiguousNameError, match=r"Galina Morozova.*Olga Morozova"):
        resolve(corpus, "Morozova")
    seed = corpus.get("09ASTANA2101")
    corpus.add([dataclasses.replace(seed, id=f"09ASTANA{8100 + n}") for n in range(60)])
    assert resolve(corpus, "Morozova") == ("Galina Morozova", "person")
    assert resolve(corpus, "Olga Morozova") == ("Olga Morozova", "person")


def test_unpacked_facts_are_reused_until_the_cable_changes(corpus: Corpus) -> None:
    storage.update_facts(corpus)
    first = facts_for(corpus, ["09ASTANA2101"])[0]
    assert facts_for(corpus, ["09ASTANA2101"])[0] is first
    cable = corpus.get("09ASTANA2101")
    plain = Paragraph(number=1, heading=None, text="Poloff met IOM in Astana.")
    corpus.add([dataclasses.replace(cable, paragraphs=(plain,))])
    again = facts_for(corpus, ["09ASTANA2101"])[0]
    assert again is not first and again == extract(corpus.get("09ASTANA2101"))


def test_two_extractions_of_the_same_cables_at_once_stay_consistent(corpus: Corpus) -> None:
    other = Corpus.open(corpus.path, create=False)
    raced: list[str] = []

    def racing(cable: Cable) -> object:
        if not raced:
            # Another command extracts every cable while this one is still at its first.
            raced.append(cable.id)
            assert storage.update_facts(other) == 3
        return extract(cable)

    assert storage.update_facts(corpus, racing) == 3  # type: ignore[arg-type]
    other.close()
    conn = corpus.connection
    assert conn.execute("SELECT count(*) FROM extract_facts").fetchone() == (3,)
    ids = list(corpus.cable_hashes())
    entities = [{(m.name, m.kind) for m in extract(corpus.get(cid)).mentions} for cid in ids]
    rows = conn.execute("SELECT count(*), sum(mentions) FROM extract_entity_cables").fetchone()
    mentions = sum(len(extract(corpus.get(cid)).mentions) for cid in ids)
    assert rows == (sum(len(e) for e in entities), mentions)
    assert _names(conn) == _rebuilt(conn)


def test_a_bare_surname_means_the_one_full_name_ending_with_it(corpus: Corpus) -> None:
    corpus.add(
        [
            make_cable("09ASTANA7301", "2009-04-01", "President Nursultan Nazarbayev met Poloff."),
            make_cable("09ASTANA7302", "2009-04-02", "President Nazarbayev said no to the plan."),
        ]
    )
    assert resolve(corpus, "Nazarbayev") == ("Nursultan Nazarbayev", "person")
    # Two full names with that surname: still ambiguous (see the seeds' two Tarasovs).
    corpus.add([make_cable("09ASTANA7303", "2009-04-03", "Bolat Nazarbayev met the press.")])
    with pytest.raises(AmbiguousNameError, match=r"Bolat Nazarbayev.*Nursultan Nazarbayev"):
        resolve(corpus, "Nazarbayev")
