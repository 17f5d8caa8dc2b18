"""The briefgen command line: parse options, call one library function, map errors to exits.

Heavy libraries are imported inside the commands so that `briefgen --help` starts fast.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from briefgen.errors import BriefgenError

if TYPE_CHECKING:
    from briefgen.store import Corpus

app = typer.Typer(
    name="briefgen",
    help="Turn diplomatic cables into sourced briefings (PDF and Word).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

T = TypeVar("T")


class Exit(IntEnum):
    """Exit statuses of every command."""

    OK = 0
    FAILED = 1
    USAGE = 2
    INTERRUPTED = 130


def fail(message: str, code: int = Exit.FAILED) -> typer.Exit:
    """Print one error line on stderr and return the Exit to raise."""
    typer.echo(f"briefgen: error: {message}", err=True)
    return typer.Exit(code)


@contextmanager
def errors_to_exit() -> Iterator[None]:
    """Turn library errors into one stderr line and an exit status, never a traceback."""
    try:
        yield
    except BriefgenError as exc:
        raise fail(str(exc), exc.exit_code) from None
    except KeyboardInterrupt:
        raise fail("interrupted", Exit.INTERRUPTED) from None
    except BrokenPipeError:
        # A closed pipe (`briefgen parse ... | head`) is the reader's choice, not an error.
        sys.stderr.close()
        raise typer.Exit(Exit.OK) from None
    except OSError as exc:
        # The system refused a file operation the library did not expect to fail (a full disk,
        # a read-only folder): still one line naming the file, never a traceback.
        where = f"{exc.filename}: " if exc.filename else ""
        raise fail(f"{where}{exc.strerror or exc}") from None
    except sqlite3.Error as exc:
        # The database refused a write the library did not expect to fail (locked by another
        # process past the busy timeout, a read-only or full disk mid-run).
        raise fail(f"corpus database error: {exc}") from None


def guarded(func: Callable[[], T]) -> T:
    """Call `func` under errors_to_exit and return its result."""
    with errors_to_exit():
        return func()


DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Corpus database (default: $BRIEFGEN_DB, else ./briefgen.db)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


# --- read: briefgen parse -------------------------------------------------------------------


@app.command("parse")
def parse_command(
    paths: Annotated[
        list[str],
        typer.Argument(help="Cable files or folders (all cable files in it); - is stdin."),
    ],
    json_out: JsonOption = False,
    workers: Annotated[int, typer.Option("--workers", "-j", help="Parse in N processes.")] = 1,
) -> None:
    """Read cables in any format and print them (JSON Lines with --json, else a table)."""
    import json

    from briefgen.models import Rejection
    from briefgen.read import read_paths

    rejected = 0
    rows: list[tuple[str, ...]] = []
    with errors_to_exit():
        for item in read_paths(paths, workers=max(1, workers)):
            if isinstance(item, Rejection):
                rejected += 1
                typer.echo(f"briefgen: rejected: {item}", err=True)
            elif json_out:
                typer.echo(json.dumps(item.as_dict(), ensure_ascii=False))
            else:
                created = item.created.strftime("%Y-%m-%d") if item.created else ""
                origin, subject = item.origin or "", item.subject or ""
                rows.append((item.id, created, origin, subject, str(len(item.paragraphs))))
    if rows:
        from rich.console import Console
        from rich.table import Table

        console = Console()
        # Short columns keep their width; the subject takes what is left, cut with "…".
        fixed = sum(max(len(row[i]) for row in rows) for i in (0, 1, 2, 4))
        room = max(12, console.width - fixed - 16)
        table = Table("id", "created", "origin", "subject", "¶")
        for row in rows:
            subject = row[3] if len(row[3]) <= room else row[3][: room - 1] + "…"
            table.add_row(row[0], row[1], row[2], subject, row[4])
        console.print(table)
    if rejected:
        raise typer.Exit(Exit.FAILED)


# --- store: ingest, cables, show, stats -----------------------------------------------------


def _print_json(data: object) -> None:
    import json

    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


@contextmanager
def _ingest_progress() -> Iterator[Callable[..., None] | None]:
    """Show a progress bar with cables/s on stderr when both streams are terminals."""
    if not (sys.stdout.isatty() and sys.stderr.isatty()):
        yield None
        return
    import time

    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from briefgen.store import IngestReport

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("reading cables")
        started = time.monotonic()

        def update(counts: IngestReport) -> None:
            rate = counts.total / max(time.monotonic() - started, 1e-6)
            bar.update(task, description=f"{counts.summary_line()}  ({rate:,.0f} cables/s)")

        yield update


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Cable files, folders, CSV dumps, or - for stdin.")
    ],
    db: DbOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-j", help="Processes parsing and extracting (default: all cores)."
        ),
    ] = None,
    extract: Annotated[
        bool | None,
        typer.Option(
            "--extract/--no-extract",
            help="Extract facts now, or leave them for later (default: now for up to 5,000 "
            "cables; for more, briefings extract what they read and `briefgen extract` the rest).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Read cables into the corpus; end with `N added, N updated, N unchanged, N rejected`.

    Exits 1 when any input was rejected (each is printed on stderr and kept in the database).
    """
    import os

    from briefgen.store import open_corpus

    with (
        errors_to_exit(),
        open_corpus(db, os.environ, Path.cwd(), create=True) as corpus,
        _ingest_progress() as progress,
    ):
        from briefgen.pipeline import ingest as ingest_paths
        from briefgen.pipeline import pending_facts

        report = ingest_paths(corpus, paths, workers=workers, progress=progress, extract=extract)
        pending = pending_facts(corpus)
    for rejection in report.rejections:
        typer.echo(f"briefgen: rejected: {rejection}", err=True)
    if pending:
        typer.echo(
            f"briefgen: facts of {pending:,} cables are left for later: briefings extract the "
            "cables they read; `briefgen extract` does them all",
            err=True,
        )
    typer.echo(report.summary_line())
    if report.rejected:
        raise typer.Exit(Exit.FAILED)


