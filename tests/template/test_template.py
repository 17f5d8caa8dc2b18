"""The template environment: Markdown escaping, filters, layered loading, sandbox, errors."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.document import BulletList, Heading, Paragraph, parse_markdown, plain_text, xml_safe
from briefgen.errors import TemplateError
from briefgen.resources import asset_dir
from briefgen.template import environment, escape_markdown, render_markdown


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _paragraph_text(markdown: str) -> str:
    doc = parse_markdown(markdown)
    assert len(doc.blocks) == 1 and isinstance(doc.blocks[0], Paragraph), doc.blocks
    return plain_text(doc.blocks[0].runs)


@pytest.mark.parametrize(
    "value",
    [
        "# not a heading",
        "- not a list",
        "1. not numbered",
        "1) not numbered either",
        "+ plus",
        "*stars* and _under_ and **bold**",
        "pipe | table | cell",
        "[link](http://example.org) and ![img](x.png)",
        "<b>tag</b> & &amp; &#169;",
        "`code` and ``more``",
        "::: keyfacts",
        "[^09ASTANA1985] not a citation",
        "> not a quote",
        "\\ backslash \\* kept",
        "line one\n\n# line two\n    indented",
        "---",
    ],
)
def test_values_print_literally(tmp_path: Path, value: str) -> None:
    path = _write(tmp_path, "t.md.j2", "{{ value }}\n")
    markdown = render_markdown(path, {"value": value})
    assert _paragraph_text(markdown) == " ".join(value.split())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1))
def test_any_text_prints_literally(value: str) -> None:
    doc = parse_markdown(escape_markdown(value))
    assert all(isinstance(b, Paragraph) for b in doc.blocks)
    text = "".join(plain_text(b.runs) for b in doc.blocks if isinstance(b, Paragraph))
    # Layout whitespace (newlines, tabs, form feeds) separates words; other controls vanish.
    assert text.split() == xml_safe(re.sub(r"[\t\n\r\f\v]", " ", value)).split()


def test_trusted_markdown_and_macros(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "t.md.j2",
        "{% macro item(x) %}- {{ x }}{% endmacro %}"
        "# {{ title }}\n\n{{ '**bold**'|md }} {{ name }}\n\n{{ item('*a*') }}\n",
    )
    doc = parse_markdown(render_markdown(path, {"title": "T # 1", "name": "*n*"}))
    heading, para, items = doc.blocks
    assert isinstance(heading, Heading) and plain_text(heading.runs) == "T # 1"
    assert isinstance(para, Paragraph) and para.runs[0].bold and para.runs[0].text == "bold"
    assert plain_text(para.runs).endswith("*n*")
    assert isinstance(items, BulletList)


def test_filters(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "t.md.j2",
        "{{ day|date }}; {{ '2009-11-10'|date('%Y/%m/%d') }}; {{ 1250000|money }}; "
        "{{ 2000|money('KZT') }}; {{ names|join(' / ') }}; {{ 'x'|cite }}{{ cable|cite }}\n",
    )

    class Cable:
        id = "09ASTANA1985"

    out = render_markdown(
        path, {"day": dt.date(2009, 11, 10), "names": ["a*", "b|c"], "cable": Cable()}
    )
    assert out.startswith(r"10 November 2009; 2009/11/10; $1,250,000; KZT 2,000; a\* / b\|c; ")
    assert out.strip().endswith("[^x][^09ASTANA1985]")


def test_yaml_filter_makes_front_matter_safe(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "t.md.j2",
        "---\ntitle: {{ title|yaml }}\nsources: {{ sources|yaml }}\n---\nText{{ 'A:1'|cite }}\n",
    )
    title = 'Report: "quoted" # *stars* \\ back'
    sources = [{"id": "A:1", "title": "Subject: with | pipe"}]
    doc = parse_markdown(render_markdown(path, {"title": title, "sources": sources}))
    assert doc.meta.title == title
    assert doc.meta.sources[0].title == "Subject: with | pipe"
    assert plain_text(doc.notes[0].runs) == "A:1 — Subject: with | pipe"


def test_user_template_extends_a_lower_layer(tmp_path: Path) -> None:
    user, shared = tmp_path / "user", tmp_path / "shared"
    user.mkdir()
    shared.mkdir()
    _write(shared, "base.md.j2", "# {% block title %}Base{% endblock %}\n\n{{ body }}\n")
    _write(
        user,
        "mine.md.j2",
        '{% extends "base.md.j2" %}{% block title %}Mine {{ super() }}{% endblock %}',
    )
    out = render_markdown("mine.md.j2", {"body": "# x"}, user_dirs=[user, shared])
    # trim_blocks eats the newline after a block tag, as in any Jinja2 template.
    assert out == "# Mine Base\n\\# x\n"


def test_user_template_shadows_a_lower_layer(tmp_path: Path) -> None:
    user, shared = tmp_path / "user", tmp_path / "shared"
    user.mkdir()
    shared.mkdir()
    _write(shared, "base.md.j2", "shared base\n")
    _write(user, "base.md.j2", "user base\n")
    assert render_markdown("base.md.j2", {}, user_dirs=[user, shared]) == "user base\n"


def test_packaged_templates_are_the_last_layer(tmp_path: Path) -> None:
    env = environment((str(tmp_path),))
    assert env.loader is not None
    assert getattr(env.loader, "searchpath", [])[-1] == str(asset_dir("templates"))


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ value.__class__ }}",
        "{% include '/etc/passwd' %}",
        "{% include '../secret.txt' %}",
        "{{ open('/etc/passwd') }}",
    ],
)
def test_sandbox_refuses_files_and_internals(tmp_path: Path, source: str) -> None:
    (tmp_path / "secret.txt").write_text("TOP SECRET")
    inner = tmp_path / "inner"
    inner.mkdir()
    path = _write(inner, "t.md.j2", source)
    with pytest.raises(TemplateError) as info:
        render_markdown(path, {"value": "x"})
    assert "TOP SECRET" not in str(info.value)


def test_undefined_names_the_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.md.j2", "# Title\n\nline two\n{{ missing }}\n")
    with pytest.raises(TemplateError, match=r"broken\.md\.j2, line 4: 'missing' is undefined"):
        render_markdown(path, {})


def test_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.md.j2", "ok\n{% if %}\n")
    with pytest.raises(TemplateError, match=r"bad\.md\.j2, line 2"):
        render_markdown(path, {})


def test_missing_template(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"template not found: nope\.md\.j2"):
        render_markdown("nope.md.j2", {}, user_dirs=[tmp_path])


def test_a_template_extending_itself_is_a_clear_error(tmp_path: Path) -> None:
    own = tmp_path / "ngo.md.j2"
    own.write_text('{% extends "ngo.md.j2" %}\n', encoding="utf-8")
    with pytest.raises(TemplateError, match="extends or includes itself"):
        render_markdown(own, {})
