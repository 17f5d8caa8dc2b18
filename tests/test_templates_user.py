"""Templates and styles as the user's own: list, copy, extend one block, restyle, sandbox, docs."""

from __future__ import annotations

import dataclasses
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.errors import TemplateError
from briefgen.pipeline import Briefing, BriefingRequest, summarize, write_files
from briefgen.resources import asset_dir
from briefgen.store import Corpus
from briefgen.summarize import records
from briefgen.template_docs import BRIEFING_RECORDS, record_docs, templates_readme
from briefgen.templates_catalog import copy_template, list_templates, template_info

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "cables"
NGO = BriefingRequest("ngo", "Feminist League")
MM_PER_POINT = 25.4 / 72

OVERRIDE = """{#- The packaged NGO profile with our own funding section. -#}
{% extends "ngo.md.j2" %}
{% block funding %}
# Desk funding note

Funding of {{ brief.name }} is tracked by the regional desk.
{% endblock %}
"""

STYLE = """# Red letterhead: US Letter, serif headings over sans text, dark red.
extends = "default"

[page]
size = "Letter"

[fonts]
body = "sans"
heading = "serif"

[colors]
heading = "#8b0000"
accent = "#8b0000"
"""


@pytest.fixture(scope="module")
def league(tmp_path_factory: pytest.TempPathFactory) -> Briefing:
    """Return the NGO profile of the Feminist League from the seed cables."""
    path = tmp_path_factory.mktemp("corpus") / "seeds.db"
    with Corpus.open(path) as corpus:
        corpus.ingest([SEEDS], workers=1)
        return summarize(corpus, NGO)


def pdf_text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def docx_text(path: Path) -> str:
    return " ".join(p.text for p in docx.Document(str(path)).paragraphs)


# --- list and copy --------------------------------------------------------------------------


def test_list_names_each_template_with_a_description_and_blocks() -> None:
    found = {info.name: info for info in list_templates()}
    assert set(BRIEFING_RECORDS) | {"base.md.j2", "_briefing.md.j2"} <= set(found)
    assert all(info.description for info in found.values())
    ngo = found["ngo.md.j2"]
    assert ngo.extends == "base.md.j2"
    assert {"overview", "leadership", "funding", "assessment"} <= set(ngo.blocks)
    assert "cite" in found["_briefing.md.j2"].macros and found["_briefing.md.j2"].is_partial

    result = CliRunner().invoke(app, ["templates", "list"])
    assert result.exit_code == 0
    line = next(x for x in result.stdout.splitlines() if x.startswith("ngo.md.j2 "))
    assert "NGO profile" in line


def test_copy_makes_an_identical_file_and_refuses_to_overwrite(tmp_path: Path) -> None:
    copied = copy_template("ngo", tmp_path / "mine")
    assert copied == tmp_path / "mine" / "ngo.md.j2"
    assert copied.read_bytes() == template_info("ngo.md.j2").path.read_bytes()
    with pytest.raises(TemplateError, match="exists already"):
        copy_template("ngo.md.j2", tmp_path / "mine")
    with pytest.raises(TemplateError, match=r"no packaged template named 'nope' \(packaged: "):
        copy_template("nope", tmp_path)

    result = CliRunner().invoke(app, ["templates", "copy", "quarterly", str(tmp_path / "q")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "q" / "quarterly.md.j2").is_file()
    assert '{% extends "quarterly.md.j2" %}' in result.stdout
    again = CliRunner().invoke(app, ["templates", "copy", "quarterly", str(tmp_path / "q")])
    assert again.exit_code == 1
    assert again.stderr.startswith("briefgen: error: ") and "--force" in again.stderr


def test_a_copied_template_renders_like_the_packaged_one(league: Briefing, tmp_path: Path) -> None:
    copied = copy_template("ngo", tmp_path)
    ours = write_files(league, replace(NGO, formats=("docx",), template=copied), tmp_path / "ours")
    packaged = write_files(league, replace(NGO, formats=("docx",)), tmp_path / "packaged")
    assert docx_text(ours[0]) == docx_text(packaged[0])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40) | st.sampled_from(["../pyproject.toml", "/etc/passwd", "ngo/../x"]))
def test_any_name_is_a_packaged_template_or_an_error(name: str) -> None:
    packaged = asset_dir("templates")
    try:
        info = template_info(name)
    except TemplateError as exc:
        assert str(exc).startswith("no packaged template named ")
    else:
        assert info.path.parent == packaged and info.name in (name, f"{name}.md.j2")


# --- a user template that extends the packaged one -------------------------------------------


def test_overriding_one_block_changes_only_that_section(league: Briefing, tmp_path: Path) -> None:
    template = tmp_path / "templates" / "desk-ngo.md.j2"
    template.parent.mkdir()
    template.write_text(OVERRIDE, encoding="utf-8")
    pdf, docx_file = write_files(league, replace(NGO, template=template), tmp_path / "out")
    for text in (pdf_text(pdf), docx_text(docx_file)):
        assert "Desk funding note" in text
        assert "Funding of Feminist League is tracked by the regional desk." in text
        assert "What the cables say of its funding" not in text  # the packaged section is gone ...
        assert "Overview" in text and "Leadership" in text  # ... the others stay
        assert "Feminist League: NGO profile" in text
        assert "09ASTANA2101" in text  # the Sources block of base.md.j2


def test_a_template_extending_itself_by_name_is_an_error(league: Briefing, tmp_path: Path) -> None:
    template = tmp_path / "ngo.md.j2"
    template.write_text(OVERRIDE, encoding="utf-8")
    with pytest.raises(TemplateError):
        write_files(league, replace(NGO, formats=("pdf",), template=template), tmp_path / "out")


