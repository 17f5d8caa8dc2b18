"""Render a Document to DOCX with python-docx: named styles, contents, bookmarks, page fields.

Without a reference document the DOCX starts from python-docx's blank template, styled from
the house style, and carries the DejaVu faces it names. With one (`word.reference_docx`), it
starts from the office's own .docx: its body is emptied, its page setup, header, footer and
styles are kept, and every paragraph and table uses the template's styles by name.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Mm, Pt
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
from briefgen.render.chart import alt_text, chart_drawing, drawing_png
from briefgen.render.docx_package import (
    AppProperties,
    EmbeddedFamily,
    faces_used,
    finish_package,
    word_count,
)
from briefgen.render.docx_styles import define_styles
from briefgen.render.docx_tables import box_xml, sources_xml, table_xml
from briefgen.render.fonts import FACES, WORD_NAMES
from briefgen.render.layout import (
    SOURCES_ANCHOR,
    author,
    byline,
    has_back_matter,
    keyfacts_title,
    organization,
    other_notes,
    page_text,
    source_lines,
    toc_entries,
    uses_code,
)
from briefgen.render.style import Style

_SLOT = re.compile(r"(\{page\}|\{pages\})")
_NS = nsdecls("w", "r")


def bookmark_name(anchor: str) -> str:
    """Return the Word bookmark of an anchor (letters, digits, underscores; at most 40)."""
    return ("_" + re.sub(r"\W", "_", anchor))[:40]


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
        except (ValueError, KeyError, OSError, zipfile.BadZipFile) as exc:
            raise RenderError(f"DOCX build failed: {type(exc).__name__}: {exc}") from exc


class _DocxBuild:
    """One rendering of one document."""

    def __init__(self, document: Document, style: Style, created: dt.datetime) -> None:
        self.doc = document
        self.style = style
        self.created = created
        reference = style.word.reference_docx
        self.own = not reference
        if reference:
            try:
                self.word = docx.Document(reference)
            except Exception as exc:  # python-docx raises several kinds for a bad package
                raise RenderError(f"cannot open reference docx {reference}: {exc}") from None
            _empty_body(self.word)
        else:
            self.word = docx.Document()
        self.bookmarks = 0
        self.pictures = 0
        self.anchors = {h.anchor for h in document.headings()}
        self.anchors |= {f"note-{n.number}" for n in document.notes}
        self.sources = source_lines(document, style)
        self.anchors |= {line.anchor for line in self.sources}
        if has_back_matter(document):
            self.anchors.add(SOURCES_ANCHOR)

    def run(self) -> bytes:
        if self.own:
            self.page_setup()
        section = self.word.sections[0]
        width = section.page_width or Mm(self.style.page_mm()[0])
        margins = (section.left_margin or 0) + (section.right_margin or 0)
        self.text_width = Emu(int(width) - int(margins))
        self.code = uses_code(self.doc)
        self.named = define_styles(
            self.word, self.style, self.text_width, own=self.own, mono=self.code
        )
        self.furniture()
        self.metadata()
        self.title_block()
        entries = toc_entries(self.doc, self.style)
        if entries:
            self.contents(entries)
        blocks = self.doc.blocks
        for index, block in enumerate(blocks):
            if isinstance(block, KeyFacts):
                self.keyfacts(block, keyfacts_title(blocks, index))
            else:
                self.block(block)
        if has_back_matter(self.doc):
            self.back_matter()
        out = io.BytesIO()
        self.word.save(out)
        return self.finish(out.getvalue())

    def finish(self, data: bytes) -> bytes:
        """Embed the faces the document uses (own styles), fix app.xml and the zip."""
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            words = word_count(package.read("word/document.xml"))
            # What the pages show: the body, headers and footers.
            shown = re.compile(r"word/(document|header\d*|footer\d*)\.xml$")
            xml = b"".join(package.read(n) for n in package.namelist() if shown.match(n))
        fonts: list[EmbeddedFamily] = []
        theme = None
        if self.own:
            theme = (WORD_NAMES[self.style.fonts.heading], WORD_NAMES[self.style.fonts.body])
            fonts = self.embedded(xml)
            if not self.style.word.embed_fonts:  # still the only fonts named, none carried
                fonts = [EmbeddedFamily(name=f.name, faces=()) for f in fonts]
        app = AppProperties(company=organization(self.doc.meta, self.style), words=words)
        return finish_package(data, self.created, app=app, fonts=fonts, theme_fonts=theme)

    def embedded(self, shown: bytes) -> list[EmbeddedFamily]:
        """Return the families to embed, with the faces the pages use (`shown`: their XML)."""
        italic_styles = (self.named.caption, self.named.quote, self.named.headings[3])
        uses = [f'w:val="{sid}"'.encode() in shown for sid in italic_styles]
        italic, bold_italic = faces_used([shown])
        italic = italic or any(uses)
        families = [self.style.fonts.body, self.style.fonts.heading]
        if self.code:
            families.append(self.style.fonts.mono)
        out = []
        for key in dict.fromkeys(families):
            regular, bold, oblique, bold_oblique = FACES[key]
            faces = [("Regular", regular)]
            if key != "mono":
                faces.append(("Bold", bold))
                if italic:
                    faces.append(("Italic", oblique))
                if bold_italic:
                    faces.append(("BoldItalic", bold_oblique))
            out.append(EmbeddedFamily(name=WORD_NAMES[key], faces=tuple(faces)))
        return out

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

    def add(self, text: str = "", style_id: str | None = None) -> DocxParagraph:
        """Append a body paragraph in the style with id `style_id` (None: Normal)."""
        para = self.word.add_paragraph()
        if style_id is not None:
            para._p.get_or_add_pPr().style = style_id
        if text:
            para.add_run(text)
        return para

    def append_xml(self, xml: str) -> None:
        """Append body XML (tables are written as text: python-docx's cell API is slow)."""
        self.word.element.body.sectPr.addprevious(parse_xml(xml))

    def metadata(self) -> None:
        meta = self.doc.meta
        props = self.word.core_properties
        who = xml_safe(author(meta, self.style))[:255]
        # Word caps each core property at 255 characters.
        props.title = xml_safe(meta.title)[:255]
        props.author = who
        props.subject = xml_safe(meta.subject or meta.subtitle)[:255]
        props.keywords = xml_safe(", ".join(meta.keywords))[:255]
        props.last_modified_by = who
        props.comments = ""
        props.category = xml_safe(meta.classification)[:255]
        props.language = self.style.identity.language
        props.content_status = ""
        props.identifier = ""
        props.version = ""
        stamp = self.created.replace(tzinfo=None)
        props.created = stamp
        props.modified = stamp
        props.last_printed = stamp
        props.revision = 1

    # --- page furniture -----------------------------------------------------------------------

    def furniture(self) -> None:
        section = self.word.sections[0]
        t = self.style.text
        if self.own:
            pairs = [(section.first_page_header, False), (section.header, True)]
        else:
            pairs = [(section.header, True)]
            if section.different_first_page_header_footer:
                pairs.insert(0, (section.first_page_header, True))
        for header, running in pairs:
            keep = not self.own and _has_content(header)
            first = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
            if keep:
                first = first.insert_paragraph_before()
            elif first.text:
                first.text = ""
            self.banner(first)
            if running and not keep:
                line = header.add_paragraph()
                line._p.get_or_add_pPr().style = self.named.header
                self.slots(line, t.header_left, t.header_right)
                if self.own:
                    rule = {"bottom": (0.5, self.style.colors.rule)}
                    ox.borders(line._p.get_or_add_pPr(), "w:pBdr", rule)
        footers = [section.first_page_footer, section.footer] if self.own else [section.footer]
        if not self.own and section.different_first_page_header_footer:
            footers.insert(0, section.first_page_footer)
        for footer in footers:
            keep = not self.own and _has_content(footer)
            if not keep:
                line = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
                line._p.get_or_add_pPr().style = self.named.footer
                self.slots(line, t.footer_left, t.footer_right)
                if self.own:
                    rule = {"top": (0.5, self.style.colors.rule)}
                    ox.borders(line._p.get_or_add_pPr(), "w:pBdr", rule)
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
        if self.own:
            run.font.name = WORD_NAMES[self.style.fonts.heading]
        run.font.color.rgb = ox.hex_color(self.style.banner_color(classification))

    def slots(self, para: DocxParagraph, left: str, right: str) -> None:
        tabs = para.paragraph_format.tab_stops
        style_id = para._p.pPr.style if para._p.pPr is not None else None
        if style_id:
            # The style's own stops (Word's Header has a centre and a right one) would catch
            # the tab before the right margin.
            style = self.word.styles.get_by_id(style_id, WD_STYLE_TYPE.PARAGRAPH)
            for stop in style.paragraph_format.tab_stops:
                if stop.position != self.text_width:
                    tabs.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
        tabs.add_tab_stop(self.text_width, WD_TAB_ALIGNMENT.RIGHT)
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
                para.add_run(xml_safe(page_text(part, self.doc.meta, self.style)))

    # --- body ---------------------------------------------------------------------------------

    def title_block(self) -> None:
        meta = self.doc.meta
        letterhead = not self.own and _has_content(self.word.sections[0].header)
        if self.style.logo.path and not letterhead:  # the template's header has its own
            para = self.add()
            para.add_run().add_picture(self.style.logo.path, width=Mm(self.style.logo.width))
            self.describe(f"Logo of {organization(meta, self.style)}".strip())
        if meta.title:
            self.add(xml_safe(meta.title), self.named.title)
        if meta.subtitle:
            self.add(xml_safe(meta.subtitle), self.named.subtitle)
        line = byline(meta, self.style)
        if line or meta.title:
            self.add(xml_safe("  \u00b7  ".join(line)), self.named.byline)

    def contents(self, entries: list[Heading]) -> None:
        # Styled like a heading but not one, so it stays out of the navigation pane and TOC.
        head = self.add(self.style.text.contents_title, self.named.toc_title)
        head.paragraph_format.space_before = Pt(4)
        # Each entry links to its heading and shows its page by a PAGEREF field: LibreOffice
        # fills the numbers as it lays the pages out, Word when it updates fields (settings.xml
        # asks it to on opening). Inside a TOC field LibreOffice would keep the empty results.
        paras = [self.add(style_id=self.named.toc[min(e.level, 2) - 1]) for e in entries]
        for para, entry in zip(paras, entries, strict=True):
            mark = bookmark_name(entry.anchor)
            title = ox.run_xml(xml_safe(plain_text(entry.runs)))
            number = (
                '<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> PAGEREF {mark} \\h </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t></w:t></w:r>'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            )
            link = f'<w:hyperlink w:anchor="{mark}" w:history="1">{title}{number}</w:hyperlink>'
            xml = f"<w:p {_NS}>{link}</w:p>"
            para._p.extend(parse_xml(xml))
        paras[-1].paragraph_format.space_after = Pt(12)

    def block(self, block: Block, level: int = 0) -> None:
        if isinstance(block, Heading):
            para = self.add(style_id=self.named.headings[min(block.level, 4) - 1])
            self.runs(para, block.runs)
            self.mark(para, block.anchor)
        elif isinstance(block, Paragraph):
            self.runs(self.add(), block.runs)
        elif isinstance(block, (BulletList, NumberedList)):
            self.list_block(block, level)
        elif isinstance(block, Table):
            self.append_xml(table_xml(self, block))
            self.add().paragraph_format.space_after = Pt(2)
        elif isinstance(block, BlockQuote):
            for inner in block.blocks:
                if isinstance(inner, Paragraph):
                    self.runs(self.add(style_id=self.named.quote), inner.runs)
                else:
                    self.block(inner, level)
        elif isinstance(block, KeyFacts):
            self.keyfacts(block, block.title)
        elif isinstance(block, Figure):
            self.figure(block)
        elif isinstance(block, CodeBlock):
            para = self.add(style_id=self.named.code)
            lines = xml_safe(block.text).split("\n")
            for i, line in enumerate(lines):
                run = para.add_run(line)
                if i < len(lines) - 1:
                    run.add_break()
        elif isinstance(block, Rule):
            para = self.add()
            rule = {"bottom": (0.5, self.style.colors.rule)}
            ox.borders(para._p.get_or_add_pPr(), "w:pBdr", rule)
        elif isinstance(block, PageBreak):
            self.add().add_run().add_break(WD_BREAK.PAGE)
        else:  # pragma: no cover
            raise RenderError(f"cannot render block {type(block).__name__}")

    def list_block(self, block: BulletList | NumberedList, level: int) -> None:
        numbered = isinstance(block, NumberedList)
        styles = self.named.numbers if numbered else self.named.bullets
        style_id = styles[1 if level else 0]
        num_id: int | None = None
        if numbered:
            base = self.word.styles.get_by_id(
                style_id, WD_STYLE_TYPE.PARAGRAPH
            ).element.pPr.numPr.numId.val
            numbering = self.word.part.numbering_part.element
            start = block.start if isinstance(block, NumberedList) else 1
            num_id = ox.restart_numbering(numbering, base, start)
        for item in block.items:
            first = True
            for inner in item.blocks:
                if isinstance(inner, Paragraph) and first:
                    para = self.add(style_id=style_id)
                    if num_id is not None:
                        ox.set_numbering(para, num_id, min(level, 1))
                    self.runs(para, inner.runs)
                    first = False
                else:
                    self.block(inner, level + 1)
            if first:  # an empty item still shows its bullet
                para = self.add(style_id=style_id)
                if num_id is not None:
                    ox.set_numbering(para, num_id, min(level, 1))
        if level == 0:
            last = self.word.element.body.sectPr.getprevious()
            if last is not None and last.tag == qn("w:p"):
                DocxParagraph(last, self.word._body).paragraph_format.space_after = Pt(6)

    def keyfacts(self, block: KeyFacts, title: str) -> None:
        if not (title or block.facts):
            return
        self.append_xml(box_xml(self, block, title))
        self.add().paragraph_format.space_after = Pt(4)

    def figure(self, block: Figure) -> None:
        if block.title:
            self.add(xml_safe(block.title), self.named.figure_title)
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
            self.describe(plain_text(block.caption) or block.title or "Figure")
        else:
            date = self.doc.meta.date
            drawing = chart_drawing(block, self.style, Emu(self.text_width).pt, date)
            para.add_run().add_picture(io.BytesIO(drawing_png(drawing)), width=self.text_width)
            self.describe(alt_text(block, date), title=block.title)
        if block.caption:
            self.runs(self.add(style_id=self.named.caption), block.caption)

    def describe(self, text: str, title: str = "") -> None:
        """Give the picture just added its alternative text (and a name)."""
        self.pictures += 1
        props = self.word.element.body.xpath(".//wp:docPr")[-1]
        props.set("descr", xml_safe(text))
        props.set("name", xml_safe(title or f"Picture {self.pictures}")[:200])

    def back_matter(self) -> None:
        para = self.add(xml_safe(self.style.text.sources_title), self.named.headings[0])
        self.mark(para, SOURCES_ANCHOR)
        if self.sources and self.style.text.sources_intro:
            intro = self.add(xml_safe(self.style.text.sources_intro))
            intro.paragraph_format.keep_with_next = True
        if self.sources:
            self.append_xml(sources_xml(self, self.sources))
        for anchor, runs in other_notes(self.doc):
            line = self.add(style_id=self.named.source)
            self.runs(line, runs)
            self.mark(line, anchor)

    def mark(self, para: DocxParagraph, anchor: str) -> None:
        self.bookmarks += 1
        ox.bookmark(para, bookmark_name(anchor), self.bookmarks)

    def next_bookmark(self) -> int:
        """Return a new bookmark id (for bookmarks written as XML text)."""
        self.bookmarks += 1
        return self.bookmarks

    def runs(self, para: DocxParagraph, runs: Runs, bold: bool = False) -> None:
        """Append inline runs to a paragraph: formatting, links and footnote references."""
        xml = self.runs_xml(runs, bold=bold)
        if xml:
            para._p.extend(parse_xml(f"<w:p {_NS}>{xml}</w:p>"))

    def runs_xml(self, runs: Runs, bold: bool = False) -> str:
        """Return WordprocessingML for inline runs (built as text: it is many times faster)."""
        out: list[str] = []
        mono = WORD_NAMES[self.style.fonts.mono] if self.own and self.code else None
        for run in runs:
            if run.text == "\n":
                out.append("<w:r><w:br/></w:r>")
                continue
            text = xml_safe(run.text)
            if run.note is not None:
                anchor = bookmark_name(f"note-{run.note}")
                body = ox.run_xml(text, superscript=True, style=self.named.citation)
                out.append(f'<w:hyperlink w:anchor="{anchor}">{body}</w:hyperlink>')
                continue
            target = xml_safe(run.link) if run.link else None
            if target and target.startswith("#") and target[1:] not in self.anchors:
                target = None
            internal = bool(target and target.startswith("#"))
            body = ox.run_xml(
                text,
                bold=run.bold or bold,
                italic=run.italic,
                font=mono if run.code else None,
                style=(self.named.citation if internal else self.named.link) if target else None,
                # LibreOffice lets a table style's text colour win over a character style's;
                # with briefgen's own styles the link colour is also given directly.
                colour=self.style.colors.link if target and self.own else None,
            )
            if target and internal:
                out.append(
                    f'<w:hyperlink w:anchor="{bookmark_name(target[1:])}">{body}</w:hyperlink>'
                )
            elif target:
                rel = self.word.part.relate_to(target, RT.HYPERLINK, is_external=True)
                out.append(f'<w:hyperlink r:id="{rel}">{body}</w:hyperlink>')
            else:
                out.append(body)
        return "".join(out)


def _empty_body(word: Any) -> None:
    """Remove the reference document's content, keeping its last section (the page setup)."""
    body = word.element.body
    sect = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not sect:
            body.remove(child)
    if sect is None:
        body.append(parse_xml(f"<w:sectPr {nsdecls('w')}/>"))


def _has_content(part: Any) -> bool:
    """Return True when a header or footer of the template shows something (text, a logo)."""
    if part.is_linked_to_previous:
        return False
    element = part._element
    return bool("".join(element.itertext()).strip()) or bool(
        element.xpath(".//w:drawing | .//w:pict")
    )
