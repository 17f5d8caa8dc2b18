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
    """Return each given name with `m` or `f`, or `` when it is used for both (`Ali`, `Kim`)
    or is unisex (`Li`, `Lee`: often a surname written first, `Li Guofu`)."""
    found: dict[str, str] = {}
    unisex: set[str] = set()
    path = resources.files("gender_guesser") / "data" / "nam_dict.txt"
    with path.open("r", encoding="iso-8859-1") as lines:
        for line in lines:
            if line.startswith("#") or len(line) < 30:
                continue
            code = line[:2].strip()
            gender = _GENDERS.get(code)
            name = line[3:29].strip()
            if " " in name or "+" in name or not name.isalpha():
                continue
            if gender is None:
                if code == "?":
                    unisex.add(name)
                continue
            # The dictionary lists `Ali` as F, ?F, M and ?M: a name of both genders tells none.
            found[name] = gender if found.get(name, gender) == gender else ""
    for name in unisex & found.keys():
        found[name] = ""
    return found


def is_given_name(word: str) -> bool:
    """Return True for a given name the dictionary knows with a gender (`Rafael`, `Susana`)."""
    return word in _names()


def gender_of(first_name: str) -> str | None:
    """Return `m` or `f` for a given name the dictionary knows with one gender, else None."""
    return _names().get(first_name) or None
