"""The briefgen command line: parse options, call one library function, map errors to exits.

Glue only: what commands show on a terminal is in console.py, the work in the library.
Heavy libraries are imported inside the commands so that `briefgen --help` starts fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from briefgen.cli_errors import BriefgenGroup, Exit, errors_to_exit, guarded
from briefgen.cli_options import (
    MAX_COUNT,
    MAX_WORKERS,
    ClusterOption,
    Command,
    CsvOption,
    DbOption,
    DocxOption,
    EmailCcOption,
    EmailFromOption,
    EmailSubjectOption,
    EmailToOption,
    JsonOption,
    OutOption,
    PdfOption,
    PersonalOption,
    ReferenceDocxOption,
    RowsJsonOption,
    SendOption,
    SmtpOption,
    StyleOption,
    TemplateOption,
    WorkersOption,
    with_options_of,
)

if TYPE_CHECKING:
    from briefgen.cluster import Cluster
    from briefgen.config import Settings
    from briefgen.pipeline import BriefingRequest
    from briefgen.store import Corpus


app = typer.Typer(
    name="briefgen",
    cls=BriefgenGroup,
    help="Turn diplomatic cables into sourced briefings (PDF and Word).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def command(
    example: str, name: str | None = None, *, on: typer.Typer = app
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a command of `on` that refuses repeated single-value options, with an example
    of its use under its help."""
    return on.command(name, cls=Command, epilog=f"Example: {example}")


def _print_version(value: bool) -> None:
    if value:
        from briefgen import __version__

        typer.echo(f"briefgen {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Turn diplomatic cables into sourced briefings (PDF and Word)."""


def _print_json(data: object) -> None:
    import json

    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def settings_of(**given: object) -> Settings:
    """Return the settings of this run: the options given over $BRIEFGEN_*, over briefgen.toml."""
    from briefgen.config import load_settings

    return load_settings(Path.cwd(), os.environ, given)


@contextmanager
def corpus_at(db: str | None, *, create: bool = False, read_only: bool = False) -> Iterator[Corpus]:
    """Open the corpus of this run (`--db`, else $BRIEFGEN_DB, else briefgen.toml's `db`, else
    ./briefgen.db) under errors_to_exit: every command finds it this one way."""
    with errors_to_exit(), open_at(settings_of(db=db).db, create, read_only) as corpus:
        yield corpus


@contextmanager
def cluster_at(address: str | None, workers: int | None) -> Iterator[Cluster | None]:
    """Connect to the Dask cluster of this run (`--cluster`, else $BRIEFGEN_CLUSTER, else
    briefgen.toml's `cluster`; `local` starts one of `workers` processes), or give None."""
    address = settings_of(cluster=address).cluster
    if address is None:
        yield None
        return
    from briefgen.cluster import Cluster

    with errors_to_exit(), Cluster.connect(address, workers=workers) as cluster:
        yield cluster


def open_at(path: Path | str, create: bool = False, read_only: bool = False) -> Corpus:
    """Open the corpus at a path the settings gave (see corpus_at)."""
    from briefgen.store import Corpus

    return Corpus.open(path, create=create, read_only=read_only)


# --- read: briefgen parse -------------------------------------------------------------------


@command("briefgen parse cables/ --json | jq .subject", "parse")
def parse_command(
    paths: Annotated[
        list[str],
        typer.Argument(help="Cable files or folders (all cable files in it); - is stdin."),
    ],
    json_out: RowsJsonOption = False,
    csv_out: CsvOption = False,
    workers: Annotated[
        int, typer.Option("--workers", "-j", min=1, max=MAX_WORKERS, help="Parse in N processes.")
    ] = 1,
) -> None:
    """Read cables in any format and print them: a table, JSON Lines (--json) or CSV (--csv)."""
    from briefgen.models import Cable, Rejection
    from briefgen.read import read_paths

    rejected = 0
    cables: list[Cable] = []

    def records() -> Iterator[dict[str, Any]]:
        nonlocal rejected
        for item in read_paths(paths, workers=workers):
            if isinstance(item, Rejection):
                rejected += 1
                typer.echo(f"briefgen: rejected: {item}", err=True)
            elif json_out or csv_out:
                yield item.as_dict()
            else:
                cables.append(item)

    with errors_to_exit():
        from briefgen.console import print_rows

        print_rows(records(), csv_out=_rows_format(json_out, csv_out))
    if cables:
        from briefgen.console import print_cables

        print_cables(cables)
    if rejected:
        raise typer.Exit(Exit.FAILED)


def _rows_format(json_out: bool, csv_out: bool) -> bool:
    """Return True for CSV rows, False for JSON Lines; refuse both at once."""
    if json_out and csv_out:
        raise typer.BadParameter("--json and --csv print rows two ways: choose one")
    return csv_out


# --- store: ingest, cables, show, stats -----------------------------------------------------


@command("briefgen ingest cables/ cablegate.csv.gz --workers 2")
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Cable files, folders, CSV dumps, or - for stdin.")
    ],
    db: DbOption = None,
    workers: WorkersOption = None,
    cluster: ClusterOption = None,
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
    from briefgen.console import ingest_progress
    from briefgen.pipeline import ingest as ingest_paths
    from briefgen.pipeline import pending_facts

    with (
        corpus_at(db, create=True) as corpus,
        cluster_at(cluster, workers) as on,
        ingest_progress() as shown,
    ):
        report = ingest_paths(
            corpus,
            paths,
            workers=workers,
            extract=extract,
            progress=shown.stored if shown else None,
            facts_progress=shown.extracted if shown else None,
            cluster=on,
        )
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


