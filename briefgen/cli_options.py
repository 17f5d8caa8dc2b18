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
from typer.core import TyperCommand

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Corpus database: a SQLite file, or postgresql://user@host:port/dbname "
        "(default: $BRIEFGEN_DB, else db in briefgen.toml, else ./briefgen.db).",
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
ClusterOption = Annotated[
    str | None,
    typer.Option(
        "--cluster",
        metavar="ADDRESS",
        help="Parse and extract on the Dask cluster at ADDRESS (tcp://host:8786), or `local` "
        "for one started here with a worker per core, or --workers (default: $BRIEFGEN_CLUSTER, "
        "else cluster in briefgen.toml, else none).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print it as one JSON object.")]
RowsJsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON Lines: one JSON object per row, as it comes.")
]
CsvOption = Annotated[
    bool,
    typer.Option(
        "--csv",
        help="Print CSV: a header, then one row each (lists joined by '; ', records as JSON).",
    ),
]
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


class Command(TyperCommand):
    """A command refusing an option given twice that takes one value.

    Click keeps the last of `--from 2009 --from 2010` without a word; a user who repeats an
    option means both, so an option is either repeatable (its help says so) or refused when
    repeated.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Check for repeated single-value options, then parse as typer does."""
        single: dict[str, str] = {}
        for param in self.params:
            takes_one = not (param.multiple or getattr(param, "is_flag", False))
            if param.param_type_name == "option" and takes_one:
                for spelling in (*param.opts, *param.secondary_opts):
                    single[spelling] = param.opts[0]
        seen: set[str] = set()
        for arg in args:
            if arg == "--":
                break
            name = _option_name(arg, single)
            if name is None:
                continue
            if name in seen:
                raise typer.BadParameter(
                    "given twice; it takes one value", ctx=ctx, param_hint=f"'{name}'"
                )
            seen.add(name)
        return list(super().parse_args(ctx, args))


def _option_name(arg: str, single: dict[str, str]) -> str | None:
    """Return the option `arg` gives (`--from=2009`, `-j2`) if it takes one value, else None."""
    if arg in single:
        return single[arg]
    if arg.startswith("--") and "=" in arg:
        return single.get(arg.split("=", 1)[0])
    if arg.startswith("-") and not arg.startswith("--") and len(arg) > 2:
        return single.get(arg[:2])
    return None
