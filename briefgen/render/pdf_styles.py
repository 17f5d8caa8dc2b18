"""Turn a house style into reportlab paragraph and table styles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from briefgen.render.fonts import family
from briefgen.render.style import Style

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


@dataclass(frozen=True)
class Styles:
    """The reportlab styles of one house style."""

    body: ParagraphStyle
    list_body: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    byline: ParagraphStyle
    headings: tuple[ParagraphStyle, ...]
    toc_title: ParagraphStyle
    toc: ParagraphStyle
    quote: ParagraphStyle
    code: ParagraphStyle
    caption: ParagraphStyle
    figure_title: ParagraphStyle
    note: ParagraphStyle
    cells: dict[str, ParagraphStyle]
    header_cells: dict[str, ParagraphStyle]
    facts_title: ParagraphStyle
    facts_label: ParagraphStyle
    facts_value: ParagraphStyle
    table_commands: tuple[tuple[Any, ...], ...]
    quote_table: TableStyle
    accent: colors.Color
    rule_color: colors.Color
    facts_bg: colors.Color
    heading_family: str
    mono_font: str

    def cell_for(self, align: str) -> ParagraphStyle:
        """Return the body-cell style for a column alignment."""
        return self.cells.get(align, self.cells["left"])

    def cell_header_for(self, align: str) -> ParagraphStyle:
        """Return the header-cell style for a column alignment."""
        return self.header_cells.get(align, self.header_cells["left"])

    def facts_table(self, rows: int, titled: bool = True) -> TableStyle:
        """Return the table style of a key-facts box with `rows` rows (title row included)."""
        commands: list[tuple[Any, ...]] = [
            ("BACKGROUND", (0, 0), (-1, -1), self.facts_bg),
            ("LINEBEFORE", (0, 0), (0, -1), 3, self.accent),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ("RIGHTPADDING", (0, 0), (-1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("TOPPADDING", (0, 0), (-1, 0), 8),
            ("BOTTOMPADDING", (0, rows - 1), (-1, rows - 1), 9),
        ]
        if titled:
            commands += [
                ("SPAN", (0, 0), (1, 0)),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, self.rule_color),
                ("BOTTOMPADDING", (0, rows - 1), (-1, rows - 1), 9),
            ]
        return TableStyle(commands)


def make_styles(style: Style) -> Styles:
    """Return the reportlab styles for `style`."""
    f = style.fonts
    c = style.colors
    body_font = family(f.body)
    head = f.heading
    text = colors.HexColor(c.text)
    muted = colors.HexColor(c.muted)
    heading_color = colors.HexColor(c.heading)
    leading = f.size * f.leading
    body = ParagraphStyle(
        "body",
        fontName=body_font,
        fontSize=f.size,
        leading=leading,
        textColor=text,
        spaceAfter=f.size * 0.65,
        splitLongWords=1,
        allowWidows=0,
        allowOrphans=0,
    )
    list_body = ParagraphStyle("list_body", parent=body, spaceAfter=2)
    headings = []
    for level in range(1, 5):
        size = style.heading_size(level)
        headings.append(
            ParagraphStyle(
                f"h{level}",
                parent=body,
                fontName=family(head, bold=level < 4, italic=level >= 4),
                fontSize=size,
                leading=size * 1.25,
                textColor=heading_color,
                spaceBefore=style.heading_space(level),
                spaceAfter=4 if level == 1 and style.headings.rule_under_h1 else 5,
                keepWithNext=1,
            )
        )
    small = ParagraphStyle("small", parent=body, fontName=family(head), fontSize=f.small)
    small = ParagraphStyle("small2", parent=small, leading=f.small * 1.35, textColor=muted)
    cells: dict[str, ParagraphStyle] = {}
    header_cells: dict[str, ParagraphStyle] = {}
    ts = style.table.font_size
    for name, align in _ALIGN.items():
        cells[name] = ParagraphStyle(
            f"cell-{name}",
            parent=body,
            fontName=family(head),
            fontSize=ts,
            leading=ts * 1.3,
            spaceAfter=0,
            alignment=align,
        )
        header_cells[name] = ParagraphStyle(
            f"hcell-{name}",
            parent=cells[name],
            fontName=family(head, bold=True),
            textColor=colors.HexColor(c.table_header_text),
        )
    rule = colors.HexColor(c.rule)
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(c.table_header_bg)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("TOPPADDING", (0, 0), (-1, 0), 4.5),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 4.5),
    ]
    if style.table.grid == "rows":
        commands += [
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, rule),
            ("LINEBELOW", (0, -1), (-1, -1), 0.8, heading_color),
        ]
    elif style.table.grid == "full":
        commands.append(("GRID", (0, 0), (-1, -1), 0.4, rule))
    accent = colors.HexColor(c.accent)
    quote = ParagraphStyle(
        "quote",
        parent=body,
        fontName=family(f.body, italic=True),
        textColor=colors.HexColor(c.text),
        spaceAfter=3,
    )
    return Styles(
        body=body,
        list_body=list_body,
        title=ParagraphStyle(
            "title",
            parent=body,
            fontName=family(head, bold=True),
            fontSize=style.heading_size(1) + 7,
            leading=(style.heading_size(1) + 7) * 1.18,
            textColor=heading_color,
            spaceAfter=4,
        ),
        subtitle=ParagraphStyle(
            "subtitle",
            parent=body,
            fontName=family(head),
            fontSize=f.size + 2.5,
            leading=(f.size + 2.5) * 1.3,
            textColor=muted,
            spaceAfter=6,
        ),
        byline=ParagraphStyle("byline", parent=small, fontSize=f.small + 0.5, spaceAfter=5),
        headings=tuple(headings),
        toc_title=ParagraphStyle(
            "toc_title",
            parent=headings[2],
            spaceBefore=4,
            spaceAfter=6,
        ),
        toc=ParagraphStyle("toc", parent=body, fontName=family(head), fontSize=f.size - 0.5),
        quote=quote,
        code=ParagraphStyle(
            "code",
            parent=body,
            fontName=family(f.mono),
            fontSize=f.size - 1.5,
            leading=(f.size - 1.5) * 1.35,
            backColor=colors.HexColor(c.table_stripe),
            borderPadding=5,
            spaceBefore=4,
            spaceAfter=10,
        ),
        caption=ParagraphStyle("caption", parent=small, fontName=family(head, italic=True)),
        figure_title=ParagraphStyle(
            "figure_title",
            parent=body,
            fontName=family(head, bold=True),
            fontSize=f.size - 0.5,
            textColor=heading_color,
            spaceBefore=6,
            spaceAfter=4,
            keepWithNext=1,
        ),
        note=ParagraphStyle(
            "note",
            parent=small,
            textColor=text,
            leftIndent=14,
            firstLineIndent=-14,
            spaceAfter=2.5,
        ),
        cells=cells,
        header_cells=header_cells,
        facts_title=ParagraphStyle(
            "facts_title",
            parent=cells["left"],
            fontName=family(head, bold=True),
            fontSize=f.size,
            leading=f.size * 1.3,
            textColor=heading_color,
        ),
        facts_label=ParagraphStyle(
            "facts_label", parent=cells["left"], fontName=family(head, bold=True), fontSize=ts + 0.5
        ),
        facts_value=ParagraphStyle("facts_value", parent=cells["left"], fontSize=ts + 0.5),
        table_commands=tuple(commands),
        quote_table=TableStyle(
            [
                ("LINEBEFORE", (0, 0), (0, -1), 2, rule),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        ),
        accent=accent,
        rule_color=rule,
        facts_bg=colors.HexColor(c.keyfacts_bg),
        heading_family=head,
        mono_font=family(f.mono),
    )
