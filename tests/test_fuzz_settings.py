"""Untrusted style sheets and batch plans: any TOML gives a result or briefgen's own error.

Styles and plans come from users (and from files passed around between offices): whatever
they hold, loading them must end in a Style or Plan, or a StyleError or DeliveryError naming
the problem, never another exception; and a style that loads must render.
"""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.batch.plan import load_plan
from briefgen.errors import DeliveryError, StyleError
from briefgen.render import load_style, render
from briefgen.render.style import Style
from tests.render.render_samples import sample_document

# --- a small TOML writer for the generated documents ------------------------------------------


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
        )
    raise TypeError(value)


def toml_document(data: dict[str, Any]) -> str:
    lines = [f"{json.dumps(k)} = {toml_value(v)}" for k, v in data.items() if not _table(v)]
    for key, table in data.items():
        if _table(table):
            lines.append(f"[{json.dumps(key)}]")
            lines += [f"{json.dumps(k)} = {toml_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


def _table(value: Any) -> bool:
    return isinstance(value, dict)


# TOML strings cannot hold surrogates, and DEL must be escaped (json.dumps leaves it raw).
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x7f"), max_size=30
)
PLACEHOLDER_TEXT = (
    st.sampled_from(
        ["{page}", "{pages}", "{title}", "{page:0>300000000}", "{title!r}", "{x}", "{", "}", "{{}}"]
    ).map(lambda s: s)
    | TEXT
)
SCALAR = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    PLACEHOLDER_TEXT,
)
VALUE = st.one_of(SCALAR, st.lists(SCALAR, max_size=4))

STYLE_KEYS = {
    "page": ["size", "margin_top", "margin_bottom", "margin_left", "margin_right"],
    "fonts": ["body", "heading", "mono", "size", "leading", "small"],
    "colors": ["text", "heading", "accent", "link", "table_stripe"],
    "headings": ["sizes", "space_before", "rule_under_h1", "uppercase_h1"],
    "table": ["font_size", "stripes", "grid"],
    "text": ["header_left", "footer_right", "contents_title", "toc_min_sections"],
    "banner": ["show", "colors"],
    "logo": ["path", "width"],
    "identity": ["organization", "language"],
    "sources": ["url"],
    "word": ["table_style", "embed_fonts", "reference_docx"],
    "nonsense": ["x"],
}


@st.composite
def style_documents(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if draw(st.booleans()):
        data["extends"] = draw(st.sampled_from(["default", "memo", "nope", "style.toml"]))
    for section in draw(st.lists(st.sampled_from(sorted(STYLE_KEYS)), max_size=4, unique=True)):
        keys = draw(st.lists(st.sampled_from(STYLE_KEYS[section]), min_size=1, unique=True))
        data[section] = {key: draw(VALUE) for key in keys}
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(style_documents())
def test_any_style_loads_or_is_a_style_error(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "style.toml"
        path.write_text(toml_document(data), encoding="utf-8")
        try:
            style = load_style(path)
        except StyleError:
            return
    assert isinstance(style, Style)


NUMBER = st.floats(min_value=-50, max_value=6000, allow_nan=False) | st.integers(-50, 6000)


@st.composite
def numeric_styles(draw: st.DrawFn) -> dict[str, Any]:
    """Styles whose numbers roam around and past their ranges, where layout breaks."""
    return {
        "page": {k: draw(NUMBER) for k in ("margin_left", "margin_right", "margin_top")},
        "fonts": {"size": draw(NUMBER), "leading": draw(st.floats(0, 5)), "small": draw(NUMBER)},
        "headings": {"sizes": draw(st.lists(NUMBER, min_size=1, max_size=4))},
        "table": {"font_size": draw(NUMBER)},
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(numeric_styles())
def test_a_style_that_loads_renders(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "style.toml"
        path.write_text(toml_document(data), encoding="utf-8")
        try:
            style = load_style(path)
        except StyleError:
            return
    document = sample_document(rows=3)
    assert render(document, "pdf", style).startswith(b"%PDF")
    assert render(document, "docx", style)[:2] == b"PK"


# --- batch plans --------------------------------------------------------------------------------

ITEM_KEYS = [
    "kind", "label", "names", "ids", "quarters", "origins", "tag", "out", "formats", "style",
    "template", "email", "nmes",
]  # fmt: skip
QUARTERS = st.sampled_from(
    ["2009Q4", "2009Q1..2009Q4", "2009Q4..2009Q1", "1..2", "2009Q1..4508Q4", "0000Q1", "2009q3"]
)
PLAN_VALUE = st.one_of(
    VALUE,
    QUARTERS,
    st.lists(QUARTERS, max_size=3),
    st.sampled_from(["ngo", "program", "quarterly", "cable", "memo"]),
    st.sampled_from(["{kind}/{subject}", "{name.__class__}", "{origin}", "out", "", "../x"]),
    st.fixed_dictionaries({"min_cables": st.integers(-2, 5)}),
    st.fixed_dictionaries(
        {"to": st.lists(st.sampled_from(["a@example.org", "bad@", "x"]), max_size=2)},
        optional={"from": st.just("b@example.org"), "subject": PLACEHOLDER_TEXT},
    ),
)


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    items = []
    for _ in range(draw(st.integers(0, 4))):
        keys = draw(st.lists(st.sampled_from(ITEM_KEYS), max_size=6, unique=True))
        item = {key: draw(PLAN_VALUE) for key in keys}
        item.setdefault("kind", draw(st.sampled_from(["ngo", "quarterly", "cable", "program"])))
        items.append(item)
    return {"briefing": items}


def plan_document(data: dict[str, Any]) -> str:
    lines = []
    for item in data["briefing"]:
        lines.append("[[briefing]]")
        lines += [f"{json.dumps(k)} = {toml_value(v)}" for k, v in item.items()]
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_any_plan_loads_and_expands_or_is_a_delivery_error(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.toml"
        path.write_text(plan_document(data), encoding="utf-8")
        try:
            plan = load_plan(path, default_sender="desk@example.org")
            jobs = plan.jobs(lambda item: {"Embassy Astana": 3, "Consulate Almaty": 1})
        except DeliveryError as exc:
            assert str(exc).startswith(str(path))
            return
    assert len(jobs) <= 10_000
