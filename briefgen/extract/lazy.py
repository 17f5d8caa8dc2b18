"""Find an entity's cables by full-text search while the corpus-wide pass is still to come.

`ingest` leaves the facts of a large batch to be extracted later (a whole Cablegate corpus
costs minutes of rule matching). A briefing must not wait for that: full-text search finds
the cables whose text names the entity, the best-ranked of them are extracted (and kept for
next time), and the entity, its cables and their ranking come from those facts alone.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from briefgen.errors import InvalidArgumentError, NotFoundError
from briefgen.extract.catalog import name_key
from briefgen.extract.records import CableFacts
from briefgen.extract.storage import facts_for
from briefgen.store import Corpus

CANDIDATES_PER_CABLE = 4
MIN_CANDIDATES = 40
"""Cables extracted to answer a question wanting `max_cables`: the best-ranked
max(MIN_CANDIDATES, CANDIDATES_PER_CABLE * max_cables) of those whose text names it."""
WORD_CUTOFF = 80.0
"""Least rapidfuzz ratio (0-100) for a corpus word to stand in for a misspelt one."""

_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Found:
    """The entities a name can mean among the cables naming it, and those cables' facts."""

    hits: dict[tuple[str, str], int]
    """(canonical name, kind) -> how many of the extracted cables use the name for it."""
    facts: tuple[CableFacts, ...]
    """The facts of the cables extracted, best full-text match first."""
    total: int
    """How many cables of the corpus contain the name's words as a phrase."""


def find_by_text(corpus: Corpus, name: str, kind: str | None, max_cables: int) -> Found:
    """Return what `name` means in the best-matching cables whose text contains it.

    Misspelt words are replaced by the closest word the corpus holds. Raise NotFoundError
    when no cable contains the name or no extracted cable names an entity by it.
    """
    wanted = name_key(name)
    words = [w.lower() for w in _WORD_RE.findall(wanted)]
    if not words:
        raise InvalidArgumentError(f"no words to search for in the name {name!r}")
    conn = corpus.connection
    phrase = _phrase(words)
    total = _count(conn, phrase)
    if total == 0:
        words = _corrected(conn, words)
        phrase = _phrase(words)
        total = _count(conn, phrase)
        wanted = " ".join(words)
    what = f"no {kind}" if kind else "no entity"
    if total == 0:
        raise NotFoundError(f"{what} named {name!r} found (not found in the corpus)")
    limit = max(MIN_CANDIDATES, CANDIDATES_PER_CABLE * max_cables)
    rows = conn.execute(
        "SELECT c.id FROM cables_fts JOIN cables AS c ON c.rowid = cables_fts.rowid "
        "WHERE cables_fts MATCH ? ORDER BY bm25(cables_fts, 4.0, 1.0), c.id LIMIT ?",
        (phrase, limit),
    )
    facts = tuple(facts_for(corpus, [row[0] for row in rows]))
    hits: Counter[tuple[str, str]] = Counter()
    for cable in facts:
        meant = {
            (e.name, e.kind)
            for e in cable.entities
            if (kind is None or e.kind == kind)
            and any(_same(alias, wanted) for alias in (e.name, *e.aliases))
        }
        hits.update(meant)
    if not hits:
        raise NotFoundError(f"{what} named {name!r} found (the cables naming it name no {kind})")
    return Found(dict(hits), facts, total)


def _same(alias: str, wanted: str) -> bool:
    key = name_key(alias)
    return key == wanted or " ".join(_WORD_RE.findall(key)) == wanted


def _phrase(words: list[str]) -> str:
    return '"' + " ".join(words) + '"'


def _count(conn: sqlite3.Connection, phrase: str) -> int:
    try:
        row = conn.execute("SELECT count(*) FROM cables_fts WHERE cables_fts MATCH ?", (phrase,))
        return int(row.fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _corrected(conn: sqlite3.Connection, words: list[str]) -> list[str]:
    """Return `words` with each one the corpus lacks replaced by its closest corpus word."""
    # fts5vocab answers a term, or a range of terms, from the index without scanning it all.
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.briefgen_vocab "
        "USING fts5vocab(main, cables_fts, 'row')"
    )
    fixed: list[str] = []
    for word in words:
        if conn.execute("SELECT 1 FROM temp.briefgen_vocab WHERE term = ?", (word,)).fetchone():
            fixed.append(word)
            continue
        # A typo rarely hits the first letter; words sharing it are few enough to score all.
        rows = conn.execute(
            "SELECT term, doc FROM temp.briefgen_vocab WHERE term >= ? AND term < ?",
            (word[0], chr(ord(word[0]) + 1)),
        ).fetchall()
        scored = [(fuzz.ratio(word, term), doc, term) for term, doc in rows]
        best = max(scored, default=(0.0, 0, word))
        fixed.append(best[2] if best[0] >= WORD_CUTOFF else word)
    return fixed
