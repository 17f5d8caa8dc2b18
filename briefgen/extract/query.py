"""Questions the summarizers and the CLI ask of stored facts: entity lists, profiles, names."""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from briefgen.errors import AmbiguousNameError, InvalidArgumentError, NotFoundError
from briefgen.extract.records import (
    EntityKind,
    Event,
    Figure,
    Funding,
    Mention,
    Quotation,
    Relation,
    Role,
)
from briefgen.extract.storage import facts_for, update_facts
from briefgen.store import Corpus

KINDS: tuple[str, ...] = ("org", "person", "place")
FUZZY_CUTOFF = 85.0
"""Least rapidfuzz ratio (0-100) for a misspelt name to count as a match."""
_ARTICLE_RE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """One entity in a listing: how often and where it is mentioned."""

    name: str
    """The canonical name."""
    kind: str
    """`org`, `person` or `place`."""
    mentions: int
    """How many mentions the corpus holds."""
    cables: tuple[str, ...]
    """The ids of the cables mentioning it, sorted."""
    aliases: tuple[str, ...]
    """Other names it goes by."""

    def as_dict(self) -> dict[str, Any]:
        """Return the summary as a JSON-ready dict."""
        return {
            "name": self.name,
            "kind": self.kind,
            "mentions": self.mentions,
            "cables": list(self.cables),
            "aliases": list(self.aliases),
        }


@dataclass(frozen=True, slots=True)
class EntityProfile:
    """Everything the corpus says about one entity, each fact with its source."""

    name: str
    """The canonical name."""
    kind: str
    """`org`, `person` or `place`."""
    acronym: str | None
    """Its acronym, if known."""
    aliases: tuple[str, ...]
    """Other names it goes by across the corpus."""
    cables: tuple[str, ...]
    """The cables mentioning it."""
    mentions: tuple[Mention, ...]
    """Every mention."""
    roles: tuple[Role, ...] = ()
    """Titles held by this person, or held in this organization."""
    related: tuple[tuple[str, str, int], ...] = ()
    """Entities named in the same paragraphs: (name, kind, paragraphs shared), most first."""
    figures: tuple[Figure, ...] = ()
    """Figures stated in sentences about it."""
    fundings: tuple[Funding, ...] = ()
    """Funding flows it gives, receives or channels."""
    relations: tuple[Relation, ...] = ()
    """Memberships, foundings and start years involving it."""
    events: tuple[Event, ...] = ()
    """Dated events naming it."""
    quotations: tuple[Quotation, ...] = field(default_factory=tuple)
    """Words it is quoted saying."""

    def as_dict(self) -> dict[str, Any]:
        """Return the profile as a JSON-ready dict."""
        return {
            "name": self.name,
            "kind": self.kind,
            "acronym": self.acronym,
            "aliases": list(self.aliases),
            "cables": list(self.cables),
            "mentions": [m.as_dict() for m in self.mentions],
            "roles": [r.as_dict() for r in self.roles],
            "related": [{"name": n, "kind": k, "shared": c} for n, k, c in self.related],
            "figures": [f.as_dict() for f in self.figures],
            "fundings": [f.as_dict() for f in self.fundings],
            "relations": [r.as_dict() for r in self.relations],
            "events": [e.as_dict() for e in self.events],
            "quotations": [q.as_dict() for q in self.quotations],
        }


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in KINDS:
        raise InvalidArgumentError(f"unknown entity kind {kind!r}: use one of {', '.join(KINDS)}")


def find_entities(
    corpus: Corpus,
    kind: str | None = None,
    search: str | None = None,
    limit: int | None = None,
) -> list[EntitySummary]:
    """Return the entities of the corpus, most mentioned first, filtered by kind and by text
    in their name or an alias (case-blind); at most `limit` of them."""
    _check_kind(kind)
    _catch_up(corpus)
    conn = corpus.connection
    where: list[str] = []
    params: list[object] = []
    if kind is not None:
        where.append("m.kind = ?")
        params.append(kind)
    if search:
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append(
            "(m.name LIKE ? ESCAPE '\\' OR m.name IN "
            "(SELECT name FROM extract_aliases WHERE alias LIKE ? ESCAPE '\\'))"
        )
        params.extend([pattern, pattern])
    sql = (
        "SELECT m.name, m.kind, count(*) AS n, group_concat(DISTINCT m.cable_id) "
        "FROM extract_mentions AS m"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " GROUP BY m.name, m.kind ORDER BY n DESC, m.name"
        + (" LIMIT ?" if limit is not None else "")
    )
    if limit is not None:
        params.append(limit)
    rows = conn.execute(sql, params).fetchall()
    aliases: dict[tuple[str, str], set[str]] = {}
    for first in range(0, len(rows), 500):
        chunk = rows[first : first + 500]
        marks = ",".join("?" * len(chunk))
        for alias, name, ekind in conn.execute(
            f"SELECT DISTINCT alias, name, kind FROM extract_aliases WHERE name IN ({marks})",
            [r[0] for r in chunk],
        ):
            if alias != name:
                aliases.setdefault((name, ekind), set()).add(alias)
    return [
        EntitySummary(
            name,
            ekind,
            count,
            tuple(sorted(cables.split(","))),
            tuple(sorted(aliases.get((name, ekind), ()))),
        )
        for name, ekind, count, cables in rows
    ]


