"""Counts in words a reader expects: `1 cable`, `2 cables`, never `2 cable(s)`."""

from __future__ import annotations

_IRREGULAR = {"country": "countries", "entry": "entries", "person": "people", "is": "are"}


def plural(noun: str) -> str:
    """Return the plural of an English noun (`cable` -> `cables`, `country` -> `countries`)."""
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    if noun.endswith(("s", "sh", "ch", "x")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def counted(count: int, noun: str) -> str:
    """Return `count` with its noun in the number it needs (`1 post`, `3 posts`)."""
    return f"{count:,} {noun if count == 1 else plural(noun)}"
