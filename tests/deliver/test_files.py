"""Atomic writes: the target holds the old bytes or the new ones, never a part, never nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.deliver.files import write_atomic
from briefgen.errors import DeliveryError


def test_write_and_replace(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_failure_keeps_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    write_atomic(target, b"good")

    # A str makes the write itself fail after the temporary file exists.
    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


def test_unwritable_folder_is_a_delivery_error(tmp_path: Path) -> None:
    with pytest.raises(DeliveryError, match="cannot write"):
        write_atomic(tmp_path / "missing" / "brief.pdf", b"x")


def test_target_is_a_directory(tmp_path: Path) -> None:
    (tmp_path / "brief.pdf").mkdir()
    with pytest.raises(DeliveryError, match="cannot write"):
        write_atomic(tmp_path / "brief.pdf", b"x")
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]
