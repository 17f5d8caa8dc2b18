"""The Word styles of a house style: Normal, headings and title adjusted, briefgen's own added."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt

from briefgen.render import docx_xml as ox
from briefgen.render.fonts import WORD_NAMES
from briefgen.render.style import Style


@dataclass(frozen=True)
class WordStyles:
    """briefgen's own paragraph styles in one document (python-docx style objects)."""

    small: Any
    byline: Any
    cell: Any
    note: Any
    caption: Any
    figure_title: Any
    toc: Any
    code: Any


def define_styles(word: Any, s: Style, text_width: Length) -> WordStyles:
    """Set up Normal, headings, title and list styles and add briefgen's own; return the latter."""
    styles = word.styles
    body_font = WORD_NAMES[s.fonts.body]
    head_font = WORD_NAMES[s.fonts.heading]
    normal = styles["Normal"]
    normal.font.name = body_font
    ox.set_fonts(normal.element, body_font)
    normal.font.size = Pt(s.fonts.size)
    normal.font.color.rgb = ox.hex_color(s.colors.text)
    fmt = normal.paragraph_format
    fmt.space_after = Pt(s.fonts.size * 0.65)
    fmt.line_spacing = s.fonts.leading * 0.86  # Word's "single" is already ~1.16 em
    fmt.widow_control = True
    for level in range(1, 5):
        h = styles[f"Heading {level}"]
        h.font.name = head_font
        ox.set_fonts(h.element, head_font)
        h.font.size = Pt(s.heading_size(level))
        h.font.bold = level < 4
        h.font.italic = level >= 4
        h.font.all_caps = level == 1 and s.headings.uppercase_h1
        h.font.color.rgb = ox.hex_color(s.colors.heading)
        h.paragraph_format.space_before = Pt(s.heading_space(level))
        h.paragraph_format.space_after = Pt(5)
        h.paragraph_format.keep_with_next = True
        if level == 1 and s.headings.rule_under_h1:
            ox.borders(h.element.get_or_add_pPr(), "w:pBdr", {"bottom": (0.5, s.colors.rule)})
    title = styles["Title"]
    title.font.name = head_font
    ox.set_fonts(title.element, head_font)
    title.font.size = Pt(s.heading_size(1) + 7)
    title.font.bold = True
    title.font.color.rgb = ox.hex_color(s.colors.heading)
    title.paragraph_format.space_after = Pt(4)
    ppr = title.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)
    subtitle = styles["Subtitle"]
    subtitle.font.name = head_font
    ox.set_fonts(subtitle.element, head_font)
    subtitle.font.size = Pt(s.fonts.size + 2.5)
    subtitle.font.italic = False
    # The stock Subtitle is letter-spaced; house styles want it set like the text.
    for spacing in subtitle.element.xpath("./w:rPr/w:spacing"):
        spacing.getparent().remove(spacing)
    subtitle.font.color.rgb = ox.hex_color(s.colors.muted)
    small = _paragraph_style(word, "Briefing Small", head_font, s.fonts.small, s.colors.muted)
    byline = _paragraph_style(
        word, "Briefing Byline", head_font, s.fonts.small + 0.5, s.colors.muted
    )
    ox.borders(byline.element.get_or_add_pPr(), "w:pBdr", {"bottom": (1.2, s.colors.accent)})
    byline.paragraph_format.space_after = Pt(14)
    cell = _paragraph_style(word, "Briefing Table", head_font, s.table.font_size, s.colors.text)
    cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.line_spacing = 1.0
    note = _paragraph_style(word, "Briefing Source", head_font, s.fonts.small, s.colors.text)
    note.paragraph_format.left_indent = Pt(14)
    note.paragraph_format.first_line_indent = Pt(-14)
    note.paragraph_format.space_after = Pt(2.5)
    caption = _paragraph_style(word, "Briefing Caption", head_font, s.fonts.small, s.colors.muted)
    caption.font.italic = True
    figure_title = _paragraph_style(
        word, "Briefing Figure Title", head_font, s.fonts.size - 0.5, s.colors.heading
    )
    figure_title.font.bold = True
    figure_title.paragraph_format.keep_with_next = True
    toc = _paragraph_style(word, "Briefing Contents", head_font, s.fonts.size - 0.5, s.colors.text)
    toc.paragraph_format.space_after = Pt(2)
    toc.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    quote = styles["Quote"]
    quote.font.name = body_font
    quote.font.color.rgb = ox.hex_color(s.colors.text)
    quote.paragraph_format.left_indent = Mm(12)
    ox.borders(quote.element.get_or_add_pPr(), "w:pBdr", {"left": (2, s.colors.rule)})
    code = _paragraph_style(
        word, "Briefing Code", WORD_NAMES[s.fonts.mono], s.fonts.size - 1.5, s.colors.text
    )
    ox.shade(code.element, s.colors.table_stripe)
    for name in ("List Bullet", "List Bullet 2", "List Number", "List Number 2"):
        styles[name].paragraph_format.space_after = Pt(2)
    return WordStyles(small, byline, cell, note, caption, figure_title, toc, code)


def _paragraph_style(word: Any, name: str, font: str, size: float, colour: str) -> Any:
    style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = word.styles["Normal"]
    style.font.name = font
    ox.set_fonts(style.element, font)
    style.font.size = Pt(size)
    style.font.color.rgb = ox.hex_color(colour)
    style.paragraph_format.line_spacing = 1.15
    return style
