"""The cache of work briefgen can redo: compiled templates and packed fonts kept between runs."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen import cache
from briefgen.render import docx_package


@pytest.fixture()
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    cache.cache_dir.cache_clear()
    docx_package._font_entry.cache_clear()
    yield tmp_path / "cache"
    cache.cache_dir.cache_clear()
    docx_package._font_entry.cache_clear()


def test_a_packed_font_is_kept_and_read_back(cache_root: Path) -> None:
    first = docx_package._font_entry("DejaVuSans")
    [kept] = (cache_root).rglob("DejaVuSans-*.packed")
    assert cache.read_cached("fonts", kept.name) == first[0]
    docx_package._font_entry.cache_clear()
    assert docx_package._font_entry("DejaVuSans") == first
    assert zlib.crc32(zlib.decompress(first[0], -15)) == first[1]


def test_a_damaged_cache_file_is_packed_again(cache_root: Path) -> None:
    good = docx_package._font_entry("DejaVuSans")
    [kept] = cache_root.rglob("DejaVuSans-*.packed")
    whole = kept.read_bytes()
    for damaged in (b"not a deflate stream", good[0], whole[:-1], whole[:-1] + b"\0"):
        kept.write_bytes(damaged)
        docx_package._font_entry.cache_clear()
        assert docx_package._font_entry("DejaVuSans") == good
        assert kept.read_bytes() == whole


def test_an_entry_is_read_back_only_whole(cache_root: Path) -> None:
    cache.write_cached("things", "key", b"the work")
    assert cache.read_cached("things", "key") == b"the work"
    [kept] = cache_root.rglob("key")
    whole = kept.read_bytes()
    assert whole.endswith(b"the work") and len(whole) > len(b"the work")  # with its digest
    for damaged in (whole[:-1] + b"W", whole[:-1], b"the work", b""):
        kept.write_bytes(damaged)
        assert cache.read_cached("things", "key") is None
    assert not list(kept.parent.glob(".part-*"))  # nothing left aside
    assert cache.read_cached("things", "missing") is None


def test_off_or_unwritable_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    cache.cache_dir.cache_clear()
    assert cache.cache_dir("fonts") is None
    cache.write_cached("fonts", "x", b"data")  # nothing to write to, and no error
    assert cache.read_cached("fonts", "x") is None
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would go")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocked))
    cache.cache_dir.cache_clear()
    assert cache.cache_dir("fonts") is None
    cache.cache_dir.cache_clear()