@app.command()
def cables(
    db: DbOption = None,
    origin: Annotated[
        str | None, typer.Option(help="Sending post: Manama, Embassy Manama, ...")
    ] = None,
    tag: Annotated[str | None, typer.Option(help="TAGS code, e.g. KTIP.")] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="First day, YYYY-MM-DD (or YYYY-MM, YYYY).")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Last day, inclusive, YYYY-MM-DD.")
    ] = None,
    quarter: Annotated[str | None, typer.Option(help="Calendar quarter, e.g. 2009Q4.")] = None,
    classification: Annotated[
        str | None, typer.Option(help="Classification, e.g. CONFIDENTIAL.")
    ] = None,
    search: Annotated[
        str | None, typer.Option(help='Full-text query, e.g. "shelter AND Kokshetau".')
    ] = None,
    limit: Annotated[int, typer.Option(help="Most cables to list (0: no limit).")] = 100,
    as_json: JsonOption = False,
) -> None:
    """List the cables matching every filter: best match first with --search, else by date.

    An empty result prints a message on stderr and exits 0 (an empty list is an answer).
    """
    import os

    from briefgen.store import open_corpus

    with errors_to_exit(), open_corpus(db, os.environ, Path.cwd()) as corpus:
        rows = corpus.cables(
            origin=origin,
            tag=tag,
            date_from=date_from,
            date_to=date_to,
            quarter=quarter,
            classification=classification,
            search=search,
            limit=limit + 1 if limit else None,  # one more, to tell whether the list was cut
        )
    more = bool(limit) and len(rows) > limit
    rows = rows[:limit] if limit else rows
    if as_json:
        _print_json([row.as_dict() for row in rows])
    elif rows:
        from briefgen.store.present import summaries_text

        typer.echo(summaries_text(rows))
    if not rows:
        typer.echo("briefgen: no cables match", err=True)
    elif more:
        typer.echo(f"briefgen: showing the first {limit}; --limit 0 lists them all", err=True)


