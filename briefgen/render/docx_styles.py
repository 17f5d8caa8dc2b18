"""The Word styles a briefing uses: the house style's own, or an office template's by name.

With briefgen's own styles (no reference document) Normal, the headings, title and lists are
set from the house style and briefgen's own styles are added. With a reference document every
style the template defines is used as it is, and only the missing ones are added, without
naming any font (they inherit the template's).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, nsmap, qn
from docx.parts.numbering import NumberingPart
from docx.shared import Length, Mm, Pt
from docx.styles import BabelFish
from docx.styles.style import StyleFactory
from lxml import etree

from briefgen.render import docx_xml as ox
from briefgen.render.docx_tables import box_style_xml, table_style_xml
from briefgen.render.fonts import WORD_NAMES
from briefgen.render.style import Style

_NS = nsdecls("w")


@dataclass(frozen=True)
class WordStyles:
    """The style ids a briefing's paragraphs, runs and tables use in one document."""

    title: str
    subtitle: str
    headings: tuple[str, ...]
    byline: str
    header: str
    footer: str
    cell: str
    source: str
    caption: str
    figure_title: str
    toc_title: str
    toc: tuple[str, str]
    code: str
    quote: str
    bullets: tuple[str, str]
    numbers: tuple[str, str]
    table: str
    box: str
    link: str
    citation: str


# Every style name of the template in one call into lxml, as plain strings, and the style of
# the name found in a second: find_style is asked for 30-odd styles, and walking the
# template's 160 style elements in Python for each was a third of the DOCX's styling time.
_W = {"w": nsmap["w"]}
_STYLE_NAMES = etree.XPath("w:style/w:name/@w:val", namespaces=_W, smart_strings=False)
_STYLE_NAMED = etree.XPath("w:style[w:name/@w:val = $name][1]", namespaces=_W)


def find_style(word: Any, name: str) -> Any | None:
    """Return the style element named `name` (Word's names ignore case), or None."""
    wanted = name.lower()
    styles = word.styles.element
    for value in _STYLE_NAMES(styles):
        if value.lower() == wanted:
            # The first name that matches belongs to the first style that has it.
            return _STYLE_NAMED(styles, name=value)[0]
    return None


def add_style(word: Any, name: str, style_type: WD_STYLE_TYPE) -> Any:
    """Return a new style `name` of `style_type`, for a name find_style has not found.

    This is python-docx's `styles.add_style` without its own check that the name is free,
    which reads the name of every style of the template again for each style added (a third
    of the styling time). find_style's check is the wider one: python-docx's internal names
    differ from the names users see only in case (`heading 1`, `Heading 1`).
    """
    return StyleFactory(
        word.styles.element.add_style_of_type(BabelFish.ui2internal(name), style_type, False)
    )


