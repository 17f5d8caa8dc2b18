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
        # Values out of range: each a clear message, never a layout failure deep in reportlab.
        ("[page]\nmargin_left = 150\nmargin_right = 100\n", "leave a text block"),
        ("[page]\nmargin_top = 200\nmargin_bottom = 150\n", "leave a text block"),
        ("[headings]\nsizes = [5000]\n", "headings.sizes must be from 5 to 40"),
        ("[headings]\nsizes = [-15, 12]\n", "headings.sizes must be from 5 to 40"),
        ("[headings]\nspace_before = [-4]\n", "headings.space_before must be from 0 to 72"),
        ("[table]\nfont_size = 0\n", "table.font_size must be from 4 to 20"),
        ("[logo]\nwidth = 0\n", "logo.width must be from 5"),
        ("[logo]\nwidth = 9000\n", "logo.width must be from 5"),
        ("[text]\ntoc_min_sections = -1\n", "text.toc_min_sections must be from 0"),
        ("[fonts]\nsize = 1e308\n", "fonts: size 5-20"),
        ("[fonts]\nsize = nan\n", "fonts.size has a bad value"),
        ("[headings]\nsizes = [inf]\n", "headings.sizes has a bad value"),
        ("[text]\nfooter_right = '{page:0>300000000}'\n", "takes no format or conversion"),
        ("[text]\nheader_left = '{title!r}'\n", "takes no format or conversion"),
        (
            "[sources]\nurl = 'https://example.org/{id:>999999999}'\n",
            "takes no format or conversion",
        ),
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


def test_a_style_at_the_edges_of_every_range_still_renders(tmp_path: Path) -> None:
    # The narrowest text block with the largest type: what the bounds allow must lay out.
    path = tmp_path / "edges.toml"
    path.write_text(
        "[page]\nmargin_left = 65\nmargin_right = 65\nmargin_top = 98\nmargin_bottom = 98\n"
        "[fonts]\nsize = 20\nsmall = 20\nleading = 3\n"
        "[headings]\nsizes = [40, 5]\nspace_before = [72, 0]\n"
        "[table]\nfont_size = 20\n"
    )
    style = load_style(path)
    doc = sample_document(rows=4)
    assert render(doc, "pdf", style).startswith(b"%PDF")
    assert len(render(doc, "docx", style)) > 1000