@app.command()
def show(
    cable_id: Annotated[str, typer.Argument(metavar="ID", help="Cable id, e.g. 09ASTANA1985.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print one cable: header, numbered paragraphs, references and the cables citing it."""
    import os

    from briefgen.store import open_corpus

    with errors_to_exit(), open_corpus(db, os.environ, Path.cwd()) as corpus:
        view = corpus.view(cable_id)
    if as_json:
        _print_json(view.as_dict())
    else:
        from briefgen.store.present import view_text

        typer.echo(view_text(view))


@app.command()
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Print corpus counts by origin, tag, year and classification."""
    import os

    from briefgen.store import open_corpus

    with errors_to_exit(), open_corpus(db, os.environ, Path.cwd()) as corpus:
        counts = corpus.stats()
    if as_json:
        _print_json(counts.as_dict())
    else:
        from briefgen.store.present import stats_text

        typer.echo(stats_text(counts))


# --- extract: extract, entities, entity ----------------------------------------------------


ENTITY_CABLES = 100
"""Cables `briefgen entity` reads by default: a name in 100,000 cables must not read them all."""


@contextmanager
def _extract_progress() -> Iterator[Callable[[int, int], None] | None]:
    """Show a progress bar for a whole-corpus extraction pass when both streams are terminals."""
    if not (sys.stdout.isatty() and sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = ("extracting facts", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("extract", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _catch_up(corpus: Corpus) -> None:
    # Whole-corpus questions first extract what ingest left for later, with a progress bar.
    from briefgen.pipeline import extract_facts

    with _extract_progress() as progress:
        extract_facts(corpus, progress=progress)


@app.command("extract")
def extract_command(
    db: DbOption = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-j", help="Extraction processes (default: all cores)."),
    ] = None,
) -> None:
    """Extract the facts of every cable not yet extracted; end with `N cables extracted`."""
    import os

    from briefgen.pipeline import extract_facts
    from briefgen.store import open_corpus

    with (
        errors_to_exit(),
        open_corpus(db, os.environ, Path.cwd(), create=False) as corpus,
        _extract_progress() as progress,
    ):
        done = extract_facts(corpus, workers=workers, progress=progress)
    typer.echo(f"{done:,} cables extracted")


@app.command()
def entities(
    kind: Annotated[
        str | None, typer.Option("--kind", help="Only this kind: org, person or place.")
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", help="Only names or aliases containing TEXT.")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the organizations, people and places named in the corpus, with mention counts."""
    import os

    from briefgen.extract import find_entities
    from briefgen.store import open_corpus

    with errors_to_exit(), open_corpus(db, os.environ, Path.cwd(), create=False) as corpus:
        _catch_up(corpus)
        rows = find_entities(corpus, kind=kind, search=search)
    if as_json:
        _print_json([row.as_dict() for row in rows])
    else:
        from briefgen.extract.present import entities_text

        typer.echo(entities_text(rows))


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="The name, alias or acronym (typos forgiven).")],
    db: DbOption = None,
    as_json: JsonOption = False,
    max_cables: Annotated[
        int,
        typer.Option("--max-cables", help="Read the N cables that mention it most."),
    ] = ENTITY_CABLES,
    every: Annotated[
        bool, typer.Option("--all", help="Read every cable that mentions it instead.")
    ] = False,
) -> None:
    """Show one entity: aliases, titles, related entities, facts and figures with sources."""
    import os

    from briefgen.extract import get_entity
    from briefgen.store import open_corpus

    with errors_to_exit(), open_corpus(db, os.environ, Path.cwd(), create=False) as corpus:
        from briefgen.pipeline import facts_deferred

        if every or not facts_deferred(corpus):
            _catch_up(corpus)
        profile = get_entity(corpus, name, max_cables=None if every else max_cables)
    if as_json:
        _print_json(profile.as_dict())
    else:
        from briefgen.extract.present import profile_text

        typer.echo(profile_text(profile))


# --- briefings: ngo, program, quarterly, cable ----------------------------------------------

PdfOption = Annotated[bool, typer.Option("--pdf", help="Write a PDF (neither flag: both).")]
DocxOption = Annotated[bool, typer.Option("--docx", help="Write a DOCX (neither flag: both).")]
OutOption = Annotated[
    Path | None, typer.Option("--out", help="Output folder (default: config, else current).")
]
StyleOption = Annotated[
    str | None, typer.Option("--style", help="Style name (default, memo) or a TOML file.")
]
TemplateOption = Annotated[
    Path | None, typer.Option("--template", help="Your own template (it may extend ours).")
]
ReferenceDocxOption = Annotated[
    Path | None,
    typer.Option("--reference-docx", help="An office .docx whose styles the DOCX uses."),
]
PersonalOption = Annotated[
    bool,
    typer.Option("--include-personal", help="Keep names, ages and stories of victims and minors."),
]


