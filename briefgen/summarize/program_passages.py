"""The passages of a cable a program can be told in: list items and paragraphs, and the tests
of whether a sentence names the program or goes on about it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.models import Cable, Paragraph
from briefgen.summarize.evidence import Sentence, paragraph_sentences
from briefgen.summarize.program_words import Concept, stem, words

_LIST_ITEM = re.compile(r"\n(?=-+\s*[\w(\"'“])")
"""Where a list item starts in a paragraph's text (the reader writes items as `\\n- `)."""


_CONTINUES = re.compile(
    r"^(?:(?:the|this|these|that|those|such|its|their|each|both|all|during the|at the|"
    r"after the|in the)\s+(?:[\w/'’-]+\s+){0,3}?"
    r"(?:program\w*|projects?|seminars?|trainings?|courses?|conferences?|campaigns?|events?|"
    r"workshops?|initiatives?|grants?|funds|funding|money|sessions?|plays?|performances?|"
    r"activit(?:y|ies)|participants?|attendees|trainees|students|effort|centers?|module|"
    r"purchase|equipment|software|visit|exchange|team|course)\b"
    r"|(?:it|they|participants|attendees|trainees|afterwards|in addition|additionally|"
    r"to date|as a result|overall)\b)",
    re.I,
)
"""A sentence that goes on about the thing the sentence before it named (`The seminars ...`,
`Participants ...`, `To date ...`)."""


@dataclass(frozen=True, slots=True)
class Passage:
    """A list item or a whole paragraph of a cable, with what stands around it."""

    cable: Cable
    """The cable."""
    paragraph: Paragraph
    """The paragraph it is in."""
    sentences: tuple[Sentence, ...]
    """Its sentences."""
    item: int
    """Its place in the paragraph's list: 0 for a paragraph without a list, or for the text of
    a list paragraph before its first item (the list's lead); 1 for the first item."""
    context: str
    """The paragraph's heading and the lead of its list (for an item)."""

    @property
    def listed(self) -> bool:
        """True for an item of a list."""
        return self.item > 0

    @property
    def text(self) -> str:
        """The passage's text, its sentences joined."""
        return " ".join(s.text for s in self.sentences)


class Words:
    """A text's words, stems and spaced word sequence, to test concepts against."""

    __slots__ = ("joined", "stems")

    def __init__(self, text: str) -> None:
        found = words(text)
        self.stems = {stem(w) for w in found}
        self.joined = " " + " ".join(found) + " "

    def has(self, concept: Concept) -> bool:
        """Return True when the text holds one of the concept's forms."""
        if concept.stems & self.stems:
            return True
        return any(" " + " ".join(p) + " " in self.joined for p in concept.phrases)


def names_program(text: str, concepts: Sequence[Concept], *, strong: bool = False) -> bool:
    """Return True when a sentence names the program: one of the query's distinctive concepts
    or (unless `strong`) its kind (`the training sessions`)."""
    own = Words(text)
    weak = ("kind", "place") if strong else ("place",)
    return any(own.has(c) for c in concepts if c.required and c.kind not in weak)


def continues(text: str) -> bool:
    """Return True when a sentence goes on about what the one before it named (`The seminars
    ...`, `Participants ...`, `To date ...`)."""
    return bool(_CONTINUES.match(text))


_LIST_LEAD = re.compile(r"(?::|\bas follows\.?|\bfollowing\.?|\binclud(?:e|ed|ing)\.?)\s*$", re.I)
"""The end of a list's lead that introduces its items (`Programs were as follows:`)."""


def introduces(lead: str) -> bool:
    """Return True when a list's lead introduces its items (`... as follows:`)."""
    return bool(_LIST_LEAD.search(lead.strip()))


def list_lead(paragraph: Paragraph) -> str | None:
    """Return the text of a list paragraph before its first item (`INL programs incurred
    US$144,802 ... Programs were as follows:`), or None for a paragraph without a list."""
    parts = _LIST_ITEM.split(paragraph.text, maxsplit=1)
    return parts[0] if len(parts) > 1 else None


def passages_of(cable: Cable) -> list[Passage]:
    """Return the passages of a cable: each list item, each paragraph without a list."""
    out: list[Passage] = []
    for para, label in zip(cable.paragraphs, cable.cite_labels(), strict=True):
        sentences = paragraph_sentences(cable.id, para, label)
        starts = [0] + [m.start() + 1 for m in _LIST_ITEM.finditer(para.text)]
        lead = list_lead(para) or ""
        for item, start in enumerate(starts):
            end = starts[item + 1] if item + 1 < len(starts) else len(para.text) + 1
            inside = tuple(s for s in sentences if start <= s.start < end)
            if not inside:
                continue
            context = " ".join(t for t in (para.heading, lead if item else "") if t)
            out.append(Passage(cable, para, inside, item, context))
    return out
