"""Markdown to the document model: front matter, special blocks, footnotes and sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.document import (
    BlockQuote,
    CodeBlock,
    Figure,
    KeyFacts,
    NumberedList,
    PageBreak,
    Paragraph,
    Rule,
    Table,
    parse_markdown,
    plain_text,
)
from briefgen.errors import BriefgenError, DocumentError
from briefgen.render import load_style, render

FRONT = """---
title: Title *with* emphasis
classification: secret//noforn
date: 2009-11-10
keywords: KTIP, PHUM
sources:
  - {id: 09ASTANA1985, title: Shelter, date: 2009-11-10, url: "https://example.org/c"}
  - 09ASTANA2000
---
"""


def test_front_matter_and_sources() -> None:
    doc = parse_markdown(
        FRONT + "A[^09ASTANA2000] b[^09ASTANA1985] c[^own] d[^09ASTANA2000]\n\n"
        "[^own]: My **own** note.\n"
    )
    meta = doc.meta
    assert meta.title == "Title with emphasis" and meta.classification == "SECRET//NOFORN"
    assert meta.date == dt.date(2009, 11, 10) and meta.keywords == ("KTIP", "PHUM")
    assert [n.label for n in doc.notes] == ["09ASTANA2000", "09ASTANA1985", "own"]
    assert plain_text(doc.notes[1].runs) == "09ASTANA1985 — Shelter, 2009-11-10"
    assert doc.notes[1].runs[0].link == "https://example.org/c"
    assert plain_text(doc.notes[2].runs) == "My own note."
    para = doc.blocks[0]
    assert isinstance(para, Paragraph)
    assert [r.note for r in para.runs if r.note] == [1, 2, 3, 1]


def test_special_blocks() -> None:
    doc = parse_markdown(
        "::: keyfacts At a glance\n- **Founded:** 2006\n- Staff: 12 *people*\n:::\n\n"
        "::: keyfacts\n| Budget | $5 |\n|---|---|\n| Staff | 3 |\n:::\n\n"
        "::: chart line Trend\n| Q | A | B |\n|---|---|---|\n| q1 | 1 | 2.5 |\n| q2 | 1,000 | 3 |\n"
        "\nCaption here.\n:::\n\n"
        "::: figure Logo\n![alt](img/logo.png)\n\nThe caption.\n:::\n\n"
        "::: pagebreak\n:::\n\n> quoted\n\n```\ncode  here\n```\n\n***\n\n3. three\n4. four\n",
        base_dir=Path("/base"),
    )
    facts, table_facts, chart, figure, brk, quote, code, rule, numbered = doc.blocks
    assert isinstance(facts, KeyFacts) and facts.title == "At a glance"
    assert [(f.label, plain_text(f.value)) for f in facts.facts] == [
        ("Founded", "2006"),
        ("Staff", "12 people"),
    ]
    assert isinstance(table_facts, KeyFacts) and table_facts.title == "Key facts"
    assert [f.label for f in table_facts.facts] == ["Budget", "Staff"]
    assert isinstance(chart, Figure) and chart.kind == "line" and chart.title == "Trend"
    assert chart.categories == ("q1", "q2") and chart.series[0].values == (1.0, 1000.0)
    assert chart.series[1].name == "B" and plain_text(chart.caption) == "Caption here."
    assert isinstance(figure, Figure) and figure.image == "/base/img/logo.png"
    assert plain_text(figure.caption) == "The caption."
    assert isinstance(brk, PageBreak) and isinstance(quote, BlockQuote)
    assert isinstance(code, CodeBlock) and code.text == "code  here"
    assert isinstance(rule, Rule)
    assert isinstance(numbered, NumberedList) and numbered.start == 3


def test_table_cells_keep_escaped_pipes() -> None:
    doc = parse_markdown("| a | b |\n|:-:|--:|\n| x \\| y | **z** |\n")
    (table,) = doc.blocks
    assert isinstance(table, Table) and table.align == ("center", "right")
    assert plain_text(table.rows[0][0]) == "x | y" and table.rows[0][1][0].bold


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\ntitle: [unclosed\n---\n", "front matter is not valid YAML"),
        ("---\n- a list\n---\n", "front matter must be a mapping"),
        ("---\ntitel: x\n---\n", "unknown field(s): titel"),
        ("---\ndate: 10/11/2009\n---\n", "is not YYYY-MM-DD"),
        ("---\nsources: [{title: x}]\n---\n", "each source needs an 'id'"),
        ("::: chart pie X\n| a | b |\n|---|---|\n| 1 | 2 |\n:::\n", "chart bar|line"),
        ("::: chart bar X\n| a | b |\n|---|---|\n| 1 | two |\n:::\n", "'two' is not a number"),
        ("::: chart bar X\nno table\n:::\n", "needs a table"),
        ("::: figure X\nno image\n:::\n", "needs an image"),
        ("::: keyfacts\n> quote\n:::\n", "keyfacts box holds only"),
    ],
)
def test_bad_markdown_raises_document_error(text: str, message: str) -> None:
    with pytest.raises(DocumentError) as info:
        parse_markdown(text)
    assert message in str(info.value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from([*list("ab #*_|-:>[]()!`^\n\t\\<&1."), "\x00", "Ж", "::: ", "[^x]"]),
        max_size=60,
    ).map("".join)
)
def test_any_markdown_parses_and_renders(text: str) -> None:
    try:
        doc = parse_markdown(text)
    except DocumentError:
        return
    style = load_style("default")
    for fmt in ("pdf", "docx"):
        try:
            assert render(doc, fmt, style)
        except BriefgenError:
            pytest.fail(f"{fmt} refused a parsed document")
