"""Citations lead to Sources, files say who made them and in what language, charts explain."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

import docx
import pytest
from pypdf import PdfReader

from briefgen.document import Document, parse_markdown
from briefgen.render import load_style, render
from briefgen.render.style import Style

BRIEF = """---
title: Shelters in Kokshetau
subtitle: What the cables report
classification: CONFIDENTIAL
date: 2009-12-01
keywords: [KTIP, Kazakhstan]
subject: Shelter funding
sources:
  - id: 09ASTANA1985
    title: Shelter visit
    date: 2009-11-10
    origin: Embassy Astana
    classification: UNCLASSIFIED
  - id: 09ASTANA2101
    title: NGO makes a difference
    date: 2009-12-01
    origin: Embassy Astana
    classification: CONFIDENTIAL
---
# Overview

The shelter opened in 2006 \\[[09ASTANA1985 ¶2](#src-09ASTANA1985)\\] and now holds 12 beds
\\[[09ASTANA2101 ¶4](#src-09ASTANA2101); [09ASTANA1985 ¶3](#src-09ASTANA1985)\\].

::: chart bar Victims identified per year
| Year | Victims |
|---|--:|
| 2007 | 14 |
| 2008 | 41 |
| 2009 | 16 |

Source: \\[[09ASTANA2101 ¶5](#src-09ASTANA2101)\\]
:::
"""


@pytest.fixture(scope="module")
def document() -> Document:
    return parse_markdown(BRIEF)


@pytest.fixture(scope="module")
def office() -> Style:
    return load_style("default").with_settings(
        organization="Regional Desk",
        author="J. Analyst",
        footer="Regional Desk · for official use",
        source_url="https://wikileaks.org/plusd/cables/{id}_a.html",
    )


def _pdf_links(reader: PdfReader) -> list[tuple[int, int, float]]:
    """Return (page of the link, page of its target, target top) of every internal link."""
    index = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    found = []
    for number, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            obj = annot.get_object()
            dest = obj.get("/Dest")
            if dest is not None:
                found.append((number, index[dest[0].idnum], float(dest[3])))
    return found


def test_pdf_citations_link_to_their_entry_in_sources(document: Document, office: Style) -> None:
    reader = PdfReader(io.BytesIO(render(document, "pdf", office)))
    texts = [page.extract_text() for page in reader.pages]
    sources_page = max(n for n, text in enumerate(texts) if "Sources" in text)
    citations = _pdf_links(reader)
    # Three in the text, one under the chart (a link that wraps has a rectangle per line).
    assert len(citations) >= 4 and {target for _, target, _ in citations} == {sources_page}
    tops = {round(top) for _, _, top in citations}
    assert len(tops) == 2  # one target per cable, whichever paragraph is cited
    uris = [
        a.get_object()["/A"]["/URI"]
        for a in reader.pages[sources_page].get("/Annots") or []
        if "/A" in a.get_object()
    ]
    assert "https://wikileaks.org/plusd/cables/09ASTANA2101_a.html" in uris
    assert "wikileaks.org/plusd/cables/09ASTANA1985_a.html" in texts[sources_page]


def test_pdf_declares_language_and_carries_xmp(document: Document, office: Style) -> None:
    reader = PdfReader(io.BytesIO(render(document, "pdf", office)))
    assert reader.trailer["/Root"]["/Lang"] == "en-US"
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": "Shelters in Kokshetau"}
    assert xmp.dc_creator == ["J. Analyst"]
    assert xmp.dc_description == {"x-default": "Shelter funding"}
    assert xmp.dc_subject == ["KTIP", "Kazakhstan"]
    assert xmp.dc_language == ["en-US"]
    raw = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<briefgen:Classification>CONFIDENTIAL</briefgen:Classification>" in raw
    assert reader.metadata is not None and reader.metadata.author == "J. Analyst"


def test_pdf_chart_carries_alternative_text_and_labels(document: Document, office: Style) -> None:
    reader = PdfReader(io.BytesIO(render(document, "pdf", office)))
    stream = b"".join(page.get_contents().get_data() for page in reader.pages)  # type: ignore[union-attr]
    alts = re.findall(rb"/Span <</Alt <([0-9A-F]+)>>> BDC", stream)
    assert len(alts) == 1
    alt = bytes.fromhex(alts[0].decode()).decode("utf-16")
    assert alt == (
        "Bar chart, Victims identified per year. 2007: 14; 2008: 41; 2009: 16 (partial)."
    )
    text = reader.pages[0].extract_text()
    for label in ("14", "41", "16", "2009*", "Partial period: the sources end on 1 December 2009"):
        assert label in text


def test_identity_in_byline_footer_and_properties(document: Document, office: Style) -> None:
    reader = PdfReader(io.BytesIO(render(document, "pdf", office)))
    first = reader.pages[0].extract_text()
    assert "1 December 2009 · Regional Desk · J. Analyst" in first
    assert "Regional Desk · for official use" in first
    assert "briefgen" not in "".join(p.extract_text() for p in reader.pages)
    word = docx.Document(io.BytesIO(render(document, "docx", office)))
    assert word.core_properties.author == "J. Analyst"
    assert word.core_properties.language == "en-US"
    footer = word.sections[0].footer.paragraphs[0].text
    assert footer.startswith("Regional Desk · for official use")
    bylines = [p.text for p in word.paragraphs if p.style.name == "Briefing Byline"]
    assert bylines == ["1 December 2009  ·  Regional Desk  ·  J. Analyst"]


def test_docx_citations_link_to_bookmarks_on_sources(document: Document, office: Style) -> None:
    data = render(document, "docx", office)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    anchors = re.findall(r'<w:hyperlink w:anchor="(_src_[^"]+)"', xml)
    assert sorted(anchors) == ["_src_09ASTANA1985"] * 2 + ["_src_09ASTANA2101"] * 2
    word = docx.Document(io.BytesIO(data))
    sources = word.tables[-1]
    for row, cable in zip(sources.rows[1:], ("09ASTANA1985", "09ASTANA2101"), strict=True):
        marks = row.cells[0]._tc.xpath(".//w:bookmarkStart/@w:name")
        assert marks == [f"_src_{cable}"]
        assert row.cells[2].text.endswith(f"wikileaks.org/plusd/cables/{cable}_a.html")
    links = [r.target_ref for r in word.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert "https://wikileaks.org/plusd/cables/09ASTANA1985_a.html" in links


def test_docx_properties_are_briefgens_own(document: Document, office: Style) -> None:
    package = zipfile.ZipFile(io.BytesIO(render(document, "docx", office)))
    app = package.read("docProps/app.xml").decode()
    assert "<Application>briefgen</Application>" in app
    assert "<Company>Regional Desk</Company>" in app
    assert "Macintosh" not in app and "<Pages>" not in app and "<Template>" not in app
    words = int(re.search(r"<Words>(\d+)</Words>", app).group(1))  # type: ignore[union-attr]
    assert 60 <= words <= 200
    assert not [n for n in package.namelist() if "thumbnail" in n]


def test_docx_chart_is_the_pdf_drawing_with_alternative_text(
    document: Document, office: Style
) -> None:
    from briefgen.document import Figure
    from briefgen.render.chart import chart_drawing, drawing_png

    word = docx.Document(io.BytesIO(render(document, "docx", office)))
    (shape,) = word.inline_shapes
    props = shape._inline.docPr
    assert props.get("descr").startswith("Bar chart, Victims identified per year. 2007: 14")
    assert props.get("name") == "Victims identified per year"
    figure = next(b for b in document.blocks if isinstance(b, Figure))
    section = word.sections[0]
    width = (section.page_width - section.left_margin - section.right_margin) / 12700
    png = drawing_png(chart_drawing(figure, office, width, document.meta.date))
    blob = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert word.part.related_parts[blob].blob == png


def test_no_source_url_by_default(document: Document) -> None:
    plain = replace(load_style("default"))
    reader = PdfReader(io.BytesIO(render(document, "pdf", plain)))
    assert "wikileaks" not in "".join(p.extract_text() for p in reader.pages)
