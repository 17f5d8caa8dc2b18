"""Load TrueType faces for reportlab: the header at once, the character tables when first used.

reportlab's `TTFont` reads every table of a face when it is made: about 10 ms of Python
per DejaVu face, for nine faces, on every run, although a briefing sets text in four or
five of them. A `BundledFont` reads only the small header tables (names, metrics, flags),
which is what registering a font needs; its character tables (character to glyph, widths,
glyph positions: what measuring and subsetting text need) are read the first time one of
them is asked for, from the user's cache when they were kept there, else from the file.
The tables are the same either way, so the PDF is the same bytes.
"""

from __future__ import annotations

import hashlib
import marshal
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace, TTFontFile

from briefgen.cache import read_cached, write_cached

CHAR_TABLES = ("charToGlyph", "glyphToChar", "charWidths", "hmetrics", "defaultWidth", "glyphPos")
"""The attributes reportlab's full read adds to the header's (`TTFontFile.extractInfo`)."""

_CACHE = "pdf-fonts"


class LazyFace(TTFontFace):  # type: ignore[misc]
    """A TrueType face whose character tables are read on first use (see the module's doc)."""

    def extractInfo(self, charInfo: int = 1) -> None:
        """Read the header tables only; the character tables wait for `__getattr__`."""
        TTFontFile.extractInfo(self, 0)
        # Without character info reportlab sets three of the tables to None; removed, every
        # one of them is missing, so the first look at any of them comes to __getattr__.
        for name in ("charToGlyph", "charWidths", "defaultWidth"):
            self.__dict__.pop(name, None)

    def __getattr__(self, name: str) -> Any:
        """Return a character table, reading all of them first; other names are missing."""
        if name not in CHAR_TABLES:
            raise AttributeError(name)
        self._read_char_tables()
        return self.__dict__[name]

    def _read_char_tables(self) -> None:
        """Set the character tables from the user's cache, or read them and keep them there."""
        key = cache_key(self._ttf_data)
        kept = unpack_tables(read_cached(_CACHE, key), self.numGlyphs)
        if kept is not None:
            self.__dict__.update(zip(CHAR_TABLES, kept, strict=True))
            return
        TTFontFile.extractInfo(self, 1)
        write_cached(_CACHE, key, pack_tables(tuple(self.__dict__[n] for n in CHAR_TABLES)))


class BundledFont(TTFont):  # type: ignore[misc]
    """reportlab's TTFont for one face file, its character tables read on first use."""

    def __init__(self, name: str, path: Path) -> None:
        # Not TTFont.__init__: it makes a TTFontFace, which reads every table at once. This
        # sets the same attributes it does (tests/render/test_font_faces.py compares them).
        self.fontName = name
        self.face = LazyFace(str(path))
        self.encoding = TTEncoding()
        self.state: WeakKeyDictionary[Any, Any] = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)


def cache_key(font_data: bytes) -> str:
    """Return the cache file name of a face's tables: its content, reportlab's version (which
    decides what the tables hold) and marshal's format."""
    digest = hashlib.sha256(font_data).hexdigest()[:32]
    return f"{digest}-reportlab{reportlab.Version}-marshal{marshal.version}.tables"


def pack_tables(tables: tuple[Any, ...]) -> bytes:
    """Return the character tables as bytes to keep (marshal: plain data, read fast)."""
    return marshal.dumps(tables)


def unpack_tables(data: bytes | None, glyphs: int) -> tuple[Any, ...] | None:
    """Return the character tables kept in `data`, or None when they are missing or unfit.

    The cache has refused a damaged file already (its digest); the shape check refuses
    tables that are whole but not the ones of a face of `glyphs` glyphs.
    """
    if data is None:
        return None
    try:
        tables = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    return tables if _shaped_like(tables, glyphs) else None


def _shaped_like(tables: Any, glyphs: int) -> bool:
    """Tell whether `tables` has the types and lengths of the character tables of a face."""
    if not isinstance(tables, tuple) or len(tables) != len(CHAR_TABLES):
        return False
    to_glyph, to_char, widths, hmetrics, default_width, positions = tables
    return (
        all(isinstance(t, dict) for t in (to_glyph, to_char, widths))
        and isinstance(hmetrics, list)
        and len(hmetrics) == glyphs
        and isinstance(positions, list)
        and len(positions) == glyphs + 1
        and isinstance(default_width, int | float)
    )
