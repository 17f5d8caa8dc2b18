"""TrueType faces whose character tables are read on first use and kept in the user's cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from briefgen import cache
from briefgen.render import font_faces
from briefgen.render.font_faces import CHAR_TABLES, BundledFont, pack_tables, unpack_tables
from briefgen.resources import asset_dir

SANS = asset_dir("fonts") / "DejaVuSans.ttf"


@pytest.fixture()
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    cache.cache_dir.cache_clear()
    yield tmp_path / "cache"
    cache.cache_dir.cache_clear()


def comparable(face: Any) -> dict[str, Any]:
    """Return a face's state without what differs between two reads of one file (the read
    position, and the scaling function, a new lambda each time)."""
    return {k: v for k, v in vars(face).items() if k not in ("_pos", "_pdfScale")}


def read_face() -> Any:
    """Return the bundled sans face with its character tables read (text measured in it)."""
    face = BundledFont("DejaVuSans", SANS).face
    assert face.getCharWidth(ord("W")) > 0
    return face


def kept_tables(root: Path) -> list[Path]:
    return sorted(root.rglob("*.tables"))


def test_a_bundled_font_is_what_reportlab_makes(cache_root: Path) -> None:
    ours, theirs = BundledFont("DejaVuSans", SANS), TTFont("DejaVuSans", str(SANS))
    assert set(vars(ours)) == set(vars(theirs))
    assert ours._asciiReadable == theirs._asciiReadable and ours.shapable == theirs.shapable
    assert ours.face._pdfScale(2048) == theirs.face._pdfScale(2048)
    assert comparable(read_face()) == comparable(theirs.face)


def test_the_tables_are_read_only_when_text_needs_them(cache_root: Path) -> None:
    face = BundledFont("DejaVuSans", SANS).face
    assert face.name == b"DejaVuSans" and face.numGlyphs > 6000  # the header is read
    assert not set(CHAR_TABLES) & set(vars(face))
    assert kept_tables(cache_root) == []
    assert face.getCharWidth(ord("W")) > 0
    assert set(CHAR_TABLES) <= set(vars(face))
    with pytest.raises(AttributeError):
        face.no_such_table  # noqa: B018 (other names are missing as before)


def test_the_tables_are_kept_and_read_back(cache_root: Path) -> None:
    first = read_face()
    [kept] = kept_tables(cache_root)
    assert "reportlab" in kept.name  # an upgrade of reportlab reads the font again
    assert comparable(read_face()) == comparable(first)
    assert kept_tables(cache_root) == [kept]


def test_damaged_or_foreign_tables_are_read_from_the_font_again(cache_root: Path) -> None:
    read_face()
    [kept] = kept_tables(cache_root)
    good = kept.read_bytes()
    truth = comparable(TTFont("DejaVuSans", str(SANS)).face)
    for damaged in (good[:-100], b"not tables", good[:-1] + bytes([good[-1] ^ 1])):
        kept.write_bytes(damaged)
        assert comparable(read_face()) == truth
        assert kept.read_bytes() == good  # written again, whole


def test_tables_of_another_shape_are_refused() -> None:
    face = TTFont("DejaVuSans", str(SANS)).face
    tables = tuple(getattr(face, name) for name in CHAR_TABLES)
    assert unpack_tables(pack_tables(tables), face.numGlyphs) == tables
    assert unpack_tables(pack_tables(tables), face.numGlyphs + 1) is None
    assert unpack_tables(pack_tables(tables[:-1]), face.numGlyphs) is None
    assert unpack_tables(pack_tables(("a",) * len(CHAR_TABLES)), face.numGlyphs) is None
    assert unpack_tables(None, face.numGlyphs) is None


def test_without_a_cache_the_tables_are_read_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    cache.cache_dir.cache_clear()
    try:
        assert comparable(read_face()) == comparable(TTFont("DejaVuSans", str(SANS)).face)
    finally:
        cache.cache_dir.cache_clear()


def test_the_key_follows_the_font_bytes() -> None:
    data = SANS.read_bytes()
    assert font_faces.cache_key(data) == font_faces.cache_key(bytes(data))
    assert font_faces.cache_key(data) != font_faces.cache_key(data[:-1] + b"\x01")
