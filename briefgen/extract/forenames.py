"""Given names of many countries and their usual gender, from gender-guesser's name dictionary.

The curated list in `lexicon.FIRST_NAMES` knows the names of the posts the project started
from; this dictionary (Jörg Michael's `nam_dict`, about 37,000 given names from every region,
shipped in the gender-guesser package) lets the person rules read `Rafael Rubio` or `Susana
Trimarco` as people too, and pronoun resolution tell `she` from `he`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

_GENDERS = {"M": "m", "1M": "m", "?M": "m", "F": "f", "1F": "f", "?F": "f"}


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Return each given name with `m` or `f` (names used for both are left out)."""
    found: dict[str, str] = {}
    path = resources.files("gender_guesser") / "data" / "nam_dict.txt"
    with path.open("r", encoding="iso-8859-1") as lines:
        for line in lines:
            if line.startswith("#") or len(line) < 30:
                continue
            gender = _GENDERS.get(line[:2].strip())
            name = line[3:29].strip()
            if gender is None or " " in name or "+" in name or not name.isalpha():
                continue
            found.setdefault(name, gender)
    return found


def is_given_name(word: str) -> bool:
    """Return True for a given name the dictionary knows with a gender (`Rafael`, `Susana`)."""
    return word in _names()


def gender_of(first_name: str) -> str | None:
    """Return `m` or `f` for a given name the dictionary knows, else None."""
    return _names().get(first_name)
