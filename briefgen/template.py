"""Render briefing templates to Markdown through the one sandboxed, Markdown-escaping Jinja2 setup.

Every value a template prints with `{{ }}` is escaped for Markdown, so a cable sentence that
starts with `#` or holds `*`, `|` or `<` prints literally. Trusted Markdown is marked with the
`md` filter (or comes from macros, blocks and `super()`, whose own output was escaped already).

The sandbox also bounds a template's work, so that a user template cannot hang a command or a
batch, nor fill the memory: a user template runs for RENDER_SECONDS at most, the output of any
template is at most MAX_OUTPUT characters, and the operations that make big values out of small
ones (`"x" * n`, `n ** m`, widths in `%` and `format`, `center`, `ljust`, `slice`) are refused
beyond MAX_SIZE.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
import string
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from types import BuiltinMethodType, FrameType, TracebackType
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from briefgen.cache import cache_dir
from briefgen.document import footnote_label
from briefgen.errors import TemplateError
from briefgen.resources import asset_dir

# Every ASCII punctuation mark CommonMark or our plugins may read as syntax; a backslash before
# any ASCII punctuation is a valid CommonMark escape, so over-escaping costs nothing.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|&~:^=])")
# Newlines could start a heading or a list in the middle of a value; tabs could start code.
_LAYOUT_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£"}


def escape_markdown(text: str) -> str:
    """Return `text` escaped so Markdown prints it literally, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", _LAYOUT_SPACE.sub(" ", text))


def _finalize(value: Any) -> Any:
    if value is None:
        return Markup("")
    if hasattr(value, "__html__"):
        return value  # Trusted Markdown: the md filter, a macro, a block or super().
    return Markup(escape_markdown(str(value)))


def _escape_item(value: Any) -> str:
    return str(value) if hasattr(value, "__html__") else escape_markdown(str(value))


# --- filters: every filter templates can use is registered here -----------------------------


def md_filter(value: Any) -> Markup:
    """Mark `value` as trusted Markdown, printed without escaping."""
    return Markup(str(value))


def escape_filter(value: Any) -> Markup:
    """Escape `value` for Markdown (the default for `{{ }}`; useful inside `md` strings)."""
    return Markup(_escape_item(value))


def cite_filter(value: Any) -> Markup:
    """Return a footnote reference to the source `value` (a cable id or a record with `.id`)."""
    ident = getattr(value, "id", value)
    return Markup(f"[^{footnote_label(str(ident))}]")


def date_filter(value: Any, fmt: str = "%-d %B %Y") -> str:
    """Format a date, datetime or ISO date string (default `10 November 2009`)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return str(value)
    if not isinstance(value, dt.date):
        raise TypeError(f"date filter needs a date, got {type(value).__name__}")
    return str(value.strftime(fmt))


def money_filter(value: Any, currency: str = "USD", digits: int = 0) -> str:
    """Format an amount with thousands separators (`$1,250,000`, `KZT 2,000`)."""
    if value is None or value == "":
        return ""
    amount = f"{float(value):,.{digits}f}"
    sign = _CURRENCY_SIGNS.get(currency.upper())
    return f"{sign}{amount}" if sign else f"{currency.upper()} {amount}"


def join_filter(
    values: Iterable[Any], separator: str = ", ", attribute: str | None = None
) -> Markup:
    """Join `values` (or their `attribute`), escaping each item and trusting the separator."""
    items = (getattr(v, attribute) if attribute else v for v in values)
    return Markup(str(separator).join(_escape_item(v) for v in items))


def yaml_filter(value: Any) -> Markup:
    """Return `value` as a YAML (JSON) scalar or collection for front matter, strings escaped."""

    def escaped(item: Any) -> Any:
        if isinstance(item, Mapping):
            return {str(k): escaped(v) for k, v in item.items()}
        if isinstance(item, (list, tuple)):
            return [escaped(v) for v in item]
        if item is None or isinstance(item, (bool, int, float)):
            return item
        if hasattr(item, "as_dict"):
            return escaped(item.as_dict())
        if isinstance(item, (dt.date, dt.datetime)):
            return item.isoformat()
        return _escape_item(item)

    return Markup(json.dumps(escaped(value), ensure_ascii=False))


FILTERS = {
    "md": md_filter,
    "trusted": md_filter,
    "e": escape_filter,
    "escape": escape_filter,
    "cite": cite_filter,
    "date": date_filter,
    "money": money_filter,
    "join": join_filter,
    "yaml": yaml_filter,
}
"""The filters of the template environment, by name."""


# --- bounds: what keeps a template's work in proportion to its data -------------------------

RENDER_SECONDS = 5.0
"""The longest a user template may run (wall clock): packaged ones take about 10 ms."""
MAX_OUTPUT = 20_000_000
"""The most characters a template may write (a quarterly of a busy post is about 1 MB)."""
MAX_SIZE = 1_000_000
"""The largest string or list an operator makes, and the largest width or count it takes."""
MAX_POWER_BITS = 10_000
"""The largest integer `**` makes, in bits (3,000 digits)."""
_PADDING = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")
_DIGITS = re.compile(r"\d+")


def _too_large(what: str) -> SecurityError:
    return SecurityError(f"{what} is too large for a template (the limit is {MAX_SIZE:,})")


def _check_counts(values: Iterable[Any], what: str) -> None:
    """Raise SecurityError if any integer among `values` exceeds MAX_SIZE."""
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
            raise _too_large(what)


def _check_percent_format(text: str) -> None:
    """Raise SecurityError for a `%` format whose width or precision is too large."""
    for match in _PERCENT_SPEC.finditer(text):
        for number in match.groups():
            if number == "*" or (number is not None and int(number) > MAX_SIZE):
                raise _too_large("a width in a % format")


def _check_brace_format(text: str) -> None:
    """Raise SecurityError for a `{}` format whose spec has a large or computed width."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return  # str.format raises the same ValueError, with its own message
    for _, _, spec, _ in parsed:
        if spec and ("{" in spec or any(int(n) > MAX_SIZE for n in _DIGITS.findall(spec))):
            raise _too_large("a width in a format")


