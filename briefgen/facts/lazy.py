"""Find an entity's cables by full-text search while the corpus-wide pass is still to come.

`ingest` leaves the facts of a large batch to be extracted later (a whole Cablegate corpus
costs minutes of rule matching). A briefing must not wait for that: full-text search finds
the cables whose text names the entity, the best-ranked of them are extracted (and kept for
next time), and the entity, its cables and their ranking come from those facts alone. The
profile then searches again for every name the entity goes by (see query.get_entity).
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from briefgen.errors import InvalidArgumentError, NotFoundError
from briefgen.extract import gazetteer
from briefgen.extract.records import CableFacts
from briefgen.facts.catalog import name_key
from briefgen.facts.store import facts_for
from briefgen.store import Corpus
from briefgen.store.db import Connection
from briefgen.store.postgres.connection import PgConnection
from briefgen.store.search import best_matches, count_matches

CANDIDATES_PER_CABLE = 4
MIN_CANDIDATES = 40
"""Cables extracted to answer a question wanting `max_cables`: the best-ranked
max(MIN_CANDIDATES, CANDIDATES_PER_CABLE * max_cables) of those whose text names it."""
WORD_CUTOFF = 80.0
"""Least rapidfuzz ratio (0-100) for a corpus word to stand in for a misspelt one."""

_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Found:
    """The entities a name can mean among the cables naming it."""

    hits: dict[tuple[str, str], int]
    """(canonical name, kind) -> how many of the extracted cables use the name for it."""
    facts: tuple[CableFacts, ...]
    """The facts of the cables extracted, best full-text match first."""
    searched: frozenset[str]
    """The FTS5 phrases searched: the name (typos corrected) and its curated forms."""
    total: int
    """How many cables of the corpus contain one of them."""


def candidates(max_cables: int) -> int:
    """Return how many best-matching cables are extracted to find `max_cables` of an entity."""
    return max(MIN_CANDIDATES, CANDIDATES_PER_CABLE * max_cables)


def find_by_text(corpus: Corpus, name: str, kind: str | None, max_cables: int) -> Found:
    """Return what `name` means in the best-matching cables whose text contains it.

    Misspelt words are replaced by the closest word the corpus holds. Raise NotFoundError
    when no cable contains the name or no extracted cable names an entity by it.
    """
    wanted = name_key(name)
    words = [w.lower() for w in _WORD_RE.findall(wanted)]
    if not words:
        raise InvalidArgumentError(f"no words to search for in the name {name!r}")
    limit = candidates(max_cables)
    # A curated body is looked for by each of its forms: cables may only ever write `IOM`.
    forms = [wanted, *gazetteer.forms_of(wanted)]
    facts, total = cables_naming(corpus, forms, limit)
    if total == 0:
        wanted = " ".join(_corrected(corpus.connection, words))
        forms = [wanted, *gazetteer.forms_of(wanted)]
        facts, total = cables_naming(corpus, forms, limit)
    what = f"no {kind}" if kind else "no entity"
    if total == 0:
        raise NotFoundError(f"{what} named {name!r} found (not found in the corpus)")
    hits: Counter[tuple[str, str]] = Counter()
    for cable in facts:
        meant = {
            (e.name, e.kind)
            for e in cable.entities
            if (kind is None or e.kind == kind)
            and any(_same(alias, form) for alias in (e.name, *e.aliases) for form in forms)
        }
        hits.update(meant)
    if not hits:
        such = kind or "entity"
        raise NotFoundError(
            f"{what} named {name!r} found (the cables naming it name no such {such})"
        )
    return Found(dict(hits), facts, frozenset(phrases_of(forms)), total)


def cables_naming(
    corpus: Corpus, names: Iterable[str], limit: int
) -> tuple[tuple[CableFacts, ...], int]:
    """Return the facts of the `limit` cables best matching any of `names` (extracting those
    not yet done), and how many cables of the corpus contain one of the names."""
    phrases = phrases_of(names)
    if not phrases:
        return (), 0
    query = " OR ".join(sorted(phrases))
    conn = corpus.connection
    ids = best_matches(conn, query, limit)
    total = len(ids) if len(ids) < limit else count_matches(conn, query)
    return tuple(facts_for(corpus, ids)), total


def _closest_known(conn: PgConnection, word: str) -> str:
    from briefgen.store.postgres.search import known_words

    if known_words(conn, [word]):
        return word
    scored = [(fuzz.ratio(word, w), w) for w in known_words(conn, sorted(_one_edit(word)))]
    best = max(scored, default=(0.0, word))
    return best[1] if best[0] >= WORD_CUTOFF else word


_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


def _one_edit(word: str) -> set[str]:
    """Return the words one typing slip away from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    dropped = {a + b[1:] for a, b in splits if b}
    swapped = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changed = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    added = {a + c + b for a, b in splits for c in _LETTERS}
    return (dropped | swapped | changed | added) - {word, ""}


def _same(alias: str, wanted: str) -> bool:
    key, want = name_key(alias), name_key(wanted)
    return key == want or _words(key) == _words(want)


def _words(text: str) -> str:
    return " ".join(_WORD_RE.findall(text.lower()))


def _phrase(words: list[str]) -> str:
    return '"' + " ".join(words) + '"'


def phrases_of(names: Iterable[str]) -> set[str]:
    """Return the FTS phrases matching any of `names`, leaving out those another one covers
    (`the feminist league` adds nothing to `feminist league`)."""
    spaced = {" " + " ".join(w.lower() for w in _WORD_RE.findall(n)) + " " for n in names}
    spaced.discard("  ")
    kept = {s for s in spaced if not any(o != s and o in s for o in spaced)}
    return {_phrase(s.split()) for s in kept}


def _corrected(conn: Connection, words: list[str]) -> list[str]:
    """Return `words` with each one the corpus lacks replaced by its closest corpus word.

    A PostgreSQL corpus has no cheap list of its words (ts_stat reads every cable): there the
    words one edit away (a letter left out, added, changed or two swapped) are looked up in
    the index instead, and the closest found stands in.
    """
    if not isinstance(conn, sqlite3.Connection):
        return [_closest_known(conn, word) for word in words]
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
