"""The words of a program query: stems, synonyms, program kinds, places and names to look for.

A user names a program in their own words (`CDI training in Salta`, `G/TIP-funded seminars`);
the cables name it in theirs (`Centers for Drug Information (CDI) Training Conference`). A query
becomes a list of Concepts, each a set of alternatives any one of which stands for it in a cable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from briefgen.extract import countries, gazetteer

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:/[A-Za-z0-9]+)*")
"""A word as the lookup sees it: `G/TIP` stays one word, `anti-trafficking` is two."""

STOP_WORDS = frozenset(
    """a an the of for in on at to by with and or from into about its their his her our
    s anti pro non per via vs some any all this that these those which who what when where
    how program's us u""".split()
)
"""Words that tell no program from another (`anti` of `anti-trafficking` included)."""

KIND_STEMS = frozenset(
    """program programme project initiative campaign scheme grant seminar workshop train
    course conference roundtable session forum symposium play performance exhibition
    lecture class module curriculum competition contest festival""".split()
)
"""Stems of the words naming what sort of thing a program is."""

_EVENTS = "seminar workshop conference roundtable session forum symposium train course"
_SHOWS = "play performance exhibition festival competition contest"
KIND_GROUPS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        ("program", "programme", "project", "initiative", "scheme", "grant"), KIND_STEMS
    ),
    "campaign": frozenset(f"campaign program project initiative {_SHOWS} {_EVENTS}".split()),
    **dict.fromkeys(
        ("train", "course", "class", "lecture", "module", "curriculum"),
        frozenset(f"{_EVENTS} class lecture module curriculum".split()),
    ),
    **dict.fromkeys(_EVENTS.split(), frozenset(_EVENTS.split())),
    **dict.fromkeys(_SHOWS.split(), frozenset(_SHOWS.split())),
}
"""What a cable may call the kind of program a query names: a program may be any of them, a
training is a course or a seminar but not a play."""
IDIOMS = re.compile(r"\b(?:over|in|during) the course of\b|\bof course\b", re.I)
"""Phrases whose program word names no program (`over the course of a week`)."""

FUNDING_STEMS = frozenset("fund sponsor financ grant support paid pay money budget".split())
"""Stems of the words saying who paid: a query's `funded` is matched by any of them."""

SYNONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "traffick tip trafficker",
        "drug narcotic counternarcotic narco",
        "police policing gendarmeria gendarmerie carabinero",
        "women woman gender female",
        "child children minor juvenile youth kid",
        "awareness information outreach",
        "shelter crisis",
        "center centre",
        "labor labour",
        "organization organisation",
        "defense defence",
        "judge judicial judiciary court",
        "prosecutor prosecution prosecutorial",
        "border frontier",
        "migrant migration",
        "refugee asylum",
        "hiv aids",
        "election electoral",
        "corruption anticorruption",
    )
)
"""Stems a cable may use for one another (`TIP` for trafficking)."""

_SPELLINGS = {"programme": "program", "centre": "center", "labour": "labor"}
"""British spellings folded into American ones before stemming."""


def stem(word: str) -> str:
    """Return a light stem of a lower-case word (`trafficking` -> `traffick`, `seminars` ->
    `seminar`): enough to meet a cable's other form of a query's word, no more."""
    word = _SPELLINGS.get(word, word)
    if "/" in word or word.isdigit() or len(word) <= 3:
        return word
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        if suffix == "es" and not re.search(r"(?:ss|x|z|ch|sh)es$", word):
            continue
        if suffix == "s" and word.endswith(("ss", "us", "is")):
            return word
        root = word[: len(word) - len(suffix)] + keep
        return _SPELLINGS.get(root, root)
    return word


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Return the words of `text` with their offsets: (word as written, start, end)."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def words(text: str) -> list[str]:
    """Return the lower-case words of `text`, idioms of program words left out."""
    return [w.lower() for w, _, _ in tokens(IDIOMS.sub(" ", text))]


ConceptKind = Literal["name", "place", "word", "kind", "funding"]
WEAK: tuple[ConceptKind, ...] = ("kind", "place")
"""Concepts that alone never make a passage about a program (`training`, `Argentina`)."""


