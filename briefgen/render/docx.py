"""Render a Document to DOCX with python-docx: real heading styles, TOC field, page fields."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from briefgen.document import (
    Block,
    BlockQuote,
    BulletList,
    CodeBlock,
    Document,
    Figure,
    Heading,
    KeyFacts,
    NumberedList,
    PageBreak,
    Paragraph,
    Rule,
    Runs,
    Table,
    plain_text,
    xml_safe,
)
from briefgen.errors import RenderError
from briefgen.render import docx_xml as ox
from briefgen.render.chart import chart_png
from briefgen.render.docx_styles import define_styles
from briefgen.render.fonts import WORD_NAMES
from briefgen.render.layout import author, column_widths, format_date, page_text, toc_entries
from briefgen.render.style import Style

_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER}
_ALIGN["right"] = WD_ALIGN_PARAGRAPH.RIGHT
_SLOT = re.compile(r"(\{page\}|\{pages\})")
_NS = nsdecls("w", "r")
_CELL_MARGINS = (
    '<w:tblCellMar><w:top w:w="50" w:type="dxa"/><w:left w:w="90" w:type="dxa"/>'
    '<w:bottom w:w="60" w:type="dxa"/><w:right w:w="90" w:type="dxa"/></w:tblCellMar>'
)


def _bookmark_name(anchor: str) -> str:
    # Word bookmark names allow letters, digits and underscores only.
    return "_" + re.sub(r"\W", "_", anchor)


class DocxRenderer:
    """Render documents to Word (DOCX)."""

    name = "docx"
    suffix = ".docx"

    def render(self, document: Document, style: Style, *, created: dt.datetime) -> bytes:
        """Return the DOCX of `document` in `style`, stamped with `created`."""
        try:
            return _DocxBuild(document, style, created).run()
        except RenderError:
            raise
        except (ValueError, KeyError, OSError) as exc:
            raise RenderError(f"DOCX build failed: {type(exc).__name__}: {exc}") from exc


class _DocxBuild:
    """One rendering of one document."""

    def __init__(self, document: Document, style: Style, created: dt.datetime) -> None:
        self.doc = document
        self.style = style
        self.created = created
        self.word = docx.Document()
        self.bookmarks = 0
        self.style_ids: dict[str, str] = {}
        width_mm, _ = style.page_mm()
        page = style.page
        self.text_width = Mm(width_mm - page.margin_left - page.margin_right)
        self.anchors = {h.anchor for h in document.headings()}
        self.anchors |= {f"note-{n.number}" for n in document.notes}

    def run(self) -> bytes:
        self.page_setup()
        self.named = define_styles(self.word, self.style, self.text_width)
        self.furniture()
        self.metadata()
        self.title_block()
        entries = toc_entries(self.doc, self.style)
        if entries:
            self.contents(entries)
        for block in self.doc.blocks:
            self.block(block)
        if self.doc.notes:
            self.notes()
        out = io.BytesIO()
        self.word.save(out)
        return ox.normalize_zip(out.getvalue(), self.created)

    # --- setup --------------------------------------------------------------------------------

    def page_setup(self) -> None:
        width, height = self.style.page_mm()
        page = self.style.page
        section = self.word.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.top_margin, section.bottom_margin = Mm(page.margin_top), Mm(page.margin_bottom)
        section.left_margin, section.right_margin = Mm(page.margin_left), Mm(page.margin_right)
        section.header_distance = Mm(8)
        section.footer_distance = Mm(7)
        section.different_first_page_header_footer = True

    def add(self, text: str = "", style: Any = None) -> DocxParagraph:
        """Append a body paragraph; style ids are looked up once (python-docx is slow at it)."""
        para = self.word.add_paragraph()
        if style is not None:
            key = style if isinstance(style, str) else style.name
            style_id = self.style_ids.get(key)
            if style_id is None:
                obj = self.word.styles[style] if isinstance(style, str) else style
                style_id = self.style_ids[key] = obj.style_id
            para._p.get_or_add_pPr().style = style_id
        if text:
            para.add_run(text)
        return para

    def metadata(self) -> None:
        meta = self.doc.meta
        props = self.word.core_properties
        # Word caps each core property at 255 characters.
        props.title = xml_safe(meta.title)[:255]
        props.author = xml_safe(author(meta))[:255]
        props.subject = xml_safe(meta.subject or meta.subtitle)[:255]
        props.keywords = xml_safe(", ".join(meta.keywords))[:255]
        props.last_modified_by = xml_safe(author(meta))[:255]
        props.comments = ""
        props.category = xml_safe(meta.classification)[:255]
        stamp = self.created.replace(tzinfo=None)
        props.created = stamp
        props.modified = stamp
        props.last_printed = stamp
        props.revision = 1

    # --- page furniture -----------------------------------------------------------------------

    def furniture(self) -> None:
        section = self.word.sections[0]
        t = self.style.text
        for header, running in ((section.first_page_header, False), (section.header, True)):
            para = header.paragraphs[0]
            self.banner(para)
            if running:
                line = header.add_paragraph(style=self.named.small)
                self.slots(line, t.header_left, t.header_right)
                ox.borders(
                    line._p.get_or_add_pPr(), "w:pBdr", {"bottom": (0.5, self.style.colors.rule)}
                )
        for footer in (section.first_page_footer, section.footer):
            line = footer.paragraphs[0]
            line.style = self.named.small
            self.slots(line, t.footer_left, t.footer_right)
            ox.borders(line._p.get_or_add_pPr(), "w:pBdr", {"top": (0.5, self.style.colors.rule)})
            self.banner(footer.add_paragraph())

    def banner(self, para: DocxParagraph) -> None:
        classification = xml_safe(self.doc.meta.classification)
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_after = Pt(2)
        if not (self.style.banner.show and classification):
            return
        run = para.add_run(classification)
        run.bold = True
        run.font.size = Pt(self.style.fonts.small + 1)
        run.font.name = WORD_NAMES[self.style.fonts.heading]
        run.font.color.rgb = ox.hex_color(self.style.banner_color(classification))

    def slots(self, para: DocxParagraph, left: str, right: str) -> None:
        para.paragraph_format.tab_stops.add_tab_stop(self.text_width, WD_TAB_ALIGNMENT.RIGHT)
        para.paragraph_format.space_after = Pt(0)
        self.slot_text(para, left)
        para.add_run("\t")
        self.slot_text(para, right)

    def slot_text(self, para: DocxParagraph, template: str) -> None:
        for part in _SLOT.split(template):
            if part == "{page}":
                ox.add_field(para, "PAGE", "1")
            elif part == "{pages}":
                ox.add_field(para, "NUMPAGES", "1")
            elif part:
                para.add_run(xml_safe(page_text(part, self.doc.meta)))

    # --- body ---------------------------------------------------------------------------------

    def title_block(self) -> None:
        meta = self.doc.meta
        if self.style.logo.path:
            para = self.add()
            para.add_run().add_picture(self.style.logo.path, width=Mm(self.style.logo.width))
        if meta.title:
            self.add(xml_safe(meta.title), style="Title")
        if meta.subtitle:
            self.add(xml_safe(meta.subtitle), style="Subtitle")
        line = [x for x in (format_date(meta), meta.prepared_by) if x]
        if line or meta.title:
            self.word.add_paragraph(xml_safe("  \u00b7  ".join(line)), style=self.named.byline)

    def contents(self, entries: list[Heading]) -> None:
        # Styled like a heading but not one, so it stays out of the navigation pane and TOC.
        head = self.add(self.style.text.contents_title, style=self.named.figure_title)
        head.runs[0].font.size = Pt(self.style.heading_size(3))
        head.paragraph_format.space_before = Pt(4)
        # A TOC field whose cached result already lists the headings: readable before Word
        # updates it, and LibreOffice shows it as a real index.
        paras = [self.add(style=self.named.toc) for _ in entries]
        ox.field_char(paras[0], "begin", r'TOC \o "1-2" \h \z \u')
        ox.field_char(paras[0], "separate")
        for para, entry in zip(paras, entries, strict=True):
            if entry.level > 1:
                para.paragraph_format.left_indent = Pt(14)
            link = ox.hyperlink(para, anchor=_bookmark_name(entry.anchor))
            run = ox.run_in(link, para, xml_safe(plain_text(entry.runs)))
            run.bold = entry.level == 1
        ox.field_char(paras[-1], "end")
        paras[-1].paragraph_format.space_after = Pt(12)

    def block(self, block: Block, level: int = 0) -> None:
        if isinstance(block, Heading):
            para = self.add(style=f"Heading {min(block.level, 4)}")
            self.runs(para, block.runs)
            self.mark(para, block.anchor)
        elif isinstance(block, Paragraph):
            self.runs(self.add(), block.runs)
        elif isinstance(block, (BulletList, NumberedList)):
            self.list_block(block, level)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, BlockQuote):
            for inner in block.blocks:
                if isinstance(inner, Paragraph):
                    self.runs(self.add(style="Quote"), inner.runs)
                else:
                    self.block(inner, level)
        elif isinstance(block, KeyFacts):
            self.keyfacts(block)
        elif isinstance(block, Figure):
            self.figure(block)
        elif isinstance(block, CodeBlock):
            para = self.add(style=self.named.code)
            lines = xml_safe(block.text).split("\n")
            for i, line in enumerate(lines):
                run = para.add_run(line)
                if i < len(lines) - 1:
                    run.add_break()
        elif isinstance(block, Rule):
            para = self.add()
            ox.borders(
                para._p.get_or_add_pPr(), "w:pBdr", {"bottom": (0.5, self.style.colors.rule)}
            )
        elif isinstance(block, PageBreak):
            self.add().add_run().add_break(WD_BREAK.PAGE)
        else:  # pragma: no cover
            raise RenderError(f"cannot render block {type(block).__name__}")

    def list_block(self, block: BulletList | NumberedList, level: int) -> None:
        numbered = isinstance(block, NumberedList)
        style = ("List Number" if numbered else "List Bullet") + (" 2" if level else "")
        num_id: int | None = None
        if numbered:
            base = self.word.styles[style].element.pPr.numPr.numId.val
            numbering = self.word.part.numbering_part.element
            start = block.start if isinstance(block, NumberedList) else 1
            num_id = ox.restart_numbering(numbering, base, start)
        for item in block.items:
            first = True
            for inner in item.blocks:
                if isinstance(inner, Paragraph) and first:
                    para = self.add(style=style)
                    if num_id is not None:
                        ox.set_numbering(para, num_id, min(level, 1))
                    self.runs(para, inner.runs)
                    first = False
                else:
                    self.block(inner, level + 1)
            if first:  # an empty item still shows its bullet
                para = self.add(style=style)
                if num_id is not None:
                    ox.set_numbering(para, num_id, min(level, 1))
        if level == 0:
            last = self.word.element.body.sectPr.getprevious()
            if last is not None and last.tag == qn("w:p"):
                DocxParagraph(last, self.word._body).paragraph_format.space_after = Pt(6)

    def table(self, block: Table) -> None:
        """Append a table, written as one XML string: python-docx's cell API is far too slow."""
        cols = len(block.header)
        if cols == 0:
            return
        twips = [
            int(share * self.text_width / 635)
            for share in column_widths(
                block.header, block.rows, self.text_width.pt / (self.style.table.font_size * 0.56)
            )
        ]
        c = self.style.colors
        rule = self.style.colors.rule
        if self.style.table.grid == "rows":
            sides = {"insideH": (0.4, rule), "bottom": (0.8, c.heading)}
        elif self.style.table.grid == "full":
            edges = ("top", "left", "bottom", "right", "insideH", "insideV")
            sides = {side: (0.4, rule) for side in edges}
        else:
            sides = {}
        parts = [
            f'<w:tbl {_NS}><w:tblPr><w:tblW w:w="{sum(twips)}" w:type="dxa"/>',
            ox.borders_xml("w:tblBorders", sides),
            '<w:tblLayout w:type="fixed"/>',
            _CELL_MARGINS,
            "</w:tblPr><w:tblGrid>",
            *(f'<w:gridCol w:w="{w}"/>' for w in twips),
            "</w:tblGrid>",
        ]
        jcs = [f'<w:jc w:val="{a}"/>' if a in ("center", "right") else "" for a in block.align] + [
            ""
        ] * cols
        cell_style = self.named.cell.style_id
        for index, values in enumerate((block.header, *block.rows)):
            header = index == 0
            parts.append(
                "<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
            )
            fill = c.table_header_bg if header else None
            if not header and self.style.table.stripes and index % 2 == 0:
                fill = c.table_stripe
            shd = ox.shading_xml(fill) if fill else ""
            colour = c.table_header_text if header else None
            for col in range(cols):
                runs = values[col] if col < len(values) else ()
                parts.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{twips[col]}" w:type="dxa"/>{shd}</w:tcPr>'
                    f'<w:p><w:pPr><w:pStyle w:val="{cell_style}"/>{jcs[col]}</w:pPr>'
                    f"{self.runs_xml(runs, bold=header, colour=colour)}</w:p></w:tc>"
                )
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        self.word.element.body.sectPr.addprevious(parse_xml("".join(parts)))
        self.add().paragraph_format.space_after = Pt(2)

    def table_frame(self, table: DocxTable, grid: str) -> None:
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        tblpr = table._tbl.tblPr
        rule = self.style.colors.rule
        if grid == "rows":
            sides = {"insideH": (0.4, rule), "bottom": (0.8, self.style.colors.heading)}
        elif grid == "full":
            sides = {
                s: (0.4, rule) for s in ("top", "left", "bottom", "right", "insideH", "insideV")
            }
        else:
            sides = {}
        ox.borders(tblpr, "w:tblBorders", sides)
        margins = OxmlElement("w:tblCellMar")
        for side, value in (("top", 50), ("left", 90), ("bottom", 60), ("right", 90)):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:w"), str(value))
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        tblpr.append(margins)

    def keyfacts(self, block: KeyFacts) -> None:
        c = self.style.colors
        table = self.word.add_table(rows=1 + len(block.facts), cols=2)
        self.table_frame(table, grid="none")
        ox.borders(table._tbl.tblPr, "w:tblBorders", {"left": (3, c.accent)})
        label_width = int(0.32 * self.text_width)
        widths = [label_width, int(self.text_width) - label_width]
        title_cell = table.cell(0, 0).merge(table.cell(0, 1))
        para = title_cell.paragraphs[0]
        para._p.get_or_add_pPr().style = self.named.cell.style_id  # fast: no style lookup
        run = para.add_run(xml_safe(block.title))
        run.bold = True
        run.font.size = Pt(self.style.fonts.size)
        run.font.color.rgb = ox.hex_color(c.heading)
        para.paragraph_format.space_after = Pt(4)
        for index, row in enumerate(table.rows):
            ox.keep_row(row)
            for col, cell in enumerate(row.cells):
                ox.shade(cell._tc, c.keyfacts_bg)
                cell.width = widths[col]
            if index == 0:
                continue
            fact = block.facts[index - 1]
            label, value = row.cells
            lp = label.paragraphs[0]
            lp._p.get_or_add_pPr().style = self.named.cell.style_id  # fast: no style lookup
            lrun = lp.add_run(xml_safe(fact.label))
            lrun.bold = True
            vp = value.paragraphs[0]
            vp._p.get_or_add_pPr().style = self.named.cell.style_id  # fast: no style lookup
            self.runs(vp, fact.value)
        for col, column in enumerate(table.columns):
            column.width = widths[col]
        self.add().paragraph_format.space_after = Pt(4)

    def figure(self, block: Figure) -> None:
        if block.title:
            self.add(xml_safe(block.title), style=self.named.figure_title)
        width_pt = self.text_width.pt
        para = self.add()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.keep_with_next = bool(block.caption)
        if block.kind == "image":
            try:
                para.add_run().add_picture(block.image or "", width=None)
            except Exception as exc:
                raise RenderError(f"cannot read image {block.image}: {exc}") from None
            shape = self.word.inline_shapes[-1]
            if shape.width > self.text_width:
                ratio = self.text_width / shape.width
                shape.width = self.text_width
                shape.height = int(shape.height * ratio)
        else:
            png = chart_png(block, self.style, width_pt)
            para.add_run().add_picture(io.BytesIO(png), width=self.text_width)
        if block.caption:
            self.add(xml_safe(block.caption), style=self.named.caption)

    def notes(self) -> None:
        para = self.add(xml_safe(self.style.text.sources_title), style="Heading 2")
        self.mark(para, "sources")
        for note in self.doc.notes:
            line = self.add(style=self.named.note)
            line.add_run(f"{note.number}.\t")
            self.runs(line, note.runs)
            self.mark(line, f"note-{note.number}")

    def mark(self, para: DocxParagraph, anchor: str) -> None:
        self.bookmarks += 1
        ox.bookmark(para, _bookmark_name(anchor), self.bookmarks)

    def runs(
        self, para: DocxParagraph, runs: Runs, bold: bool = False, colour: str | None = None
    ) -> None:
        """Append inline runs to a paragraph: formatting, links and footnote references."""
        xml = self.runs_xml(runs, bold=bold, colour=colour)
        if xml:
            para._p.extend(parse_xml(f"<w:p {_NS}>{xml}</w:p>"))

    def runs_xml(self, runs: Runs, bold: bool = False, colour: str | None = None) -> str:
        """Return WordprocessingML for inline runs (built as text: it is many times faster)."""
        out: list[str] = []
        mono = WORD_NAMES[self.style.fonts.mono]
        link_colour = self.style.colors.link
        for run in runs:
            if run.text == "\n":
                out.append("<w:r><w:br/></w:r>")
                continue
            text = xml_safe(run.text)
            if run.note is not None:
                anchor = _bookmark_name(f"note-{run.note}")
                body = ox.run_xml(text, superscript=True)
                out.append(f'<w:hyperlink w:anchor="{anchor}">{body}</w:hyperlink>')
                continue
            target = xml_safe(run.link) if run.link else None
            if target and target.startswith("#") and target[1:] not in self.anchors:
                target = None
            body = ox.run_xml(
                text,
                bold=run.bold or bold,
                italic=run.italic,
                font=mono if run.code else None,
                colour=link_colour if target else colour,
                underline=bool(target),
            )
            if target and target.startswith("#"):
                out.append(
                    f'<w:hyperlink w:anchor="{_bookmark_name(target[1:])}">{body}</w:hyperlink>'
                )
            elif target:
                rel = self.word.part.relate_to(target, RT.HYPERLINK, is_external=True)
                out.append(f'<w:hyperlink r:id="{rel}">{body}</w:hyperlink>')
            else:
                out.append(body)
        return "".join(out)
