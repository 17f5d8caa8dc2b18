"""Bases: where the cable says an organization is based, headquartered, located or has its office.

Only these words make a base (`X, a London-based group`, `the Moscow-based NGO X`, `X is based
in Y`, `X's office in Chile`, `the Spanish NGO X`); a city that merely shares a paragraph with
an organization never does.
"""

from __future__ import annotations

import re

from briefgen.extract.context import Context, Para
from briefgen.extract.countries import country_of_demonym, is_country
from briefgen.extract.records import Mention, Relation

_PLACE = r"[A-Z][\w.'’]*(?:[ -](?:de |del |la )?[A-Z][\w.'’]*){0,2}"
_PLACE_START = r"[A-Z](?<!\w[A-Z])" + _PLACE.removeprefix("[A-Z]")
"""`_PLACE` where no word character comes before it, tested after its capital so that the
search skips to capitals."""
_BASED_ADJ_RE = re.compile(rf"({_PLACE_START})-based\b")
_BASED_IN_RE = re.compile(
    rf"\b(?:is |are |was |were |, |has been |remains )?(?:based|headquartered|located) in "
    rf"(?:the )?({_PLACE})"
)
_OFFICE_RE = re.compile(
    rf"(?:'s|’s)? (?:(?:main |regional |local |country )?(?:office|headquarters|branch|"
    rf"representation|mission)) in (?:the )?({_PLACE})(?! and [A-Z]| or [A-Z])"
)
"""`X's office in Y`; not `X's offices in Y and Z`, nor `its office in Y and Z`: a body with
offices in several places is based in none of them that the words tell."""
_PLACE_OFFICE_RE = re.compile(rf"(?:'s|’s) ({_PLACE}) (?:office|branch|headquarters)\b")
_DEMONYM_RE = re.compile(
    r"([A-Z](?<!\w[A-Z])[a-z]+) (?:NGO|non-?governmental organi[sz]ation|human rights (?:group|"
    r"organi[sz]ation)|foundation|organi[sz]ation|association|charity)\b"
)
_BASED_IN_WORDS = ("based in ", "headquartered in ", "located in ")
"""The words `_BASED_IN_RE` needs: a paragraph without them states no base that way."""
_HINTS = ("based", "headquarter", "located", "office", "branch", "ngo", "organi", "foundation")


def rule_bases(ctx: Context, para: Para) -> None:
    """Record each organization's base where a sentence states it (see the module docstring)."""
    if para.caps or not any(hint in para.lowered for hint in _HINTS):
        return
    text = para.text
    orgs = [m for m in para.mentions if m.kind == "org"]
    if not orgs:
        return
    for match in _BASED_ADJ_RE.finditer(text) if "-based" in text else ():
        org = _appositive_owner(text, orgs, match.start()) or _next_org(orgs, match.end(), 60)
        _add(ctx, para, org, match.group(1), match)
    for match in _BASED_IN_RE.finditer(text) if any(w in text for w in _BASED_IN_WORDS) else ():
        org = _owner_before(text, orgs, match.start())
        _add(ctx, para, org, match.group(1), match)
    for mention in orgs:
        office = _OFFICE_RE.match(text, mention.end) or _PLACE_OFFICE_RE.match(text, mention.end)
        if office is not None:
            _add(ctx, para, mention, office.group(1), office)
    for match in _DEMONYM_RE.finditer(text):
        country = country_of_demonym(match.group(1))
        if country is None:
            continue
        org = _next_org(orgs, match.end(), 4) or _appositive_owner(text, orgs, match.start())
        if org is not None:
            _record(ctx, para, org, country, match)


def _appositive_owner(text: str, orgs: list[Mention], start: int) -> Mention | None:
    """Return the organization an appositive at `start` describes (`X, a Moscow-based ...`)."""
    head = text[max(0, start - 12) : start]
    article = re.search(r"(?:,|\() ?(?:an?|the|another) $", head)
    if article is None:
        return None
    comma = start - (len(head) - article.start())
    before = [m for m in orgs if m.end <= comma and comma - m.end <= 40]
    if not before:
        return None
    last = before[-1]
    between = text[last.end : comma]
    return last if re.fullmatch(r"(?:'s)?(?: \([^()]*\))?", between) else None


def _next_org(orgs: list[Mention], offset: int, within: int) -> Mention | None:
    for mention in orgs:
        if offset <= mention.start <= offset + within:
            return mention
    return None


def _owner_before(text: str, orgs: list[Mention], start: int) -> Mention | None:
    """Return the organization that `is based in` at `start` is said of: the name just before,
    across an apposition or a parenthesis."""
    before = [m for m in orgs if m.end <= start and start - m.end <= 80]
    if not before:
        return None
    last = before[-1]
    between = text[last.end : start]
    if re.fullmatch(r"(?:'s)?(?: \([^()]*\))?(?:,[^,.;]*)?(?: (?:itself|also|now))?", between):
        return last
    return None


def _add(
    ctx: Context, para: Para, org: Mention | None, place_text: str, match: re.Match[str]
) -> None:
    if org is None:
        return
    place = _place(ctx, para, place_text, match)
    if place is not None:
        _record(ctx, para, org, place, match)


def _place(ctx: Context, para: Para, place_text: str, match: re.Match[str]) -> str | None:
    """Return the canonical place the words name, when they name one."""
    for mention in para.mentions:
        if (
            mention.kind == "place"
            and mention.start >= match.start()
            and mention.end <= match.end()
        ):
            return mention.name
    known = ctx.lookup(place_text)
    if known is not None:
        return known if ctx.kind_of(known) == "place" else None
    if is_country(place_text):
        return place_text
    # `the Saudi-based NGO X`, `the Moroccan-based GICM group`: the country of the demonym.
    return country_of_demonym(place_text)


def _record(ctx: Context, para: Para, org: Mention, place: str, match: re.Match[str]) -> None:
    if place == org.name:
        return
    ctx.relations.append(
        Relation(
            "based_in",
            org.name,
            place,
            None,
            para.text[match.start() : match.end()].strip(" ,"),
            ctx.source(para, match.start()),
        )
    )