def define_styles(
    word: Any, s: Style, text_width: Length, *, own: bool, mono: bool = True
) -> WordStyles:
    """Return the styles to use, setting up or adding them as the mode requires.

    `mono`: the document shows code, so the code style names the monospaced family.
    """
    fonts = _Fonts.of(s) if own else None
    if own:
        _house_builtins(word, s)
    maker = _Maker(word, s, fonts, own)
    headings = tuple(maker.heading(level) for level in range(1, 5))
    small_font = fonts.head if fonts else None
    header = maker.paragraph("Header", small_font, s.fonts.small, s.colors.muted, replace=own)
    footer = maker.paragraph("Footer", small_font, s.fonts.small, s.colors.muted, replace=own)
    byline = maker.paragraph("Briefing Byline", small_font, s.fonts.small + 0.5, s.colors.muted)
    cell = maker.paragraph("Briefing Table Text", small_font, s.table.font_size, None, compact=True)
    source = maker.paragraph("Briefing Source", small_font, s.fonts.small, s.colors.text)
    caption = maker.paragraph("Caption", small_font, s.fonts.small, s.colors.muted, replace=own)
    figure_title = maker.paragraph(
        "Briefing Figure Title", small_font, s.fonts.size - 0.5, s.colors.heading
    )
    toc_title = maker.paragraph(
        "Briefing Contents Title", small_font, s.heading_size(3), s.colors.heading
    )
    toc = (
        maker.paragraph("toc 1", small_font, s.fonts.size - 0.5, s.colors.text, replace=own),
        maker.paragraph("toc 2", small_font, s.fonts.size - 0.5, s.colors.text, replace=own),
    )
    code_font = fonts.mono if fonts and mono else None
    code = maker.paragraph("Briefing Code", code_font, s.fonts.size - 1.5, s.colors.text)
    if maker.added("Briefing Byline"):
        ox.borders(_ppr(word, byline), "w:pBdr", {"bottom": (1.2, s.colors.accent)})
        _spacing(word, byline, after=14)
    if maker.added("Briefing Source"):
        _indent(word, source, left=14, hanging=14)
        _spacing(word, source, after=2.5)
    if maker.added("Caption") or own:
        _set_italic(word, caption)
    for style_id in (figure_title, toc_title):
        if maker.added_id(style_id):
            _set_bold(word, style_id)
            word.styles.get_by_id(
                style_id, WD_STYLE_TYPE.PARAGRAPH
            ).paragraph_format.keep_with_next = True
    for level, style_id in enumerate(toc, start=1):
        if maker.added_id(style_id):
            st = word.styles.get_by_id(style_id, WD_STYLE_TYPE.PARAGRAPH)
            st.paragraph_format.space_after = Pt(2)
            st.paragraph_format.left_indent = Pt(0 if level == 1 else 14)
            st.paragraph_format.tab_stops.add_tab_stop(
                text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
            )
            if level == 1:
                st.font.bold = True
    if maker.added("Briefing Code"):
        ox.shade(
            word.styles.get_by_id(code, WD_STYLE_TYPE.PARAGRAPH).element, s.colors.table_stripe
        )
    quote = maker.paragraph(
        "Quote", fonts.body if fonts else None, s.fonts.size, s.colors.text, replace=own
    )
    if maker.added_id(quote):
        st = word.styles.get_by_id(quote, WD_STYLE_TYPE.PARAGRAPH)
        st.paragraph_format.left_indent = Mm(12)
        st.font.italic = True
        ox.borders(st.element.get_or_add_pPr(), "w:pBdr", {"left": (2, s.colors.rule)})
    title = maker.paragraph(
        "Title", fonts.head if fonts else None, s.heading_size(1) + 7, s.colors.heading, replace=own
    )
    if maker.added_id(title):
        st = word.styles.get_by_id(title, WD_STYLE_TYPE.PARAGRAPH)
        st.font.bold = True
        st.paragraph_format.space_after = Pt(4)
        ppr = st.element.get_or_add_pPr()
        for old in ppr.findall(qn("w:pBdr")):
            ppr.remove(old)
    subtitle = maker.paragraph(
        "Subtitle", fonts.head if fonts else None, s.fonts.size + 2.5, s.colors.muted, replace=own
    )
    if maker.added_id(subtitle):
        st = word.styles.get_by_id(subtitle, WD_STYLE_TYPE.PARAGRAPH)
        st.font.italic = False
        # The stock Subtitle is letter-spaced; house styles want it set like the text.
        for spacing in st.element.xpath("./w:rPr/w:spacing"):
            spacing.getparent().remove(spacing)
    bullets, numbers = _list_styles(word, own)
    link = maker.character("Hyperlink", s.colors.link, underline=True, replace=own)
    citation = maker.character("Briefing Citation", s.colors.link, underline=False)
    head = fonts.head if fonts else None
    table = maker.table(s.word.table_style, table_style_xml(s, head, own=own))
    box = maker.table(s.word.box_style, box_style_xml(s, head))
    return WordStyles(
        title=title,
        subtitle=subtitle,
        headings=headings,
        byline=byline,
        header=header,
        footer=footer,
        cell=cell,
        source=source,
        caption=caption,
        figure_title=figure_title,
        toc_title=toc_title,
        toc=toc,
        code=code,
        quote=quote,
        bullets=bullets,
        numbers=numbers,
        table=table,
        box=box,
        link=link,
        citation=citation,
    )


@dataclass(frozen=True)
class _Fonts:
    """The Word names of the house style's three families."""

    body: str
    head: str
    mono: str

    @classmethod
    def of(cls, s: Style) -> _Fonts:
        return cls(WORD_NAMES[s.fonts.body], WORD_NAMES[s.fonts.heading], WORD_NAMES[s.fonts.mono])