@command("briefgen cables --origin Astana --tag KTIP --tag KWMN --quarter 2009Q4 --search shelter")
def cables(
    db: DbOption = None,
    origin: Annotated[
        list[str] | None,
        typer.Option(help="Sending post: Manama, Embassy Manama, ... (repeat: any of them)."),
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option(help="TAGS code, e.g. KTIP (repeat: any of them).")
    ] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="First day, YYYY-MM-DD (or YYYY-MM, YYYY).")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Last day, inclusive, YYYY-MM-DD.")
    ] = None,
    quarter: Annotated[
        list[str] | None,
        typer.Option(help="Calendar quarter, e.g. 2009Q4 (repeat: any of them)."),
    ] = None,
    classification: Annotated[
        list[str] | None,
        typer.Option(help="Classification, e.g. CONFIDENTIAL (repeat: any of them)."),
    ] = None,
    search: Annotated[
        list[str] | None,
        typer.Option(
            help='Full-text query, e.g. "shelter AND Kokshetau" (repeat: every one must match).'
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option(min=0, max=MAX_COUNT, help="Most cables to list (0: no limit).")
    ] = 100,
    as_json: RowsJsonOption = False,
    csv_out: CsvOption = False,
) -> None:
    """List the cables matching every filter: best match first with --search, else by date.

    A filter repeated matches any of its values (two tags: cables with either), except
    --search, whose queries must all match. An empty result prints a message on stderr and
    exits 0 (an empty list is an answer).
    """
    rows_csv = _rows_format(as_json, csv_out)
    with corpus_at(db, read_only=True) as corpus:
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
    if as_json or csv_out:
        from briefgen.console import print_rows

        print_rows((row.as_dict() for row in rows), csv_out=rows_csv)
    elif rows:
        from briefgen.console import bold
        from briefgen.store.present import summaries_text

        typer.echo(summaries_text(rows, mark=bold))
    if not rows:
        typer.echo("briefgen: no cables match", err=True)
    elif more:
        typer.echo(f"briefgen: showing the first {limit}; --limit 0 lists them all", err=True)


