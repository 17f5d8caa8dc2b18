"""Turn briefing Markdown (front matter, CommonMark, tables, footnotes, fences) into a Document."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from briefgen.document.model import (
    Block,
    BlockQuote,
    BulletList,
    CodeBlock,
    Document,
    Figure,
    Heading,
    KeyFact,
    KeyFacts,
    ListItem,
    Meta,
    Note,
    NumberedList,
    PageBreak,
    Paragraph,
    Rule,
    Run,
    Runs,
    Series,
    Source,
    Table,
    plain_text,
    xml_safe,
)
from briefgen.errors import DocumentError

CONTAINERS = ("keyfacts", "chart", "figure", "pagebreak")
"""The fenced containers (`::: name`) the parser knows."""

_CHART_KINDS = ("bar", "line")
_LABEL_CHARS = re.compile(r"[^A-Za-z0-9_.-]")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?^---[ \t]*$", re.DOTALL | re.MULTILINE)
_DEFINITION = re.compile(r"(?m)^ {0,3}\[\^([^\]\s]+)\]:")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Raw HTML is off: a `<` in a cable is text, and renderers never see HTML.
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.use(front_matter_plugin).use(footnote_plugin, always_match_refs=True)
    for name in CONTAINERS:
        container_plugin(md, name)
    return md


def footnote_label(text: str) -> str:
    """Return `text` as a footnote label Markdown accepts (`09ASTANA1985`, no spaces)."""
    return _LABEL_CHARS.sub("-", text.strip()) or "note"


def source_anchor(source_id: str) -> str:
    """Return the link target of a source's entry in Sources (`src-09ASTANA2101`).

    Templates link a citation to it as `[09ASTANA2101 ¶2](#src-09ASTANA2101)`.
    """
    return f"src-{footnote_label(source_id)}"


def parse_markdown(text: str, *, base_dir: Path | None = None) -> Document:
    """Parse briefing Markdown into a Document.

    Front matter (YAML between `---` lines) gives the metadata; string values in it are read
    as inline Markdown, so values escaped by the template engine come out as plain text.
    Each entry of `sources` becomes the footnote for its id unless the text defines one.
    Relative image paths are resolved against `base_dir` when it is given.
    """
    text = xml_safe(text)
    md = _parser()
    # Read the front matter alone first: its sources must be defined as footnotes before
    # the one full parse, or their references would not resolve.
    head = _FRONT_MATTER.match(text)
    meta = _meta(md.parse(head.group(0))) if head else Meta()
    if meta.sources:
        defined = set(_DEFINITION.findall(text))
        extra = [s for s in meta.sources if footnote_label(s.id) not in defined]
        text += "".join(f"\n\n[^{footnote_label(s.id)}]: source" for s in extra)
    tokens = md.parse(text, {})
    builder = _Builder(md, base_dir)
    root = SyntaxTreeNode(tokens)
    blocks = builder.blocks(c for c in root.children if c.type != "footnote_block")
    notes = _notes(builder, root, meta.sources)
    return Document(meta=meta, blocks=tuple(blocks), notes=notes)


def _notes(
    builder: _Builder, root: SyntaxTreeNode, sources: tuple[Source, ...]
) -> tuple[Note, ...]:
    by_label = {footnote_label(s.id): s for s in sources}
    found: dict[int, Note] = {}
    for block in root.children:
        if block.type != "footnote_block":
            continue
        for fn in block.children:
            number = int(fn.meta.get("id", 0)) + 1
            label = str(fn.meta.get("label", number))
            source = by_label.get(label)
            body = builder.blocks(fn.children)
            runs: Runs = ()
            for b in body:
                if isinstance(b, Paragraph):
                    runs = runs + ((Run(" "),) if runs else ()) + b.runs
            if source is not None and plain_text(runs) == "source":
                runs = _source_runs(source)
            elif not runs:
                # A citation nobody defined still tells the reader which cable it meant.
                runs = (Run(label, bold=True),)
            found[number] = Note(number=number, label=label, runs=runs)
    return tuple(found[n] for n in sorted(found))


def _source_runs(source: Source) -> Runs:
    runs = [Run(source.id, bold=True, link=source.url or None)]
    tail = ", ".join(x for x in (source.title, source.date, source.classification) if x)
    if tail:
        runs.append(Run(f" \u2014 {tail}"))
    return tuple(runs)


# --- front matter ---------------------------------------------------------------------------


def _meta(tokens: list[Token]) -> Meta:
    if not tokens or tokens[0].type != "front_matter":
        return Meta()
    try:
        data = yaml.safe_load(tokens[0].content) or {}
    except yaml.YAMLError as exc:
        raise DocumentError(f"front matter is not valid YAML: {_one_line(exc)}") from None
    if not isinstance(data, Mapping):
        raise DocumentError("front matter must be a mapping of fields")
    known = {"title", "subtitle", "classification", "date", "prepared_by", "author", "subject"}
    known |= {"keywords", "sources"}
    unknown = sorted(str(k) for k in data if k not in known)
    if unknown:
        raise DocumentError(f"front matter has unknown field(s): {', '.join(unknown)}")
    keywords = data.get("keywords") or ()
    if isinstance(keywords, str):
        keywords = [k for k in (w.strip() for w in keywords.split(",")) if k]
    return Meta(
        title=_inline_text(data.get("title")),
        subtitle=_inline_text(data.get("subtitle")),
        classification=_inline_text(data.get("classification")).upper(),
        date=_date(data.get("date")),
        prepared_by=_inline_text(data.get("prepared_by")),
        author=_inline_text(data.get("author")),
        subject=_inline_text(data.get("subject")),
        keywords=tuple(_inline_text(k) for k in _seq(keywords, "keywords")),
        sources=tuple(_source(s) for s in _seq(data.get("sources") or (), "sources")),
    )


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def _seq(value: Any, name: str) -> Iterable[Any]:
    if not isinstance(value, (list, tuple)):
        raise DocumentError(f"front matter field {name!r} must be a list")
    return value


def _inline_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise DocumentError(f"front matter value {value!r} must be text")
    tokens = _parser().parseInline(str(value))
    out: list[str] = []
    for tok in tokens[0].children or () if tokens else ():
        if tok.type in ("text", "code_inline"):
            out.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return "".join(out).strip()


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(_inline_text(value))
    except ValueError:
        raise DocumentError(f"front matter date {value!r} is not YYYY-MM-DD") from None


def _source(value: Any) -> Source:
    if isinstance(value, str):
        return Source(id=_inline_text(value))
    if not isinstance(value, Mapping) or "id" not in value:
        raise DocumentError(f"each source needs an 'id': {value!r}")
    fields = ("id", "title", "date", "url", "classification", "origin")
    unknown = sorted(str(k) for k in value if k not in fields)
    if unknown:
        raise DocumentError(f"source has unknown field(s): {', '.join(unknown)}")
    return Source(**{f: _inline_text(value.get(f)) for f in fields})


# --- blocks and inline runs -----------------------------------------------------------------


class _Builder:
    """Walk the syntax tree and build model blocks; holds the heading counter."""

    def __init__(self, md: MarkdownIt, base_dir: Path | None) -> None:
        self.md = md
        self.base_dir = base_dir
        self.sections = 0

    def blocks(self, nodes: Iterable[SyntaxTreeNode]) -> list[Block]:
        out: list[Block] = []
        for node in nodes:
            block = self.block(node)
            if block is not None:
                out.append(block)
        return out

    def block(self, node: SyntaxTreeNode) -> Block | None:
        kind = node.type
        if kind == "heading":
            self.sections += 1
            level = int(node.tag[1:])
            return Heading(level=level, runs=self.inline(node), anchor=f"sec-{self.sections}")
        if kind == "paragraph":
            runs = self.inline(node)
            return Paragraph(runs) if runs else None
        if kind == "bullet_list":
            return BulletList(items=self.items(node))
        if kind == "ordered_list":
            start = int(str(node.attrs.get("start", 1)))
            return NumberedList(items=self.items(node), start=start)
        if kind == "blockquote":
            return BlockQuote(blocks=tuple(self.blocks(node.children)))
        if kind == "table":
            return self.table(node)
        if kind in ("fence", "code_block"):
            return CodeBlock(text=node.content.rstrip("\n"))
        if kind == "hr":
            return Rule()
        if kind == "container_pagebreak":
            return PageBreak()
        if kind == "container_keyfacts":
            return self.keyfacts(node)
        if kind == "container_chart":
            return self.chart(node)
        if kind == "container_figure":
            return self.figure(node)
        # front_matter and anything a future plugin adds are not body content.
        return None

    def items(self, node: SyntaxTreeNode) -> tuple[ListItem, ...]:
        return tuple(ListItem(blocks=tuple(self.blocks(item.children))) for item in node.children)

    def table(self, node: SyntaxTreeNode) -> Table:
        header: tuple[Runs, ...] = ()
        rows: list[tuple[Runs, ...]] = []
        align: tuple[str, ...] = ()
        for section in node.children:
            for tr in section.children:
                cells = tuple(self.inline(cell) for cell in tr.children)
                if section.type == "thead":
                    header = cells
                    align = tuple(_align(cell) for cell in tr.children)
                else:
                    rows.append(cells)
        return Table(header=header, rows=tuple(rows), align=align)

    def keyfacts(self, node: SyntaxTreeNode) -> KeyFacts:
        facts: list[KeyFact] = []
        for child in node.children:
            if child.type == "bullet_list" or child.type == "ordered_list":
                for item in child.children:
                    runs: Runs = ()
                    for b in self.blocks(item.children):
                        if isinstance(b, Paragraph):
                            runs += b.runs
                    facts.append(_fact(runs))
            elif child.type == "table":
                table = self.table(child)
                for row in (table.header, *table.rows):
                    if len(row) >= 2:
                        facts.append(KeyFact(label=plain_text(row[0]).strip(), value=row[1]))
            elif child.type == "paragraph":
                # One fact per line: `**Label:** value`, lines joined by soft breaks.
                line: list[Run] = []
                for run in (*self.inline(child, soft="\n"), Run("\n")):
                    if run.text == "\n":
                        if line:
                            facts.append(_fact(tuple(line)))
                        line = []
                    else:
                        line.append(run)
            else:
                raise DocumentError(
                    "a keyfacts box holds only a list, a table or `Label: value` lines"
                )
        return KeyFacts(title=_container_args(node, "keyfacts") or "Key facts", facts=tuple(facts))

    def chart(self, node: SyntaxTreeNode) -> Figure:
        args = _container_args(node, "chart").split(None, 1)
        if not args or args[0] not in _CHART_KINDS:
            raise DocumentError("a chart container starts `::: chart bar|line Title`")
        kind, title = args[0], (args[1] if len(args) > 1 else "")
        table: Table | None = None
        caption: list[Run] = []
        for child in node.children:
            block = self.block(child)
            if isinstance(block, Table):
                table = block
            elif isinstance(block, Paragraph):
                caption.extend([Run(" ")] if caption else [])
                caption.extend(block.runs)
        if table is None or len(table.header) < 2 or not table.rows:
            raise DocumentError(f"chart {title!r} needs a table: categories, then series columns")
        categories = tuple(plain_text(row[0]) for row in table.rows)
        series = []
        for col in range(1, len(table.header)):
            values = tuple(
                _number(plain_text(row[col]) if col < len(row) else "", title) for row in table.rows
            )
            series.append(Series(name=plain_text(table.header[col]), values=values))
        return Figure(
            kind=kind,
            title=title,
            caption=tuple(caption),
            categories=categories,
            series=tuple(series),
        )

    def figure(self, node: SyntaxTreeNode) -> Figure:
        image: str | None = None
        caption: list[Run] = []
        for child in node.children:
            if child.type != "paragraph":
                continue
            inline = child.children[0] if child.children else None
            images = [t for t in (inline.children if inline else ()) if t.type == "image"]
            if images:
                image = image or str(images[0].attrs.get("src", ""))
                continue  # the image's own paragraph; its alt text is not the caption
            runs = self.inline(child)
            if plain_text(runs).strip():
                caption.extend([Run(" ")] if caption else [])
                caption.extend(runs)
        if not image:
            raise DocumentError("a figure container needs an image: `![alt](path.png)`")
        if self.base_dir is not None and not Path(image).is_absolute():
            image = str(self.base_dir / image)
        title = _container_args(node, "figure")
        return Figure(kind="image", title=title, caption=tuple(caption), image=image)

    def inline(self, node: SyntaxTreeNode, soft: str = " ") -> Runs:
        """Return the inline runs of a block node, adjacent runs of one style merged."""
        if node.type != "inline":
            kids = node.children
            if not kids:
                return ()
            node = kids[0]
        return _runs(node.children, soft)


def _runs(children: list[SyntaxTreeNode], soft: str) -> Runs:
    out: list[Run] = []
    bold = italic = 0
    links: list[str] = []

    def emit(text: str, code: bool = False, note: int | None = None) -> None:
        link = links[-1] if links else None
        run = Run(text, bold=bold > 0, italic=italic > 0, code=code, link=link, note=note)
        prev = out[-1] if out else None
        if (
            prev is not None
            and note is None
            and prev.note is None
            and text != "\n"
            and prev.text != "\n"
            and (prev.bold, prev.italic, prev.code, prev.link) == (run.bold, run.italic, code, link)
        ):
            out[-1] = Run(prev.text + text, prev.bold, prev.italic, code, link)
        elif text:
            out.append(run)

    def walk(nodes: list[SyntaxTreeNode]) -> None:
        nonlocal bold, italic
        for tok in nodes:
            kind = tok.type
            if kind == "text":
                emit(tok.content)
            elif kind == "code_inline":
                emit(tok.content, code=True)
            elif kind == "softbreak":
                emit(soft)
            elif kind == "hardbreak":
                emit("\n")
            elif kind == "strong":
                bold += 1
                walk(tok.children)
                bold -= 1
            elif kind == "em":
                italic += 1
                walk(tok.children)
                italic -= 1
            elif kind == "link":
                links.append(str(tok.attrs.get("href", "")))
                walk(tok.children)
                links.pop()
            elif kind == "image":
                emit(str(tok.attrs.get("alt", "")) or tok.content)
            elif kind == "footnote_ref":
                number = int(tok.meta.get("id", 0)) + 1
                emit(str(number), note=number)
            elif tok.children:
                walk(tok.children)
            elif tok.content:
                emit(tok.content)

    walk(children)
    return tuple(out)


def _fact(runs: Runs) -> KeyFact:
    lead: list[Run] = []
    rest = list(runs)
    while rest and rest[0].bold and rest[0].note is None:
        lead.append(rest.pop(0))
    if lead:
        label = "".join(r.text for r in lead)
    else:
        text = plain_text(runs)
        if ":" not in text:
            return KeyFact(label="", value=runs)
        label = text.split(":", 1)[0]
        # Drop the label's characters from the front of the runs, keeping later formatting.
        skip = len(label) + 1
        rest = []
        for run in runs:
            if skip >= len(run.text) and run.note is None:
                skip -= len(run.text)
                continue
            if skip:
                run = Run(run.text[skip:], run.bold, run.italic, run.code, run.link, run.note)
                skip = 0
            rest.append(run)
    if rest and rest[0].note is None:
        first = rest[0]
        trimmed = first.text.lstrip(": \u00a0")
        if trimmed:
            rest[0] = Run(trimmed, first.bold, first.italic, first.code, first.link)
        else:
            rest.pop(0)
    return KeyFact(label=label.strip().rstrip(":").strip(), value=tuple(rest))


def _container_args(node: SyntaxTreeNode, name: str) -> str:
    info = node.info.strip() if node.info else ""
    if not info and node.nester_tokens:
        info = node.nester_tokens.opening.info.strip()
    return _inline_text(info[len(name) :].strip()) if info.startswith(name) else ""


def _align(cell: SyntaxTreeNode) -> str:
    style = str(cell.attrs.get("style", ""))
    for value in ("center", "right"):
        if value in style:
            return value
    return "left"


def _number(text: str, title: str) -> float:
    cleaned = text.replace(",", "").replace("\u00a0", "").replace(" ", "").rstrip("%")
    try:
        return float(cleaned) if cleaned else 0.0
    except ValueError:
        raise DocumentError(f"chart {title!r}: {text!r} is not a number") from None
