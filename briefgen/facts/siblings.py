"""Siblings: the entities one body becomes across cables that write its name differently.

Extraction reads one cable at a time, so `Sao Paulo State Federation of Industries (FIESP)`,
`Federation of Industries of Sao Paulo State (FIESP)` and a bare `FIESP` are three entities of
the catalog. Two bodies sharing an acronym are one body when every word of one's name is a word
of the other's (order, articles and prepositions aside; at least two words). A bare acronym is
that body only when every name the acronym stands for in the corpus is the same body: `MSF`,
which two unrelated bodies use, stays apart.
"""

from __future__ import annotations

import re

from briefgen.facts.catalog import name_key
from briefgen.store.db import Connection

_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "de", "la", "del", "des", "du"})
_MIN_ACRONYM = 3
"""A bare acronym of fewer letters (`PS`, `UN`) means too many bodies to stand for one."""


def family(conn: Connection, name: str, kind: str) -> list[str]:
    """Return `name` and the entities of kind `kind` that are the same body under another
    name (see the module docstring), `name` first."""
    if kind != "org":
        return [name]
    forms = _forms_of(conn, [name])
    acronym = next((a for a in forms[name][1] if a), None)
    if acronym is None and is_acronym(name):
        acronym = name  # `FIESP`, named by its acronym, spelt out in some cable
    if acronym is None or len(acronym) < _MIN_ACRONYM:
        return [name]
    holders = [
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT name FROM extract_names WHERE key = ? AND kind = 'org'",
            (name_key(acronym),),
        )
        if row[0] != name
    ]
    if not holders:
        return [name]
    forms.update(_forms_of(conn, holders))
    long_forms = {n: _long_forms(forms[n][0], acronym) for n in [name, *holders]}
    spelt = [n for n in holders if long_forms[n]]
    if long_forms[name]:
        same = [n for n in spelt if _same_body(long_forms[name], long_forms[n])]
        whole = len(same) == len(spelt)
    else:
        # A bare acronym: the body its long names all stand for, when they are one body.
        first = spelt[0] if spelt else None
        same = (
            spelt
            if first and all(_same_body(long_forms[first], long_forms[n]) for n in spelt)
            else []
        )
        whole = bool(same)
    bare = [n for n in holders if not long_forms[n] and n == acronym] if whole else []
    return [name, *sorted(same), *sorted(bare)]


def is_acronym(name: str) -> bool:
    """Return True for a name that is an acronym alone (`FIESP`), not a spelt-out name."""
    return name.isupper() and name.isalpha()


def most_spelt(conn: Connection, names: list[str], kind: str) -> str | None:
    """Return the name of `names` other than a bare acronym that the most cables use (ties:
    the first in alphabetical order), or None."""
    spelt = [n for n in names if not is_acronym(n)]
    if not spelt:
        return None
    marks = ",".join("?" * len(spelt))
    counts = dict(
        conn.execute(
            "SELECT name, count(*) FROM extract_entity_cables "
            f"WHERE kind = ? AND name IN ({marks}) GROUP BY name",
            (kind, *spelt),
        )
    )
    return min(spelt, key=lambda n: (-int(counts.get(n, 0)), n))


def _forms_of(conn: Connection, names: list[str]) -> dict[str, tuple[set[str], set[str | None]]]:
    """Return each entity's names and aliases, and its acronyms, from the names table."""
    found: dict[str, tuple[set[str], set[str | None]]] = {n: ({n}, set()) for n in names}
    for first in range(0, len(names), 500):
        chunk = names[first : first + 500]
        marks = ",".join("?" * len(chunk))
        for entity, alias, acronym in conn.execute(
            "SELECT name, alias, acronym FROM extract_names "
            f"WHERE kind = 'org' AND name IN ({marks})",
            chunk,
        ):
            found[entity][0].add(alias)
            found[entity][1].add(acronym)
    return found


def _long_forms(names: set[str], acronym: str) -> list[frozenset[str]]:
    """Return the word sets of the names that spell a body out (two words or more)."""
    sets = []
    for name in names:
        if name == acronym:
            continue
        words = frozenset(
            w.lower() for w in re.findall(r"[^\W\d_]+", name) if w.lower() not in _SMALL_WORDS
        )
        if len(words) >= 2:
            sets.append(words)
    return sets


def _same_body(ours: list[frozenset[str]], theirs: list[frozenset[str]]) -> bool:
    """Return True when a name of one holds every word of a name of the other."""
    return any(a <= b or b <= a for a in ours for b in theirs)
