"""DOCX with briefgen's own styles carries its fonts; with an office's template, uses its styles."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from render_samples import sample_document

from briefgen.document import Document
from briefgen.errors import RenderError, StyleError
from briefgen.render import load_style, render
from briefgen.render.docx_package import font_key, obfuscate
from briefgen.render.fonts import FACES, WORD_NAMES
from briefgen.resources import asset_dir

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "custom"
REFERENCE = EXAMPLES / "reference.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def fonts_named(package: zipfile.ZipFile) -> set[str]:
    """Return every font name any XML part of a DOCX gives (runs, styles, theme, font table)."""
    names: set[str] = set()
    for name in package.namelist():
        if not name.endswith(".xml"):
            continue
        xml = package.read(name).decode("utf-8")
        for fonts in re.findall(r"<w:rFonts ([^>]*)/>", xml):
            names |= set(re.findall(r'w:(?:ascii|hAnsi|cs|eastAsia)="([^"]+)"', fonts))
        names |= set(re.findall(r'<a:(?:latin|ea|cs|font)\b[^>]*typeface="([^"]+)"', xml))
        names |= set(re.findall(r'<w:font w:name="([^"]+)"', xml))
    return names


@pytest.fixture(scope="module")
def doc() -> Document:
    return sample_document(rows=12)


def test_own_styles_embed_every_font_they_name(doc: Document) -> None:
    package = zipfile.ZipFile(io.BytesIO(render(doc, "docx", load_style("default"))))
    named = fonts_named(package)
    # The sample shows code, so all three families are named, and nothing else is.
    assert named == {"DejaVu Serif", "DejaVu Sans", "DejaVu Sans Mono"}
    table = package.read("word/fontTable.xml").decode()
    rels = package.read("word/_rels/fontTable.xml.rels").decode()
    settings = re.findall(r"<w:(\w+)", package.read("word/settings.xml").decode())
    # Each setting in its place of the schema's sequence, or Word calls the file damaged.
    assert settings.index("zoom") < settings.index("embedTrueTypeFonts")
    assert settings.index("embedTrueTypeFonts") < settings.index("proofState")
    assert settings.index("savePreviewPicture") < settings.index("updateFields")
    assert settings.index("updateFields") < settings.index("compat")
    assert 'Extension="odttf"' in package.read("[Content_Types].xml").decode()
    embedded = re.findall(r'<w:embed(\w+) r:id="(\w+)" w:fontKey="(\{[0-9A-F-]+\})"/>', table)
    assert len(embedded) >= 5
    packaged = {stem for faces in FACES.values() for stem in faces}
    for _slot, rid, key in embedded:
        target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels)
        assert target is not None
        data = obfuscate(package.read(f"word/{target.group(1)}"), key)  # the same XOR undoes it
        assert data[:4] in (b"\x00\x01\x00\x00", b"true")  # a TrueType font again
        matches = [s for s in packaged if font_key(s) == key]
        assert len(matches) == 1
        assert data == (asset_dir("fonts") / f"{matches[0]}.ttf").read_bytes()
    for family in WORD_NAMES.values():
        assert f'<w:font w:name="{family}">' in table


def test_obfuscation_follows_ecma_376() -> None:
    # 17.8.1: XOR the first 32 bytes with the GUID's bytes in reverse order of the string.
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    data = bytes(40)
    out = obfuscate(data, key)
    expected = bytes.fromhex("FFEEDDCCBBAA99887766554433221100") * 2
    assert out[:32] == expected and out[32:] == bytes(8)


def test_only_the_faces_shown_are_embedded() -> None:
    from briefgen.document import parse_markdown

    plain = parse_markdown("---\ntitle: T\n---\n# Heading\n\nText **bold**.\n")
    package = zipfile.ZipFile(io.BytesIO(render(plain, "docx", load_style("default"))))
    table = package.read("word/fontTable.xml").decode()
    assert "DejaVu Sans Mono" not in fonts_named(package)  # no code: no monospaced face
    assert "embedItalic" not in table and "embedBold" in table


def test_reference_docx_styles_page_setup_header_and_tables(doc: Document) -> None:
    style = load_style("default").with_settings(reference_docx=REFERENCE)
    data = render(doc, "docx", style)
    word = docx.Document(io.BytesIO(data))
    template = docx.Document(str(REFERENCE))
    ours, theirs = word.sections[0], template.sections[0]
    for attr in ("page_width", "page_height", "left_margin", "right_margin", "top_margin"):
        assert getattr(ours, attr) == getattr(theirs, attr)
    styles = {p.style.name for p in word.paragraphs}
    assert {"Title", "Subtitle", "Heading 1", "Heading 2", "Quote"} <= styles
    # The template's own definitions are kept: its headings are Arial in dark red.
    assert word.styles["Heading 1"].font.name == "Arial"
    assert str(word.styles["Heading 1"].font.color.rgb) == "8B0000"
    # Tables name a table style and carry no direct shading or borders.
    tables = word.element.body.findall(f"{W}tbl")
    assert tables and all(t.find(f"{W}tblPr/{W}tblStyle") is not None for t in tables)
    names = {t.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") for t in tables}
    assert names == {"BriefingTable", "BriefingBox"}  # the template has neither: added
    assert not word.element.body.xpath(".//w:tcPr/w:shd | .//w:tblPr/w:tblBorders")
    # The template's header (its logo) and footer stay; the banner joins them.
    header = word.sections[0].header
    assert header._element.xpath(".//w:drawing")
    assert header.paragraphs[0].text == "CONFIDENTIAL//NOFORN"
    assert "Regional Desk · For official use" in word.sections[0].footer.paragraphs[0].text
    assert "Office template" not in "\n".join(p.text for p in word.paragraphs)
    # No font the template does not define, and none embedded.
    package = zipfile.ZipFile(io.BytesIO(data))
    assert fonts_named(package) <= fonts_named(zipfile.ZipFile(REFERENCE))
    assert not [n for n in package.namelist() if n.endswith(".odttf")]


def test_letterhead_names_the_templates_table_style(doc: Document) -> None:
    style = load_style(EXAMPLES / "letterhead.toml")
    assert style.word.reference_docx == str(REFERENCE.resolve())
    word = docx.Document(io.BytesIO(render(doc, "docx", style)))
    names = {t.style.name for t in word.tables}
    assert names == {"Office Table", "Briefing Box"}


def test_a_bad_reference_docx_is_an_error(tmp_path: Path, doc: Document) -> None:
    with pytest.raises(StyleError, match="reference docx not found"):
        load_style("default").with_settings(reference_docx=tmp_path / "missing.docx")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    style = load_style("default").with_settings(reference_docx=broken)
    with pytest.raises(RenderError, match="cannot open reference docx"):
        render(doc, "docx", style)


def test_template_without_list_or_heading_styles(tmp_path: Path, doc: Document) -> None:
    # A bare template: python-docx's, stripped of every style but Normal and its numbering.
    bare = docx.Document()
    root = bare.styles.element
    for element in root.findall(f"{W}style"):
        if element.get(f"{W}styleId") not in ("Normal", "TableNormal", "DefaultParagraphFont"):
            root.remove(element)
    bare.part.drop_rel(
        next(rid for rid, rel in bare.part.rels.items() if rel.reltype.endswith("/numbering"))
    )
    path = tmp_path / "bare.docx"
    bare.save(str(path))
    style = load_style("default").with_settings(reference_docx=path)
    word = docx.Document(io.BytesIO(render(doc, "docx", style)))
    names = {p.style.name for p in word.paragraphs}
    assert {"Heading 1", "Briefing List Bullet", "Briefing List Number"} <= names
    numbered = [p for p in word.paragraphs if p.style.name == "Briefing List Number"]
    assert numbered and all(p.style.element.pPr.numPr is not None for p in numbered)


def test_without_embedding_the_font_table_still_names_only_dejavu(doc: Document) -> None:
    style = load_style("default")
    style = replace(style, word=replace(style.word, embed_fonts=False))
    package = zipfile.ZipFile(io.BytesIO(render(doc, "docx", style)))
    assert not [n for n in package.namelist() if n.endswith(".odttf")]
    assert fonts_named(package) == {"DejaVu Serif", "DejaVu Sans", "DejaVu Sans Mono"}
    assert b"embedTrueTypeFonts" not in package.read("word/settings.xml")


# The schema's order of paragraph and run properties (ECMA-376 17.3.1.26, 17.3.2.28), which
# Word enforces: a file with a property out of place opens as damaged.
PPR = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
)
RPR = (
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
)


@pytest.mark.parametrize("reference", [False, True])
def test_paragraph_and_run_properties_are_in_schema_order(doc: Document, reference: bool) -> None:
    from lxml import etree

    style = load_style("default")
    if reference:
        style = style.with_settings(reference_docx=REFERENCE)
    package = zipfile.ZipFile(io.BytesIO(render(doc, "docx", style)))
    for name in package.namelist():
        if not re.match(r"word/(document|styles|header\d*|footer\d*|numbering)\.xml$", name):
            continue
        root = etree.fromstring(package.read(name))
        for tag, order in (("pPr", PPR), ("rPr", RPR)):
            for props in root.iter(f"{W}{tag}"):
                kids = [
                    etree.QName(k).localname for k in props if etree.QName(k).namespace == W[1:-1]
                ]
                places = [order.index(k) for k in kids if k in order]
                assert places == sorted(places), (name, tag, kids)
