"""The DOCX tables, written as WordprocessingML text in named table styles.

Tables carry a named table style (`word.table_style`, key facts `word.box_style`) and no
direct shading or borders, so an office template's table style applies to them. Rows are
kept with their neighbours where Word should not break: a header row with the first body
row, a short table or a key-facts box whole (every paragraph but the last keeps with the next).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from docx.oxml.ns import nsdecls

from briefgen.document import KeyFacts, Run, Runs, Table, xml_safe
from briefgen.render import docx_xml as ox
from briefgen.render.layout import SourceLine, column_widths, drop_columns
from briefgen.render.style import Style
from briefgen.render.xml_text import escape

if TYPE_CHECKING:
    from briefgen.render.docx import _DocxBuild

_NS = nsdecls("w", "r")
_KEEP_WHOLE_ROWS = 6
"""A table with fewer body rows than this moves to the next page whole."""


def _grid(twips: Sequence[int], style: str, look: str) -> list[str]:
    return [
        f'<w:tbl {_NS}><w:tblPr><w:tblStyle w:val="{style}"/>',
        f'<w:tblW w:w="{sum(twips)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>',
        f"<w:tblLook {look}/></w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{w}"/>' for w in twips),
        "</w:tblGrid>",
    ]


def _look(*, first_row: bool, bands: bool) -> str:
    """Return tblLook attributes; `w:val` repeats them as the bit mask older readers use."""
    mask = (0x20 if first_row else 0) | (0 if bands else 0x200) | 0x400
    return (
        f'w:val="{mask:04X}" w:firstRow="{int(first_row)}" w:lastRow="0" w:firstColumn="0" '
        f'w:lastColumn="0" w:noHBand="{int(not bands)}" w:noVBand="1"'
    )


_LOOK_HEADER = _look(first_row=True, bands=True)


def _cell(width: int, para_style: str, body: str, *, jc: str = "", keep: bool = False) -> str:
    keep_xml = "<w:keepNext/>" if keep else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{para_style}"/>{keep_xml}{jc}</w:pPr>{body}</w:p></w:tc>'
    )


def table_xml(build: _DocxBuild, block: Table) -> str:
    """Return a data table: header row repeated on each page, empty columns dropped."""
    block = drop_columns(block)
    cols = len(block.header)
    if cols == 0:
        return f"<w:p {_NS}/>"
    chars = build.text_width.pt / (build.style.table.font_size * 0.56)
    twips = [
        int(share * build.text_width / 635)
        for share in column_widths(block.header, block.rows, chars)
    ]
    jcs = [f'<w:jc w:val="{a}"/>' if a in ("center", "right") else "" for a in block.align]
    jcs += [""] * cols
    whole = len(block.rows) < _KEEP_WHOLE_ROWS
    parts = _grid(twips, build.named.table, _LOOK_HEADER)
    rows = (block.header, *block.rows)
    for index, values in enumerate(rows):
        header = index == 0
        last = index == len(rows) - 1
        # The header keeps with the first row; a short table keeps all its rows together.
        keep = (header or whole) and not last
        parts.append(
            "<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
        )
        for col in range(cols):
            runs: Runs = values[col] if col < len(values) else ()
            body = build.runs_xml(runs, bold=header)
            parts.append(_cell(twips[col], build.named.cell, body, jc=jcs[col], keep=keep))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def box_xml(build: _DocxBuild, block: KeyFacts, title: str) -> str:
    """Return a key-facts box: a two-column table kept whole, titled in its first row."""
    total = int(build.text_width / 635)
    label = int(total * 0.32)
    twips = [label, total - label]
    look = _look(first_row=bool(title), bands=False)
    parts = _grid(twips, build.named.box, look)
    count = len(block.facts) + (1 if title else 0)
    row = 0
    if title:
        row += 1
        body = f'<w:r><w:t xml:space="preserve">{escape(xml_safe(title))}</w:t></w:r>'
        parts.append(
            '<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="'
            f'{total}" w:type="dxa"/><w:gridSpan w:val="2"/></w:tcPr><w:p><w:pPr>'
            f'<w:pStyle w:val="{build.named.cell}"/><w:keepNext/>'
            '<w:spacing w:before="80" w:after="60"/>'
            f"</w:pPr>{body}</w:p></w:tc></w:tr>"
        )
    for fact in block.facts:
        row += 1
        keep = row < count
        text = escape(xml_safe(fact.label))
        label_xml = f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        parts.append(_cell(twips[0], build.named.cell, label_xml, keep=keep))
        parts.append(_cell(twips[1], build.named.cell, build.runs_xml(fact.value), keep=keep))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def sources_xml(build: _DocxBuild, lines: Sequence[SourceLine]) -> str:
    """Return the Sources table; the cable cell of each row holds the bookmarks citations use."""
    from briefgen.render.docx import bookmark_name

    total = int(build.text_width / 635)
    twips = [int(total * 0.2), int(total * 0.14)]
    twips.append(total - sum(twips))
    parts = _grid(twips, build.named.table, _LOOK_HEADER)
    cell = build.named.cell
    parts.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
    for width, text in zip(twips, ("Cable", "Date", "Subject"), strict=True):
        body = f"<w:r><w:rPr><w:b/></w:rPr><w:t>{text}</w:t></w:r>"
        parts.append(_cell(width, cell, body, keep=True))
    parts.append("</w:tr>")
    for line in lines:
        marks_start, marks_end = [], []
        for anchor in (line.anchor, *line.notes):
            ident = build.next_bookmark()
            marks_start.append(
                f'<w:bookmarkStart w:id="{ident}" w:name="{bookmark_name(anchor)}"/>'
            )
            marks_end.append(f'<w:bookmarkEnd w:id="{ident}"/>')
        ident_runs = (Run(line.label, bold=True, link=line.url or None),)
        subject = build.runs_xml(line.text)
        if line.url:
            shown = line.url.split("://", 1)[-1]
            subject += "<w:r><w:br/></w:r>" + build.runs_xml((Run(shown, link=line.url),))
        first = "".join(marks_start) + build.runs_xml(ident_runs) + "".join(marks_end)
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        parts.append(_cell(twips[0], cell, first))
        date = f'<w:r><w:t xml:space="preserve">{escape(xml_safe(line.date))}</w:t></w:r>'
        parts.append(_cell(twips[1], cell, date))
        parts.append(_cell(twips[2], cell, subject))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


# --- the table styles briefgen adds when a document lacks them ---------------------------------


def _fonts_xml(f: str | None) -> str:
    if f is None:
        return ""
    return f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}" w:eastAsia="{f}"/>'


def _hex(value: str) -> str:
    return value.lstrip("#").upper()


def table_style_xml(s: Style, font: str | None, *, own: bool) -> str:
    """Return briefgen's table style: header row shaded, rows ruled, every second one striped.

    In an office template whose Normal sets a text colour, that colour wins over a table
    style's (Word ranks paragraph styles higher), so the header row there is light, not dark.
    """
    c = s.colors
    header_fill, header_text = (
        (c.table_header_bg, c.table_header_text) if own else (c.keyfacts_bg, c.heading)
    )
    if s.table.grid == "rows":
        borders = {"insideH": (0.4, c.rule), "bottom": (0.8, c.heading)}
    elif s.table.grid == "full":
        edges = ("top", "left", "bottom", "right", "insideH", "insideV")
        borders = {side: (0.4, c.rule) for side in edges}
    else:
        borders = {}
    stripe = (
        f'<w:tblStylePr w:type="band2Horz"><w:tcPr><w:shd w:val="clear" w:color="auto" '
        f'w:fill="{_hex(c.table_stripe)}"/></w:tcPr></w:tblStylePr>'
        if s.table.stripes
        else ""
    )
    size = round(s.table.font_size * 2)
    return (
        f'<w:style {_NS} w:type="table" w:customStyle="1" w:styleId="{{id}}">'
        '<w:name w:val="{name}"/>'
        '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f'<w:rPr>{_fonts_xml(font)}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
        '<w:tblPr><w:tblStyleRowBandSize w:val="1"/>'
        + ox.borders_xml("w:tblBorders", borders)
        + '<w:tblCellMar><w:top w:w="50" w:type="dxa"/><w:left w:w="90" w:type="dxa"/>'
        '<w:bottom w:w="60" w:type="dxa"/><w:right w:w="90" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/>'
        f'<w:color w:val="{_hex(header_text)}"/></w:rPr><w:tblPr/>'
        "<w:trPr><w:tblHeader/></w:trPr><w:tcPr>"
        f'<w:tcBorders><w:bottom w:val="single" w:sz="6" w:space="0" w:color="{_hex(c.heading)}"/>'
        "</w:tcBorders>"
        f'<w:shd w:val="clear" w:color="auto" w:fill="{_hex(header_fill)}"/></w:tcPr>'
        f"</w:tblStylePr>{stripe}</w:style>"
    )


def box_style_xml(s: Style, font: str | None) -> str:
    """Return briefgen's key-facts box style: a shaded panel with an accent bar on the left."""
    c = s.colors
    size = round((s.table.font_size + 0.5) * 2)
    return (
        f'<w:style {_NS} w:type="table" w:customStyle="1" w:styleId="{{id}}">'
        '<w:name w:val="{name}"/>'
        '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f'<w:rPr>{_fonts_xml(font)}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
        "<w:tblPr>"
        + ox.borders_xml("w:tblBorders", {"left": (3, c.accent)})
        + '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="200" w:type="dxa"/>'
        '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="200" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr>"
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{_hex(c.keyfacts_bg)}"/></w:tcPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/>'
        f'<w:color w:val="{_hex(c.heading)}"/><w:sz w:val="{round(s.fonts.size * 2)}"/></w:rPr>'
        '<w:tcPr><w:tcBorders><w:bottom w:val="single" w:sz="4" w:space="0" '
        f'w:color="{_hex(c.rule)}"/>'
        "</w:tcBorders></w:tcPr></w:tblStylePr></w:style>"
    )
