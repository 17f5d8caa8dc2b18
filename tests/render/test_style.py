"""House styles: packaged styles load, user styles extend them, bad styles fail clearly."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from PIL import Image
from pypdf import PdfReader
from render_samples import sample_document

from briefgen.errors import RenderError, StyleError
from briefgen.render import available_styles, load_style, render


def test_packaged_styles() -> None:
    assert {"default", "memo"} <= set(available_styles())
    default, memo = load_style("default"), load_style("memo")
    assert default.page.size == "A4" and memo.page.size == "Letter"
    assert memo.fonts.body == "sans" and memo.table.grid == "full"
    assert memo.banner.colors == default.banner.colors  # inherited through `extends`


def test_user_style_extends_a_packaged_one(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (240, 60), "#1b365d").save(logo)
    path = tmp_path / "house.toml"
    path.write_text(
        'extends = "memo"\nname = "house"\n[colors]\naccent = "#aa0000"\n'
        '[logo]\npath = "logo.png"\nwidth = 25\n[text]\nfooter_right = "{page}/{pages}"\n'
    )
    style = load_style(path)
    assert style.name == "house" and style.colors.accent == "#aa0000"
    assert style.colors.text == "#111111" and style.page.size == "Letter"
    assert style.logo.path == str(logo.resolve())
    doc = sample_document(rows=5)
    pdf = PdfReader(io.BytesIO(render(doc, "pdf", style)))
    width, height = (float(x) for x in pdf.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (612, 792)
    assert "/XObject" in pdf.pages[0]["/Resources"]
    assert f"1/{len(pdf.pages)}" in pdf.pages[0].extract_text()
    word = docx.Document(io.BytesIO(render(doc, "docx", style)))
    assert len(word.inline_shapes) >= 3  # the logo and two charts
    assert round(word.sections[0].page_width.inches, 1) == 8.5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[page]\nsize = 'A5'\n", "page.size must be A4 or Letter"),
        ("[colors]\naccent = 'navy'\n", "colors.accent must be a colour"),
        ("[fonts]\nbody = 'comic'\n", "fonts.body must be one of"),
        ("[fonts]\nsize = 'big'\n", "fonts.size has a bad value"),
        ("[table]\ngrid = 'dots'\n", "table.grid must be"),
        ("[tabel]\ngrid = 'rows'\n", "unknown style key(s) in [style]: tabel"),
        ("[text]\nfooter_left = '{writer}'\n", "unknown placeholder {writer}"),
        ("[identity]\nlanguage = 'English!'\n", "identity.language must be a language tag"),
        ("[sources]\nurl = 'https://example.org/cable'\n", "must hold {id}"),
        ("[sources]\nurl = 'https://example.org/{id}/{page}'\n", "must hold {id}"),
        ("[word]\nreference_docx = 'missing.docx'\n", "reference docx not found"),
        ("[logo]\npath = 'missing.png'\n", "logo image not found"),
        ("[page\n", "not valid TOML"),
        ("extends = 'nonexistent'\n", "style not found: nonexistent"),
        ("[page]\nmargin_top = 1\n", "margins must be at least 5 mm"),
    ],
)
def test_bad_styles_are_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(StyleError) as info:
        load_style(path)
    assert message in str(info.value)


def test_style_cannot_extend_itself(tmp_path: Path) -> None:
    path = tmp_path / "loop.toml"
    path.write_text('extends = "loop.toml"\n')
    with pytest.raises(StyleError, match="extends itself"):
        load_style(path)


def test_unknown_style_and_format() -> None:
    with pytest.raises(StyleError, match=r"packaged styles: .*default"):
        load_style("no-such-style")
    with pytest.raises(RenderError, match="unknown output format 'odt'"):
        render(sample_document(rows=1), "odt", load_style("default"))
