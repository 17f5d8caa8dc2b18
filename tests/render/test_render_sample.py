"""Render the sample brief (every block type, every hazard) to PDF and DOCX and read both back."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from pypdf import PdfReader
from render_samples import HAZARDS, LONG_WORD

from briefgen.document import Document
from briefgen.render import load_style, render

URL = "https://wikileaks.org/cable/2009/11/09ASTANA1985.html"
LITERAL_LINES = [
    "# not a heading",
    "- not a bullet | with a pipe",
    "1. not a numbered item",
    "Stars *not bold* and _not italic_ and [not a link](x) and `not code`",
    "Less <script>alert(1)</script> & more &amp; entities",
    "Кызылорда: Назарбаев встретился с послом «ёлки»",
    "Қазақстан Республикасы, Öskemen, İstanbul, ağaç, Şırnak, café, “quoted” ‘text’",
    "Controlcharsdropped here and here",
]


@pytest.fixture(scope="module")
def pdf(sample_doc: Document) -> bytes:
    return render(sample_doc, "pdf", load_style("default"))


@pytest.fixture(scope="module")
def word(sample_doc: Document) -> bytes:
    return render(sample_doc, "docx", load_style("default"))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_sample_has_every_block_type(sample_doc: Document) -> None:
    kinds = {b.as_dict()["type"] for b in sample_doc.blocks}
    expected = {"heading", "paragraph", "bullet_list", "numbered_list", "table"}
    expected |= {"block_quote", "keyfacts", "figure", "page_break"}
    assert expected <= kinds
    assert [n.label for n in sample_doc.notes] == ["09ASTANA1985", "09ASTANA2000"]
    assert len(HAZARDS) == len(LITERAL_LINES)


def test_pdf_reads_back(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)
    assert 8 <= pages <= 14
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = _squash(text)
    for line in LITERAL_LINES:
        assert line in flat, line
    assert "\x00" not in text and "\x07" not in text and "\x1b" not in text
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert text.count("CONFIDENTIAL//NOFORN") >= 2 * pages
    # Table cells of the 300-row register, its header repeated on each page it spans.
    assert "09ASTANA1300" in text and "Row 300 subject | pipe & <b>" in flat
    assert text.count("Subject") >= 5
    # The 2,000-character word is all there, wrapped rather than cut.
    assert text.replace("\n", "").count("Z") >= 2000
    assert "Айгүл Сәрсенова" in text and "USD 120,000 & in-kind" in text
    assert "09ASTANA1985 2009-11-10 Trafficking shelter visit (CONFIDENTIAL)" in flat
    titles = [item["/Title"] for item in reader.outline if isinstance(item, dict)]
    assert titles == ["Summary", "Activity", "Cable register", "Closing note", "Sources"]
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Kazakhstan: NGO Shelter # Report <draft> & Co"
    assert meta.author == "Research desk" and meta.subject == "Sample briefing"
    assert meta["/Keywords"] == "KTIP, PHUM, Kazakhstan"
    assert meta["/CreationDate"].startswith("D:20091110")


def test_pdf_links(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    uris, internal = [], 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            obj = annot.get_object()
            action = obj.get("/A")
            if action is not None and "/URI" in action:
                uris.append(action["/URI"])
            elif "/Dest" in obj or (action is not None and action.get("/S") == "/GoTo"):
                internal += 1
    assert URL in uris
    assert internal >= 7 + 9  # table of contents entries and footnote references


def test_docx_reads_back(word: bytes) -> None:
    d = docx.Document(io.BytesIO(word))
    body = "\n".join(p.text for p in d.paragraphs)
    for line in LITERAL_LINES:
        assert line in body, line
    assert LONG_WORD in body
    headings = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "Summary") in headings
    assert ("Heading 2", "Hazards in running text") in headings
    assert ("Heading 1", "Cable register") in headings
    assert ("Heading 1", "Sources") in headings
    register = max(d.tables, key=lambda t: len(t.rows))
    assert len(register.rows) == 301
    assert [c.text for c in register.rows[0].cells] == ["#", "Cable", "Subject", "Date"]
    assert [c.text for c in register.rows[300].cells] == [
        "300",
        "09ASTANA1300",
        "Row 300 subject | pipe & <b>",
        "2009",
    ]
    assert register.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    facts = next(t for t in d.tables if t.rows[0].cells[0].text == "Key facts")
    assert [c.text for c in facts.rows[2].cells] == ["Director", "Айгүл Сәрсенова"]
    links = [r.target_ref for r in d.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert URL in links
    props = d.core_properties
    assert props.title == "Kazakhstan: NGO Shelter # Report <draft> & Co"
    assert props.author == "Research desk" and props.keywords == "KTIP, PHUM, Kazakhstan"
    assert props.created is not None and props.created.date().isoformat() == "2009-11-10"
    package = zipfile.ZipFile(io.BytesIO(word))
    xml = package.read("word/document.xml").decode()
    # Contents entries in Word's TOC styles, each with the page of its heading as a field.
    contents = [p for p in d.paragraphs if p.style.name.lower() == "toc 1"]
    assert [p.text.strip() for p in contents][:3] == ["Summary", "Activity", "Cable register"]
    assert "PAGEREF _sec_1 \\h" in xml and '<w:bookmarkStart w:id="1" w:name="_sec_1"/>' in xml
    assert b'<w:updateFields w:val="true"/>' in package.read("word/settings.xml")
    header = d.sections[0].header.paragraphs[0].text
    footer_xml = d.sections[0].footer._element.xml
    assert header == "CONFIDENTIAL//NOFORN"
    assert "NUMPAGES" in footer_xml and "PAGE" in footer_xml


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_output_is_byte_identical(sample_doc: Document, fmt: str) -> None:
    style = load_style("default")
    assert render(sample_doc, fmt, style) == render(sample_doc, fmt, style)


def test_zip_entries_have_fixed_dates(word: bytes) -> None:
    dates = {info.date_time for info in zipfile.ZipFile(io.BytesIO(word)).infolist()}
    assert dates == {(2009, 11, 10, 0, 0, 0)}
