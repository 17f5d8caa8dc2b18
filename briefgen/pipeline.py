"""The build order of a briefing, written once: facts, summarize, template, document, render,
write, e-mail. The CLI's briefing commands and batch runs both call `make_briefing`.

    from briefgen.pipeline import BriefingRequest, make_briefing
    with Corpus.open("briefgen.db") as corpus:
        request = BriefingRequest("ngo", "Feminist League", formats=("pdf",))
        result = make_briefing(corpus, request, Path("briefings"))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from briefgen.errors import ConfigError, InvalidArgumentError
from briefgen.facts import Facts, ensure_facts
from briefgen.models import Record
from briefgen.render import FORMATS
from briefgen.store import Corpus, IngestReport
from briefgen.summarize.records import BriefingMeta

if TYPE_CHECKING:  # e-mail (and its SMTP, TLS) is imported only for a briefing that has one
    from briefgen.cluster import Cluster
    from briefgen.deliver.email import EmailRequest, SmtpSettings

Kind = Literal["ngo", "program", "quarterly", "cable"]
KINDS: tuple[Kind, ...] = ("ngo", "program", "quarterly", "cable")
"""The briefing kinds, as commands and batch plans name them."""

TEMPLATES: dict[str, str] = {
    "ngo-profile": "ngo.md.j2",
    "program-impact": "program.md.j2",
    "quarterly-summary": "quarterly.md.j2",
    "cable-digest": "cable.md.j2",
}
"""The packaged template of each briefing kind."""


class Briefing(Protocol):
    """What every briefing record has: its metadata and a JSON form."""

    @property
    def meta(self) -> BriefingMeta:
        """The title block, classification and sources."""
        ...

    def as_dict(self) -> dict[str, Any]:
        """Return the briefing's data as a JSON-ready dict."""
        ...


_KIND_FIELDS: dict[str, Kind] = {"cables": "program", "origins": "quarterly", "tags": "quarterly"}


@dataclass(frozen=True, slots=True)
class BriefingRequest(Record):
    """One briefing to make: what it covers, and how it is written. Checked on construction."""

    kind: Kind
    """`ngo`, `program`, `quarterly` or `cable`."""
    subject: str
    """The NGO's name, the program's name or phrase, the quarter (`2009Q4`) or the cable id."""
    cables: tuple[str, ...] = ()
    """Program only: read only these cables (ids, any case)."""
    origins: tuple[str, ...] = ()
    """Quarterly only: only these posts (none: every post)."""
    tags: tuple[str, ...] = ()
    """Quarterly only: only these TAGS codes (none: every tag)."""
    include_personal: bool = False
    """Keep names, ages and stories of victims and minors (left out by default)."""
    style: str | Path = "default"
    """A packaged style name or a style file (TOML)."""
    template: Path | None = None
    """A user template replacing the packaged one (it may extend it), or None."""
    formats: tuple[str, ...] = FORMATS
    """The files to write, among FORMATS (none given: all of them)."""
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

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InvalidArgumentError(
                f"unknown briefing kind {self.kind!r} (known: {', '.join(KINDS)})"
            )
        for name, kind in _KIND_FIELDS.items():
            if getattr(self, name) and self.kind != kind:
                raise InvalidArgumentError(f"{name} apply to {kind} briefings only")
        object.__setattr__(self, "cables", tuple(c.strip().upper() for c in self.cables))
        object.__setattr__(self, "formats", check_formats(self.formats))


@dataclass(frozen=True, slots=True)
class BriefingResult(Record):
    """What `make_briefing` made."""

    briefing: Briefing
    """The briefing's data."""
    files: tuple[Path, ...]
    """The files written, in the order of the request's formats."""
    draft: Path | None = None
    """The e-mail's .eml draft (kept whether or not it was sent), or None without e-mail."""


def check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """Return the formats asked for (all of them when none), raising for an unknown one."""
    chosen = tuple(dict.fromkeys(f.lower() for f in formats)) or FORMATS
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise InvalidArgumentError(f"unknown format {unknown[0]!r} (known: {', '.join(FORMATS)})")
    return chosen


def make_briefing(
    corpus: Corpus,
    request: BriefingRequest,
    out_dir: Path,
    *,
    email: EmailRequest | None = None,
    smtp: Callable[[], SmtpSettings] | None = None,
    now: datetime | None = None,
    written: Callable[[Sequence[Path]], None] | None = None,
) -> BriefingResult:
    """Make one briefing, from the corpus to its files in `out_dir` and its e-mail.

    The facts it reads are extracted first where needed (see `summarize`). `written(paths)`
    is called once the files are on disk, before any e-mail is built. With `email`, its
    .eml draft goes beside the files, dated `now` (default: the current time), and is sent
    when `email.send` through the server `smtp()` returns (it raises ConfigError when none
    is configured; the files stay written).
    """
    brief = summarize(corpus, request)
    files = write_files(brief, request, out_dir)
    if written is not None:
        written(files)
    draft = None
    if email is not None:
        moment = now if now is not None else datetime.now(timezone.utc)
        draft = email_briefing(brief, files, email, now=moment, smtp=smtp)
    return BriefingResult(brief, tuple(files), draft)


def summarize(corpus: Corpus, request: BriefingRequest) -> Briefing:
    """Return the briefing data `request` asks for, extracting the facts it needs first.

    Facts are brought up to date unless more than LAZY_BACKLOG cables await extraction; then
    the briefing finds its cables by full-text search and extracts only those (ensure_facts).
    """
    stored = ensure_facts(corpus, defer=True)
    return _SUMMARIZERS[request.kind](corpus, stored, request)