@command("briefgen show 09ASTANA2101")
def show(
    cable_id: Annotated[str, typer.Argument(metavar="ID", help="Cable id, e.g. 09ASTANA1985.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print one cable: header, numbered paragraphs, references and the cables citing it."""
    with corpus_at(db, read_only=True) as corpus:
        view = corpus.view(cable_id)
    if as_json:
        _print_json(view.as_dict())
    else:
        from briefgen.store.present import view_text

        typer.echo(view_text(view))


@command("briefgen stats --json")
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Print corpus counts by origin, tag, year and classification."""
    with corpus_at(db, read_only=True) as corpus:
        counts = corpus.stats()
    if as_json:
        _print_json(counts.as_dict())
    else:
        from briefgen.store.present import stats_text

        typer.echo(stats_text(counts))


# --- facts: extract, entities, entity -------------------------------------------------------


ENTITY_CABLES = 100
"""Cables `briefgen entity` reads by default: a name in 100,000 cables must not read them all."""


@command("briefgen extract --workers 2", "extract")
def extract_command(
    db: DbOption = None, workers: WorkersOption = None, cluster: ClusterOption = None
) -> None:
    """Extract the facts of every cable not yet extracted; end with `N cables extracted`."""
    from briefgen.console import extract_progress
    from briefgen.pipeline import extract_facts

    with (
        corpus_at(db) as corpus,
        cluster_at(cluster, workers) as on,
        extract_progress() as progress,
    ):
        done = extract_facts(corpus, workers=workers, progress=progress, cluster=on)
    typer.echo(f"{done:,} cables extracted")


@command("briefgen entities --kind org --kind person --search League")
def entities(
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", help="Only this kind: org, person or place (repeat: any of them)."),
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", help="Only names or aliases containing TEXT.")
    ] = None,
    db: DbOption = None,
    as_json: RowsJsonOption = False,
    csv_out: CsvOption = False,
) -> None:
    """List the organizations, people and places named in the corpus, with mention counts."""
    from briefgen.console import extract_progress
    from briefgen.facts import ensure_facts

    rows_csv = _rows_format(as_json, csv_out)
    with corpus_at(db) as corpus:
        with extract_progress() as progress:
            stored = ensure_facts(corpus, progress=progress)
        kinds: list[str | None] = list(dict.fromkeys(kind or [])) or [None]
        rows = [row for k in kinds for row in stored.entities(kind=k, search=search)]
    if len(kinds) > 1:
        rows.sort(key=lambda row: (-row.mentions, row.name))
    if as_json or csv_out:
        from briefgen.console import print_rows

        print_rows((row.as_dict() for row in rows), csv_out=rows_csv)
    else:
        from briefgen.facts.present import entities_text

        typer.echo(entities_text(rows))


@command('briefgen entity "Union of Crisis Centers" --max-cables 20')
def entity(
    name: Annotated[str, typer.Argument(help="The name, alias or acronym (typos forgiven).")],
    db: DbOption = None,
    as_json: JsonOption = False,
    max_cables: Annotated[
        int,
        typer.Option(
            "--max-cables", min=1, max=MAX_COUNT, help="Read the N cables that mention it most."
        ),
    ] = ENTITY_CABLES,
    every: Annotated[
        bool, typer.Option("--all", help="Read every cable that mentions it instead.")
    ] = False,
) -> None:
    """Show one entity: aliases, titles, related entities, facts and figures with sources."""
    from briefgen.console import extract_progress
    from briefgen.facts import ensure_facts

    with corpus_at(db) as corpus:
        with extract_progress() as progress:
            stored = ensure_facts(corpus, defer=not every, progress=progress)
        profile = stored.entity(name, max_cables=None if every else max_cables)
    if as_json:
        _print_json(profile.as_dict())
    else:
        from briefgen.facts.present import profile_text

        typer.echo(profile_text(profile))


# --- briefings: ngo, program, quarterly, cable ----------------------------------------------


def _make_briefing(
    build: Callable[[], BriefingRequest],
    *,
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
    """Make the briefing `build()` asks for, with the options every briefing command takes:
    print its JSON, or write its files (and e-mail them)."""
    import dataclasses
    import datetime as dt

    from briefgen.pipeline import make_briefing, summarize

    given = {
        "db": db,
        "out": out,
        "style": style,
        "reference_docx": reference_docx,
        "email_from": email_from,
        "smtp": smtp,
    }
    with errors_to_exit():
        request = build()
        settings = settings_of(**given)
        email = None
        if email_to or email_cc or email_subject is not None or send:
            from briefgen.deliver.email import request_from_options

            email = request_from_options(
                to=email_to or (),
                cc=email_cc or (),
                sender=email_from,
                subject=email_subject,
                send=send,
                default_sender=settings.email_from,
            )
        request = dataclasses.replace(
            request,
            formats=tuple(f for f, on in (("pdf", pdf), ("docx", docx)) if on),
            style=settings.style or "default",
            template=template,
            include_personal=include_personal,
            organization=settings.organization,
            author=settings.author,
            footer=settings.footer,
            source_url=settings.source_url,
            reference_docx=settings.reference_docx,
        )
        with open_at(settings.db) as corpus:
            if as_json:
                _print_json(summarize(corpus, request).as_dict())
                return
            made = make_briefing(
                corpus,
                request,
                settings.out,
                email=email,
                smtp=settings.smtp,
                now=dt.datetime.now(dt.timezone.utc),
                written=_print_paths,
            )
    if made.draft is not None:
        typer.echo(f"{'sent; draft kept at' if send else 'draft'} {made.draft}")


def _print_paths(paths: Sequence[Path]) -> None:
    for path in paths:
        typer.echo(str(path))


briefing_command = with_options_of(_make_briefing)
"""Give a command building a BriefingRequest the options every briefing command takes."""


@command('briefgen ngo "Feminist League" --pdf --out briefings/', "ngo")
@briefing_command
def ngo(
    name: Annotated[str, typer.Argument(help="The NGO (case, articles and small typos forgiven).")],
) -> BriefingRequest:
    """Write an NGO profile: leadership, history, funding, networks, programs, sources."""
    from briefgen.pipeline import BriefingRequest

    return BriefingRequest("ngo", name)


@command('briefgen program "Night Stars" --cable 09ASTANA1206 --docx', "program")
@briefing_command
def program(
    query: Annotated[str, typer.Argument(help="Program, campaign, play or grant: name or phrase.")],
    cable: Annotated[
        list[str] | None, typer.Option("--cable", help="Only read this cable (repeatable).")
    ] = None,
) -> BriefingRequest:
    """Write a program-impact sheet: overview, funding, activities, reach, outcomes, feedback."""
    from briefgen.pipeline import BriefingRequest

    return BriefingRequest("program", query, cables=tuple(cable or ()))


@command("briefgen quarterly 2009Q4 --origin Astana --tag KTIP --style memo", "quarterly")
@briefing_command
def quarterly(
    quarter: Annotated[str, typer.Argument(help="The quarter, like 2009Q4.")],
    origin: Annotated[
        list[str] | None, typer.Option("--origin", help="Only this post (repeatable).")
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", help="Only this tag (repeatable).")
    ] = None,
) -> BriefingRequest:
    """Write a quarterly summary: headline counts, a digest per cable, figures, who was named."""
    from briefgen.pipeline import BriefingRequest

    return BriefingRequest("quarterly", quarter, origins=tuple(origin or ()), tags=tuple(tag or ()))


@command("briefgen cable 09ASTANA2101 --email-to desk@example.org", "cable")
@briefing_command
def cable_command(
    cable_id: Annotated[str, typer.Argument(metavar="ID", help="The cable id, like 09ASTANA2101.")],
) -> BriefingRequest:
    """Write a one-cable digest: header, summary, figures, people, comment, references."""
    from briefgen.pipeline import BriefingRequest

    return BriefingRequest("cable", cable_id)


# --- batch, templates, config ---------------------------------------------------------------


@command("briefgen batch examples/batch.toml --workers 2 --timeout 300")
def batch(
    plan: Annotated[Path, typer.Argument(help="The batch plan (TOML); see examples/batch.toml.")],
    force: Annotated[
        bool, typer.Option("--force", help="Make every briefing, even those up to date.")
    ] = False,
    db: DbOption = None,
    workers: WorkersOption = None,
    smtp: SmtpOption = None,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=1,
            max=86400,
            metavar="SECONDS",
            help="Stop a briefing taking longer than this; it fails, the others go on.",
        ),
    ] = 600.0,
    as_json: JsonOption = False,
) -> None:
    """Make every briefing of a batch plan in parallel, skipping those already up to date.

    A failing briefing is reported and the others go on; exits 1 if any failed.
    """
    from datetime import datetime, timezone

    from briefgen.batch import load_plan, run_plan
    from briefgen.console import batch_progress

    with errors_to_exit():
        settings = settings_of(db=db, smtp=smtp)
        checked = load_plan(plan, default_sender=settings.email_from)
        with batch_progress() as (facts_progress, jobs_progress):
            report = run_plan(
                settings.db,
                checked,
                force=force,
                workers=workers,
                progress=jobs_progress,
                settings=settings,
                now=datetime.now(timezone.utc),
                facts_progress=facts_progress,
                timeout=timeout,
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


@command("briefgen templates list --json", "list", on=templates_app)
def templates_list(as_json: RowsJsonOption = False, csv_out: CsvOption = False) -> None:
    """List the packaged templates, each with what it is for."""
    from briefgen.templates_catalog import list_templates

    rows_csv = _rows_format(as_json, csv_out)
    found = guarded(list_templates)
    if as_json or csv_out:
        from briefgen.console import print_rows

        print_rows((info.as_dict() for info in found), csv_out=rows_csv)
    else:
        from briefgen.console import templates_text

        typer.echo(templates_text(found))


@command("briefgen templates copy ngo my-templates/", "copy", on=templates_app)
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


@command("briefgen templates doc > TEMPLATES.md", "doc", on=templates_app)
def templates_doc() -> None:
    """Print the template reference: the data, filters and blocks each template has."""
    from briefgen.template_docs import templates_readme

    typer.echo(guarded(templates_readme), nl=False)


config_app = typer.Typer(help="Show the settings briefgen runs with.", no_args_is_help=True)
app.add_typer(config_app, name="config")


@command("briefgen config show --json", "show", on=config_app)
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
    given = {"db": db, "style": style, "out": out, "email_from": email_from, "smtp": smtp}
    data = guarded(lambda: settings_of(**given)).as_dict()
    if as_json:
        _print_json(data)
    else:
        from briefgen.console import settings_text

        typer.echo(settings_text(data))


def main() -> None:
    """Run the command line (BriefgenGroup.main maps every error to one line and a status)."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("briefgen: error: interrupted", err=True)
        sys.exit(Exit.INTERRUPTED)