def _briefing(
    kind: str,
    subject: str,
    options: dict[str, object],
    *,
    pdf: bool,
    docx: bool,
    out: Path | None,
    style: str | None,
    template: Path | None,
    db: Path | None,
    as_json: bool,
    email: dict[str, object],
    reference_docx: Path | None = None,
) -> None:
    """Run one briefing command: summarize, then print JSON or write files (and e-mail)."""
    import datetime as dt
    import os

    from briefgen import pipeline
    from briefgen.config import load_settings
    from briefgen.deliver.email import request_from_options
    from briefgen.store import open_corpus

    with errors_to_exit():
        settings = load_settings(
            Path.cwd(),
            os.environ,
            {
                "db": db,
                "out": out,
                "style": style,
                "reference_docx": reference_docx,
                "email_from": email["sender"],
                "smtp": email["smtp"],
            },
        )
        request = request_from_options(
            to=email["to"] or (),  # type: ignore[arg-type]
            cc=email["cc"] or (),  # type: ignore[arg-type]
            sender=email["sender"],  # type: ignore[arg-type]
            subject=email["subject"],  # type: ignore[arg-type]
            send=bool(email["send"]),
            default_sender=settings.email_from,
        )
        formats = pipeline.check_formats([f for f, on in (("pdf", pdf), ("docx", docx)) if on])
        output = pipeline.Output(
            out_dir=settings.out,
            formats=formats,
            style=settings.style or "default",
            template=template,
            organization=settings.organization,
            author=settings.author,
            footer=settings.footer,
            source_url=settings.source_url,
            reference_docx=settings.reference_docx,
        )
        with open_corpus(settings.db, os.environ, Path.cwd()) as corpus:
            brief = pipeline.summarize(corpus, kind, subject, **options)
            if as_json:
                _print_json(brief.as_dict())
                return
            files = pipeline.write_files(brief, output)
        for path in files:
            typer.echo(str(path))
        if request is not None:
            draft = pipeline.email_briefing(
                brief,
                files,
                request,
                message_date=dt.datetime.now(dt.timezone.utc),
                smtp=settings.smtp() if email["send"] else None,
            )
            typer.echo(f"{'sent; draft kept at' if email['send'] else 'draft'} {draft}")


@app.command()
def ngo(
    name: Annotated[str, typer.Argument(help="The NGO (case, articles and small typos forgiven).")],
    pdf: PdfOption = False,
    docx: DocxOption = False,
    out: OutOption = None,
    style: StyleOption = None,
    template: TemplateOption = None,
    reference_docx: ReferenceDocxOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    include_personal: PersonalOption = False,
    email_to: EmailToOption = None,
    email_cc: EmailCcOption = None,
    email_from: EmailFromOption = None,
    email_subject: EmailSubjectOption = None,
    send: SendOption = False,
    smtp: SmtpOption = None,
) -> None:
    """Write an NGO profile: leadership, history, funding, networks, programs, sources."""
    _briefing(
        "ngo", name, {"include_personal": include_personal},
        pdf=pdf, docx=docx, out=out, style=style, template=template, db=db, as_json=as_json,
        reference_docx=reference_docx,
        email={"to": email_to, "cc": email_cc, "sender": email_from, "subject": email_subject,
               "send": send, "smtp": smtp},
    )  # fmt: skip


@app.command()
def program(
    query: Annotated[str, typer.Argument(help="Program, campaign, play or grant: name or phrase.")],
    cable: Annotated[
        list[str] | None, typer.Option("--cable", help="Only read this cable (repeatable).")
    ] = None,
    pdf: PdfOption = False,
    docx: DocxOption = False,
    out: OutOption = None,
    style: StyleOption = None,
    template: TemplateOption = None,
    reference_docx: ReferenceDocxOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    include_personal: PersonalOption = False,
    email_to: EmailToOption = None,
    email_cc: EmailCcOption = None,
    email_from: EmailFromOption = None,
    email_subject: EmailSubjectOption = None,
    send: SendOption = False,
    smtp: SmtpOption = None,
) -> None:
    """Write a program-impact sheet: overview, funding, activities, reach, outcomes, feedback."""
    _briefing(
        "program", query, {"cables": tuple(c.strip().upper() for c in cable or ()),
                           "include_personal": include_personal},
        pdf=pdf, docx=docx, out=out, style=style, template=template, db=db, as_json=as_json,
        reference_docx=reference_docx,
        email={"to": email_to, "cc": email_cc, "sender": email_from, "subject": email_subject,
               "send": send, "smtp": smtp},
    )  # fmt: skip


