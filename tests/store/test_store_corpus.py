"""The corpus keeps cables idempotently, records rejections and tracks changes."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from store_samples import SAMPLE, make_cable, write_csv

from briefgen.errors import NotFoundError, StoreError
from briefgen.models import Rejection
from briefgen.store import SCHEMA_VERSION, Corpus, CorpusStats, IngestReport, db


def test_a_new_corpus_has_the_latest_schema_and_its_migration_record(db_path: Path) -> None:
    with Corpus.open(db_path) as corpus:
        conn = corpus.connection
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations")]
        assert versions == list(range(1, SCHEMA_VERSION + 1))
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # Reopening does not migrate again.
    with Corpus.open(db_path) as corpus:
        assert corpus.connection.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]


def test_a_database_from_a_newer_briefgen_is_refused(db_path: Path) -> None:
    Corpus.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Corpus.open(db_path)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"junk\.db"):
        Corpus.open(junk)


def test_reading_commands_do_not_create_a_missing_database(tmp_path: Path) -> None:
    for read_only in (False, True):
        with pytest.raises(StoreError, match="briefgen ingest"):
            Corpus.open(tmp_path / "briefgen.db", create=False, read_only=read_only)
    assert not (tmp_path / "briefgen.db").exists()


def test_get_rebuilds_the_whole_cable(corpus: Corpus) -> None:
    corpus.add(SAMPLE)
    for cable in SAMPLE:
        assert corpus.get(cable.id) == cable
        assert corpus.get(cable.id).content_hash() == cable.content_hash()


def test_get_forgives_case_and_zero_padding(corpus: Corpus) -> None:
    corpus.add(SAMPLE)
    assert corpus.get("09astana001985").id == "09ASTANA1985"
    assert "09ASTANA01206" in corpus


def test_a_missing_cable_is_not_found_with_its_id(corpus: Corpus) -> None:
    with pytest.raises(NotFoundError, match="09NOWHERE1 not found"):
        corpus.get("09NOWHERE1")


def test_reingesting_the_same_cables_changes_nothing(corpus: Corpus) -> None:
    first = corpus.add(SAMPLE)
    assert (first.added, first.updated, first.unchanged, first.rejected) == (4, 0, 0, 0)
    seq = corpus.change_seq()
    again = corpus.add(SAMPLE)
    assert (again.added, again.updated, again.unchanged, again.rejected) == (0, 0, 4, 0)
    assert len(corpus) == 4
    assert corpus.change_seq() == seq
    assert corpus.connection.execute("SELECT count(*) FROM paragraphs").fetchone()[0] == 5


def test_changed_content_updates_the_cable_and_its_index(corpus: Corpus) -> None:
    corpus.add(SAMPLE)
    seq = corpus.change_seq()
    changed = make_cable(
        "09ASTANA1985", subject="KAZAKHSTAN: CAMPAIGN REVISED", tags=("SOCI",), texts=("Yurts.",)
    )
    report = corpus.add([changed])
    assert (report.added, report.updated, report.unchanged) == (0, 1, 0)
    assert corpus.get("09ASTANA1985") == changed
    assert corpus.changed_since(seq) == ["09ASTANA1985"]
    assert [c.id for c in corpus.cables(search="yurts")] == ["09ASTANA1985"]
    assert [c.id for c in corpus.cables(search="Morozova")] == []
    assert corpus.cited_by("09ASTANA1206") == []
    assert [c.id for c in corpus.cables(tag="SOCI")] == ["09ASTANA1985"]
    if corpus.is_postgres:
        # The searchable text is a row of its own, replaced with the cable's.
        rows = corpus.connection.execute("SELECT body FROM cables_fts").fetchall()
        assert sorted(r[0] for r in rows if "Yurts" in r[0] or "Morozova" in r[0]) == ["Yurts."]
    else:
        # Raises if the index disagrees with the stored text (a wrong 'delete' would show here).
        corpus.connection.execute(
            "INSERT INTO cables_fts (cables_fts, rank) VALUES ('integrity-check', 1)"
        )


def test_the_same_cable_twice_in_one_run_is_one_cable_and_the_first_wins(corpus: Corpus) -> None:
    html = make_cable("09ASTANA1985", path="a.html", texts=("From the page.",))
    csv_row = make_cable("09ASTANA1985", path="cables.csv", row=7, texts=("From the CSV.",))
    report = corpus.add([html, csv_row])
    assert (report.added, report.updated, report.unchanged) == (1, 0, 1)
    assert len(corpus) == 1
    assert corpus.get("09ASTANA1985").path == "a.html"
    rerun = corpus.add([html, csv_row])
    assert (rerun.added, rerun.updated, rerun.unchanged) == (0, 0, 2)


def test_the_same_cable_read_from_another_file_is_unchanged(corpus: Corpus) -> None:
    corpus.add([make_cable("09ASTANA1985", path="a.html")])
    report = corpus.add([make_cable("09ASTANA1985", path="dump.csv", row=3)])
    assert (report.added, report.updated, report.unchanged) == (0, 0, 1)


def test_rejections_are_reported_recorded_once_and_cleared_when_fixed(corpus: Corpus) -> None:
    bad = [Rejection("dump.csv", 2, "no reference id"), Rejection("empty.txt", None, "empty")]
    report = corpus.add([SAMPLE[0], *bad])
    assert report.rejected == 2
    assert report.rejections == tuple(bad)
    assert corpus.rejections() == [bad[0], bad[1]]
    corpus.add(bad)
    assert len(corpus.rejections()) == 2
    corpus.add([make_cable("09ASTANA7", path="dump.csv", row=2)])
    assert corpus.rejections() == [bad[1]]
    assert corpus.stats().rejections == 1


def test_ingest_report_line_and_dict() -> None:
    report = IngestReport(added=3, unchanged=1, rejected=1, rejections=(Rejection("x", 2, "y"),))
    assert report.summary_line() == "3 added, 0 updated, 1 unchanged, 1 rejected"
    assert report.as_dict()["rejections"] == [{"path": "x", "row": 2, "reason": "y"}]


def test_progress_is_called_with_running_counts(corpus: Corpus) -> None:
    seen: list[IngestReport] = []
    corpus.add(SAMPLE, progress=seen.append)
    assert seen
    assert seen[-1].added == 4


def test_change_tracking_and_meta_for_later_stages(corpus: Corpus) -> None:
    assert corpus.change_seq() == 0
    corpus.add(SAMPLE[:2])
    mark = corpus.change_seq()
    assert mark == 2
    corpus.add(SAMPLE)
    assert corpus.changed_since(mark) == [SAMPLE[2].id, SAMPLE[3].id]
    assert corpus.cable_hashes()[SAMPLE[0].id] == SAMPLE[0].content_hash()
    assert corpus.get_meta("extract.seq") is None
    corpus.set_meta("extract.seq", str(mark))
    assert corpus.get_meta("extract.seq") == "2"
    # A stage keeps its own tables in the same file.
    with corpus.transaction() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS extract_facts (cable TEXT, fact TEXT)")
        conn.execute("INSERT INTO extract_facts VALUES ('09ASTANA1985', 'shelter')")
    assert corpus.connection.execute("SELECT count(*) FROM extract_facts").fetchone()[0] == 1


def test_a_failed_batch_leaves_nothing_behind(corpus: Corpus) -> None:
    class Boom(Exception):
        pass

    def records() -> object:
        yield from SAMPLE
        raise Boom

    with pytest.raises(Boom):
        corpus.add(records())  # type: ignore[arg-type]
    assert len(corpus) == 0
    assert corpus.add(SAMPLE).added == 4


def test_opening_a_version_1_database_migrates_it_and_keeps_its_cables(db_path: Path) -> None:
    with Corpus.open(db_path) as corpus:
        corpus.add(SAMPLE)
        expected = corpus.stats()
    # What version 1 left: no running paragraph count (v2), no counts table (v3), no paragraph
    # labels or given ids (v4).
    conn = db.connect(db_path)
    conn.execute("DROP INDEX cables_given_id")
    conn.execute("ALTER TABLE cables DROP COLUMN given_id")
    conn.execute("ALTER TABLE paragraphs DROP COLUMN label")
    conn.execute("DELETE FROM meta WHERE key = 'store.paragraphs'")
    conn.execute("DROP TABLE counts")
    conn.execute("DELETE FROM schema_migrations WHERE version > 1")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with Corpus.open(db_path) as corpus:
        assert corpus.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert len(corpus) == 4
        assert corpus.stats() == expected
        assert corpus.stats().paragraphs == 5


def _stats_from_scratch(corpus: Corpus) -> CorpusStats:
    """Return the statistics as the whole tables say, grouped anew (what counts must match)."""

    def pairs(sql: str) -> dict[str, int]:
        return {str(k): int(n) for k, n in corpus.connection.execute(sql)}

    stats = corpus.stats()
    return replace(
        stats,
        cables=len(corpus),
        by_origin=tuple(
            sorted(
                pairs(
                    "SELECT coalesce(origin, 'unknown'), count(*) FROM cables GROUP BY 1"
                ).items(),
                key=lambda p: (-p[1], p[0]),
            )
        ),
        by_tag=tuple(
            sorted(
                pairs("SELECT tag, count(*) FROM tags GROUP BY tag").items(),
                key=lambda p: (-p[1], p[0]),
            )
        ),
        by_year=tuple(
            sorted(
                pairs(
                    "SELECT coalesce(substr(created, 1, 4), 'unknown'), count(*) "
                    "FROM cables GROUP BY 1"
                ).items(),
                key=lambda p: (p[0] == "unknown", p[0]),
            )
        ),
        by_classification=tuple(
            sorted(
                pairs(
                    "SELECT coalesce(classification, 'unknown'), count(*) FROM cables GROUP BY 1"
                ).items(),
                key=lambda p: (-p[1], p[0]),
            )
        ),
    )


def test_stats_counts_follow_every_change(corpus: Corpus) -> None:
    corpus.add(SAMPLE)
    assert corpus.stats() == _stats_from_scratch(corpus)
    # New versions of two cables: another post, year, classification and tags.
    changed = [
        make_cable(
            "09ASTANA1985", origin="Embassy Manama", tags=("KWMN",), created="2010-01-02T00:00"
        ),
        make_cable("09ASTANA1206", origin=None, classification=None, tags=()),
        make_cable("09ALMATY1", origin="Consulate Almaty"),
    ]
    report = corpus.add(changed)
    assert (report.added, report.updated) == (1, 2)
    stats = corpus.stats()
    assert stats == _stats_from_scratch(corpus)
    assert stats.cables == 5
    assert dict(stats.by_origin)["unknown"] == 1 and dict(stats.by_tag)["KWMN"] == 1


def test_ingest_parses_in_worker_processes_and_keeps_input_order(
    corpus: Corpus, tmp_path: Path
) -> None:
    csv = write_csv(tmp_path / "dump.csv", 300)
    (tmp_path / "bad.csv").write_text('"1","x"\n', encoding="utf-8")
    report = corpus.ingest([csv, tmp_path / "bad.csv", tmp_path / "missing.txt"], workers=2)
    assert (report.added, report.rejected) == (300, 2)
    assert [r.path for r in report.rejections] == [
        str(tmp_path / "bad.csv"),
        str(tmp_path / "missing.txt"),
    ]
    rows = corpus.connection.execute("SELECT id, row FROM cables ORDER BY rowid").fetchall()
    assert rows == [(f"09ASTANA{1000 + n}", n) for n in range(1, 301)]
    again = corpus.ingest(str(csv), workers=2)
    assert (again.added, again.unchanged, again.rejected) == (0, 300, 0)


def test_ingest_sets_the_bulk_load_index_settings(corpus: Corpus) -> None:
    if corpus.is_postgres:
        pytest.skip("FTS5's own settings: a GIN index has none")
    corpus.add(SAMPLE[:1])
    config = dict(corpus.connection.execute("SELECT k, v FROM cables_fts_config"))
    assert config["automerge"] == 16


def test_the_content_hash_is_the_digest_stored_corpora_hold() -> None:
    # Ingest compares it with the hash a database stored, maybe years before: a new way of
    # computing it must give the same digest (the JSON of as_dict() minus where it was read),
    # else every cable of an existing corpus would count as changed.
    from datetime import datetime, timezone

    from briefgen.models import Cable, Paragraph

    cable = Cable(
        id="09ASTANA2101",
        given_id="09ASTANA02101",
        path="x.csv",
        row=3,
        format="csv",
        created=datetime(2009, 12, 1, 10, 5, tzinfo=timezone.utc),
        origin="Embassy Astana",
        classification="UNCLASSIFIED",
        subject="KAZAKHSTAN: SHELTER «Ъ»",
        tags=("KTIP", "KWMN"),
        references=("09ASTANA1206",),
        recipients=("SECSTATE WASHDC",),
        signers=("HOAGLAND",),
        summary="In brief.",
        paragraphs=(Paragraph(1, None, "One."), Paragraph(18, "THE SHELTER", "Two.", "18A")),
    )
    assert cable.content_hash() == "c0abba5b614c8e7a85a86e9ff7fb2bcf"
    assert replace(cable, path="y.html", row=None, format="wikileaks-html").content_hash() == (
        cable.content_hash()
    )
    for changed in (replace(cable, subject="other"), replace(cable, paragraphs=())):
        assert changed.content_hash() != cable.content_hash()
