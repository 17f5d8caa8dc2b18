"""How the command line ends: one stderr line and an exit status for every error, never a
traceback.

`errors_to_exit` maps briefgen's own errors inside a command; `BriefgenGroup`, the top command,
maps what is left: usage errors, and anything unexpected (a bug) as an internal error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import IntEnum
from typing import Any, TypeVar

import typer
from typer.core import TyperGroup

from briefgen.errors import BriefgenError


class Exit(IntEnum):
    """Exit statuses of every command."""

    OK = 0
    FAILED = 1
    USAGE = 2
    INTERRUPTED = 130


DEBUG_ENV = "BRIEFGEN_DEBUG"
"""Set to 1 to see the traceback of an internal error instead of its one line."""


class BriefgenGroup(TyperGroup):
    """The `briefgen` command: whatever goes wrong ends in one stderr line and an exit status.

    Errors briefgen expects (BriefgenError) are mapped by each command (errors_to_exit); here
    land usage errors, which become `briefgen: error: ...` too, and anything unexpected, which
    becomes `briefgen: internal error: ...` and exit 1, never a traceback (unless
    $BRIEFGEN_DEBUG is set).
    """

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command line; with `standalone_mode` (the default), exit with its status."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            returned = super().main(args, prog_name, complete_var, False, **extra)
            code = returned if isinstance(returned, int) else Exit.OK
        except typer.Abort:
            typer.echo("briefgen: error: interrupted", err=True)
            code = Exit.INTERRUPTED
        except Exception as exc:
            code = _report(exc)
        sys.exit(code)


def _report(exc: Exception) -> int:
    """Print one line for an error no command handled; return the exit status."""
    if type(exc).__name__ == "NoArgsIsHelpError":
        return Exit.USAGE  # the help was printed already, as `briefgen` with no arguments asks
    message = getattr(exc, "format_message", None)
    if callable(message) and isinstance(getattr(exc, "exit_code", None), int):
        # A usage error (click's): a bad option, a value out of range, a missing argument.
        context = getattr(exc, "ctx", None)
        hint = f" (see `{context.command_path} --help`)" if context is not None else ""
        typer.echo(f"briefgen: error: {' '.join(str(message()).split())}{hint}", err=True)
        return int(exc.exit_code)  # type: ignore[attr-defined]
    if os.environ.get(DEBUG_ENV, "").strip() not in ("", "0"):
        raise exc
    detail = " ".join(str(exc).split())
    typer.echo(
        f"briefgen: internal error: {type(exc).__name__}: {detail} "
        f"(set {DEBUG_ENV}=1 for the traceback)",
        err=True,
    )
    return Exit.FAILED


T = TypeVar("T")


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


def guarded(func: Callable[[], T]) -> T:
    """Call `func` under errors_to_exit and return its result."""
    with errors_to_exit():
        return func()
