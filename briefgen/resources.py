"""Locate the assets shipped with briefgen: templates, styles and fonts."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def asset_dir(name: str) -> Path:
    """Return the packaged folder `name` (`templates`, `styles`, `fonts`).

    An installed wheel carries them inside the package; a source checkout or an
    editable install keeps `templates/` and `styles/` at the top of the repository.
    """
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    beside = _PACKAGE.parent / name
    if beside.is_dir():
        return beside
    raise FileNotFoundError(f"briefgen is missing its {name}/ folder (looked in {inside})")