def _bounded_binop(operator: str, left: Any, right: Any) -> Any:
    """Return `left <operator> right`, refusing results far larger than their operands."""
    if operator == "*":
        for seq, count in ((left, right), (right, left)):
            repeated = isinstance(seq, (str, list, tuple)) and isinstance(count, int)
            if repeated and len(seq) * max(count, 0) > MAX_SIZE:
                raise _too_large("a repeated string or list")
        return left * right
    if operator == "**":
        integers = isinstance(left, int) and isinstance(right, int) and abs(left) > 1
        if integers and right > 0 and right * math.log2(abs(left)) > MAX_POWER_BITS:
            raise _too_large("a power")
        return left**right
    if isinstance(left, str):  # `%` formatting
        _check_percent_format(left)
    return left % right


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """Return `function` with its counts (`center(width)`, `slice(n)`) bounded by MAX_SIZE."""

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        # A context- or environment-taking filter gets it first; the value comes next.
        values = [
            a for a in args if not isinstance(a, (jinja2.runtime.Context, jinja2.Environment))
        ]
        if name == "format" and values and isinstance(values[0], str):
            _check_percent_format(values[0])
        else:
            _check_counts([*values[1:], *kwargs.values()], f"a count given to {name}")
        return function(*args, **kwargs)

    return bounded


_BOUNDED_FILTERS = ("center", "format", "indent", "slice", "batch")
"""The built-in filters taking a count that makes work or memory (`slice(n)` loops n times)."""


class BoundedEnvironment(SandboxedEnvironment):
    """Jinja2's sandbox, with the operators and methods that make big values bounded."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        """Run an intercepted operator within MAX_SIZE."""
        return _bounded_binop(operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Sandbox `str.format` as Jinja2 does, refusing large widths in the format."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            _check_brace_format(value.__self__)
        return wrapped

    def call(
        __self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any
    ) -> Any:
        """Call an object from a template; string padding takes widths up to MAX_SIZE."""
        if (
            isinstance(__obj, BuiltinMethodType)
            and isinstance(getattr(__obj, "__self__", None), str)
            and __obj.__name__ in _PADDING
        ):
            _check_counts([*args, *kwargs.values()], f"a width given to {__obj.__name__}")
        return super().call(__context, __obj, *args, **kwargs)


# --- the environment ------------------------------------------------------------------------


@lru_cache(maxsize=16)
def environment(search_path: tuple[str, ...] = ()) -> SandboxedEnvironment:
    """Return the sandboxed environment loading from `search_path`, then the packaged templates."""
    folders = [*search_path, str(asset_dir("templates"))]
    env = BoundedEnvironment(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        # Autoescape makes macros, blocks and super() return Markup, which _finalize trusts;
        # plain values never reach the HTML escaper because _finalize escapes them first.
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=True,  # users edit their templates while a process (a batch) runs
        bytecode_cache=_bytecode_cache(),
    )
    for name in _BOUNDED_FILTERS:
        env.filters[name] = _bounded_filter(name, env.filters[name])
    env.filters.update(FILTERS)
    # lipsum(n) writes n paragraphs of filler: nothing a briefing needs, and unbounded.
    del env.globals["lipsum"]
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Return the cache of compiled templates (keyed by their source, so an edited template
    is compiled again), or None without a cache folder; compiling the packaged templates
    costs a tenth of a second per briefing."""
    folder = cache_dir("templates")
    return jinja2.FileSystemBytecodeCache(str(folder)) if folder is not None else None