# Each kind imports its own summarizer: loading the four costs a quarter of a briefing's start.
def _ngo(corpus: Corpus, stored: Facts, request: BriefingRequest) -> Briefing:
    from briefgen.summarize.ngo import ngo_profile

    return ngo_profile(corpus, stored, request.subject, include_personal=request.include_personal)


def _program(corpus: Corpus, stored: Facts, request: BriefingRequest) -> Briefing:
    from briefgen.summarize.program import program_sheet

    return program_sheet(
        corpus,
        stored,
        request.subject,
        cables=request.cables,
        include_personal=request.include_personal,
    )


def _quarterly(corpus: Corpus, stored: Facts, request: BriefingRequest) -> Briefing:
    from briefgen.summarize.quarterly import quarterly_summary

    return quarterly_summary(
        corpus,
        stored,
        request.subject,
        origins=request.origins,
        tags=request.tags,
        include_personal=request.include_personal,
    )


def _cable(corpus: Corpus, stored: Facts, request: BriefingRequest) -> Briefing:
    from briefgen.summarize.digest import cable_digest

    return cable_digest(corpus, stored, request.subject, include_personal=request.include_personal)


_SUMMARIZERS: dict[Kind, Callable[[Corpus, Facts, BriefingRequest], Briefing]] = {
    "ngo": _ngo,
    "program": _program,
    "quarterly": _quarterly,
    "cable": _cable,
}


def to_markdown(
    brief: Briefing, template: str | Path | None = None, prepared_by: str | None = None
) -> str:
    """Render the briefing through `template` (default: its kind's packaged one) to Markdown;
    `prepared_by` names the office on its title block (None: the style's organization)."""
    from briefgen.template import render_markdown

    context = {
        "brief": brief,
        "meta": brief.meta,
        "prepared_by": prepared_by or "",
        "keywords": [brief.meta.kind.replace("-", " "), *(s.id for s in brief.meta.sources)],
    }
    return render_markdown(template or TEMPLATES[brief.meta.kind], context)


def render_files(brief: Briefing, request: BriefingRequest) -> dict[str, bytes]:
    """Return the bytes of each format the request asks for, from one Markdown source."""
    from briefgen.document import parse_markdown
    from briefgen.render import load_style, render

    style = load_style(request.style).with_settings(
        organization=request.organization,
        author=request.author,
        footer=request.footer,
        source_url=request.source_url,
        reference_docx=request.reference_docx,
    )
    document = parse_markdown(to_markdown(brief, request.template, request.organization))
    return {fmt: render(document, fmt, style) for fmt in request.formats}


def write_files(brief: Briefing, request: BriefingRequest, out_dir: Path) -> list[Path]:
    """Render the briefing and write each file atomically to `<out_dir>/<slug><suffix>`;
    return the paths written, in the order of the request's formats."""
    from briefgen.deliver.files import write_atomic
    from briefgen.errors import DeliveryError
    from briefgen.render import get_renderer

    files = render_files(brief, request)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DeliveryError(f"cannot make the output folder {out_dir}: {reason}") from None
    written = []
    for fmt, data in files.items():
        path = out_dir / f"{brief.meta.slug}{get_renderer(fmt).suffix}"
        write_atomic(path, data)
        written.append(path)
    return written


def email_briefing(
    brief: Briefing,
    files: Sequence[Path],
    email: EmailRequest,
    *,
    now: datetime,
    smtp: Callable[[], SmtpSettings] | None = None,
) -> Path:
    """Write the e-mail draft of a written briefing, dated `now`, and send it when
    `email.send` through the server `smtp()` returns; return the draft's path.

    The draft stays on disk even when sending fails.
    """
    from briefgen.deliver.email import deliver_email

    server = None
    if email.send:
        if smtp is None:
            raise ConfigError("the e-mail is to be sent but no SMTP server was given")
        server = smtp()
    meta = brief.meta
    return deliver_email(
        email,
        title=meta.title,
        date=meta.date,
        classification=meta.classification,
        summary_lines=meta.summary_lines,
        sources=[f"{s.id} ({s.date}): {s.subject or ''}" for s in meta.sources],
        attachments=files,
        message_date=now,
        smtp=server,
    )


def ingest(
    corpus: Corpus,
    paths: Sequence[str | Path],
    *,
    workers: int | None = None,
    progress: Callable[[IngestReport], None] | None = None,
    extract: bool | None = None,
    facts_progress: Callable[[int, int], None] | None = None,
    cluster: Cluster | None = None,
) -> IngestReport:
    """Read `paths` into the corpus, then extract the facts of every new or changed cable.

    With `extract` None (the default) facts are extracted here unless more than LAZY_BACKLOG
    cables await it; they are then left for later: each briefing extracts the cables it reads,
    and `extract_facts` does the rest. True always extracts here, False never. `workers`
    processes parse and extract (default: every core), or the Dask `cluster` does.
    `progress(counts)` is called as cables are stored, `facts_progress(done, total)` as their
    facts are.
    """
    report = corpus.ingest(paths, workers=workers, progress=progress, cluster=cluster)
    if extract is not False:
        ensure_facts(
            corpus,
            defer=extract is None,
            workers=workers,
            progress=facts_progress,
            cluster=cluster,
        )
    return report


def extract_facts(
    corpus: Corpus,
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cluster: Cluster | None = None,
) -> int:
    """Extract the facts of every cable not yet extracted by the current rules; return how many.

    Extraction runs on `workers` processes, or on the Dask `cluster` when given.
    `progress(done, total)` is called as batches are written.
    """
    return ensure_facts(corpus, workers=workers, progress=progress, cluster=cluster).extracted


def pending_facts(corpus: Corpus) -> int:
    """Return how many cables still await the whole-corpus extraction pass."""
    from briefgen.facts.store import backlog

    return backlog(corpus)
