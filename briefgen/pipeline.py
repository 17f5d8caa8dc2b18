"""The build order of a briefing, written once: summarize, template, document, render, write.

from briefgen.pipeline import Output, make_briefing
with Corpus.open("briefgen.db") as corpus:
    written = make_briefing(corpus, "ngo", "Feminist League", Output(out_dir=Path(".")))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from briefgen.errors import InvalidArgumentError
from briefgen.store import Corpus
from briefgen.summarize.records import BriefingMeta


class Briefing(Protocol):
    """What every briefing record has: its metadata and a JSON form."""

    @property
    def meta(self) -> BriefingMeta:
        """The title block, classification and sources."""
        ...

    def as_dict(self) -> dict[str, Any]:
        """Return the briefing's data as a JSON-ready dict."""
        ...


TEMPLATES: dict[str, str] = {
    "ngo-profile": "ngo.md.j2",
    "program-impact": "program.md.j2",
    "quarterly-summary": "quarterly.md.j2",
    "cable-digest": "cable.md.j2",
}
"""The packaged template of each briefing kind."""

FORMATS = ("pdf", "docx")
"""The output formats, in the order files are written."""


@dataclass(frozen=True, slots=True)
class Output:
    """How and where to write a briefing."""

    out_dir: Path = Path(".")
    """The folder the files go to (created if missing)."""
    formats: tuple[str, ...] = FORMATS
    """`pdf`, `docx` or both."""
    style: str | Path = "default"
    """A packaged style name or a TOML file."""
    template: Path | None = None
    """A user template replacing the packaged one (it may extend it)."""
    template_dirs: tuple[Path, ...] = ()
    """Folders searched for templates before the packaged ones."""
    prepared_by: str = ""
    """The name on the title block and in the metadata; empty: the style's organization."""
    organization: str | None = None
    """The office (byline, footer, file properties) over the style's; None keeps the style's."""
    author: str | None = None
    """The author of the file properties over the style's; None keeps the style's."""
    footer: str | None = None
    """The office's footer text over the style's; None keeps the style's."""
    source_url: str | None = None
    """The public address of a cable, a pattern with `{id}`; None keeps the style's."""
    reference_docx: Path | None = None
    """An office's Word template for the DOCX over the style's; None keeps the style's."""
    source_date_epoch: int | None = None
    """A fixed creation time for documents without a date."""
    keywords: tuple[str, ...] = field(default_factory=tuple)
    """Extra keywords for the document metadata."""


def summarize(corpus: Corpus, kind: str, subject: str, **options: Any) -> Briefing:
    """Return the briefing data of `kind` (`ngo`, `program`, `quarterly`, `cable`) for `subject`."""
    builder = _summarizers().get(kind)
    if builder is None:
        raise InvalidArgumentError(
            f"unknown briefing kind {kind!r} (known: {', '.join(_summarizers())})"
        )
    return builder(corpus, subject, **options)


def _summarizers() -> Mapping[str, Callable[..., Briefing]]:
    from briefgen.summarize import cable_digest, ngo_profile, program_sheet, quarterly_summary

    return {
        "ngo": ngo_profile,
        "program": program_sheet,
        "quarterly": quarterly_summary,
        "cable": cable_digest,
    }


def to_markdown(brief: Briefing, output: Output) -> str:
    """Render the briefing's template to Markdown."""
    from briefgen.template import render_markdown

    template: str | Path = output.template or TEMPLATES[brief.meta.kind]
    tags = [brief.meta.kind.replace("-", " "), *output.keywords]
    context = {
        "brief": brief,
        "meta": brief.meta,
        "prepared_by": output.prepared_by,
        "keywords": [*tags, *(s.id for s in brief.meta.sources)],
    }
    return render_markdown(template, context, user_dirs=output.template_dirs)