@app.command()
def quarterly(
    quarter: Annotated[str, typer.Argument(help="The quarter, like 2009Q4.")],
    origin: Annotated[
        list[str] | None, typer.Option("--origin", help="Only this post (repeatable).")
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", help="Only this tag (repeatable).")
    ] = None,
    pdf: PdfOption = False,
    docx: DocxOption = False,
    out: OutOption = None,
    style: StyleOption = None,
    template: TemplateOption = None,
    reference_docx: ReferenceDocxOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    include_personal: PersonalOption = False,
    email_to: EmailToOption = None,
    email_cc: EmailCcOption = None,
    email_from: EmailFromOption = None,
    email_subject: EmailSubjectOption = None,
    send: SendOption = False,
    smtp: SmtpOption = None,
) -> None:
    """Write a quarterly summary: headline counts, a digest per cable, figures, who was named."""
    _briefing(
        "quarterly", quarter, {"origins": tuple(origin or ()), "tags": tuple(tag or ()),
                               "include_personal": include_personal},
        pdf=pdf, docx=docx, out=out, style=style, template=template, db=db, as_json=as_json,
        reference_docx=reference_docx,
        email={"to": email_to, "cc": email_cc, "sender": email_from, "subject": email_subject,
               "send": send, "smtp": smtp},
    )  # fmt: skip


@app.command("cable")
def cable_command(
    cable_id: Annotated[str, typer.Argument(metavar="ID", help="The cable id, like 09ASTANA2101.")],
    pdf: PdfOption = False,
    docx: DocxOption = False,
    out: OutOption = None,
    style: StyleOption = None,
    template: TemplateOption = None,
    reference_docx: ReferenceDocxOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    include_personal: PersonalOption = False,
    email_to: EmailToOption = None,
    email_cc: EmailCcOption = None,
    email_from: EmailFromOption = None,
    email_subject: EmailSubjectOption = None,
    send: SendOption = False,
    smtp: SmtpOption = None,
) -> None:
    """Write a one-cable digest: header, summary, figures, people, comment, references."""
    _briefing(
        "cable", cable_id, {"include_personal": include_personal},
        pdf=pdf, docx=docx, out=out, style=style, template=template, db=db, as_json=as_json,
        reference_docx=reference_docx,
        email={"to": email_to, "cc": email_cc, "sender": email_from, "subject": email_subject,
               "send": send, "smtp": smtp},
    )  # fmt: skip


# --- delivery: batch, templates, config -----------------------------------------------------

# The e-mail options every briefing command takes. They may be used above this line: typer
# reads the (postponed) annotations when the app runs, not when a command is defined. Turn them
# into a request with briefgen.deliver.email.request_from_options(...) and settings.smtp().
EmailToOption = Annotated[
    list[str] | None,
    typer.Option(
        "--email-to",
        metavar="ADDR",
        help="E-mail the briefing to ADDR (repeatable); writes a .eml draft beside the outputs.",
    ),
]
EmailCcOption = Annotated[
    list[str] | None,
    typer.Option("--email-cc", metavar="ADDR", help="Copy the e-mail to ADDR (repeatable)."),
]
EmailFromOption = Annotated[
    str | None,
    typer.Option("--email-from", metavar="ADDR", help="Sender (default: email_from in config)."),
]
EmailSubjectOption = Annotated[
    str | None,
    typer.Option("--email-subject", help="E-mail subject (default: the briefing title)."),
]
SendOption = Annotated[
    bool,
    typer.Option("--send", help="Send the e-mail over SMTP; the .eml draft is kept either way."),
]
SmtpOption = Annotated[
    str | None,
    typer.Option(
        "--smtp",
        metavar="HOST[:PORT]",
        help="SMTP server (default: config). Login: $BRIEFGEN_SMTP_USER/_PASSWORD or config.",
    ),
]


