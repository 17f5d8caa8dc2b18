"""How the command line shows things on a terminal: progress bars and tables.

Only cli.py uses this module. rich is imported inside each function, so that `briefgen --help`
starts fast; progress bars show only when both streams are terminals (quiet in pipes).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefgen.batch import ItemResult
    from briefgen.models import Cable
    from briefgen.store import IngestReport
    from briefgen.templates_catalog import TemplateInfo

ExtractProgress = Callable[[int, int], None]
JobProgress = Callable[["ItemResult", int, int], None]


def _interactive() -> bool:
    return sys.stdout.isatty() and sys.stderr.isatty()


@contextmanager
def ingest_progress() -> Iterator[Callable[[IngestReport], None] | None]:
    """Yield a callback showing ingest's counts and cables/s on stderr, or None in a pipe."""
    if not _interactive():
        yield None
        return
    import time

    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("reading cables")
        started = time.monotonic()

        def update(counts: IngestReport) -> None:
            rate = counts.total / max(time.monotonic() - started, 1e-6)
            bar.update(task, description=f"{counts.summary_line()}  ({rate:,.0f} cables/s)")

        yield update


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
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

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
