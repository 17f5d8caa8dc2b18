"""Make search snippets as FTS5 makes them: the window of words that holds the most of the
query's different words, those words between `**` marks, `…` where text was cut.

PostgreSQL's ts_headline picks its fragment by other rules (a query's first word often wins
over a window holding all of them), so listings from the two databases would read
differently; this takes the cable's text and the query's words and chooses in Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Terms:
    """The words a query looks for: whole words, and prefixes (`traffick*`), lower case."""

    words: frozenset[str]
    prefixes: frozenset[str]

    def find(self, token: str) -> str | None:
        """Return the query term a word of the text matches, or None."""
        lowered = token.lower()
        if lowered in self.words:
            return lowered
        for prefix in self.prefixes:
            if lowered.startswith(prefix):
                return prefix + "*"
        return None


def snippet(text: str, terms: Terms, size: int) -> str | None:
    """Return the `size`-word window of `text` holding the most different query terms, then
    the most hits (the first such window), matched words marked, on one line; None when no
    word matches."""
    tokens = list(_WORD.finditer(text))
    hits = [terms.find(t.group(0)) for t in tokens]
    if not any(hits):
        return None
    best, best_score = 0, -1
    for start in range(len(tokens)):
        if hits[start] is None and start > 0:
            continue  # a window opening on a matched word covers as much as one before it
        found = [h for h in hits[start : start + size] if h is not None]
        # FTS5's scoring: a term's first hit in the window outweighs any number of repeats.
        score = 1000 * len(set(found)) + len(found)
        if score > best_score:
            best, best_score = start, score
    end = min(len(tokens), best + size)
    pieces: list[str] = []
    cursor = tokens[best].start()
    for token, hit in zip(tokens[best:end], hits[best:end], strict=True):
        pieces.append(text[cursor : token.start()])
        pieces.append(f"**{token.group(0)}**" if hit else token.group(0))
        cursor = token.end()
    if end == len(tokens):
        pieces.append(text[cursor:])
    # Matched words side by side read as one marked phrase (`**Feminist League**`), as FTS5
    # marks a phrase.
    shown = " ".join("".join(pieces).split()).replace("** **", " ")
    return ("" if best == 0 else "…") + shown + ("" if end == len(tokens) else "…")
