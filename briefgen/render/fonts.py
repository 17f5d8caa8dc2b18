"""Register the bundled DejaVu fonts with reportlab and name them for the styles."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefgen.resources import asset_dir

# style family -> (regular, bold, italic, bold italic) file stems; mono has one face only.
FACES = {
    "sans": ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"),
    "serif": ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic"),
    "mono": ("DejaVuSansMono",) * 4,
}
WORD_NAMES = {"sans": "DejaVu Sans", "serif": "DejaVu Serif", "mono": "DejaVu Sans Mono"}
"""The names a word processor knows the bundled families by."""


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Register every bundled face once, with bold/italic mappings for Paragraph markup."""
    folder = asset_dir("fonts")
    for faces in FACES.values():
        for stem in dict.fromkeys(faces):
            pdfmetrics.registerFont(TTFont(stem, str(folder / f"{stem}.ttf")))
        regular, bold, italic, bold_italic = faces
        for b, i, face in ((0, 0, regular), (1, 0, bold), (0, 1, italic), (1, 1, bold_italic)):
            addMapping(regular, b, i, face)


def family(name: str, bold: bool = False, italic: bool = False) -> str:
    """Return the reportlab font name of style family `name` in the given face."""
    register_fonts()
    faces = FACES[name]
    return faces[(1 if bold else 0) + (2 if italic else 0)]