@contextmanager
def _time_limit(env: SandboxedEnvironment, seconds: float) -> Iterator[None]:
    """Stop the templates of `env` rendered in this thread once `seconds` have passed.

    A trace function sees each line the template code runs (loops included), and only there:
    other frames are not traced, so filters and data access run at full speed. Tracing works
    in any thread, where a timer signal would reach only the main one.
    """
    limit = time.monotonic() + seconds
    previous = sys.gettrace()

    def on_line(frame: FrameType, event: str, arg: Any) -> Any:
        if time.monotonic() > limit:
            raise SecurityError(
                f"the template took longer than {seconds:g} s (a loop over too much?)"
            )
        return on_line

    def on_call(frame: FrameType, event: str, arg: Any) -> Any:
        # Compiled templates run with their environment among their globals.
        return on_line if frame.f_globals.get("environment") is env else None

    sys.settrace(on_call)
    try:
        yield
    finally:
        sys.settrace(previous)


def _render_bounded(template: jinja2.Template, context: Mapping[str, Any]) -> str:
    """Return the template's output, refusing more than MAX_OUTPUT characters."""
    pieces: list[str] = []
    size = 0
    for piece in template.generate(dict(context)):
        size += len(piece)
        if size > MAX_OUTPUT:
            raise SecurityError(f"the output is too large (over {MAX_OUTPUT:,} characters)")
        pieces.append(piece)
    return "".join(pieces)


def render_markdown(
    template_name_or_path: str | Path,
    context: Mapping[str, Any],
    *,
    user_dirs: Sequence[Path] = (),
) -> str:
    """Render a briefing template to Markdown.

    `template_name_or_path` is a template name looked up in `user_dirs` and then the packaged
    `templates/` folder (`ngo.md.j2`), or the path of a template file, whose folder is searched
    first so that it can include its neighbours and `{% extends %}` packaged templates.
    A user template (a path, or any template when `user_dirs` are given) runs for
    RENDER_SECONDS at most. Raises TemplateError naming the template file and line.
    """
    dirs = [str(Path(d)) for d in user_dirs]
    name = str(template_name_or_path)
    path = Path(template_name_or_path)
    if path.is_file():
        dirs.insert(0, str(path.resolve().parent))
        name = path.name
    env = environment(tuple(dirs))
    try:
        template = env.get_template(name)
        if not dirs:
            return _render_bounded(template, context)  # packaged: trusted, linear in its data
        with _time_limit(env, RENDER_SECONDS):
            return _render_bounded(template, context)
    except jinja2.TemplateNotFound as exc:
        looked = ", ".join([*dirs, str(asset_dir("templates"))])
        raise TemplateError(f"template not found: {exc.name} (looked in {looked})") from None
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise TemplateError(f"{where}, line {exc.lineno}: {exc.message}") from None
    except TemplateError:
        raise
    except RecursionError:
        # A user template named like the packaged one it extends finds itself first.
        raise TemplateError(
            f"{name}: the template extends or includes itself; if it extends a packaged "
            "template, give your file another name (e.g. my-ngo.md.j2)"
        ) from None
    except Exception as exc:
        # Undefined names, sandbox refusals and filter errors: point at the template line.
        where = _template_frame(exc.__traceback__, env) or name
        message = (
            str(exc) if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
        )
        raise TemplateError(f"{where}: {' '.join(message.split())}") from None


def _template_frame(tb: TracebackType | None, env: SandboxedEnvironment) -> str | None:
    """Return `file, line N` of the innermost template frame of a traceback."""
    found: str | None = None
    while tb is not None:
        code = tb.tb_frame.f_code
        # Jinja rewrites tracebacks so template frames carry the template's file name.
        if code.co_filename.endswith(".j2") or code.co_name in (
            "template",
            "top-level template code",
        ):
            found = f"{code.co_filename}, line {tb.tb_lineno}"
        tb = tb.tb_next
    return found
