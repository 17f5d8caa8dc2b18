"""Hostile content in every slot: giant words, control characters, empty blocks, odd styles."""

from __future__ import annotations

import io

import docx
import pytest
from pypdf import PdfReader

from briefgen.document import parse_markdown
from briefgen.render import load_style, render

WORD = "W" * 2000


def _everywhere(word: str) -> str:
    return (
        f"---\ntitle: {word}\nsubtitle: {word}\nclassification: SECRET\nprepared_by: {word}\n"
        f"keywords: [{word}]\nsources: [{{id: A1, title: {word}}}]\n---\n"
        f"# {word}\n\nText {word}[^A1]\n\n## b\n\n## c\n\n"
        f"| a | {word} |\n|---|---|\n| {word} | x |\n\n"
        f"::: keyfacts {word}\n- **{word}:** {word}\n:::\n\n- {word}\n\n1. {word}\n\n"
        f"> {word}\n\n```\n{word}\n```\n"
    )


@pytest.mark.parametrize("style", ["default", "memo"])
def test_giant_words_everywhere_neither_crash_nor_overflow(style: str) -> None:
    doc = parse_markdown(_everywhere(WORD))
    pdf = PdfReader(io.BytesIO(render(doc, "pdf", load_style(style))))
    width = float(pdf.pages[0].mediabox[2])
    right_edges: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            right_edges.append(cm[4] + tm[4])

    for page in pdf.pages:
        page.extract_text(visitor_text=visit)
    assert len(pdf.pages) >= 5
    assert right_edges and max(right_edges) < width  # every line starts inside the page
    text = "".join(p.extract_text() for p in pdf.pages).replace("\n", "")
    assert text.count("W") >= 10 * 2000 * 0.9
    word = docx.Document(io.BytesIO(render(doc, "docx", load_style(style))))
    assert word.core_properties.title == "W" * 255  # Word's limit for a property
    assert any(p.text == WORD for p in word.paragraphs)


def test_control_characters_in_every_slot() -> None:
    dirty = "a\x00b\x01c\x08d\x0be\x0cf\x1fg\ufffeh"
    doc = parse_markdown(_everywhere(dirty))
    for fmt in ("pdf", "docx"):
        assert render(doc, fmt, load_style("default"))
    assert doc.meta.title == "abcdefgh"


def test_empty_document_renders() -> None:
    doc = parse_markdown("")
    pdf = PdfReader(io.BytesIO(render(doc, "pdf", load_style("default"))))
    assert len(pdf.pages) == 1
    assert docx.Document(io.BytesIO(render(doc, "docx", load_style("default"))))


def test_table_of_contents_longer_than_a_page() -> None:
    markdown = "".join(f"# Section {i}\n\ntext\n\n## Sub {i}\n\ntext\n\n" for i in range(120))
    pdf = PdfReader(io.BytesIO(render(parse_markdown(markdown), "pdf", load_style("default"))))
    contents = pdf.pages[0].extract_text() + pdf.pages[1].extract_text()
    assert "Section 0" in contents and "Section 30" in contents
    assert sum(isinstance(item, dict) for item in pdf.outline) == 120


def test_creation_date_comes_from_the_inputs_not_the_clock() -> None:
    undated = parse_markdown("---\ntitle: T\n---\ntext\n")
    epoch = 1_258_000_000  # 2009-11-12 04:26:40 UTC
    pdf = PdfReader(
        io.BytesIO(render(undated, "pdf", load_style("default"), source_date_epoch=epoch))
    )
    assert pdf.metadata is not None and pdf.metadata["/CreationDate"].startswith("D:20091112042640")
    word = docx.Document(
        io.BytesIO(render(undated, "docx", load_style("default"), source_date_epoch=epoch))
    )
    assert word.core_properties.created is not None
    assert word.core_properties.created.isoformat().startswith("2009-11-12T04:26:40")
    fallback = PdfReader(io.BytesIO(render(undated, "pdf", load_style("default"))))
    assert fallback.metadata is not None
    assert fallback.metadata["/CreationDate"].startswith("D:20000101")


def test_each_numbered_list_restarts_in_word() -> None:
    doc = parse_markdown("1. a\n2. b\n\npara\n\n5. c\n6. d\n\n- x\n- y\n")
    word = docx.Document(io.BytesIO(render(doc, "docx", load_style("default"))))
    ids = [p._p.pPr.numPr.numId.val for p in word.paragraphs if p.style.name == "List Number"]
    assert len(ids) == 4 and ids[0] == ids[1] != ids[2] == ids[3]
    numbering = word.part.numbering_part.element
    start = numbering.xpath(f'./w:num[@w:numId="{ids[2]}"]/w:lvlOverride/w:startOverride/@w:val')
    assert start == ["5"]
