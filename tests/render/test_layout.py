"""Layout rules both renderers share: axes, partial periods, empty columns, box titles, boxes."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from briefgen.document import Heading, KeyFacts, Run, Table, parse_markdown, plain_text
from briefgen.render import load_style, render
from briefgen.render.chart import nice_axis
from briefgen.render.layout import drop_columns, keyfacts_title, partial_periods, toc_entries


@given(st.lists(st.floats(min_value=-1e6, max_value=1e7, allow_nan=False), min_size=1, max_size=12))
def test_the_value_axis_holds_every_value_with_room_for_its_label(values: list[float]) -> None:
    low, high, step = nice_axis(min(values), max(values))
    assert low <= min(0.0, *values) and high > max(values)
    assert step > 0 and abs(round((high - low) / step) * step - (high - low)) < step * 1e-6


def test_counts_get_whole_ticks() -> None:
    assert nice_axis(0, 3) == (0.0, 4.0, 1.0)
    assert nice_axis(7, 16) == (0.0, 20.0, 5.0)


@pytest.mark.parametrize(
    ("labels", "date", "expected"),
    [
        (("2007", "2008", "2009"), dt.date(2009, 12, 1), (False, False, True)),
        (("2008", "2009"), dt.date(2009, 12, 31), (False, False)),
        (("2009Q3", "2009 Q4"), dt.date(2009, 11, 10), (False, True)),
        (("2009-Q1", "Kokshetau"), dt.date(2009, 3, 31), (False, False)),
        (("2009",), None, (False,)),
    ],
)
def test_partial_periods(
    labels: tuple[str, ...], date: dt.date | None, expected: tuple[bool, ...]
) -> None:
    assert partial_periods(labels, date) == expected


def test_columns_empty_in_every_row_are_dropped() -> None:
    doc = parse_markdown(
        "| Year | Funder | Amount |\n|---|---|--:|\n|  | INL |  |\n|  | USAID |  |\n"
    )
    (table,) = doc.blocks
    assert isinstance(table, Table)
    kept = drop_columns(table)
    assert [plain_text(c) for c in kept.header] == ["Funder"]
    assert [plain_text(r[0]) for r in kept.rows] == ["INL", "USAID"]
    header_only = Table(header=((Run("A"),),), rows=(), align=("left",))
    assert drop_columns(header_only) == header_only


def test_a_box_under_a_heading_that_says_the_same_has_no_title() -> None:
    doc = parse_markdown(
        "# Key figures\n\n::: keyfacts Key Figures\n- **A:** 1\n:::\n\n"
        "::: keyfacts At a glance\n- **B:** 2\n:::\n"
    )
    heading, first, _second = doc.blocks
    assert isinstance(heading, Heading) and isinstance(first, KeyFacts)
    assert keyfacts_title(doc.blocks, 1) == "" and keyfacts_title(doc.blocks, 2) == "At a glance"


def test_a_short_document_has_no_contents() -> None:
    style = load_style("default")
    short = parse_markdown("# A\n\ntext\n\n# B\n\ntext\n\n# C\n\ntext\n")
    assert toc_entries(short, style) == []
    long = parse_markdown("".join(f"# S{i}\n\n{'word ' * 400}\n\n" for i in range(6)))
    assert [plain_text(h.runs) for h in toc_entries(long, style)] == [f"S{i}" for i in range(6)]


def test_a_box_moves_whole_rather_than_split() -> None:
    # Enough text that the heading still fits on page 1 and the box's first rows would too.
    filler = "".join(f"Paragraph {i}. {'text ' * 60}\n\n" for i in range(5))
    filler += "".join(f"Line {i}.\n\n" for i in range(4))
    facts = "".join(f"- **Fact {i}:** value {i}\n" for i in range(16))
    doc = parse_markdown(f"# Part\n\n{filler}# Figures\n\n::: keyfacts Figures\n{facts}:::\n")
    reader = PdfReader(io.BytesIO(render(doc, "pdf", load_style("default"))))
    pages = [page.extract_text() for page in reader.pages]
    holding = [n for n, text in enumerate(pages) if "Fact " in text]
    assert len(holding) == 1  # every row of the box on one page ...
    assert "Figures" in pages[holding[0]]  # ... with its heading
