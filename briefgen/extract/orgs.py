"""Organization rules: curated names, acronyms defined in the text, names around org words."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from briefgen.extract import gazetteer, lexicon
from briefgen.extract.context import Context, Para, canonical_org
from briefgen.extract.names import (
    CHAIN_RE,
    TITLE_RE,
    Token,
    looks_like_name_word,
    looks_like_surname,
    span_text,
    tokens,
)
from briefgen.extract.records import EntityKind

_ACRONYM_DEF_RE = re.compile(r"\(([A-Z][A-Z/&]{1,9})\)")
_MINISTRIES_RE = re.compile(r"\b(Ministries|Departments) of ")
_LIST_ITEM_RE = re.compile(r"([A-Z][A-Za-z]*(?: (?:and )?[A-Z][A-Za-z]*)*)(?: \(([A-Z]{2,8})\))?")
_PARTY_RE = re.compile(r"\b((?:[A-Z][A-Za-z-]+ )+)(?:political )?party\b")
_NGO_NAME_RE = re.compile(r"\bNGO ([A-Z][a-z]{2,})\b")
_BRANCH_RE = re.compile(
    r"\b([A-Z][A-Za-z]+(?:-[A-Z][A-Za-z]+)?) \(the [a-z ]+(?:branch|wing|arm) of "
)
_LEADING_STOP = lexicon.FUNCTION_WORDS | {"Members", "Students"}
_TRAILING_STOP = _LEADING_STOP | {"SECRET", "CONFIDENTIAL", "UNCLASSIFIED", "SBU", "NOFORN"}
_TITLE_TAILS = frozenset(
    [
        "Officer",
        "Chairman",
        "Commander",
        "Director",
        "Secretary",
        "President",
        "Minister",
        "Chief",
        "Head",
        "Speaker",
        "Counselor",
        "Ambassador",
        "Spokesman",
        "Deputy",
        "Advisor",
        "Adviser",
        "Member",
    ]
)
_THEATER_HEADS = frozenset({"Theater", "Theatre", "Opera", "Museum", "Circus", "Philharmonic"})
_TITLES_WITH_HEADS = tuple(
    t for t in lexicon.TITLES if any(w in lexicon.ORG_HEADS for w in t.split())
)
_GOVERNMENT_HEADS = frozenset(
    [
        "Ministry",
        "Department",
        "Committee",
        "Commission",
        "Office",
        "Akimat",
        "Court",
        "Police",
        "Prosecutor",
        "Embassy",
        "Consulate",
        "Government",
        "Parliament",
        "Administration",
        "Agency",
        "Bureau",
        "Service",
    ]
)
_ACRONYM_AFTER_RE = re.compile(r" \(([A-Z][A-Za-z/&]{1,9})\)")
_CAPS_ACRONYM_RE = re.compile(r"\(([A-Z]{2,8})\)")
_CAPS_SEGMENT_RE = re.compile(r"[,;:.()\"]")


def rule_curated(ctx: Context, para: Para) -> None:
    """Find curated bodies, agencies and places with the gazetteer automaton."""
    for hit in gazetteer.find(para.text, para.lowered, para.caps, para.folded):
        entry = hit.entry
        kind: EntityKind = (
            "person" if entry.kind == "person" else "place" if entry.kind == "place" else "org"
        )
        name = ctx.register(kind, entry.name, acronym=entry.acronym)
        ctx.add_mention(para, kind, hit.start, hit.end, name, "curated")


def _initials_cover(words: list[str], acronym: str) -> bool:
    letters = [w[0].lower() for w in words if w[:1].isalpha()]
    wanted = [c.lower() for c in acronym if c.isalpha()]
    if not letters or not wanted or letters[0] != wanted[0]:
        return False
    position = 0
    for letter in letters:
        if position < len(wanted) and letter == wanted[position]:
            position += 1
    return position == len(wanted)


def rule_acronym_definition(ctx: Context, para: Para) -> None:
    """Register `Full Name (ACR)` pairs: the full name is an organization, ACR its alias."""
    text = para.text
    if para.caps or "paren" not in para.hints:
        return
    for match in _ACRONYM_DEF_RE.finditer(text):
        acronym = match.group(1)
        stop = match.start()
        if stop < 2 or text[stop - 1] != " ":
            continue
        chain = None
        for candidate in CHAIN_RE.finditer(text, max(0, stop - 120), stop - 1):
            if candidate.end() == stop - 1:
                chain = candidate
        if chain is None:
            continue
        items = tokens(text, chain.start(), chain.end())
        chosen = _acronym_span(items, acronym)
        if chosen is None or not any(t.is_head for t in chosen):
            continue  # `Andres Manuel Lopez Obrador (AMLO)`: a name, but not an organization's
        name = _curated_spelling(canonical_org(span_text(text, chosen)), acronym)
        name = ctx.register("org", ctx.lookup(name) or name, acronym=acronym)
        ctx.add_mention(para, "org", chosen[0].start, chosen[-1].end, name, "acronym", True)
        ctx.add_mention(para, "org", match.start(1), match.end(1), name, "acronym")


def _curated_spelling(name: str, acronym: str) -> str:
    # `United Nations Office of Drugs and Crime (UNODC)`: the cable's slip of a known body's
    # name must not make a second entity of it.
    curated = gazetteer.curated_body(acronym)
    if curated and curated != name and fuzz.ratio(curated.lower(), name.lower()) >= 90:
        return curated
    return name


def _acronym_span(items: list[Token], acronym: str) -> list[Token] | None:
    letters = [c.lower() for c in acronym if c.isalpha()]
    starts = [
        first for first, item in enumerate(items) if item.capital and item.word not in _LEADING_STOP
    ]
    # Best: the capitalised words spell the acronym exactly (`Movement for Democratic Change
    # (MDC)`, not `Met Movement ...`); next: the acronym's letters in order.
    for first in starts:
        words = [t.word for t in items[first:] if t.capital and t.word not in _LEADING_STOP]
        if [w[0].lower() for w in words] == letters:
            return items[first:]
    for first in starts:
        if _initials_cover([t.word for t in items[first:]], acronym):
            return items[first:]
    # Last: the organization word and the capitalised words just before it (`the Brazilian
    # Ministry of Exterior Relations (MRE)`, whose acronym follows Portuguese word order).
    head = next((i for i, t in enumerate(items) if t.is_head), None)
    if head is None:
        return None
    first = head
    while first > 0 and items[first - 1].capital and items[first - 1].word not in _LEADING_STOP:
        first -= 1
    return items[first:]


def rule_caps_acronym_definition(ctx: Context, para: Para) -> None:
    """Register `FULL NAME (ACR)` pairs in ALL-CAPS text, when the initials spell the acronym."""
    if not para.caps:
        return
    text = para.text
    if "paren" not in para.hints:
        return
    for match in _CAPS_ACRONYM_RE.finditer(text):
        head = text[max(0, match.start() - 120) : match.start()]
        words = _CAPS_SEGMENT_RE.split(head)[-1].split()
        acronym = match.group(1)
        exact = max(0, len(words) - len(acronym))
        # Words whose initials spell the acronym come first: `RICE MET MOVEMENT FOR
        # DEMOCRATIC CHANGE (MDC)` is the Movement for Democratic Change.
        spelt = [f for f in range(len(words)) if _spells(words[f:], acronym)]
        for first in (*spelt, exact, *range(len(words))):
            if _initials_cover(words[first:], acronym) and len(words) - first >= len(acronym) - 2:
                full = " ".join(
                    "-".join(p.capitalize() for p in w.split("-")) if len(w) > 3 else w.lower()
                    for w in words[first:]
                )
                full = full[0].upper() + full[1:]
                name = ctx.register("org", ctx.lookup(full) or full, acronym=acronym)
                ctx.add_mention(para, "org", match.start(1), match.end(1), name, "acronym")
                break


_SMALL_WORDS = frozenset(["of", "for", "and", "the", "in", "on", "to", "against"])


def _spells(words: list[str], acronym: str) -> bool:
    initials = [w[0].lower() for w in words if w.lower() not in _SMALL_WORDS]
    return initials == [c.lower() for c in acronym if c.isalpha()]


def rule_ministries_list(ctx: Context, para: Para) -> None:
    """Split `the Ministries of Justice (MOJ), Interior, and Education` into ministries."""
    text = para.text
    if "list" not in para.hints:
        return
    for match in _MINISTRIES_RE.finditer(text):
        head = "Ministry" if match.group(1) == "Ministries" else "Department"
        position = match.end()
        while True:
            item = _LIST_ITEM_RE.match(text, position)
            if item is None:
                break
            label = item.group(1)
            if label.startswith("and "):
                label = label[4:]
            name = lexicon.ORG_SYNONYMS.get(f"{head} of {label}", f"{head} of {label}")
            name = ctx.register("org", name, acronym=item.group(2))
            ctx.add_mention(para, "org", item.start(1), item.end(1), name, "ministries_list")
            rest = text[item.end() : item.end() + 6]
            if rest.startswith(", and "):
                position = item.end() + 6
            elif rest.startswith(" and "):
                position = item.end() + 5
            elif rest.startswith(", "):
                position = item.end() + 2
            else:
                break


def _strip_title(items: list[Token]) -> list[Token]:
    # `Deputy Chairman of the Criminal Police Committee`: the org starts after `of the`.
    head_text = " ".join(t.word for t in items[:4])
    title = TITLE_RE.match(head_text)
    if title is None:
        return items
    count = len(title.group(0).split())
    if count >= len(items) or items[count].word != "of":
        return items  # `Prosecutor General's Office` is a name, not a title
    rest = items[count:]
    while rest and rest[0].word in ("of", "the"):
        rest = rest[1:]
    return rest


def _split_orgs(text: str, items: list[Token]) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    for index, item in enumerate(items):
        if item.word in ("and", "in", "to") and parts[-1]:
            after = [t for t in items[index + 1 :] if t.capital]
            left_has_head = any(t.is_head for t in parts[-1])
            right_has_head = any(t.is_head for t in after)
            nxt_word = items[index + 1].word if index + 1 < len(items) else ""
            if (
                item.word == "and"
                and right_has_head
                and (left_has_head or nxt_word == "the" or nxt_word in lexicon.ORG_HEADS)
            ):
                # `the Feminist League and the Theater`, `Escobar and the Ministry of ...`, but
                # not `the Export and Finance Bank`.
                parts.append([])
                continue
            if item.word in ("in", "to") and after and left_has_head:
                nxt = text[after[0].start : after[0].end]
                if nxt[:1].isupper() and gazetteer.find(nxt, nxt.lower(), False):
                    parts.append([])
                    continue
        parts[-1].append(item)
    return parts


def _trim(items: list[Token]) -> list[Token]:
    while items and items[0].word in _LEADING_STOP:
        items = items[1:]
    items = _strip_title(items)
    while items and (not items[0].capital or items[0].word in _LEADING_STOP):
        items = items[1:]
    while items and (not items[-1].capital or items[-1].word in _TRAILING_STOP):
        items = items[:-1]
    if len(items) > 3 and _is_person_name(items[-2].word, items[-1].word):
        items = items[:-2]  # `the Ministry of Defense Alexander Serenko`
    while items and not items[-1].capital:
        items = items[:-1]
    if items and items[-1].word in _TITLE_TAILS:
        return []  # `Embassy Officer`, `Board Chairman`: a title, not a name
    return items


def _is_person_name(first: str, last: str) -> bool:
    return looks_like_name_word(first) and (
        first in lexicon.FIRST_NAMES or looks_like_surname(last)
    )


def rule_org_phrase(ctx: Context, para: Para) -> None:
    """Find names built from capitalised words around an org word (`Union of Crisis Centers`)."""
    if para.caps:
        return
    text = para.text
    for items in para.chains:
        if len(items) < 2 or not any(t.is_head for t in items):
            continue
        for part in _split_orgs(text, items):
            part = _trim(part)
            heads = [t for t in part if t.is_head and t.word not in lexicon.WEAK_ORG_HEADS]
            if not heads or len(part) < 2:
                continue
            if part[0].possessive and part[0].word in lexicon.ORG_HEADS:
                part = part[1:]
            if len(part) < 2 or span_text(text, part).endswith(_TITLES_WITH_HEADS):
                continue  # `the IOM Chief of Mission` is a person's title
            _add_org(ctx, para, part)


def _add_org(ctx: Context, para: Para, part: list[Token]) -> None:
    text = para.text
    start, end = part[0].start, part[-1].end
    inside = [m for m in para.mentions if m.start < end and start < m.end]
    if any(m.start < start or m.end > end or m.rule not in ("curated", "region") for m in inside):
        return
    covered = [t for t in part if any(m.start <= t.start < m.end for m in inside)]
    if any(m.kind != "place" for m in inside) and not any(
        t.is_head for t in part if t not in covered
    ):
        return  # the name adds nothing to the one found before (`the IOM` in `IOM Kyrgyzstan`)
    # `Nur Otan Committee for Party Supervision` is more than the party it starts with.
    para.mentions[:] = [m for m in para.mentions if m not in inside]
    raw = span_text(text, part)
    name = canonical_org(raw)
    aliases: tuple[str, ...] = (raw,) if raw != name else ()
    first = text[part[0].start : part[0].end]
    rest = part[1:]
    if (
        rest
        and any(t.word in _THEATER_HEADS for t in rest)
        and gazetteer.find(first, first.lower(), False)
    ):
        # `Kokshetau Russian Drama Theater` is the `Russian Drama Theater` of Kokshetau.
        aliases = (*aliases, name)
        name = canonical_org(span_text(text, rest))
    if ctx.kind_of(ctx.lookup(name) or name) not in (None, "org"):
        return
    defined = _ACRONYM_AFTER_RE.match(text, end)
    if defined is not None:
        spelled = _curated_spelling(name, defined.group(1))
        aliases, name = ((*aliases, name), spelled) if spelled != name else (aliases, name)
    known = ctx.lookup(name) or ctx.longer_org(name)
    name = ctx.register("org", known or name, aliases if known is None else (*aliases, name))
    ctx.add_mention(para, "org", part[0].start, part[-1].end, name, "org_phrase", True)


def rule_party(ctx: Context, para: Para) -> None:
    """Find parties named with a lower-case `party` (`the Nur Otan party`)."""
    if para.caps or "party" not in para.hints:
        return
    for match in _PARTY_RE.finditer(para.text):
        words = match.group(1).split()
        while words and (words[0] in _LEADING_STOP or not words[0][0].isupper()):
            words = words[1:]
        if not words:
            continue
        name = " ".join(words)
        start = match.start(1) + match.group(1).index(words[0])
        name = ctx.register("org", ctx.lookup(name) or name, (f"{name} Party",))
        ctx.add_mention(para, "org", start, start + len(name), name, "party")


def rule_ngo_name(ctx: Context, para: Para) -> None:
    """Find NGOs introduced by the word NGO (`the Ust Kamenogorsk-based NGO Fenix`)."""
    if para.caps or "ngo" not in para.hints:
        return
    for match in _NGO_NAME_RE.finditer(para.text):
        word = match.group(1)
        if word in lexicon.NOT_NAME_WORDS or word in lexicon.ORG_HEADS:
            continue
        name = ctx.register("org", ctx.lookup(word) or word)
        ctx.add_mention(para, "org", match.start(1), match.end(1), name, "ngo_name")


def rule_branch_of(ctx: Context, para: Para) -> None:
    """Find organizations explained as a branch of another (`Zhas-Otan (the youth branch of`)."""
    if para.caps or "branch" not in para.hints:
        return
    for match in _BRANCH_RE.finditer(para.text):
        name = ctx.register("org", match.group(1))
        ctx.add_mention(para, "org", match.start(1), match.end(1), name, "branch_of")
