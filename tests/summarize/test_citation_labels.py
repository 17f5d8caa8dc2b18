"""A citation names the paragraph as the cable does (¶2A, ¶2B, a section's heading), and
leads to it: each cited paragraph holds the statement it is cited for."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from briefgen.models import Cable, Paragraph, cite_labels
from briefgen.pipeline import BriefingRequest, ingest, make_briefing, summarize
from briefgen.store import Corpus
from briefgen.summarize.evidence import cited_paragraph, clean_sentence, sentences_about
from briefgen.summarize.records import Cite

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "citations"
LETTERED = "09KAMPALA1021"
"""Paragraphs 2, 2A and 2B (the shape of a visit report whose findings are lettered)."""
HEADED = "06LILONGWE123"
"""Unnumbered paragraphs under dashed headings (the shape of a long report's sections)."""


@pytest.fixture(scope="module")
def corpus(module_location: str) -> Iterator[Corpus]:
    path = module_location
    with Corpus.open(path) as opened:
        ingest(opened, [FIXTURES], workers=1)
        yield opened


def _cites(data: object) -> Iterator[dict[str, object]]:
    """Yield every citation in a briefing's JSON data."""
    if isinstance(data, dict):
        if {"cable_id", "paragraph", "label", "text"} <= data.keys():
            yield data
        for value in data.values():
            yield from _cites(value)
    elif isinstance(data, list):
        for item in data:
            yield from _cites(item)


def _statements(data: object) -> Iterator[tuple[str, dict[str, object]]]:
    """Yield (text, citation) for every statement or figure note of a briefing's JSON data."""
    if isinstance(data, dict):
        text = data.get("text")
        for cite in data.get("cites") or ([data["cite"]] if "cite" in data else []):
            if isinstance(text, str) and isinstance(cite, dict) and "cable_id" in cite:
                yield text, cite
        for value in data.values():
            yield from _statements(value)
    elif isinstance(data, list):
        for item in data:
            yield from _statements(item)


@pytest.mark.parametrize(
    ("paragraphs", "labels"),
    [
        (
            [(1, None, None), (18, None, None), (18, None, "18A"), (18, None, "18B")],
            (None, None, "¶18A", "¶18B"),
        ),
        ([(2, None, "2.b"), (2, None, "2(c)"), (None, None, "A")], ("¶2.b", "¶2(c)", "¶A")),
        (
            [(None, "Summary", None), (None, "THE SHELTER", None), (None, "THE SHELTER", None)],
            ('"Summary"', '"THE SHELTER" ¶1', '"THE SHELTER" ¶2'),
        ),
        ([(None, None, None), (1, None, None), (None, None, None)], ("¶(1)", None, "¶(3)")),
        (
            [(None, "A heading of the kind a long report gives its sections", None)],
            ('"A heading of the kind a…"',),
        ),
    ],
)
def test_cite_labels(
    paragraphs: list[tuple[int | None, str | None, str | None]], labels: tuple[str | None, ...]
) -> None:
    paras = tuple(
        Paragraph(number, heading, "Text.", label) for number, heading, label in paragraphs
    )
    assert cite_labels(paras) == labels
    cable = Cable(id="09X1", paragraphs=paras)
    for para, label in zip(paras, labels, strict=True):
        if para.number is not None or label is not None:
            assert cited_paragraph(cable, Cite("09X1", para.number, label)) is para
        assert str(Cite("09X1", para.number, label)).startswith("09X1")


def test_lettered_paragraphs_get_citations_of_their_own(corpus: Corpus) -> None:
    brief = summarize(corpus, BriefingRequest("cable", LETTERED))
    data = brief.as_dict()
    texts = {str(c["text"]) for c in _cites(data)}
    assert {f"{LETTERED} ¶2A", f"{LETTERED} ¶2B"} <= texts
    assert f"{LETTERED} ¶2" not in texts  # nothing of 2A or 2B is cited as paragraph 2
    cable = corpus.get(LETTERED)
    by_statement = {}
    for text, cite in _statements(data):
        found = cited_paragraph(cable, Cite(LETTERED, cite["paragraph"], cite["label"]))  # type: ignore[arg-type]
        assert found is not None, cite
        # Each cited paragraph holds the statement (its words, once cleaned as quoted).
        assert clean_sentence(text.rstrip("."))[:30] in clean_sentence(found.text), (text, cite)
        by_statement[text] = cite["text"]
    shelter = next(t for t in by_statement if "opened a shelter" in t)
    police = next(t for t in by_statement if "police officers" in t)
    assert (by_statement[shelter], by_statement[police]) == (f"{LETTERED} ¶2A", f"{LETTERED} ¶2B")


def test_evidence_about_a_party_never_mixes_2a_with_2b(corpus: Corpus) -> None:
    from briefgen.facts import ensure_facts

    facts = ensure_facts(corpus).of([LETTERED])[0]
    cable = corpus.get(LETTERED)
    found = sentences_about(cable, facts, {"Acholi Women's Network"})
    assert found and {s.cite.label for s, _ in found} == {"¶2B"}
    assert all("Hope Haven" not in s.text for s, _ in found)
    labels = {(m.paragraph, m.label) for m in facts.mentions if m.name == "Hope Haven Foundation"}
    assert labels == {(2, "¶2A")}


def test_unnumbered_sections_are_cited_by_their_heading(corpus: Corpus) -> None:
    data = summarize(corpus, BriefingRequest("cable", HEADED)).as_dict()
    cable = corpus.get(HEADED)
    pairs = list(_statements(data))
    assert pairs
    for text, cite in pairs:
        assert cite["label"] is not None and cite["paragraph"] is None
        found = cited_paragraph(cable, Cite(HEADED, None, cite["label"]))  # type: ignore[arg-type]
        assert found is not None
        assert clean_sentence(text.rstrip("."))[:30] in clean_sentence(found.text), (text, cite)
    shown = {cite["text"] for text, cite in pairs if "900 girls" in text}
    assert shown == {f'{HEADED} "OUTREACH"'}
    assert any(c == f'{HEADED} "THE SHELTER" ¶1' for _, cite in pairs for c in [cite["text"]])


def test_pdf_and_docx_show_the_lettered_citation_and_link_it(
    corpus: Corpus, tmp_path: Path
) -> None:
    made = make_briefing(
        corpus, BriefingRequest("cable", LETTERED, formats=("pdf", "docx")), tmp_path
    )
    pdf = next(f for f in made.files if f.suffix == ".pdf")
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert f"{LETTERED} ¶2A" in text and f"{LETTERED} ¶2B" in text
    links = [
        annot.get_object()
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if annot.get_object().get("/Dest") is not None
    ]
    assert links  # the citations lead to the Sources list
    word = next(f for f in made.files if f.suffix == ".docx")
    paragraphs = " ".join(p.text for p in docx.Document(str(word)).paragraphs)
    assert f"{LETTERED} ¶2A" in paragraphs and f"{LETTERED} ¶2B" in paragraphs
    xml = zipfile.ZipFile(word).read("word/document.xml").decode()
    anchors = set(re.findall(r'<w:hyperlink w:anchor="([^"]+)"', xml))
    marks = set(re.findall(r'<w:bookmarkStart [^>]*w:name="([^"]+)"', xml))
    linked = re.findall(r'<w:hyperlink w:anchor="([^"]+)"[^>]*>(?:(?!</w:hyperlink>).)*¶2B', xml)
    assert linked and set(linked) <= marks and anchors <= marks