def _house_builtins(word: Any, s: Style) -> None:
    """Set the document defaults and Normal from the house style (own styles only)."""
    body_font = WORD_NAMES[s.fonts.body]
    normal = word.styles["Normal"]
    fmt = normal.paragraph_format
    fmt.space_after = Pt(s.fonts.size * 0.65)
    fmt.line_spacing = s.fonts.leading * 0.86  # Word's "single" is already ~1.16 em
    fmt.widow_control = True
    normal_rpr = normal.element.rPr
    if normal_rpr is not None:
        normal.element.remove(normal_rpr)
    ox.set_fonts(normal.element, body_font)
    rpr = word.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is not None:
        remove = ("w:rFonts", "w:lang", "w:sz", "w:szCs", "w:color")
        for old in [el for tag in remove for el in rpr.findall(qn(tag))]:
            rpr.remove(old)
        # Font, size and colour of the text sit in the document defaults, not in Normal:
        # Word and LibreOffice rank a table style above the defaults but below Normal, so
        # only then can a table style's header row set its own colour.
        slots = " ".join(f'w:{k}="{body_font}"' for k in ("ascii", "hAnsi", "cs", "eastAsia"))
        size = round(s.fonts.size * 2)
        colour = s.colors.text.lstrip("#").upper()
        rpr.append(parse_xml(f"<w:rFonts {_NS} {slots}/>"))
        rpr.append(parse_xml(f'<w:color {_NS} w:val="{colour}"/>'))
        rpr.append(parse_xml(f'<w:sz {_NS} w:val="{size}"/>'))
        rpr.append(parse_xml(f'<w:szCs {_NS} w:val="{size}"/>'))
        rpr.append(parse_xml(f'<w:lang {_NS} w:val="{s.identity.language}"/>'))
    # Bullets of the stock template are Symbol-font glyphs; the carried fonts have the real ones.
    for level in _numbering(word).iter(qn("w:lvl")):
        fonts = level.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is None or fonts.get(qn("w:ascii")) in WORD_NAMES.values():
            continue
        fonts.getparent().remove(fonts)
        text = level.find(qn("w:lvlText"))
        if text is not None and not str(text.get(qn("w:val"), "")).count("%"):
            text.set(
                qn("w:val"), "\u2022" if level.get(qn("w:ilvl")) in ("0", "3", "6") else "\u2013"
            )
    # Styles of the stock template that name fonts briefgen does not carry inherit instead.
    for fonts in word.styles.element.iter(qn("w:rFonts")):
        for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            if fonts.get(qn(slot)) not in (None, *WORD_NAMES.values()):
                del fonts.attrib[qn(slot)]
        for slot in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(slot), None)


