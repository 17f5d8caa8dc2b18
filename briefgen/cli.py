"""The briefgen command line: parse options, call one library function, map errors to exits.

Heavy libraries are imported inside the commands so that `briefgen --help` starts fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import IntEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from briefgen.errors import BriefgenError

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


# --- store: ingest, cables, show, stats -----------------------------------------------------


# --- extract: entities, entity --------------------------------------------------------------


# --- briefings: ngo, program, quarterly, cable ----------------------------------------------


# --- delivery: batch, templates, config -----------------------------------------------------


def main() -> None:
    """Run the command line."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("briefgen: error: interrupted", err=True)
        sys.exit(Exit.INTERRUPTED)
