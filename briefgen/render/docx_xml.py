"""Low-level WordprocessingML that python-docx has no API for: fields, bookmarks, links, borders."""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from briefgen.render.xml_text import escape, escape_attr

Element = Any  # lxml elements from python-docx carry no useful static type


def set_fonts(rpr_owner: Any, name: str) -> None:
    """Set all four font slots so Cyrillic, Kazakh and Turkish use the same face as Latin."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), name)


def hex_color(value: str) -> RGBColor:
    """Return an RGBColor from `#rrggbb`."""
    return RGBColor.from_string(value.lstrip("#").upper())


# The children of w:pPr that follow w:pBdr and w:shd, in the schema's order (ECMA-376 17.3.1.26):
# Word rejects a paragraph property out of place.
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def shade(element: Any, fill: str) -> None:
    """Give a paragraph style or paragraph (a `w:pPr` owner) a background colour."""
    props = element.get_or_add_pPr()
    for old in props.findall(qn("w:shd")):
        props.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill.lstrip("#").upper())
    props.insert_element_before(shd, *_AFTER_PBDR[1:])


def borders(parent: Any, tag: str, sides: dict[str, tuple[float, str]]) -> None:
    """Set a paragraph's border element (`w:pBdr`) in `parent`, a `w:pPr`, in its place.

    `sides` maps a side (`top`, `left`, `bottom`, `right`) to (width in points, `#rrggbb`).
    """
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    box = OxmlElement(tag)
    order = ("top", "left", "bottom", "right", "insideH", "insideV")
    for side in order:
        if side not in sides:
            continue
        width, colour = sides[side]
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single" if width > 0 else "nil")
        edge.set(qn("w:sz"), str(max(0, round(width * 8))))
        edge.set(qn("w:space"), "4" if tag == "w:pBdr" else "0")
        edge.set(qn("w:color"), colour.lstrip("#").upper())
        box.append(edge)
    parent.insert_element_before(box, *_AFTER_PBDR)


def borders_xml(tag: str, sides: dict[str, tuple[float, str]]) -> str:
    """Return a border element (`w:tblBorders`, ...) as XML text; see `borders`."""
    edges = []
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side in sides:
            width, colour = sides[side]
            edges.append(
                f'<w:{side} w:val="single" w:sz="{max(0, round(width * 8))}" w:space="0" '
                f'w:color="{colour.lstrip("#").upper()}"/>'
            )
    return f"<{tag}>{''.join(edges)}</{tag}>"


def run_xml(
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    font: str | None = None,
    colour: str | None = None,
    underline: bool = False,
    superscript: bool = False,
    style: str | None = None,
) -> str:
    """Return one `w:r` run as XML text; `text` must already be free of forbidden characters."""
    props = [f'<w:rStyle w:val="{style}"/>'] if style else []
    if font:
        name = escape_attr(font)
        props.append(
            f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:cs="{name}" w:eastAsia="{name}"/>'
        )
    if bold:
        props.append("<w:b/>")
    if italic:
        props.append("<w:i/>")
    if colour:
        props.append(f'<w:color w:val="{colour.lstrip("#").upper()}"/>')
    if underline:
        props.append('<w:u w:val="single"/>')
    if superscript:
        props.append('<w:vertAlign w:val="superscript"/>')
    rpr = f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def add_field(
    paragraph: Paragraph, instruction: str, cached: str, size: float | None = None
) -> Run:
    """Append a simple field (`PAGE`, `NUMPAGES`) showing `cached` until the reader updates it."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = cached
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    wrapped = Run(run, paragraph)
    if size is not None:
        wrapped.font.size = Pt(size)
    return wrapped


def bookmark(paragraph: Paragraph, name: str, ident: int) -> None:
    """Wrap the paragraph's content in a bookmark `name` (a target for internal links)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(ident))
    p = paragraph._p
    ppr = p.pPr
    p.insert(1 if ppr is not None else 0, start)
    p.append(end)


def restart_numbering(numbering: Any, paragraph_numid: int, start: int) -> int:
    """Return a new list instance of the same numbering definition that starts at `start`."""
    abstract = None
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == str(paragraph_numid):
            abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    if abstract is None:
        return paragraph_numid
    new = numbering.add_num(int(abstract))
    override = new.add_lvlOverride(ilvl=0)
    override.add_startOverride(start)
    return int(new.numId)


def set_numbering(paragraph: Paragraph, num_id: int, level: int) -> None:
    """Attach a paragraph to list instance `num_id` at indentation `level`."""
    numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = num_id