class _Maker:
    """Find or add styles; remembers which ones it added (those it may shape further)."""

    def __init__(self, word: Any, s: Style, fonts: _Fonts | None, own: bool) -> None:
        self.word, self.s, self.fonts, self.own = word, s, fonts, own
        self.new: set[str] = set()

    def added(self, name: str) -> bool:
        element = find_style(self.word, name)
        return element is not None and element.get(qn("w:styleId")) in self.new

    def added_id(self, style_id: str) -> bool:
        return style_id in self.new

    def paragraph(
        self,
        name: str,
        font: str | None,
        size: float,
        colour: str | None,
        *,
        replace: bool = False,
        compact: bool = False,
    ) -> str:
        """Return the id of paragraph style `name`, adding it (or, with `replace`, setting it)."""
        element = find_style(self.word, name)
        if element is not None and not replace:
            return str(element.get(qn("w:styleId")))
        if element is None:
            style = add_style(self.word, name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.word.styles["Normal"]
        else:
            style = self.word.styles.get_by_id(
                element.get(qn("w:styleId")), WD_STYLE_TYPE.PARAGRAPH
            )
        if font:
            ox.set_fonts(style.element, font)
        style.font.size = Pt(size)
        if colour:
            style.font.color.rgb = ox.hex_color(colour)
        style.paragraph_format.line_spacing = 1.0 if compact else 1.15
        if compact:
            style.paragraph_format.space_after = Pt(0)
        self.new.add(style.style_id)
        return str(style.style_id)

    def heading(self, level: int) -> str:
        s = self.s
        name = f"Heading {level}"
        if find_style(self.word, name) is not None and not self.own:
            return str(find_style(self.word, name).get(qn("w:styleId")))  # type: ignore[union-attr]
        style_id = self.paragraph(
            name,
            self.fonts.head if self.fonts else None,
            s.heading_size(level),
            s.colors.heading,
            replace=True,
        )
        h = self.word.styles.get_by_id(style_id, WD_STYLE_TYPE.PARAGRAPH)
        h.font.bold = level < 4
        h.font.italic = level >= 4
        h.font.all_caps = level == 1 and s.headings.uppercase_h1
        h.paragraph_format.space_before = Pt(s.heading_space(level))
        h.paragraph_format.space_after = Pt(5)
        h.paragraph_format.keep_with_next = True
        h.paragraph_format.line_spacing = 1.0
        ppr = h.element.get_or_add_pPr()
        if ppr.find(qn("w:outlineLvl")) is None:
            level_xml = parse_xml(f'<w:outlineLvl {_NS} w:val="{level - 1}"/>')
            ppr.insert_element_before(level_xml, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr")
        if level == 1 and s.headings.rule_under_h1:
            ox.borders(ppr, "w:pBdr", {"bottom": (0.5, s.colors.rule)})
        return style_id

    def character(self, name: str, colour: str, *, underline: bool, replace: bool = False) -> str:
        element = find_style(self.word, name)
        if element is not None and element.get(qn("w:type")) == "character" and not replace:
            return str(element.get(qn("w:styleId")))
        if element is None:
            style = add_style(self.word, name, WD_STYLE_TYPE.CHARACTER)
        else:
            style = self.word.styles.get_by_id(
                element.get(qn("w:styleId")), WD_STYLE_TYPE.CHARACTER
            )
        style.font.color.rgb = ox.hex_color(colour)
        style.font.underline = underline
        self.new.add(style.style_id)
        return str(style.style_id)

    def table(self, name: str, xml: str) -> str:
        element = find_style(self.word, name)
        if element is not None and element.get(qn("w:type")) == "table":
            return str(element.get(qn("w:styleId")))
        style_id = "".join(ch for ch in name if ch.isalnum()) or "BriefingTable"
        self.word.styles.element.append(parse_xml(xml.format(id=style_id, name=name)))
        self.new.add(style_id)
        return style_id


def _ppr(word: Any, style_id: str) -> Any:
    return word.styles.get_by_id(style_id, WD_STYLE_TYPE.PARAGRAPH).element.get_or_add_pPr()


def _spacing(word: Any, style_id: str, after: float) -> None:
    word.styles.get_by_id(style_id, WD_STYLE_TYPE.PARAGRAPH).paragraph_format.space_after = Pt(
        after
    )


def _indent(word: Any, style_id: str, left: float, hanging: float) -> None:
    fmt = word.styles.get_by_id(style_id, WD_STYLE_TYPE.PARAGRAPH).paragraph_format
    fmt.left_indent = Pt(left)
    fmt.first_line_indent = Pt(-hanging)


def _set_italic(word: Any, style_id: str) -> None:
    word.styles.get_by_id(style_id, WD_STYLE_TYPE.PARAGRAPH).font.italic = True


def _set_bold(word: Any, style_id: str) -> None:
    word.styles.get_by_id(style_id, WD_STYLE_TYPE.PARAGRAPH).font.bold = True


_BULLET_ABSTRACT = (
    '<w:abstractNum {ns} w:abstractNumId="{id}"><w:multiLevelType w:val="hybridMultilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2013"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
    "</w:abstractNum>"
)
_NUMBER_ABSTRACT = (
    '<w:abstractNum {ns} w:abstractNumId="{id}"><w:multiLevelType w:val="hybridMultilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
    "</w:abstractNum>"
)


def _list_styles(word: Any, own: bool) -> tuple[tuple[str, str], tuple[str, str]]:
    """Return the bullet and number list style ids (level 1, level 2), adding missing ones."""
    found: dict[str, str | None] = {}
    for name in ("List Bullet", "List Bullet 2", "List Number", "List Number 2"):
        element = find_style(word, name)
        numpr = None if element is None else element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        found[name] = (
            None if element is None or numpr is None else str(element.get(qn("w:styleId")))
        )
    if all(found.values()):
        for name in found:
            word.styles[name].paragraph_format.space_after = (
                Pt(2) if own else word.styles[name].paragraph_format.space_after
            )
        return (found["List Bullet"], found["List Bullet 2"]), (
            found["List Number"],
            found["List Number 2"],
        )  # type: ignore[return-value]
    numbering = _numbering(word)
    ids = [int(x) for x in numbering.xpath("./w:abstractNum/@w:abstractNumId")] or [0]
    made = {}
    for kind, template in (("bullet", _BULLET_ABSTRACT), ("number", _NUMBER_ABSTRACT)):
        abstract_id = max(ids) + 1
        ids.append(abstract_id)
        abstract = parse_xml(template.format(ns=_NS, id=abstract_id))
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        made[kind] = int(numbering.add_num(abstract_id).numId)
    result = {}
    for name, kind, level in (
        ("List Bullet", "bullet", 0),
        ("List Bullet 2", "bullet", 1),
        ("List Number", "number", 0),
        ("List Number 2", "number", 1),
    ):
        if found[name]:
            result[name] = found[name]
            continue
        name_new = f"Briefing {name}"
        element = find_style(word, name_new)
        if element is None:
            style = add_style(word, name_new, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = word.styles["Normal"]
            style.paragraph_format.space_after = Pt(2)
            numpr = style.element.get_or_add_pPr().get_or_add_numPr()
            numpr.get_or_add_ilvl().val = level
            numpr.get_or_add_numId().val = made[kind]
            element = style.element
        result[name] = str(element.get(qn("w:styleId")))
    return (result["List Bullet"], result["List Bullet 2"]), (
        result["List Number"],
        result["List Number 2"],
    )  # type: ignore[return-value]


def _numbering(word: Any) -> Any:
    """Return the numbering part's root element, adding the part when the document has none."""
    part = word.part
    try:
        return part.part_related_by(RT.NUMBERING).element
    except KeyError:
        element = parse_xml(f"<w:numbering {_NS}/>")
        numbering = NumberingPart(
            PackURI("/word/numbering.xml"), CT.WML_NUMBERING, element, part.package
        )
        part.relate_to(numbering, RT.NUMBERING)
        return numbering.element
