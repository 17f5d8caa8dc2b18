"""How the command line shows things on a terminal: progress bars and tables.

Only cli.py uses this module. rich is imported inside each function, so that `briefgen --help`
starts fast; progress bars show only when both streams are terminals (quiet in pipes). Rows
for scripts (JSON Lines, CSV) are printed here too, as they come.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from briefgen.batch import ItemResult
    from briefgen.models import Cable
    from briefgen.store import IngestReport
    from briefgen.templates_catalog import TemplateInfo

ExtractProgress = Callable[[int, int], None]
JobProgress = Callable[["ItemResult", int, int], None]


def _interactive() -> bool:
    return sys.stdout.isatty() and sys.stderr.isatty()


class IngestProgress:
    """What `ingest` shows while it runs: its phase (reading, storing, extracting facts),
    counts and speed, with a bar that keeps moving."""

    def __init__(self, bar: Progress) -> None:
        import time

        self._bar = bar
        self._clock = time.monotonic
        self._started = self._clock()
        self._store = bar.add_task("reading cables", total=None)
        self._extract: TaskID | None = None

    def stored(self, counts: IngestReport) -> None:
        """Show the counts after a batch of cables was stored."""
        rate = counts.total / max(self._clock() - self._started, 1e-6)
        line = f"storing cables: {counts.summary_line()} ({rate:,.0f} cables/s)"
        self._bar.update(self._store, description=line, refresh=True)

    def extracted(self, done: int, total: int) -> None:
        """Show how many cables of the extraction pass are done."""
        if self._extract is None:
            self._bar.update(self._store, visible=False)
            self._extract = self._bar.add_task("extracting facts", total=total)
        self._bar.update(self._extract, completed=done, total=total, refresh=True)


@contextmanager
def ingest_progress(console: Console | None = None) -> Iterator[IngestProgress | None]:
    """Yield ingest's display on stderr (or on `console`), or None in a pipe."""
    if console is None and not _interactive():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(bar_width=24),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    shown_on = console if console is not None else Console(stderr=True)
    with Progress(*columns, console=shown_on, transient=True) as bar:
        yield IngestProgress(bar)


@contextmanager
def extract_progress() -> Iterator[ExtractProgress | None]:
    """Yield a `progress(done, total)` bar for a whole-corpus extraction pass, or None."""
    if not _interactive():
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


@contextmanager
def batch_progress() -> Iterator[tuple[ExtractProgress | None, JobProgress | None]]:
    """Yield the callbacks of a batch run's two bars (facts extracted, briefings made)."""
    if not _interactive():
        yield None, None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def task(name: str) -> TaskID:
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=None)
            return tasks[name]

        def facts(done: int, total: int) -> None:
            bar.update(task("extracting facts"), completed=done, total=total)

        def jobs(result: ItemResult, finished: int, total: int) -> None:
            name = result.job.name[:40]
            bar.update(task("briefings"), completed=finished, total=total, description=name)

        yield facts, jobs


def print_cables(cables: Sequence[Cable]) -> None:
    """Print a table of cables (id, date, post, subject, paragraphs) fitted to the terminal."""
    from rich.console import Console
    from rich.table import Table

    rows = [
        (
            cable.id,
            cable.created.strftime("%Y-%m-%d") if cable.created else "",
            cable.origin or "",
            cable.subject or "",
            str(len(cable.paragraphs)),
        )
        for cable in cables
    ]
    console = Console()
    # Short columns keep their width; the subject takes what is left, cut with "…".
    fixed = sum(max(len(row[i]) for row in rows) for i in (0, 1, 2, 4))
    room = max(12, console.width - fixed - 16)
    table = Table("id", "created", "origin", "subject", "¶")
    for row in rows:
        subject = row[3] if len(row[3]) <= room else row[3][: room - 1] + "…"
        table.add_row(row[0], row[1], row[2], subject, row[4])
    console.print(table)


def print_rows(rows: Iterable[Mapping[str, Any]], *, csv_out: bool = False) -> None:
    """Print rows as they come: JSON Lines, or CSV with a header of the first row's keys.

    In CSV a list of plain values is one cell joined by `; `, and nested records are JSON.
    """
    import csv
    import io
    import json

    import typer

    header: list[str] | None = None
    for row in rows:
        if not csv_out:
            typer.echo(json.dumps(row, ensure_ascii=False))
            continue
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        if header is None:
            header = list(row)
            writer.writerow(header)
        writer.writerow([_cell(row.get(key)) for key in header])
        typer.echo(buffer.getvalue(), nl=False)


def _cell(value: Any) -> str:
    import json

    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    plain = isinstance(value, (list, tuple)) and all(
        not isinstance(v, (dict, list, tuple)) for v in value
    )
    if plain:
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def bold(text: str) -> str:
    """Return `text` in bold for a terminal (typer.echo drops the styling in a pipe)."""
    import typer

    return typer.style(text, bold=True)


def templates_text(found: Sequence[TemplateInfo]) -> str:
    """Return one line per packaged template: its name, then what it is for."""
    width = max(len(info.name) for info in found)
    return "\n".join(f"{info.name:<{width}}  {info.description}" for info in found)


def settings_text(data: Mapping[str, Any]) -> str:
    """Return `config show`'s lines: the files read, then each setting, value and source."""
    lines = [f"# read {path}" for path in data["files"]]
    shown = {k: "(unset)" if v is None else str(v) for k, v in data["settings"].items()}
    name_width, value_width = max(map(len, shown)), max(map(len, shown.values()))
    for name, value in shown.items():
        lines.append(f"{name:<{name_width}}  {value:<{value_width}}  {data['sources'][name]}")
    return "\n".join(lines)