@dataclass(frozen=True, slots=True)
class Concept:
    """One thing a query asks for, and every form that stands for it in a cable."""

    label: str
    """The query's words for it (`CDI`, `Salta`, `training`)."""
    kind: ConceptKind
    """`name` (an organization or person: its names, aliases and acronym), `place` (which a
    cable's post or subject may also satisfy), `word` (stems and synonyms), `kind` (what sort
    of program: any program word stands for it) or `funding` (optional: `funded`)."""
    phrases: tuple[tuple[str, ...], ...] = ()
    """Word sequences that match it, lower case (`("centers", "for", "drug", "information")`)."""
    stems: frozenset[str] = frozenset()
    """Single-word stems that match it."""

    @property
    def required(self) -> bool:
        """True when a passage must match it to be about the program."""
        return self.kind != "funding"


def synonyms_of(word_stem: str) -> frozenset[str]:
    """Return the stems standing for `word_stem`, itself included."""
    found = {word_stem}
    for group in SYNONYMS:
        if word_stem in group:
            found |= group
    return frozenset(found)


Known = Callable[[Sequence[str], int], tuple[Concept, int] | None]
"""Find the longest known name (a body, person or place) in a query's words from a position:
its concept and how many words it spans, or None."""


def query_concepts(query: str, known: Known | None = None) -> list[Concept]:
    """Return what `query` asks for.

    Names are recognized by `known` (the cables' organizations, people and places) and the
    curated bodies (`IOM`, `G/TIP`); countries and nationality words are places; program words
    make one `kind` concept; funding words one optional `funding` concept; every other word is
    a `word` concept.
    """
    written = [w for w, _, _ in tokens(query)]
    concepts: list[Concept] = []
    kinds: list[str] = []
    funding: list[str] = []
    i = 0
    while i < len(written):
        taken = (known(written, i) if known else None) or curated(written, i)
        if taken:
            name, size = taken
            if name not in concepts:
                concepts.append(name)
            i += size
            continue
        word = written[i]
        lower = word.lower()
        word_stem = stem(lower)
        i += 1
        if lower in STOP_WORDS:
            continue
        if word_stem in KIND_STEMS:
            kinds.append(word)
        elif word_stem in FUNDING_STEMS:
            funding.append(word)
        elif place := _place(word):
            concepts.append(place)
        else:
            concepts.append(Concept(word, "word", stems=synonyms_of(word_stem)))
    if kinds:
        stems = frozenset().union(*(KIND_GROUPS.get(stem(k.lower()), KIND_STEMS) for k in kinds))
        concepts.append(Concept(" ".join(kinds), "kind", stems=stems))
    if funding:
        concepts.append(Concept(" ".join(funding), "funding", stems=FUNDING_STEMS))
    return concepts


def curated(written: Sequence[str], start: int) -> tuple[Concept, int] | None:
    """Return the curated body named by the words from `start` (longest first), or None."""
    for size in range(min(8, len(written) - start), 0, -1):
        surface = " ".join(written[start : start + size])
        forms = gazetteer.forms_of(surface)
        if not forms or (size == 1 and not written[start].isupper()):
            continue  # `who` is not WHO: a one-word body only in capitals
        return name_concept(surface, forms), size
    return None


def _place(word: str) -> Concept | None:
    if not word[:1].isupper():
        return None
    country = countries.country_of_demonym(word) or (word if countries.is_country(word) else None)
    if country is None:
        return None
    # The word as typed and the country's name: `Argentine` finds `Argentina` too.
    phrases = {tuple(words(country)), tuple(words(word))}
    return Concept(country, "place", phrases=tuple(sorted(phrases)))


def name_concept(label: str, forms: Iterable[str], *, place: bool = False) -> Concept:
    """Return the concept of an organization, person or place known by `forms`."""
    phrases = {tuple(words(f)) for f in forms}
    phrases.discard(())
    return Concept(label, "place" if place else "name", phrases=tuple(sorted(phrases)))
