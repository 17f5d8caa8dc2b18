"""Questions the summarizers and the CLI ask of stored facts: entity lists, profiles, names."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz, process

from briefgen.errors import AmbiguousNameError, InvalidArgumentError, NotFoundError
from briefgen.extract.records import (
    CableFacts,
    EntityKind,
    Event,
    Figure,
    Funding,
    Mention,
    Quotation,
    Relation,
    Role,
)
from briefgen.facts.catalog import all_keys, entities_named, name_key
from briefgen.facts.lazy import cables_naming, candidates, find_by_text, phrases_of
from briefgen.facts.siblings import family, is_acronym, most_spelt
from briefgen.facts.store import stored_facts
from briefgen.models import Record
from briefgen.store import Corpus
from briefgen.store.db import Connection, is_postgres

KINDS: tuple[str, ...] = ("org", "person", "place")
FUZZY_CUTOFF = 85.0
"""Least rapidfuzz ratio (0-100) for a misspelt name to count as a match."""
DOMINANT_CABLES = 50
DOMINANT_SHARE = 0.98
"""A name shared by several entities means the one that at least DOMINANT_CABLES cables and
DOMINANT_SHARE of all cables using the name mean by it; otherwise it is ambiguous."""


@dataclass(frozen=True, slots=True)
class EntitySummary(Record):
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


@dataclass(frozen=True, slots=True)
class EntityProfile(Record):
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
    total_cables: int = 0
    """How many cables of the corpus mention it (more than `cables` when `max_cables` cut)."""

    def as_dict(self) -> dict[str, Any]:
        """Return the profile as JSON-ready data, each related entity as a dict."""
        related = [{"name": n, "kind": k, "shared": c} for n, k, c in self.related]
        return Record.as_dict(self) | {"related": related}


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
    conn = corpus.connection
    if search:
        rows = _searched(conn, kind, search)[:limit]
    else:
        sql = (
            f"SELECT name, kind, sum(mentions) AS n, {_joined(conn, 'cable_id')} "
            "FROM extract_entity_cables"
            + (" WHERE kind = ?" if kind is not None else "")
            + " GROUP BY name, kind ORDER BY n DESC, name"
            + (" LIMIT ?" if limit is not None else "")
        )
        params = [p for p in (kind, limit) if p is not None]
        rows = conn.execute(sql, params).fetchall()
    aliases: dict[tuple[str, str], set[str]] = {}
    for first in range(0, len(rows), 500):
        chunk = rows[first : first + 500]
        marks = ",".join("?" * len(chunk))
        for alias, name, ekind in conn.execute(
            f"SELECT alias, name, kind FROM extract_names WHERE name IN ({marks})",
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


def _joined(conn: Connection, column: str) -> str:
    """Return the aggregate joining a column's values with commas, in this database's words."""
    return f"string_agg({column}, ',')" if is_postgres(conn) else f"group_concat({column})"


def _searched(conn: Connection, kind: str | None, search: str) -> list[tuple[str, str, int, str]]:
    # The names table is small (one row per alias of an entity): find the entities there, then
    # read only their rows of extract_entity_cables, by primary key.
    pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    like = "ILIKE" if is_postgres(conn) else "LIKE"  # SQLite's LIKE is case-blind already
    sql = (
        "SELECT DISTINCT name, kind FROM extract_names "
        f"WHERE (name {like} ? ESCAPE '\\' OR alias {like} ? ESCAPE '\\')"
    )
    params = [pattern, pattern]
    if kind is not None:
        sql += " AND kind = ?"
        params.append(kind)
    rows = []
    for name, ekind in conn.execute(sql, params).fetchall():
        count, cables = conn.execute(
            f"SELECT sum(mentions), {_joined(conn, 'cable_id')} FROM extract_entity_cables "
            "WHERE name = ? AND kind = ?",
            (name, ekind),
        ).fetchone()
        if count:
            rows.append((name, ekind, int(count), str(cables)))
    rows.sort(key=lambda row: (-row[2], row[0]))
    return rows


def resolve_name(corpus: Corpus, name: str, kind: str | None = None) -> tuple[str, str]:
    """Return the canonical name and kind an entity name means, forgiving case, articles and
    small typos. Raise NotFoundError (naming the closest names) or AmbiguousNameError."""
    _check_kind(kind)
    wanted = name_key(name)
    if not wanted:
        raise InvalidArgumentError("an entity name must not be empty")
    conn = corpus.connection
    exact = entities_named(conn, [wanted], kind).get(wanted)
    if exact:
        # `Cem Foundation` is that body's own name, and only an alias of `Alevi Cem
        # Foundation` in the cables that name both: its own name wins unless the alias holder
        # is named in more cables (`IOM`, a stray body's name, still means the usual one).
        # (For people, a bare surname's own entity yields to the full name: `_one`.)
        own = [hit for hit in exact if hit[1] == "org" and name_key(hit[0]) == wanted]
        if len(own) == 1 and len(exact) > 1 and exact[own[0]] >= max(exact.values()):
            return own[0]
        return _one(name, exact)
    # Typos: rapidfuzz over the distinct names only (thousands, not the millions of aliases).
    scored = process.extract(wanted, all_keys(conn, corpus.path, kind), scorer=fuzz.ratio, limit=5)
    table = entities_named(conn, [key for key, _score, _ in scored], kind)
    good = [(key, score) for key, score, _ in scored if score >= FUZZY_CUTOFF]
    if good:
        best = good[0][1]
        hits: dict[tuple[str, str], int] = {}
        for key, score in good:
            if score == best:
                for hit, cables in table[key].items():
                    hits[hit] = max(cables, hits.get(hit, 0))
        return _one(name, hits)
    closest = [key for key, _score, _ in scored[:3]]
    shown = ", ".join(sorted({c for key in closest for c, _ in table.get(key, {})}))
    what = f"no {kind}" if kind else "no entity"
    hint = f"; closest: {shown}" if shown else ""
    raise NotFoundError(f"{what} named {name!r} found (not found in the corpus){hint}")


def _one(name: str, hits: dict[tuple[str, str], int]) -> tuple[str, str]:
    if len(hits) > 1:
        hits = _without_bare_surnames(hits)
    if len(hits) == 1:
        return next(iter(hits))
    # On a large corpus nearly every surname has a stray namesake somewhere; a name that means
    # one entity in almost every cable using it means that entity.
    ranked = sorted(hits.items(), key=lambda item: -item[1])
    if ranked[0][1] >= DOMINANT_CABLES and ranked[0][1] >= DOMINANT_SHARE * sum(hits.values()):
        return ranked[0][0]
    listed = ", ".join(f"{n} ({k})" for n, k in sorted(hits))
    raise AmbiguousNameError(f"{name!r} is ambiguous: it may mean {listed}")


def _without_bare_surnames(hits: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    # A cable writing only `Berlusconi` makes a person of that one word; when one full name of
    # the candidates ends with it (`Silvio Berlusconi`), the surname means that person.
    fuller = {
        (n, k): [o for o, ok in hits if ok == "person" and " " in o and o.endswith(" " + n)]
        for n, k in hits
        if k == "person" and " " not in n
    }
    dropped = {key for key, names in fuller.items() if len(names) == 1}
    return {key: count for key, count in hits.items() if key not in dropped}


def get_entity(
    corpus: Corpus, name: str, kind: str | None = None, *, max_cables: int | None = None
) -> EntityProfile:
    """Return the profile of the entity `name` means (see `resolve_name`), from stored facts.

    Without `max_cables`, facts come from every cable mentioning it and `cables` is sorted by
    id. With it, facts come only from the `max_cables` cables that mention it most (ties: the
    newest first), and `cables` lists those in that order; `total_cables` always counts every
    cable mentioning it.
    """
    _check_max(max_cables)
    canonical, ekind = resolve_name(corpus, name, kind)
    conn = corpus.connection
    names = family(conn, canonical, ekind)
    if len(names) > 1 and is_acronym(canonical):
        # Asked by its acronym (`FIESP`): the profile is titled with the name most cables
        # spell it out with.
        canonical = most_spelt(conn, names, ekind) or canonical
        names = [canonical, *(n for n in names if n != canonical)]
    cable_ids, total = _cables_of(conn, names, ekind, max_cables)
    aliases: set[str] = set(names[1:])
    acronym: str | None = None
    for entity in names:
        for alias, acr in conn.execute(
            "SELECT alias, acronym FROM extract_names WHERE name = ? AND kind = ?",
            (entity, ekind),
        ):
            if alias != canonical:
                aliases.add(alias)
            if entity == canonical or acronym is None:
                acronym = acr or acronym
    facts = stored_facts(corpus, cable_ids)
    # A cable of the family may give the body a name another cable gives as its alias (`the
    # Federation of Industries of Sao Paulo President Paulo Skaf`): that name is the body too.
    same = set(names) | {a for a in aliases if " " in a} if len(names) > 1 else set(names)
    return _assemble(canonical, ekind, acronym, aliases, facts, total, same)


def _check_max(max_cables: int | None) -> None:
    if max_cables is not None and max_cables < 1:
        raise InvalidArgumentError(f"max_cables must be 1 or more, not {max_cables}")


def profile_by_text(corpus: Corpus, name: str, kind: str | None, max_cables: int) -> EntityProfile:
    """Return the profile `get_entity` would give, from the cables whose text names it.

    For a corpus whose whole-corpus pass is left for later (see lazy.py): the entity comes
    from the best full-text matches for the name, extracted now and kept, and its cables from
    those holding any of its names (`IAEA` as well as `International Atomic Energy Agency`),
    ranked as usual: most mentions, then newest first. `total_cables` is exact when every
    match was read, and otherwise counts the cables whose text holds one of its names.
    """
    _check_max(max_cables)
    found = find_by_text(corpus, name, kind, max_cables)
    canonical, ekind = _one(name, found.hits)
    names = {canonical}
    for cable in found.facts:
        for e in cable.entities:
            if (e.name, e.kind) == (canonical, ekind):
                names.update(e.aliases)
    facts, matches = found.facts, found.total
    if phrases_of(names) != found.searched:
        facts, matches = cables_naming(corpus, names, candidates(max_cables))
    mentions = Counter(
        f.cable_id for f in facts for m in f.mentions if (m.name, m.kind) == (canonical, ekind)
    )
    created = _created(corpus.connection, list(mentions))
    ranked = sorted(
        mentions, key=lambda cid: (-mentions[cid], _newest_first(created.get(cid)), cid)
    )[:max_cables]
    aliases: set[str] = set()
    acronym: str | None = None
    by_id = {f.cable_id: f for f in facts}
    for cable_id in ranked:
        for e in by_id[cable_id].entities:
            if (e.name, e.kind) == (canonical, ekind):
                aliases.update(a for a in e.aliases if a != canonical)
                acronym = acronym or e.acronym
    # Every cable holding one of its names was read when they fit among the candidates: the
    # count is then exact; otherwise it is the count of cables holding one of its names.
    total = len(mentions) if matches <= len(facts) else matches
    chosen = [by_id[cid] for cid in ranked]
    return _assemble(canonical, ekind, acronym, aliases, chosen, total)


def _assemble(
    canonical: str,
    ekind: str,
    acronym: str | None,
    aliases: set[str],
    cable_facts: list[CableFacts],
    total: int,
    names: set[str] | None = None,
) -> EntityProfile:
    """Return the entity's profile from the facts of its cables; `names` are the other
    entities that are the same body (`siblings.family`), whose facts are told under
    `canonical`."""
    if names and len(names) > 1:
        cable_facts = [_renamed(f, names, canonical) for f in cable_facts]
    mentions: list[Mention] = []
    roles: list[Role] = []
    figures: list[Figure] = []
    fundings: list[Funding] = []
    relations: list[Relation] = []
    events: list[Event] = []
    quotations: list[Quotation] = []
    related: Counter[tuple[str, str]] = Counter()
    for facts in cable_facts:
        mine = [m for m in facts.mentions if m.name == canonical and m.kind == ekind]
        mentions.extend(mine)
        # A paragraph is its number and label: 18A and 18B share the number 18.
        paragraphs = {(m.paragraph, m.label) for m in mine}
        seen: set[tuple[str, str, int | None, str | None]] = set()
        for m in facts.mentions:
            key = (m.name, m.kind, m.paragraph, m.label)
            if (m.paragraph, m.label) in paragraphs and m.name != canonical and key not in seen:
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
        tuple(f.cable_id for f in cable_facts),
        tuple(mentions),
        tuple(roles),
        tuple((n, k, c) for (n, k), c in related.most_common()),
        tuple(figures),
        tuple(fundings),
        tuple(relations),
        tuple(events),
        tuple(quotations),
        total,
    )


def _renamed(facts: CableFacts, names: set[str], canonical: str) -> CableFacts:
    """Return `facts` with every one of `names` written `canonical` where the profile reads
    names: mentions, roles, figures, fundings, relations, events and quotations."""

    def one(name: str | None) -> str | None:
        return canonical if name in names else name

    def each(name: str) -> str:
        return canonical if name in names else name

    return replace(
        facts,
        mentions=tuple(
            replace(m, name=canonical) if m.name in names and m.kind == "org" else m
            for m in facts.mentions
        ),
        roles=tuple(replace(r, organization=one(r.organization)) for r in facts.roles),
        figures=tuple(replace(f, subject=one(f.subject)) for f in facts.figures),
        fundings=tuple(
            replace(f, funder=one(f.funder), recipient=one(f.recipient), channel=one(f.channel))
            for f in facts.fundings
        ),
        relations=tuple(
            replace(r, subject=each(r.subject), object=one(r.object)) for r in facts.relations
        ),
        events=tuple(
            replace(e, entities=tuple(dict.fromkeys(each(n) for n in e.entities)))
            for e in facts.events
        ),
    )


def _cables_of(
    conn: Connection, names: list[str], kind: str, limit: int | None
) -> tuple[list[str], int]:
    if len(names) > 1:
        return _family_cables(conn, names, kind, limit)
    name = names[0]
    where = "FROM extract_entity_cables WHERE name = ? AND kind = ?"
    if limit is None:
        rows = conn.execute(f"SELECT cable_id {where} ORDER BY cable_id", (name, kind))
        ids = [row[0] for row in rows]
        return ids, len(ids)
    total = conn.execute(f"SELECT count(*) {where}", (name, kind)).fetchone()[0]
    # Rank by mentions in SQL, then break ties by date here: asking SQL to look up the date of
    # each of a hundred thousand cables costs about a second.
    ranked = f"SELECT cable_id, mentions {where}"
    window = conn.execute(
        f"{ranked} ORDER BY mentions DESC LIMIT ?", (name, kind, limit * 4)
    ).fetchall()
    if len(window) == limit * 4 and window[limit - 1][1] == window[-1][1]:
        # More cables tie at the cut than the window holds: take every one of them.
        cut = window[limit - 1][1]
        window = [row for row in window if row[1] > cut]
        window += conn.execute(f"{ranked} AND mentions = ?", (name, kind, cut)).fetchall()
    return _ranked(conn, window, limit), int(total)


def _family_cables(
    conn: Connection, names: list[str], kind: str, limit: int | None
) -> tuple[list[str], int]:
    """Return the cables of one body named by several entities (`siblings.family`): each
    cable once, its mentions summed; a family is a handful of names of a few cables each."""
    marks = ",".join("?" * len(names))
    counts: Counter[str] = Counter()
    for cable_id, mentions in conn.execute(
        "SELECT cable_id, mentions FROM extract_entity_cables "
        f"WHERE kind = ? AND name IN ({marks})",
        (kind, *names),
    ):
        counts[cable_id] += mentions
    if limit is None:
        return sorted(counts), len(counts)
    return _ranked(conn, list(counts.items()), limit), len(counts)


def _ranked(conn: Connection, window: list[tuple[str, int]], limit: int) -> list[str]:
    """Return the ids of `window` (id, mentions) with the most mentions first, then newest."""
    created = _created(conn, [cid for cid, _n in window])
    window.sort(key=lambda row: (-row[1], _newest_first(created.get(row[0])), row[0]))
    return [cid for cid, _n in window[:limit]]


def _created(conn: Connection, ids: list[str]) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for first in range(0, len(ids), 500):
        chunk = ids[first : first + 500]
        marks = ",".join("?" * len(chunk))
        found.update(conn.execute(f"SELECT id, created FROM cables WHERE id IN ({marks})", chunk))
    return found


def _newest_first(created: str | None) -> tuple[int, tuple[int, ...]]:
    # Dates sort as text; negate each character so the newest comes first, undated last.
    if created is None:
        return (1, ())
    return (0, tuple(-ord(ch) for ch in created))


def entity_kind(kind: str | None) -> EntityKind | None:
    """Return `kind` checked as an entity kind (raise InvalidArgumentError otherwise)."""
    _check_kind(kind)
    return kind  # type: ignore[return-value]
