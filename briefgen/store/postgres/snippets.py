"""Make search snippets as FTS5 makes them: the window of words that holds the most of the
query's different words, those words between `**` marks, `…` where text was cut.

PostgreSQL's ts_headline picks its fragment by other rules (a query's first word often wins
over a window holding all of them), so listings from the two databases would read
differently; this takes the cable's text and the query's words and chooses in Python.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import islice

_WORD = re.compile(r"[^\W_]+")
"""A word as the index splits text: a run of letters and digits."""
_UNLOWERED = re.compile("[\u0131\u017f]")
"""The two characters IGNORECASE takes for an ASCII letter (`ı` for i, `ſ` for s) that lower
case leaves as they are (every other character: tried one by one over all of Unicode)."""
LONGEST_WORD = 48
"""Characters a word and the space after it take at most, for counting purposes."""


@dataclass(frozen=True, slots=True)
class Terms:
    """The words a query looks for: whole words, and prefixes (`traffick*`), lower case."""

    words: frozenset[str]
    prefixes: frozenset[str]
    pattern: re.Pattern[str] = field(init=False, compare=False, repr=False)
    choices: tuple[re.Pattern[str], ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # One pattern finds every matching word of a text in one pass (in C), not word by word.
        choices = [re.escape(w) for w in sorted(self.words, key=len, reverse=True)]
        choices += [re.escape(p) + r"[^\W_]*" for p in sorted(self.prefixes)]
        # No look-around in the pattern (it triples the scan): `whole` checks the edges.
        body = "|".join(choices) or r"(?!)"
        object.__setattr__(self, "pattern", re.compile(body, re.IGNORECASE))
        ascii_terms = all(w.isascii() for w in self.words | self.prefixes)
        object.__setattr__(
            self, "choices", tuple(re.compile(c) for c in choices) if ascii_terms else ()
        )

    def hits(self, text: str) -> list[tuple[int, int, str | None]]:
        """Return the start, end and term of every whole word of `text` a term matches."""
        lowered = text.lower()
        if not self.choices or len(lowered) != len(text) or _UNLOWERED.search(text):
            return [
                (m.start(), m.end(), self.find(m.group(0)))
                for m in self.pattern.finditer(text)
                if _whole(text, m.start(), m.end())
            ]
        # The same hits, several times faster on a long cable: each term on its own is a
        # literal the scan jumps to (the pattern above tries every term at every character),
        # looked for in the lower-cased text without IGNORECASE. With ASCII terms that finds
        # what IGNORECASE finds where lower case keeps the text's length (so its offsets) and
        # the text holds neither of _UNLOWERED. Where several terms match at one word's
        # start, the pattern's first alternative wins, as in the pattern.
        chosen: dict[int, int] = {}
        for choice in self.choices:
            for m in choice.finditer(lowered):
                chosen.setdefault(m.start(), m.end())
        return [
            (start, end, self.find(lowered[start:end]))
            for start, end in sorted(chosen.items())
            if _whole(text, start, end)
        ]

    def find(self, token: str) -> str | None:
        """Return the query term a word of the text matches, or None."""
        lowered = token.lower()
        if lowered in self.words:
            return lowered
        for prefix in self.prefixes:
            if lowered.startswith(prefix):
                return prefix + "*"
        return None


def _whole(text: str, start: int, end: int) -> bool:
    """Return True when text[start:end] is a whole word, not part of a longer one."""
    before = start > 0 and text[start - 1].isalnum()
    return not before and not (end < len(text) and text[end].isalnum())


def snippet(text: str, terms: Terms, size: int) -> str | None:
    """Return the `size`-word window of `text` holding the most different query terms, then
    the most hits (the first such window), matched words marked, on one line; None when no
    word matches."""
    hits = terms.hits(text)
    if not hits:
        return None
    # The word number of each hit. Only distances under `size` words matter, so the words
    # between two hits are counted only where the gap is short enough to hold fewer (a long
    # gap counts as `size`): counting every word of a long cable costs more than the rest.
    numbers: list[int] = []
    counted, position = 0, 0
    for start, end, _ in hits:
        if start - position > size * LONGEST_WORD:
            counted += size
        else:
            counted += len(_WORD.findall(text, position, start))
        numbers.append(counted)
        counted += 1
        position = end
    # Windows open at the text's first word or at a hit (one opening between them covers no
    # more); the first of the best-scored wins.
    best_number, best_score = 0, -1
    for number in (0, *numbers):
        inside = [
            hit[2]
            for hit in hits[bisect_left(numbers, number) : bisect_left(numbers, number + size)]
        ]
        # FTS5's scoring: a term's first hit in the window outweighs any number of repeats.
        score = 1000 * len(set(inside)) + len(inside)
        if score > best_score:
            best_number, best_score = number, score
    first_word = _WORD.search(text)
    opening = first_word.start() if first_word is not None else 0
    start = opening if best_number == 0 else hits[numbers.index(best_number)][0]
    words = list(islice(_WORD.finditer(text, start), size + 1))
    shown_words = words[:size]
    end = shown_words[-1].end()
    marked = {(s, e) for s, e, _ in hits}
    pieces: list[str] = []
    cursor = start
    for word in shown_words:
        pieces.append(text[cursor : word.start()])
        span = (word.start(), word.end())
        pieces.append(f"**{word.group(0)}**" if span in marked else word.group(0))
        cursor = word.end()
    cut = len(words) > size
    if not cut:
        pieces.append(text[end:])
    # Matched words side by side read as one marked phrase (`**Feminist League**`), as FTS5
    # marks a phrase.
    shown = " ".join("".join(pieces).split()).replace("** **", " ")
    return ("" if best_number == 0 else "…") + shown + ("…" if cut else "")
