#!/usr/bin/env python3
"""Make the office examples in examples/custom/: a letterhead logo and a reference .docx.

Run from anywhere: `.venv/bin/python scripts/make_office_examples.py`. Both files are
reproducible (same bytes on every run). They stand for what an office brings to briefgen:
its logo (used by `letterhead.toml`) and its own Word template, which `letterhead.toml`
names as `reference_docx` and which also works alone with `--reference-docx`.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Pt, RGBColor
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
CUSTOM = ROOT / "examples" / "custom"
FONTS = ROOT / "briefgen" / "fonts"
RED = (139, 0, 0)
OFFICE = "Regional Desk"


def make_logo(path: Path) -> None:
    """Draw the office's logo: a seal with its initials beside its name, on white."""
    scale = 4
    width, height = 720 * scale, 140 * scale
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((8 * scale, 8 * scale, 132 * scale, 132 * scale), outline=RED, width=6 * scale)
    draw.ellipse((22 * scale, 22 * scale, 118 * scale, 118 * scale), fill=RED)
    initials = ImageFont.truetype(str(FONTS / "DejaVuSerif-Bold.ttf"), 44 * scale)
    draw.text((70 * scale, 70 * scale), "RD", font=initials, fill="white", anchor="mm")
    name = ImageFont.truetype(str(FONTS / "DejaVuSerif-Bold.ttf"), 44 * scale)
    line = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 20 * scale)
    draw.text((160 * scale, 62 * scale), OFFICE.upper(), font=name, fill=RED, anchor="ls")
    draw.text(
        (162 * scale, 100 * scale),
        "Embassy Support Office",
        font=line,
        fill=(80, 80, 80),
        anchor="ls",
    )
    image = image.resize((width // scale, height // scale), Image.Resampling.LANCZOS)
    image.save(path, format="PNG", optimize=False)


def _table_style(document: object) -> None:
    """Add the office's table style "Office Table": a red header rule, grey bands, no grid."""
    ns = nsdecls("w")
    xml = (
        f'<w:style {ns} w:type="table" w:customStyle="1" w:styleId="OfficeTable">'
        '<w:name w:val="Office Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:sz w:val="17"/></w:rPr>'
        '<w:tblPr><w:tblStyleRowBandSize w:val="1"/><w:tblBorders>'
        '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="8B0000"/>'
        '</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>'
        '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="8B0000"/></w:rPr>'
        '<w:tcPr><w:tcBorders><w:bottom w:val="single" w:sz="12" w:space="0" w:color="8B0000"/>'
        "</w:tcBorders></w:tcPr></w:tblStylePr>"
        '<w:tblStylePr w:type="band2Horz"><w:tcPr><w:shd w:val="clear" w:color="auto" '
        'w:fill="F2EEEE"/></w:tcPr></w:tblStylePr></w:style>'
    )
    document.styles.element.append(parse_xml(xml))  # type: ignore[attr-defined]


def make_reference(path: Path, logo: Path) -> None:
    """Write the office's Word template: its page setup, fonts, headings, header and footer."""
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.top_margin = section.bottom_margin = Inches(1.1)
    section.left_margin = section.right_margin = Inches(1.0)
    section.header_distance = section.footer_distance = Inches(0.4)
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Georgia"
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = RGBColor(0x22, 0x22, 0x22)
    normal.paragraph_format.space_after = Pt(6)
    for name, size, before in (
        ("Heading 1", 15, 18),
        ("Heading 2", 12.5, 12),
        ("Heading 3", 11, 10),
    ):
        style = styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(*RED)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4)
    title = styles["Title"]
    title.font.name = "Arial"
    title.font.size = Pt(24)
    title.font.color.rgb = RGBColor(*RED)
    title.font.bold = True
    title_ppr = title.element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(border)
    title.paragraph_format.space_after = Pt(4)
    subtitle = styles["Subtitle"]
    subtitle.font.name = "Arial"
    subtitle.font.size = Pt(12)
    subtitle.font.italic = False
    subtitle.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    for spacing in subtitle.element.xpath("./w:rPr/w:spacing"):
        spacing.getparent().remove(spacing)
    caption = styles["Caption"]
    caption.font.name = "Arial"
    caption.font.size = Pt(8)
    caption.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    for name in ("Header", "Footer"):
        style = styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(8)
        style.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    _table_style(document)
    header = section.header.paragraphs[0]
    header.add_run().add_picture(str(logo), width=Inches(2.2))
    footer = section.footer.paragraphs[0]
    footer.style = styles["Footer"]
    tabs = footer.paragraph_format.tab_stops
    tabs.add_tab_stop(Inches(3.25), WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(Inches(6.5), WD_TAB_ALIGNMENT.RIGHT)
    footer.add_run(f"{OFFICE} \u00b7 For official use\tPage ")
    page = f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    footer._p.append(parse_xml(page))
    document.add_paragraph("Office template: briefgen writes its content in place of this text.")
    props = document.core_properties
    props.title, props.author, props.comments = "Regional Desk template", OFFICE, ""
    props.last_modified_by = OFFICE
    props.revision = 1
    props.created = props.modified = props.last_printed = dt.datetime(2009, 1, 1)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_fixed_dates(buffer.getvalue()))


def _fixed_dates(data: bytes) -> bytes:
    """Return the zip with fixed entry dates, so each run writes the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(2009, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def main() -> None:
    """Write examples/custom/logo.png and examples/custom/reference.docx."""
    logo = CUSTOM / "logo.png"
    make_logo(logo)
    make_reference(CUSTOM / "reference.docx", logo)
    for path in (logo, CUSTOM / "reference.docx"):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
