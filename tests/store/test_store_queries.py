"""Listing, searching, citations and counts over a small real corpus file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_samples import SAMPLE, make_cable

from briefgen.errors import InvalidArgumentError
from briefgen.store import CableSummary, Corpus, origin_key, parse_quarter
from briefgen.store.filters import parse_day
from briefgen.store.queries import COMMON_TAG
from briefgen.store.search import search_cables


@pytest.fixture
def filled(corpus: Corpus) -> Iterator[Corpus]:
    """Return the corpus holding the four sample cables."""
    corpus.add(SAMPLE)
    yield corpus


def ids(rows: list[CableSummary]) -> list[str]:
    return [row.id for row in rows]


def test_no_filter_lists_every_cable_oldest_first(filled: Corpus) -> None:
    assert ids(filled.cables()) == ["09ASTANA1206", "09ASTANA1985", "09ASTANA2101", "10MANAMA5"]


def test_limit_and_offset_page_through(filled: Corpus) -> None:
    assert ids(filled.cables(limit=2)) == ["09ASTANA1206", "09ASTANA1985"]
    assert ids(filled.cables(limit=2, offset=2)) == ["09ASTANA2101", "10MANAMA5"]
    with pytest.raises(InvalidArgumentError):
        filled.cables(limit=-1)


@pytest.mark.parametrize("spelling", ["Manama", "Embassy Manama", "MANAMA", " embassy  manama "])
def test_origin_forgives_its_form(filled: Corpus, spelling: str) -> None:
    assert ids(filled.cables(origin=spelling)) == ["10MANAMA5"]


def test_origin_keys() -> None:
    assert origin_key("Consulate General Jeddah") == "jeddah"
    assert origin_key("AMEMBASSY NEW DELHI") == "new delhi"
    assert origin_key("Secretary of State") == "secretary of state"
    assert origin_key("Mission USNATO") == "usnato"
    assert origin_key(None) is None


def test_tag_filter_any_case(filled: Corpus) -> None:
    assert ids(filled.cables(tag="ktip")) == ["09ASTANA1206", "09ASTANA1985"]
    assert filled.cables(tag="NOPE") == []


def test_classification_filter_is_exact(filled: Corpus) -> None:
    assert ids(filled.cables(classification="confidential")) == ["09ASTANA2101"]
    assert ids(filled.cables(classification="SECRET//NOFORN")) == ["10MANAMA5"]
    assert filled.cables(classification="SECRET") == []


def test_date_bounds_are_inclusive_days(filled: Corpus) -> None:
    assert ids(filled.cables(date_from="2009-11-10", date_to="2009-12-07")) == [
        "09ASTANA1985",
        "09ASTANA2101",
    ]
    assert ids(filled.cables(date_to="2009")) == ["09ASTANA1206", "09ASTANA1985", "09ASTANA2101"]
    assert ids(filled.cables(date_from="2010-01")) == ["10MANAMA5"]
    assert ids(filled.cables(date_from=date(2009, 12, 7), date_to=date(2009, 12, 7))) == [
        "09ASTANA2101"
    ]


def test_quarter_filter_combines_with_origin(filled: Corpus) -> None:
    assert ids(filled.cables(quarter="2009Q4")) == ["09ASTANA1985", "09ASTANA2101"]
    assert ids(filled.cables(quarter="2009q3", origin="Astana")) == ["09ASTANA1206"]
    assert filled.cables(quarter="2009Q4", origin="Manama") == []
    assert ids(filled.cables(quarter="2009Q4", date_from="2009-12-01")) == ["09ASTANA2101"]


@pytest.mark.parametrize("bad", ["2009Q7", "2009Q0", "Q5 2009", "2009", "last quarter", ""])
def test_bad_quarters_are_invalid_arguments(filled: Corpus, bad: str) -> None:
    with pytest.raises(InvalidArgumentError, match="invalid quarter"):
        filled.cables(quarter=bad)


def test_quarter_bounds() -> None:
    assert parse_quarter("2009Q4") == (date(2009, 10, 1), date(2010, 1, 1))
    assert parse_quarter("Q1 2010") == (date(2010, 1, 1), date(2010, 4, 1))
    assert parse_quarter("2009-Q2") == (date(2009, 4, 1), date(2009, 7, 1))


@pytest.mark.parametrize("bad", ["2009-13-01", "2009-02-30", "10/11/2009", "soon"])
def test_bad_dates_are_invalid_arguments(filled: Corpus, bad: str) -> None:
    with pytest.raises(InvalidArgumentError, match="invalid date"):
        filled.cables(date_from=bad)


def test_from_after_to_is_invalid(filled: Corpus) -> None:
    with pytest.raises(InvalidArgumentError):
        filled.cables(date_from="2010-01-01", date_to="2009-01-01")


@given(st.text(max_size=20))
def test_any_quarter_text_parses_or_is_an_invalid_argument(text: str) -> None:
    try:
        start, end = parse_quarter(text)
    except InvalidArgumentError:
        return
    assert start < end


@given(st.text(max_size=20))
def test_any_date_text_parses_or_is_an_invalid_argument(text: str) -> None:
    try:
        day = parse_day(text)
    except InvalidArgumentError:
        return
    assert day.year >= 1


def test_search_with_and_matches_across_paragraphs(filled: Corpus) -> None:
    rows = filled.cables(search="campaign AND Kokshetau")
    assert ids(rows) == ["09ASTANA1985"]
    assert rows[0].snippet is not None and "**Kokshetau**" in rows[0].snippet
    assert rows[0].rank is not None


def test_search_ranks_subject_matches_first(filled: Corpus) -> None:
    assert ids(filled.cables(search="shelter")) == [
        "09ASTANA2101",  # "shelter" in its subject
        "09ASTANA1985",
    ]


def test_search_phrases_prefixes_and_filters(filled: Corpus) -> None:
    assert ids(filled.cables(search='"eight million tenge"')) == ["09ASTANA2101"]
    assert ids(filled.cables(search="migra*")) == ["10MANAMA5"]
    assert ids(filled.cables(search="shelter", classification="CONFIDENTIAL")) == ["09ASTANA2101"]
    assert filled.cables(search="zeppelin") == []


def test_a_malformed_search_is_an_invalid_argument(filled: Corpus) -> None:
    with pytest.raises(InvalidArgumentError, match="invalid search"):
        filled.cables(search='"unbalanced AND (')


def test_cited_by_lists_the_citing_cables(filled: Corpus) -> None:
    assert ids(filled.cited_by("09ASTANA1206")) == ["09ASTANA1985"]
    assert ids(filled.cited_by("09astana001985")) == ["09ASTANA2101"]
    assert ids(filled.cited_by("08ASTANA99")) == ["09ASTANA2101"]
    assert filled.cited_by("10MANAMA5") == []


def test_view_resolves_references_where_the_corpus_holds_them(filled: Corpus) -> None:
    view = filled.view("09ASTANA2101")
    assert [(r.id, r.subject, r.in_corpus) for r in view.references] == [
        ("09ASTANA1985", "KAZAKHSTAN: TRAFFICKING AWARENESS CAMPAIGN COMPLETED", True),
        ("08ASTANA99", None, False),
    ]
    assert view.cited_by == ()
    assert filled.view("09ASTANA1985").as_dict()["cited_by"][0]["id"] == "09ASTANA2101"


def test_stats_count_by_origin_tag_year_and_classification(filled: Corpus) -> None:
    stats = filled.stats()
    assert stats.cables == 4
    assert stats.paragraphs == 5
    assert stats.by_origin == (("Embassy Astana", 3), ("Embassy Manama", 1))
    assert dict(stats.by_tag)["KZ"] == 3
    assert stats.by_year == (("2009", 3), ("2010", 1))
    assert dict(stats.by_classification) == {
        "UNCLASSIFIED": 2,
        "CONFIDENTIAL": 1,
        "SECRET//NOFORN": 1,
    }
    data = stats.as_dict()
    assert data["first"] == "2009-07-03T08:00:00Z"
    assert data["by_year"] == {"2009": 3, "2010": 1}


def test_stats_of_an_empty_corpus(tmp_path: Path) -> None:
    with Corpus.open(tmp_path / "empty.db") as corpus:
        stats = corpus.stats()
    assert (stats.cables, stats.first, stats.by_origin) == (0, None, ())


def test_a_search_matching_very_many_cables_lists_newest_first(filled: Corpus) -> None:
    conn = filled.connection
    everything = None if filled.is_postgres else -1
    broad = search_cables(conn, "kazakhstan", [], [], [everything, 0], ranked_matches=1)
    assert ids(broad) == ["09ASTANA2101", "09ASTANA1985", "09ASTANA1206"]
    assert all(row.rank is None and row.snippet for row in broad)
    assert "**KAZAKHSTAN**" in (broad[0].snippet or "")
    narrowed = search_cables(
        conn, "kazakhstan", ["c.classification = ?"], ["UNCLASSIFIED"], [1, 0], ranked_matches=1
    )
    assert ids(narrowed) == ["09ASTANA1985"]
    ranked = search_cables(conn, "kazakhstan", [], [], [everything, 0])
    assert all(row.rank is not None for row in ranked)


def test_common_and_rare_tags_list_the_same_way(corpus: Corpus) -> None:
    many = [
        make_cable(
            f"09ASTANA{n}",
            created=f"2009-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:00",
            tags=("PGOV", "KTIP") if n % 3 == 0 else ("PGOV",),
        )
        for n in range(1, COMMON_TAG + 201)
    ]
    corpus.add(many)
    oldest = sorted(many, key=lambda c: (c.created, c.id))
    assert ids(corpus.cables(tag="pgov", limit=5)) == [c.id for c in oldest[:5]]
    assert len(corpus.cables(tag="PGOV")) == len(many)
    ktip = [c.id for c in oldest if "KTIP" in c.tags]
    assert ids(corpus.cables(tag="KTIP", limit=5)) == ktip[:5]
    found = corpus.cables(tag="PGOV", search="Kokshetau", quarter="2009Q4", limit=None)
    in_q4 = [c.id for c in many if c.created and c.created.month >= 10]
    assert sorted(ids(found)) == sorted(in_q4)


@given(st.text(max_size=30))
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_search_text_lists_cables_or_is_an_invalid_argument(filled: Corpus, text: str) -> None:
    try:
        rows = filled.cables(search=text)
    except InvalidArgumentError as exc:
        assert str(exc).startswith("invalid search")
        return
    assert all(row.id for row in rows)
