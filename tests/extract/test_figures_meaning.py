"""Figures keep their meaning: currency, scale, ranges and hedges whole, rates, nouns, penalties.

The cases in `fixtures/figure_shapes.jsonl` are short sentence shapes copied from real cables
(the `source` field says where) or from issue 12; each names one figure the rules must find,
with the fields that must hold, and figures that must not be found.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.extract import extract
from briefgen.extract.records import Figure
from briefgen.models import Cable, Paragraph

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "fixtures" / "figure_shapes.jsonl")
    .read_text()
    .splitlines()
    if line.strip()
]


def _figures(text: str, origin: str = "Embassy Astana") -> tuple[Figure, ...]:
    cable = Cable(
        id="09TEST100",
        created=datetime(2009, 11, 20),
        origin=origin,
        subject="TEST",
        paragraphs=(Paragraph(1, None, text),),
    )
    return extract(cable).figures


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_figure_shape(case: dict[str, Any]) -> None:
    figures = _figures(case["text"], case["origin"])
    want = case.get("figure")
    if want is not None:
        found = [f for f in figures if f.text == want["text"]]
        assert found, f"no figure {want['text']!r} in {[f.text for f in figures]}"
        figure = found[0]
        for field, value in want.items():
            assert getattr(figure, field) == value, (field, getattr(figure, field), value)
    kind = want.get("kind", "money") if want else "money"
    for text in case.get("absent", ()):
        assert not [f for f in figures if f.text == text and f.kind == kind], text


def test_the_top_of_an_open_range_is_no_count_of_its_own() -> None:
    figures = _figures("At least 40 and possibly as many as 90 people were killed.")
    assert [(f.value, f.high) for f in figures if f.kind == "count"] == [(40, 90)]


def test_a_change_is_two_figures_not_a_range() -> None:
    figures = _figures("Per capita income increased from $1,296 in 2000 to $3,670 in 2008.")
    money = [(f.value, f.high, f.year) for f in figures if f.kind == "money"]
    assert money == [(1296, None, 2000), (3670, None, 2008)]


def test_a_span_of_years_is_no_range_of_counts() -> None:
    figures = _figures("From 2000 to 2003 he served in the city legislature for 12 parties.")
    assert [f.text for f in figures if f.kind == "count"] == ["12 parties"]


def test_an_ambiguous_currency_word_takes_the_post_country_or_none() -> None:
    text = "The fine was 27,000 pesos."
    assert _figures(text, "Embassy Santiago")[0].unit == "CLP"
    assert _figures(text, "Embassy Mexico")[0].unit == "MXN"
    assert _figures(text, "Embassy Paris")[0].unit is None
    assert _figures(text, "Embassy Paris")[0].text == "27,000 pesos"


def test_a_word_that_is_also_a_currency_is_money_only_at_its_post() -> None:
    text = "In 2009 the company paid 3500 won for it."
    assert [f.unit for f in _figures(text, "Embassy Seoul") if f.kind == "money"] == ["KRW"]
    assert not [f for f in _figures(text, "Embassy Paris") if f.kind == "money"]


def test_routing_lines_hold_no_money() -> None:
    text = "INFO LOG-00 NP-00 DS-00 EUR-00 FBIE-00 VC-00 TEDE-00 INR-00 IO-00 /003W"
    assert not [f for f in _figures(text) if f.kind == "money"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789 $€£,.-/()abcdeilmnoprstuyUSDEKZTM", max_size=80))
def test_any_text_gives_figures_that_are_parts_of_it(text: str) -> None:
    for figure in _figures(text):
        written = figure.text.split(" [", 1)[0]
        assert written.replace("$", "") in text.replace("\\$", "$").replace("$", "")
        assert figure.high is None or figure.high >= figure.value or figure.hedge


def test_a_span_of_time_ends_the_noun_a_number_counts() -> None:
    from briefgen.extract import extract

    from .conftest import make_cable

    cable = make_cable(
        "09KAMPALA901",
        "2009-10-19",
        "The path of politics over the next eighteen months depends largely on the "
        "President's vision.",
    )
    assert [f.text for f in extract(cable).figures] == ["eighteen months"]