def _catch_up(corpus: Corpus) -> None:
    # Facts are extracted lazily: a whole-corpus question first extracts what is missing, on
    # every core when there is much to do.
    update_facts(corpus, workers=os.cpu_count() or 1)


def _normal(name: str) -> str:
    return _ARTICLE_RE.sub("", " ".join(name.split())).lower().removesuffix(" ngo")


def resolve_name(corpus: Corpus, name: str, kind: str | None = None) -> tuple[str, str]:
    """Return the canonical name and kind an entity name means, forgiving case, articles and
    small typos. Raise NotFoundError (naming the closest names) or AmbiguousNameError."""
    _check_kind(kind)
    _catch_up(corpus)
    conn = corpus.connection
    wanted = _normal(name)
    if not wanted:
        raise InvalidArgumentError("an entity name must not be empty")
    exact = {
        (canonical, ekind)
        for alias, canonical, ekind in conn.execute(
            "SELECT DISTINCT alias, name, kind FROM extract_aliases "
            "WHERE alias = ? COLLATE NOCASE OR alias = ? COLLATE NOCASE "
            "OR alias = ? COLLATE NOCASE",
            (name.strip(), wanted, wanted + " ngo"),
        )
        if (kind is None or ekind == kind) and _normal(alias) == wanted
    }
    if exact:
        return _one(name, exact)
    table: dict[str, set[tuple[str, str]]] = {}
    for alias, canonical, ekind in corpus.connection.execute(
        "SELECT DISTINCT alias, name, kind FROM extract_aliases"
    ):
        if kind is None or ekind == kind:
            table.setdefault(_normal(alias), set()).add((canonical, ekind))
    scored = process.extract(wanted, list(table), scorer=fuzz.ratio, limit=5)
    good = [(key, score) for key, score, _ in scored if score >= FUZZY_CUTOFF]
    if good:
        best = good[0][1]
        return _one(name, {hit for key, score in good if score == best for hit in table[key]})
    closest = [key for key, _score, _ in scored[:3]]
    shown = ", ".join(sorted({c for key in closest for c, _ in table[key]}))
    what = f"no {kind}" if kind else "no entity"
    hint = f"; closest: {shown}" if shown else ""
    raise NotFoundError(f"{what} named {name!r} found (not found in the corpus){hint}")


def _one(name: str, hits: set[tuple[str, str]]) -> tuple[str, str]:
    if len(hits) == 1:
        return next(iter(hits))
    listed = ", ".join(f"{n} ({k})" for n, k in sorted(hits))
    raise AmbiguousNameError(f"{name!r} is ambiguous: it may mean {listed}")


def get_entity(corpus: Corpus, name: str, kind: str | None = None) -> EntityProfile:
    """Return the profile of the entity `name` means (see `resolve_name`)."""
    canonical, ekind = resolve_name(corpus, name, kind)
    conn = corpus.connection
    cable_ids = [
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT cable_id FROM extract_mentions WHERE name = ? AND kind = ? "
            "ORDER BY cable_id",
            (canonical, ekind),
        )
    ]
    aliases: set[str] = set()
    acronym: str | None = None
    for alias, acr in conn.execute(
        "SELECT DISTINCT alias, acronym FROM extract_aliases WHERE name = ? AND kind = ?",
        (canonical, ekind),
    ):
        if alias != canonical:
            aliases.add(alias)
        acronym = acronym or acr
    mentions: list[Mention] = []
    roles: list[Role] = []
    figures: list[Figure] = []
    fundings: list[Funding] = []
    relations: list[Relation] = []
    events: list[Event] = []
    quotations: list[Quotation] = []
    related: Counter[tuple[str, str]] = Counter()
    for facts in facts_for(corpus, cable_ids):
        mine = [m for m in facts.mentions if m.name == canonical and m.kind == ekind]
        mentions.extend(mine)
        paragraphs = {m.paragraph for m in mine}
        seen: set[tuple[str, str, int | None]] = set()
        for m in facts.mentions:
            key = (m.name, m.kind, m.paragraph)
            if m.paragraph in paragraphs and m.name != canonical and key not in seen:
                seen.add(key)
                related[(m.name, m.kind)] += 1
        roles.extend(r for r in facts.roles if canonical in (r.person, r.organization))
        figures.extend(f for f in facts.figures if f.subject == canonical)
        fundings.extend(
            f for f in facts.fundings if canonical in (f.funder, f.recipient, f.channel)
        )
        relations.extend(r for r in facts.relations if canonical in (r.subject, r.object))
        events.extend(e for e in facts.events if canonical in e.entities)
        quotations.extend(q for q in facts.quotations if canonical in q.speaker)
    return EntityProfile(
        canonical,
        ekind,
        acronym,
        tuple(sorted(aliases)),
        tuple(cable_ids),
        tuple(mentions),
        tuple(roles),
        tuple((n, k, c) for (n, k), c in related.most_common()),
        tuple(figures),
        tuple(fundings),
        tuple(relations),
        tuple(events),
        tuple(quotations),
    )


def entity_kind(kind: str | None) -> EntityKind | None:
    """Return `kind` checked as an entity kind (raise InvalidArgumentError otherwise)."""
    _check_kind(kind)
    return kind  # type: ignore[return-value]
