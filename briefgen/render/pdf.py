"""Render a Document to PDF with reportlab platypus: one pass, page furniture, outline and TOC."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import XMP
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    ListFlowable,
    ListItem,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus.flowables import HRFlowable

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
    Paragraph,
    Rule,
    Runs,
    plain_text,
    xml_safe,
)
from briefgen.document import PageBreak as PageBreakBlock
from briefgen.document import Table as TableBlock
from briefgen.errors import RenderError
from briefgen.render.chart import alt_text, chart_drawing
from briefgen.render.fonts import family
from briefgen.render.layout import (
    SOURCES_ANCHOR,
    author,
    byline,
    column_widths,
    drop_columns,
    has_back_matter,
    keyfacts_title,
    organization,
    other_notes,
    page_text,
    source_lines,
    toc_entries,
)
from briefgen.render.pdf_flowables import AltText, Contents, HeadingPara, State, Whole
from briefgen.render.pdf_meta import xmp_packet
from briefgen.render.pdf_styles import make_styles
from briefgen.render.style import Style
from briefgen.render.xml_text import escape, quoteattr

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


class PdfRenderer:
    """Render documents to PDF."""

    name = "pdf"
    suffix = ".pdf"

    def render(self, document: Document, style: Style, *, created: dt.datetime) -> bytes:
        """Return the PDF of `document` in `style`, stamped with `created`."""
        return _PdfBuild(document, style, created).run()


class _PdfBuild:
    """One rendering of one document: builds the flowables and the page furniture."""

    def __init__(self, document: Document, style: Style, created: dt.datetime) -> None:
        self.doc = document
        self.style = style
        self.created = created
        self.state = State()
        self.styles = make_styles(style)
        width_mm, height_mm = style.page_mm()
        self.page_size = (width_mm * mm, height_mm * mm)
        page = style.page
        self.frame_width = self.page_size[0] - (page.margin_left + page.margin_right) * mm
        self.frame_height = self.page_size[1] - (page.margin_top + page.margin_bottom) * mm
        self.anchors = {h.anchor for h in document.headings()}
        self.anchors |= {f"note-{n.number}" for n in document.notes}
        self.sources = source_lines(document, style)
        self.anchors |= {line.anchor for line in self.sources}
        if has_back_matter(document):
            self.anchors.add(SOURCES_ANCHOR)

    def run(self) -> bytes:
        meta = self.doc.meta
        out = io.BytesIO()
        page = self.style.page
        template = BaseDocTemplate(
            out,
            pagesize=self.page_size,
            leftMargin=page.margin_left * mm,
            rightMargin=page.margin_right * mm,
            topMargin=page.margin_top * mm,
            bottomMargin=page.margin_bottom * mm,
            title=meta.title,
            author=author(meta, self.style),
            subject=meta.subject or meta.subtitle,
            keywords=list(meta.keywords),
            creator="briefgen",
            invariant=1,
            pageCompression=1,
            lang=self.style.identity.language,
        )
        frame = Frame(
            template.leftMargin,
            template.bottomMargin,
            template.width,
            template.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self.furniture)])
        try:
            template.build(self.flowables(), canvasmaker=self.canvas_class())
        except RenderError:
            raise
        except Exception as exc:  # reportlab signals layout trouble with bare exceptions
            raise RenderError(f"PDF layout failed: {type(exc).__name__}: {exc}") from exc
        return out.getvalue()

    def xmp(self) -> str:
        """Return the XMP metadata packet of this document."""
        meta = self.doc.meta
        return xmp_packet(
            title=meta.title,
            author=author(meta, self.style),
            subject=meta.subject or meta.subtitle,
            keywords=meta.keywords,
            language=self.style.identity.language,
            classification=meta.classification,
            organization=organization(meta, self.style),
            created=self.created,
        )

    # --- page furniture ---------------------------------------------------------------------

    def canvas_class(self) -> type[Canvas]:
        build = self

        class _Canvas(Canvas):  # type: ignore[misc]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                stamp = build.created.strftime("D:%Y%m%d%H%M%S+00'00'")
                self._doc.info._dateFormatter = lambda *_: stamp

            def save(self) -> None:
                build.define_forms(self)
                self._doc.Catalog.Metadata = XMP(creator=lambda _doc: build.xmp().encode("utf-8"))
                super().save()

        return _Canvas

    def slot(self, canv: Canvas, name: str, template: str, page: int, x: float, y: float) -> None:
        """Draw a header/footer slot; one that shows `{pages}` becomes a form filled at save."""
        if not template:
            return
        align = "right" if name.endswith("right") else "left"
        if "{pages}" in template:
            canv.saveState()
            canv.translate(x, y)
            canv.doForm(f"{name}-{page}")
            canv.restoreState()
            return
        text = self.fit(page_text(template, self.doc.meta, self.style, page), name)
        if align == "right":
            canv.drawRightString(x, y, text)
        else:
            canv.drawString(x, y, text)

    def fit(self, text: str, slot: str) -> str:
        """Return slot text shortened with an ellipsis to its share of the line."""
        text = " ".join(xml_safe(text).split())
        share = 0.62 if slot.endswith("left") else 0.36
        room = self.frame_width * share
        font, size = family(self.style.fonts.heading), self.style.fonts.small
        if stringWidth(text, font, size) <= room:
            return text
        while text and stringWidth(text + "…", font, size) > room:
            text = text[: int(len(text) * 0.9)] if len(text) > 40 else text[:-1]
        return text.rstrip() + "…"

    def furniture(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """Draw banners, running header and footer on a page."""
        style = self.style
        page = doc.page
        self.state.pages = max(self.state.pages, page)
        width, height = self.page_size
        left = style.page.margin_left * mm
        right = width - style.page.margin_right * mm
        small = style.fonts.small
        canv.saveState()
        classification = xml_safe(self.doc.meta.classification)
        if style.banner.show and classification:
            canv.setFont(family(style.fonts.heading, bold=True), small + 1)
            canv.setFillColor(colors.HexColor(style.banner_color(classification)))
            canv.drawCentredString(width / 2, height - 9 * mm, classification)
            canv.drawCentredString(width / 2, 6.5 * mm, classification)
        canv.setFont(family(style.fonts.heading), small)
        canv.setFillColor(colors.HexColor(style.colors.muted))
        canv.setStrokeColor(colors.HexColor(style.colors.rule))
        canv.setLineWidth(0.5)
        top = height - style.page.margin_top * mm + 5 * mm
        if page > 1:
            self.slot(canv, "header_left", style.text.header_left, page, left, top + 2)
            self.slot(canv, "header_right", style.text.header_right, page, right, top + 2)
            canv.line(left, top - 1.5, right, top - 1.5)
        bottom = style.page.margin_bottom * mm - 8 * mm
        canv.line(left, bottom + 8.5, right, bottom + 8.5)
        self.slot(canv, "footer_left", style.text.footer_left, page, left, bottom)
        self.slot(canv, "footer_right", style.text.footer_right, page, right, bottom)
        canv.restoreState()

    def define_forms(self, canv: Canvas) -> None:
        """Define the page-count and TOC forms once the page count is known."""
        style = self.style
        total = self.state.pages
        muted = colors.HexColor(style.colors.muted)
        for name in ("header_left", "header_right", "footer_left", "footer_right"):
            template = getattr(style.text, name)
            if "{pages}" not in template:
                continue
            for page in range(1, total + 1):
                canv.beginForm(f"{name}-{page}", -400, -10, 400, 20)
                canv.setFont(family(style.fonts.heading), style.fonts.small)
                canv.setFillColor(muted)
                text = self.fit(page_text(template, self.doc.meta, self.style, page, total), name)
                if name.endswith("right"):
                    canv.drawRightString(0, 0, text)
                else:
                    canv.drawString(0, 0, text)
                canv.endForm()
        toc = self.styles.toc
        for anchor in self.state.toc_anchors:
            canv.beginForm(f"toc-{anchor}", -100, -10, 10, 20)
            canv.setFont(family(self.styles.heading_family), toc.fontSize)
            canv.setFillColor(toc.textColor)
            canv.drawRightString(0, 0, str(self.state.heading_pages.get(anchor, "")))
            canv.endForm()

    # --- flowables --------------------------------------------------------------------------

    def flowables(self) -> list[Flowable]:
        story: list[Flowable] = self.title_block()
        entries = toc_entries(self.doc, self.style)
        if entries:
            story.append(RLParagraph(escape(self.style.text.contents_title), self.styles.toc_title))
            story.append(Contents(entries, self.styles, self.state))
            story.append(Spacer(1, 10))
        blocks = self.doc.blocks
        for index, block in enumerate(blocks):
            if isinstance(block, KeyFacts):
                story.extend(self.keyfacts(block, keyfacts_title(blocks, index)))
            else:
                story.extend(self.block(block))
        if has_back_matter(self.doc):
            story.extend(self.back_matter())
        story = _let_long_tables_start_here(story)
        return story or [Spacer(1, 1)]  # an empty document is still one page with its banners

    def title_block(self) -> list[Flowable]:
        meta = self.doc.meta
        s = self.styles
        out: list[Flowable] = []
        if self.style.logo.path:
            out.append(self.image(self.style.logo.path, self.style.logo.width * mm, align="LEFT"))
            out.append(Spacer(1, 8))
        if meta.title:
            out.append(RLParagraph(escape(xml_safe(meta.title)), s.title))
        if meta.subtitle:
            out.append(RLParagraph(escape(xml_safe(meta.subtitle)), s.subtitle))
        line = byline(meta, self.style)
        if line:
            text = "  \u00b7  ".join(escape(xml_safe(x)) for x in line)
            out.append(RLParagraph(text, s.byline))
        if out:
            out.append(HRFlowable(width="100%", thickness=1.2, color=s.accent, spaceAfter=12))
        return out

    def block(self, block: Block, in_list: bool = False, quoted: bool = False) -> list[Flowable]:
        s = self.styles
        if isinstance(block, Heading):
            style = s.headings[min(block.level, len(s.headings)) - 1]
            runs = block.runs
            if block.level == 1 and self.style.headings.uppercase_h1:
                runs = tuple(replace(r, text=r.text.upper()) for r in runs)
            text = self.markup(runs)
            out: list[Flowable] = [HeadingPara(text, style).mark(block, self.state)]
            if block.level == 1 and self.style.headings.rule_under_h1:
                rule = HRFlowable(width="100%", thickness=0.5, color=s.rule_color, spaceAfter=6)
                rule.keepWithNext = 1
                out.append(rule)
            return out
        if isinstance(block, Paragraph):
            style = s.quote if quoted else s.list_body if in_list else s.body
            return [RLParagraph(self.markup(block.runs), style)]
        if isinstance(block, (BulletList, NumberedList)):
            return [self.list_flowable(block)]
        if isinstance(block, TableBlock):
            return [self.table(block)]
        if isinstance(block, BlockQuote):
            inner: list[Flowable] = []
            for b in block.blocks:
                inner.extend(self.block(b, quoted=True))
            table = Table([[inner]], colWidths=[self.frame_width - 12 * mm], splitInRow=1)
            table.setStyle(s.quote_table)
            table.hAlign = "RIGHT"
            return [table, Spacer(1, 6)]
        if isinstance(block, KeyFacts):
            return self.keyfacts(block, block.title)
        if isinstance(block, Figure):
            return self.figure(block)
        if isinstance(block, CodeBlock):
            text = escape(xml_safe(block.text)).replace(" ", "\u00a0").replace("\n", "<br/>")
            return [RLParagraph(text, s.code)]
        if isinstance(block, Rule):
            return [
                HRFlowable(
                    width="100%", thickness=0.5, color=s.rule_color, spaceBefore=4, spaceAfter=8
                )
            ]
        if isinstance(block, PageBreakBlock):
            return [PageBreak()]
        raise RenderError(f"cannot render block {type(block).__name__}")  # pragma: no cover

    def list_flowable(self, block: BulletList | NumberedList) -> ListFlowable:
        s = self.styles
        items = []
        for item in block.items:
            flows: list[Flowable] = []
            for b in item.blocks:
                flows.extend(self.block(b, in_list=True))
            # An empty item (`-` alone on a line) still shows its bullet.
            items.append(ListItem(flows or [RLParagraph("", s.list_body)]))
        options: dict[str, Any] = {
            "bulletFontName": s.body.fontName,
            "bulletFontSize": s.body.fontSize,
            "bulletColor": s.accent,
            "leftIndent": 16,
            "spaceAfter": 6,
        }
        if isinstance(block, NumberedList):
            options.update(bulletType="1", start=str(block.start), bulletFormat="%s.")
        else:
            options.update(bulletType="bullet", start="\u2022")
        return ListFlowable(items, **options)

    def table(self, block: TableBlock) -> Flowable:
        block = drop_columns(block)
        s = self.styles
        size = self.style.table.font_size
        shares = column_widths(block.header, block.rows, self.frame_width / (size * 0.56))
        widths = [share * self.frame_width for share in shares]
        cols = len(block.header)
        header_styles = [s.cell_header_for(a) for a in block.align]
        body_styles = [s.cell_for(a) for a in block.align]
        data = [[self.cell(c, header_styles[i], widths[i]) for i, c in enumerate(block.header)]]
        for row in block.rows:
            cells = list(row[:cols]) + [()] * (cols - len(row))
            data.append([self.cell(c, body_styles[i], widths[i]) for i, c in enumerate(cells)])
        # A short table moves whole to the next page rather than leave a row or two behind.
        kind = Whole if len(block.rows) < 6 else Table
        # splitInRow: a row taller than a page (a 2,000-character word) may split too.
        # A header row is repeated on every page, unless it is an essay that could not fit.
        repeat = 1 if max((len(plain_text(c)) for c in block.header), default=0) <= 200 else 0
        table = kind(data, colWidths=widths, repeatRows=repeat, hAlign="LEFT", splitInRow=1)
        table.page_height = self.frame_height
        commands = list(s.table_commands)
        for col, style in enumerate(body_styles):
            # Plain-string cells take font, colour and alignment from the table style.
            align = {TA_CENTER: "CENTER", TA_RIGHT: "RIGHT"}.get(style.alignment, "LEFT")
            commands.append(("ALIGN", (col, 0), (col, -1), align))
        head = header_styles[0] if header_styles else s.cell_for("left")
        commands += [
            ("FONT", (0, 1), (-1, -1), body_styles[0].fontName, body_styles[0].fontSize),
            ("TEXTCOLOR", (0, 1), (-1, -1), body_styles[0].textColor),
            ("FONT", (0, 0), (-1, 0), head.fontName, head.fontSize),
            ("TEXTCOLOR", (0, 0), (-1, 0), head.textColor),
        ]
        if self.style.table.stripes:
            stripe = colors.HexColor(self.style.colors.table_stripe)
            commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, stripe]))
        table.setStyle(TableStyle(commands))
        table.spaceBefore, table.spaceAfter = 2, 10
        return table

    def cell(self, runs: Runs, style: ParagraphStyle, width: float) -> str | RLParagraph:
        """Return a table cell: a plain string when it fits on one line, else a Paragraph.

        Strings cost a fraction of a Paragraph to lay out, and most register cells are short.
        """
        if all(not (r.bold or r.italic or r.code or r.link or r.note) for r in runs):
            text = xml_safe("".join(r.text for r in runs))
            room = width - 10  # the cell's left and right padding
            if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= room:
                return text
        return RLParagraph(self.markup(runs), style)

    def keyfacts(self, block: KeyFacts, title: str) -> list[Flowable]:
        """Return a key-facts box that never splits unless it is taller than a page."""
        s = self.styles
        label_width = 0.32 * (self.frame_width - 4)
        data: list[list[Any]] = []
        if title:
            data.append([RLParagraph(escape(xml_safe(title)), s.facts_title), ""])
        for fact in block.facts:
            label = RLParagraph(escape(xml_safe(fact.label)), s.facts_label)
            data.append([label, RLParagraph(self.markup(fact.value), s.facts_value)])
        if not data:
            return []
        widths = [label_width, self.frame_width - 4 - label_width]
        table = Whole(data, colWidths=widths, hAlign="RIGHT", splitInRow=1)
        table.page_height = self.frame_height
        table.setStyle(s.facts_table(len(data), titled=bool(title)))
        return [table, Spacer(1, 10)]

    def figure(self, block: Figure) -> list[Flowable]:
        s = self.styles
        parts: list[Flowable] = []
        if block.title:
            parts.append(RLParagraph(escape(xml_safe(block.title)), s.figure_title))
        if block.kind == "image":
            parts.append(self.image(block.image or "", self.frame_width, align="CENTER"))
        else:
            date = self.doc.meta.date
            drawing = chart_drawing(block, self.style, self.frame_width, date)
            parts.append(AltText(drawing, alt_text(block, date)))
        if block.caption:
            parts.append(RLParagraph(self.markup(block.caption), s.caption))
        # A chain of keepWithNext (not KeepTogether, which a heading's keepWithNext cannot
        # join) keeps title, figure and caption together and with the heading above.
        for part in parts:
            part.keepWithNext = 1
        parts.append(Spacer(1, 8))
        return parts

    def image(self, path: str, max_width: float, align: str) -> Image:
        try:
            image = Image(path)
        except Exception as exc:
            raise RenderError(f"cannot read image {path}: {exc}") from None
        scale = min(1.0, max_width / image.imageWidth) if image.imageWidth else 1.0
        image.drawWidth = image.imageWidth * scale
        image.drawHeight = image.imageHeight * scale
        image.hAlign = align
        return image

    def back_matter(self) -> list[Flowable]:
        """Return the Sources section: every source, the target of citations, then notes."""
        s = self.styles
        name = self.style.text.sources_title
        title = escape(name.upper() if self.style.headings.uppercase_h1 else name)
        heading = Heading(level=1, runs=(), anchor=SOURCES_ANCHOR)
        out: list[Flowable] = [
            HeadingPara(title, s.headings[0]).mark(
                heading, self.state, self.style.text.sources_title
            )
        ]
        if self.style.headings.rule_under_h1:
            rule = HRFlowable(width="100%", thickness=0.5, color=s.rule_color, spaceAfter=6)
            rule.keepWithNext = 1
            out.append(rule)
        if self.sources and self.style.text.sources_intro:
            intro = RLParagraph(escape(self.style.text.sources_intro), s.body)
            intro.keepWithNext = 1
            out.append(intro)
        if self.sources:
            out.append(self.source_table())
        for anchor, runs in other_notes(self.doc):
            out.append(RLParagraph(f'<a name="{anchor}"/>{self.markup(runs)}', s.note))
        return out

    def source_table(self) -> Flowable:
        """Return the Sources as a table; each row is the target of the citations of its cable."""
        s = self.styles
        head = [s.cell_header_for("left")] * 3
        cell = s.cell_for("left")
        rows: list[list[Any]] = [
            [RLParagraph(text, head[0]) for text in ("Cable", "Date", "Subject")]
        ]
        link_color = quoteattr(self.style.colors.link)
        for line in self.sources:
            names = "".join(f'<a name="{a}"/>' for a in (line.anchor, *line.notes))
            ident = f"<b>{escape(xml_safe(line.label))}</b>"
            subject = self.markup(line.text)
            if line.url:
                href = quoteattr(xml_safe(line.url))
                ident = f"<a href={href} color={link_color}>{ident}</a>"
                shown = escape(xml_safe(line.url.split("://", 1)[-1]))
                size = cell.fontSize - 1
                subject += (
                    f'<br/><a href={href} color={link_color}><font size="{size}">{shown}</font></a>'
                )
            rows.append(
                [
                    RLParagraph(names + ident, cell),
                    RLParagraph(escape(xml_safe(line.date)), cell),
                    RLParagraph(subject, cell),
                ]
            )
        widths = [w * self.frame_width for w in (0.2, 0.14, 0.66)]
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT", splitInRow=1)
        commands = list(s.table_commands)
        if self.style.table.stripes:
            stripe = colors.HexColor(self.style.colors.table_stripe)
            commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, stripe]))
        table.setStyle(TableStyle(commands))
        table.spaceBefore, table.spaceAfter = 2, 10
        return table

    def markup(self, runs: Runs) -> str:
        """Return reportlab paragraph markup for inline runs, every character escaped."""
        parts: list[str] = []
        link_color = self.style.colors.link
        for run in runs:
            if run.text == "\n":
                parts.append("<br/>")
                continue
            text = escape(xml_safe(run.text))
            if run.note is not None:
                target = f"note-{run.note}"
                parts.append(f'<a href="#{target}"><super>{text}</super></a>')
                continue
            if run.code:
                text = f'<font face="{self.styles.mono_font}">{text}</font>'
            if run.italic:
                text = f"<i>{text}</i>"
            if run.bold:
                text = f"<b>{text}</b>"
            if run.link:
                href = xml_safe(run.link)
                if href.startswith("#") and href[1:] not in self.anchors:
                    parts.append(text)  # an internal link to nowhere would break the PDF
                    continue
                text = f"<a href={quoteattr(href)} color={quoteattr(link_color)}>{text}</a>"
            parts.append(text)
        return "".join(parts)


def _let_long_tables_start_here(story: list[Flowable]) -> list[Flowable]:
    """Let a heading above a long table start it on the current page, and no heading end one.

    keepWithNext binds a heading to the whole flowable after it, so a table that fits on one
    page would move whole to the next page and leave a gap. Before a table that can split, the
    heading instead only needs room for itself and a few rows (a conditional page break).
    """
    out: list[Flowable] = []
    for index, flowable in enumerate(story):
        nxt = story[index + 1] if index + 1 < len(story) else None
        after = story[index + 2] if index + 2 < len(story) else None
        if isinstance(flowable, HeadingPara):
            table = nxt if isinstance(nxt, Table) else after if isinstance(after, Table) else None
            if table is not None and not isinstance(table, Whole):
                flowable.keepWithNext = 0
                if isinstance(nxt, HRFlowable):
                    nxt.keepWithNext = 0
            # Never start a section in the last few centimetres of a page, whatever follows.
            out.append(CondPageBreak(45 * mm))
        out.append(flowable)
    return out
