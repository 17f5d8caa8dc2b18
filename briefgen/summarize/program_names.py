"""The name a program goes by in its cables: the tightest run of a sentence's words matching the
query, with the capitalized words and bracketed acronym after them, or a list item's title."""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefgen.summarize.program_passages import Passage
from briefgen.summarize.program_words import STOP_WORDS, WEAK, Concept, stem, tokens

_VERBS = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|did|does|said|conducted|held|provided|"
    r"received|reported|continues?|remains?)\b",
    re.I,
)


def title(passage: Passage) -> str | None:
    """Return a list item's title: its first words up to a comma, when they are a name and
    not a clause (`Pen Link Software Purchase and Training, US$ 65,046, ...`)."""
    if not passage.listed or not passage.sentences:
        return None
    head = passage.sentences[0].text.split(",", 1)[0].strip()
    if not head[:1].isupper() or _VERBS.search(head) or not 2 <= len(head.split()) <= 12:
        return None
    return head


NAME_WIDTH = 10
"""The most words a program's name spans in its sentence, before the words after it."""


def name_in(sentence: str, concepts: Sequence[Concept]) -> str | None:
    """Return the name a sentence gives the program: the tightest run of words matching the
    most of the query, and the capitalized words and bracketed acronym after them."""
    found = tokens(sentence)
    window = _best_window(sentence, found, concepts)
    if window is None:
        return None
    first, last = window
    # Words hyphenated to the first (`anti-` of `anti-trafficking`) belong to the name.
    while first > 0 and sentence[found[first - 1][2] : found[first][1]] == "-":
        first -= 1
    # Go on over capitalized words and a bracketed acronym
    # (`Centers for Drug Information (CDI) Training Conference`).
    end = found[last][2]
    if sentence[end : end + 1] == ")" and "(" in sentence[found[first][1] : end]:
        end += 1  # the window ends inside brackets: `(CDI)`
    position = last + 1
    while position < len(found):
        word, start, stop = found[position]
        bracketed = sentence[start - 1 : start] == "(" and sentence[stop : stop + 1] == ")"
        if sentence[end:start].strip(" (") or not (word[:1].isupper() or bracketed):
            break
        end = stop + (1 if bracketed else 0)
        position += 1
    text = sentence[found[first][1] : end].strip(" \"'“”,.;:")
    if text.count("(") > text.count(")"):
        text = text[: text.rfind("(")].rstrip()  # `Program (AP3, refs A-C)` ends before it
    return text if 2 <= len(text) <= 90 else None


def _best_window(
    sentence: str, found: Sequence[tuple[str, int, int]], concepts: Sequence[Concept]
) -> tuple[int, int] | None:
    """Return the (first, last) word indexes of the tightest run matching the most concepts,
    a name rather than a clause (`Court hosted the first of three ...` is none)."""
    places = _matches(found, concepts)
    if not places:
        return None
    # (-concepts, -words matched, width, first, last): the most of the query, in the most
    # of its words (`Centers for Drug Information (CDI)` over `CDI`), in the fewest words.
    best: tuple[int, int, int, int, int] | None = None
    for first, _, _ in places:
        for _, last, _ in places:
            if not first <= last < first + NAME_WIDTH:
                continue
            inside = [(s, e, c) for s, e, c in places if first <= s and e <= last]
            covered = {c for _, _, c in inside}
            if not any(concepts[c].kind not in WEAK for c in covered):
                continue
            words_in = len({i for s, e, _ in inside for i in range(s, e + 1)})
            key = (-len(covered), -words_in, last - first, first, last)
            if best is None or key < best:
                best = key
    if best is None:
        return None
    _, _, _, first, last = best
    matched = {i for s, e, _ in places if first <= s and e <= last for i in range(s, e + 1)}
    # The words between the query's own are few and capitalized (`Centers for Drug
    # Information`); words hyphenated to a neighbour belong to it (`G/TIP-funded`).
    loose = [
        w
        for i, (w, start, stop) in enumerate(found[first : last + 1], first)
        if i not in matched
        and w.lower() not in STOP_WORDS
        and not w[:1].isupper()
        and sentence[start - 1 : start] != "-"
        and sentence[stop : stop + 1] != "-"
    ]
    # A loose word that is a verb makes the run a clause, not a name (`Millennium Challenge
    # Corporation (MCC) initiated a threshold program`).
    if any(_VERBS.fullmatch(w) or (w.endswith("ed") and len(w) > 5) for w in loose):
        return None
    return (first, last) if len(loose) <= 1 else None


def _matches(
    found: Sequence[tuple[str, int, int]], concepts: Sequence[Concept]
) -> list[tuple[int, int, int]]:
    """Return (first word, last word, concept index) of every form of a concept in the words,
    a word concept's own word preferred to its synonyms."""
    lowered = [w.lower() for w, _, _ in found]
    out: list[tuple[int, int, int]] = []
    for number, concept in enumerate(concepts):
        own = stem(concept.label.lower()) if concept.kind == "word" else None
        stems = {own} if own and own in {stem(w) for w in lowered} else concept.stems
        for index, word in enumerate(lowered):
            if stem(word) in stems:
                out.append((index, index, number))
            for phrase in concept.phrases:
                if tuple(lowered[index : index + len(phrase)]) == phrase:
                    out.append((index, index + len(phrase) - 1, number))
    return sorted(out)


def capital(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]