# --- a user style -----------------------------------------------------------------------------


def test_a_style_file_changes_page_fonts_and_colours(league: Briefing, tmp_path: Path) -> None:
    style = tmp_path / "red.toml"
    style.write_text(STYLE, encoding="utf-8")
    pdf, docx_file = write_files(league, replace(NGO, style=style), tmp_path / "red")
    plain_pdf, plain_docx = write_files(league, NGO, tmp_path / "plain")

    def pdf_facts(path: Path) -> tuple[tuple[float, float], set[str], str]:
        reader = PdfReader(path)
        box = reader.pages[0].mediabox
        fonts: set[str] = set()
        stream = ""
        for page in reader.pages:
            resources: Any = page["/Resources"]
            for font in resources["/Font"].values():
                fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
            contents = page.get_contents()
            assert contents is not None
            stream += contents.get_data().decode("latin-1")
        return (
            (round(float(box.width) * MM_PER_POINT), round(float(box.height) * MM_PER_POINT)),
            fonts,
            stream,
        )

    size, fonts, stream = pdf_facts(pdf)
    assert size == (216, 279)  # US Letter
    assert "DejaVuSans-Oblique" in fonts and "DejaVuSerif-Italic" not in fonts  # sans body
    assert ".545098 0 0 rg" in stream  # #8b0000 headings
    plain_size, plain_fonts, plain_stream = pdf_facts(plain_pdf)
    assert plain_size == (210, 297)  # A4
    assert "DejaVuSerif-Italic" in plain_fonts and ".545098 0 0 rg" not in plain_stream

    document = docx.Document(str(docx_file))
    width, height = document.sections[0].page_width, document.sections[0].page_height
    assert width is not None and height is not None
    assert (round(width.mm, 1), round(height.mm, 1)) == (215.9, 279.4)
    assert document.styles["Normal"].font.name == "DejaVu Sans"
    assert document.styles["Heading 1"].font.name == "DejaVu Serif"
    assert str(document.styles["Heading 1"].font.color.rgb) == "8B0000"
    with zipfile.ZipFile(docx_file) as package:
        assert "8B0000" in package.read("word/styles.xml").decode().upper()
    plain = docx.Document(str(plain_docx))
    assert round(getattr(plain.sections[0].page_width, "mm", 0)) == 210
    assert plain.styles["Normal"].font.name == "DejaVu Serif"
    assert str(plain.styles["Heading 1"].font.color.rgb) != "8B0000"


# --- the sandbox, through a user template given real briefing data ----------------------------
# tests/template/test_template.py covers `''.__class__`, `include '/etc/passwd'` and `open`;
# these reach for the records a user template receives and for Jinja's own internals.


@pytest.mark.parametrize(
    "attack",
    [
        "{{ self._TemplateReference__context }}",
        "{{ brief.as_dict.__globals__ }}",
        "{{ meta.__class__.__init__.__globals__['__builtins__'] }}",
        "{{ brief.__reduce_ex__(2) }}",
        "{{ lipsum.__globals__['os'].popen('id').read() }}",
        "{% import '../../../../../../etc/passwd' as p %}",
    ],
)
def test_a_user_template_cannot_escape_the_sandbox(
    league: Briefing, tmp_path: Path, attack: str
) -> None:
    template = tmp_path / "evil.md.j2"
    template.write_text(
        '{% extends "ngo.md.j2" %}{% block overview %}' + attack + "{% endblock %}",
        encoding="utf-8",
    )
    with pytest.raises(TemplateError) as info:
        write_files(league, replace(NGO, formats=("pdf",), template=template), tmp_path / "out")
    message = str(info.value)
    # lipsum is not even there: nothing a briefing needs, and it could write without end.
    refused = ("is unsafe", "template not found", "'lipsum' is undefined")
    assert any(words in message for words in refused)
    assert "root:" not in message and "uid=" not in message
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# --- the generated reference -------------------------------------------------------------------


def test_the_committed_readme_is_the_generated_one() -> None:
    readme = asset_dir("templates") / "README.md"
    assert readme.read_text(encoding="utf-8") == templates_readme(), (
        "templates/README.md is stale: run .venv/bin/python scripts/gen_templates_readme.py"
    )


def test_the_reference_documents_every_field_of_every_record() -> None:
    docs = record_docs()
    text = templates_readme()
    for record in BRIEFING_RECORDS.values():
        cls = getattr(records, record)
        assert f"### {record}" in text
        assert [f.name for f in docs[record].fields] == [f.name for f in dataclasses.fields(cls)]
        assert all(f.doc for f in docs[record].fields), record
    for name, doc in docs.items():
        assert f"### {name}" in text, f"{name} is not reachable from any briefing record"
        for field in doc.fields:
            assert f"| `{field.name}` |" in text
    assert "| `leaders` | list of [Person](#person) |" in text
    assert "| `acronym` | text or none |" in text


def test_templates_doc_prints_the_reference() -> None:
    result = CliRunner().invoke(app, ["templates", "doc"])
    assert result.exit_code == 0
    assert result.stdout == templates_readme()


def test_the_example_template_and_style_render(league: Briefing, tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parents[1] / "examples" / "custom"
    custom = replace(NGO, template=examples / "desk-ngo.md.j2", style=examples / "letterhead.toml")
    pdf, docx_file = write_files(league, custom, tmp_path)
    for text in (pdf_text(pdf), docx_text(docx_file)):
        assert "Desk note" in text and "Funding" in text
    assert round(float(PdfReader(pdf).pages[0].mediabox.width)) == 612