@contextmanager
def _batch_progress() -> Iterator[Callable[..., None] | None]:
    """Show a progress bar of the batch's jobs on stderr when both streams are terminals."""
    if not (sys.stdout.isatty() and sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from briefgen.deliver.batch_run import ItemResult

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("briefings", total=None)

        def update(result: ItemResult, finished: int, total: int) -> None:
            bar.update(task, completed=finished, total=total, description=result.job.name[:40])

        yield update


@app.command()
def batch(
    plan: Annotated[Path, typer.Argument(help="The batch plan (TOML); see examples/batch.toml.")],
    force: Annotated[
        bool, typer.Option("--force", help="Make every briefing, even those up to date.")
    ] = False,
    db: DbOption = None,
    workers: Annotated[
        int | None, typer.Option("--workers", "-j", help="Processes (default: all cores).")
    ] = None,
    smtp: SmtpOption = None,
    as_json: JsonOption = False,
) -> None:
    """Make every briefing of a batch plan in parallel, skipping those already up to date.

    A failing briefing is reported and the others go on; exits 1 if any failed.
    """
    import os
    from datetime import datetime, timezone

    from briefgen.config import load_settings
    from briefgen.deliver.batch import load_plan
    from briefgen.deliver.batch_run import run_plan

    with errors_to_exit():
        settings = load_settings(Path.cwd(), os.environ, {"db": db, "smtp": smtp})
        checked = load_plan(plan, default_sender=settings.email_from)
        if Path(settings.db).exists():
            from briefgen.store import Corpus

            with Corpus.open(settings.db, create=False) as corpus:
                _catch_up(corpus)  # run_plan would do it too, without a progress bar
        with _batch_progress() as progress:
            report = run_plan(
                settings.db,
                checked,
                force=force,
                workers=workers,
                progress=progress,
                settings=settings,
                now=datetime.now(timezone.utc),
            )
    if as_json:
        _print_json(report.as_dict())
    else:
        for result in report.failed:
            typer.echo(f"briefgen: failed: {result.line()}", err=True)
        typer.echo(report.summary_line())
    if report.failed:
        raise typer.Exit(Exit.FAILED)


templates_app = typer.Typer(
    help="List the packaged briefing templates and copy one to start from.",
    no_args_is_help=True,
)
app.add_typer(templates_app, name="templates")


@templates_app.command("list")
def templates_list(as_json: JsonOption = False) -> None:
    """List the packaged templates, each with what it is for."""
    from briefgen.templates_catalog import list_templates

    found = guarded(list_templates)
    if as_json:
        _print_json([info.as_dict() for info in found])
        return
    width = max(len(info.name) for info in found)
    for info in found:
        typer.echo(f"{info.name:<{width}}  {info.description}")


@templates_app.command("copy")
def templates_copy(
    name: Annotated[str, typer.Argument(help="The template, e.g. ngo.md.j2 (or ngo).")],
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The folder to copy it into.")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing copy.")] = False,
) -> None:
    """Copy a packaged template into DIR to make it your own (use it with --template)."""
    from briefgen.templates_catalog import copy_template, extends_example, template_info

    target = guarded(lambda: copy_template(name, folder, overwrite=force))
    info = guarded(lambda: template_info(name))
    typer.echo(f"copied {info.name} to {target}; use it with --template {target}")
    typer.echo(
        "\nTo change only some sections, extend the packaged template instead and override "
        f"its blocks ({', '.join(info.blocks) or 'none'}) in a file of another name:\n"
    )
    typer.echo(extends_example(info), nl=False)


@templates_app.command("doc")
def templates_doc() -> None:
    """Print the template reference: the data, filters and blocks each template has."""
    from briefgen.template_docs import templates_readme

    typer.echo(guarded(templates_readme), nl=False)


config_app = typer.Typer(help="Show the settings briefgen runs with.", no_args_is_help=True)
app.add_typer(config_app, name="config")


@config_app.command("show")
def config_show(
    db: DbOption = None,
    style: Annotated[str | None, typer.Option(help="Style name or style file.")] = None,
    out: Annotated[Path | None, typer.Option(help="Output folder.")] = None,
    email_from: EmailFromOption = None,
    smtp: SmtpOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print the effective settings and where each came from (passwords are masked).

    Options win over $BRIEFGEN_* variables, then ./briefgen.toml, the user's, the defaults.
    """
    import os

    from briefgen.config import load_settings

    given = {"db": db, "style": style, "out": out, "email_from": email_from, "smtp": smtp}
    data = guarded(lambda: load_settings(Path.cwd(), os.environ, given)).as_dict()
    if as_json:
        import json

        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for path in data["files"]:
        typer.echo(f"# read {path}")
    shown = {k: "(unset)" if v is None else str(v) for k, v in data["settings"].items()}
    name_width, value_width = max(map(len, shown)), max(map(len, shown.values()))
    for name, value in shown.items():
        typer.echo(f"{name:<{name_width}}  {value:<{value_width}}  {data['sources'][name]}")


def main() -> None:
    """Run the command line."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("briefgen: error: interrupted", err=True)
        sys.exit(Exit.INTERRUPTED)
