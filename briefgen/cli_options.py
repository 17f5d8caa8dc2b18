"""The command-line options several commands share, declared once with their help text.

Each is an Annotated type a command's parameter takes (`db: DbOption = None`). A group of
commands taking the same options declares them once, as the keyword-only parameters of one
function, and `with_options_of(that function)` gives them to each command of the group.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="Corpus database (default: $BRIEFGEN_DB, else db in briefgen.toml, else "
        "./briefgen.db).",
    ),
]
MAX_WORKERS = 256
"""The most processes a command starts: more than any machine's cores, fewer than would
exhaust its memory (each worker holds a Python interpreter)."""
MAX_COUNT = 2**63 - 1
"""The largest count SQLite takes (a 64-bit integer): `--limit`, `--max-cables`."""
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-j",
        min=1,
        max=MAX_WORKERS,
        help="Worker processes (default: all cores).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
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


def with_options_of(
    runner: Callable[..., None],
) -> Callable[[Callable[..., Any]], Callable[..., None]]:
    """Return a decorator making a command of a function: it takes the function's own
    arguments and options, then the keyword-only options of `runner`, and calls
    `runner(lambda: function(**own), **options)`. The function's docstring is its help."""
    shared = [p for p in _parameters(runner) if p.kind is inspect.Parameter.KEYWORD_ONLY]

    def decorate(function: Callable[..., Any]) -> Callable[..., None]:
        own = _parameters(function)

        def command(**values: Any) -> None:
            given = {p.name: values.pop(p.name) for p in own}
            runner(lambda: function(**given), **values)

        command.__signature__ = inspect.Signature([*own, *shared])  # type: ignore[attr-defined]
        command.__doc__ = function.__doc__
        command.__name__ = function.__name__
        return command

    return decorate


def _parameters(function: Callable[..., Any]) -> list[inspect.Parameter]:
    """Return the parameters of `function`, their annotations evaluated, as typer reads them."""
    # Commands import what they return inside their body, not at the top of cli.py (`briefgen
    # --help` must not load the pipeline): a return annotation, which typer does not read, may
    # name a class that is not there, such as BriefingRequest.
    stand_ins = {"BriefingRequest": object}
    return list(inspect.signature(function, locals=stand_ins, eval_str=True).parameters.values())