def render_files(brief: Briefing, output: Output) -> dict[str, bytes]:
    """Return the bytes of each requested format, from one Markdown source."""
    from briefgen.document import parse_markdown
    from briefgen.render import load_style, render

    style = load_style(output.style).with_settings(
        organization=output.organization,
        author=output.author,
        footer=output.footer,
        source_url=output.source_url,
        reference_docx=output.reference_docx,
    )
    document = parse_markdown(to_markdown(brief, output))
    return {
        fmt: render(document, fmt, style, source_date_epoch=output.source_date_epoch)
        for fmt in output.formats
    }


def output_paths(brief: Briefing, output: Output) -> list[Path]:
    """Return the files a briefing is written to: `<slug>.<format>` in the output folder."""
    return [output.out_dir / f"{brief.meta.slug}.{fmt}" for fmt in output.formats]


def write_files(brief: Briefing, output: Output) -> list[Path]:
    """Render the briefing and write each file atomically; return the paths written."""
    from briefgen.deliver.files import write_atomic
    from briefgen.errors import DeliveryError

    files = render_files(brief, output)
    try:
        output.out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DeliveryError(f"cannot make the output folder {output.out_dir}: {reason}") from None
    written = []
    for path, fmt in zip(output_paths(brief, output), output.formats, strict=True):
        write_atomic(path, files[fmt])
        written.append(path)
    return written


def make_briefing(
    corpus: Corpus, kind: str, subject: str, output: Output, **options: Any
) -> tuple[Briefing, list[Path]]:
    """Summarize, render and write one briefing; return its data and the files written."""
    brief = summarize(corpus, kind, subject, **options)
    return brief, write_files(brief, output)


def check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """Return the formats asked for (both when none), raising for an unknown one."""
    chosen = tuple(dict.fromkeys(f.lower() for f in formats)) or FORMATS
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise InvalidArgumentError(f"unknown format {unknown[0]!r} (known: pdf, docx)")
    return chosen


def ingest(
    corpus: Corpus,
    paths: Sequence[str | Path],
    *,
    workers: int | None = None,
    progress: Callable[..., None] | None = None,
    extract: bool | None = None,
) -> Any:
    """Read `paths` into the corpus, then extract the facts of every new or changed cable.

    Returns the store's IngestReport. With `extract` None (the default) facts are extracted
    here when at most LAZY_BACKLOG cables await it, and otherwise left for later: each
    briefing then extracts the cables it reads, and `extract_facts` or the first whole-corpus
    question (`find_entities`) does the rest. True always extracts here, False never.
    `workers` processes parse and extract (default: every core).
    """
    from briefgen.extract.storage import backlog_is_large

    report = corpus.ingest(paths, workers=workers, progress=progress)
    if extract or (extract is None and not backlog_is_large(corpus)):
        extract_facts(corpus, workers=workers)
    return report


def extract_facts(
    corpus: Corpus,
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Extract the facts of every cable not yet extracted by the current rules; return how many.

    `progress(done, total)` is called as batches are written.
    """
    from briefgen.extract.storage import update_facts

    return update_facts(corpus, workers=workers, progress=progress)


def facts_deferred(corpus: Corpus) -> bool:
    """Return True while the backlog is so large that profiles search cables instead (lazy.py)."""
    from briefgen.extract.storage import backlog_is_large

    return backlog_is_large(corpus)


def pending_facts(corpus: Corpus) -> int:
    """Return how many cables still await the whole-corpus extraction pass."""
    from briefgen.extract.storage import backlog

    return backlog(corpus)


def email_briefing(
    brief: Briefing,
    files: Sequence[Path],
    request: Any,
    *,
    message_date: Any,
    smtp: Any = None,
) -> Path:
    """Write the e-mail draft of a written briefing (and send it when `smtp` is given).

    Returns the draft's path; the draft stays on disk even when sending fails.
    """
    from briefgen.deliver.email import deliver_email

    meta = brief.meta
    return deliver_email(
        request,
        title=meta.title,
        date=meta.date,
        classification=meta.classification,
        summary_lines=meta.summary_lines,
        sources=[f"{s.id} ({s.date}): {s.subject or ''}" for s in meta.sources],
        attachments=files,
        message_date=message_date,
        smtp=smtp,
    )
