"""Render briefing templates to Markdown through the one sandboxed, Markdown-escaping Jinja2 setup.

Every value a template prints with `{{ }}` is escaped for Markdown, so a cable sentence that
starts with `#` or holds `*`, `|` or `<` prints literally. Trusted Markdown is marked with the
`md` filter (or comes from macros, blocks and `super()`, whose own output was escaped already).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

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


# --- the environment ------------------------------------------------------------------------


@lru_cache(maxsize=16)
def environment(search_path: tuple[str, ...] = ()) -> SandboxedEnvironment:
    """Return the sandboxed environment loading from `search_path`, then the packaged templates."""
    folders = [*search_path, str(asset_dir("templates"))]
    env = SandboxedEnvironment(
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
    )
    env.filters.update(FILTERS)
    return env


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
    Raises TemplateError naming the template file and line.
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
        return template.render(dict(context))
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
