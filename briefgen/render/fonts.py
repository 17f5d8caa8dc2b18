"""Register the bundled DejaVu fonts with reportlab and name them for the styles."""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics

from briefgen.render.font_faces import BundledFont
from briefgen.resources import asset_dir

# style family -> (regular, bold, italic, bold italic) file stems; mono has one face only.
FACES = {
    "sans": ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"),
    "serif": ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic"),
    "mono": ("DejaVuSansMono",) * 4,
}
WORD_NAMES = {"sans": "DejaVu Sans", "serif": "DejaVu Serif", "mono": "DejaVu Sans Mono"}
"""The names a word processor knows the bundled families by."""


@cache
def register_family(name: str) -> None:
    """Register the faces of one family once, with bold/italic mappings for Paragraph markup.

    Only the families a style uses are registered, and of their faces only the header is read
    now: a face's character tables (about 10 ms of reading each) wait until text is set in
    it, so a face the document never uses costs little (see `font_faces`).
    """
    folder = asset_dir("fonts")
    faces = FACES[name]
    for stem in dict.fromkeys(faces):
        pdfmetrics.registerFont(BundledFont(stem, folder / f"{stem}.ttf"))
    regular, bold, italic, bold_italic = faces
    for b, i, face in ((0, 0, regular), (1, 0, bold), (0, 1, italic), (1, 1, bold_italic)):
        addMapping(regular, b, i, face)


def register_fonts() -> None:
    """Register every bundled family."""
    for name in FACES:
        register_family(name)


def family(name: str, bold: bool = False, italic: bool = False) -> str:
    """Return the reportlab font name of style family `name` in the given face, registering
    that family first."""
    register_family(name)
    faces = FACES[name]
    return faces[(1 if bold else 0) + (2 if italic else 0)]
