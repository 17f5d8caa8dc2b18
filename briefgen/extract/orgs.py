"""Organization rules: curated names, acronyms defined in the text, names around org words."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from briefgen.extract import gazetteer, lexicon
from briefgen.extract.clauses import POST_PRONOUNS, clause_opening
from briefgen.extract.context import Context, Para, canonical_org
from briefgen.extract.countries import country_of_demonym
from briefgen.extract.forenames import is_given_name
from briefgen.extract.kinds import kind_from_context
from briefgen.extract.names import (
    CHAIN_RE,
    TITLE_RE,
    TITLE_WORDS,
    Token,
    looks_like_name_word,
    looks_like_surname,
    span_text,
    tokens,
)
from briefgen.extract.records import EntityKind, Role
from briefgen.extract.text import parse_number

_ACRONYM_DEF_RE = re.compile(r"\(([A-Z][A-Z/&]{1,9})\)")
_MINISTRIES_RE = re.compile(r"\b(Ministries|Departments) of ")
_LIST_ITEM_RE = re.compile(r"([A-Z][A-Za-z]*(?: (?:and )?[A-Z][A-Za-z]*)*)(?: \(([A-Z]{2,8})\))?")
_PARTY_RE = re.compile(r"\b((?:[A-Z][A-Za-z-]+ )+)(?:political )?party\b")
_NGO_NAME_RE = re.compile(
    r"\bNGOs?,? [\"“]?([A-Z][a-z]{2,}(?: (?:(?:of|for|and|the|de|del|la|in) )*[A-Z][\w'’-]*)*)"
)
"""`NGO Fenix`, `the NGO National Citizen Femicide Observatory`: the run of capitalised words
after the word NGO."""
_BRANCH_RE = re.compile(
    r"\b([A-Z][A-Za-z]+(?:-[A-Z][A-Za-z]+)?) \(the [a-z ]+(?:branch|wing|arm) of "
)
# Quantifiers open a description, never a name (`Other NGOs funded by SENAME`).
_QUANTIFIERS = {"Other", "Another", "Several", "Many", "Some", "Most", "Various", "Numerous", "Few"}
_LEADING_STOP = lexicon.FUNCTION_WORDS | {"Members", "Students"} | _QUANTIFIERS
_KIND_PREFIXES = frozenset({"NGO", "NGOs"})
"""A kind word that may open the words before an acronym without being part of the name."""
_TRAILING_STOP = _LEADING_STOP | {"SECRET", "CONFIDENTIAL", "UNCLASSIFIED", "SBU", "NOFORN"}
_TITLE_TAILS = frozenset(
    """Officer Chairman Commander Director Secretary President Minister Chief Head Speaker
    Counselor Ambassador Spokesman Deputy Advisor Adviser Member Commissioner Inspector
    Governor Mayor Spokesperson Coordinator Envoy""".split()
)
_THEATER_HEADS = frozenset({"Theater", "Theatre", "Opera", "Museum", "Circus", "Philharmonic"})
_TITLES_WITH_HEADS = tuple(
    t for t in lexicon.TITLES if any(w in lexicon.ORG_HEADS for w in t.split())
)
_GOVERNMENT_HEADS = frozenset(
    """Ministry Department Committee Commission Office Akimat Court Police Prosecutor Embassy
    Consulate Government Parliament Administration Agency Bureau Service""".split()
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
        if chosen is None or not (any(t.is_head for t in chosen) or _kind_led(items, chosen)):
            continue  # `Andres Manuel Lopez Obrador (AMLO)`: a name, but not an organization's
        name = _curated_spelling(canonical_org(span_text(text, chosen)), acronym)
        name = ctx.register("org", ctx.lookup(name) or name, acronym=acronym)
        ctx.add_mention(para, "org", chosen[0].start, chosen[-1].end, name, "acronym", True)
        ctx.add_mention(para, "org", match.start(1), match.end(1), name, "acronym")


def _kind_led(items: list[Token], chosen: list[Token]) -> bool:
    """Return True when a kind word stands just before the name (`the NGO Citizens in ...`)."""
    first = next(i for i, t in enumerate(items) if t is chosen[0])
    return first > 0 and items[first - 1].word in _KIND_PREFIXES


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
    if items[head].word in _KIND_PREFIXES and head + 1 < len(items) and items[head + 1].capital:
        # `the NGO Citizens in Support of Human Rights (CADHAC)`: what the body is, then its
        # name.
        return items[head + 1 :]
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


def _strip_person(items: list[Token]) -> list[Token]:
    # `Andrey Kortunov of the Eurasia Foundation`, `Abdalah Mokssit Head of the National Center
    # ...`: a person's name (and a title), then the org after `of the`.
    of = next((i for i in (2, 3, 4) if i < len(items) and items[i].word == "of"), None)
    if of is None or any(t.is_head or not t.capital for t in items[:of]):
        return items
    title = TITLE_RE.fullmatch(" ".join(t.word for t in items[2:of])) if of > 2 else None
    last = items[1].word if title is not None else items[of - 1].word
    if title is None and of == 4:
        return items
    first = items[0].word
    if not (first in lexicon.FIRST_NAMES or is_given_name(first) or title is not None):
        return items
    if not _is_person_name(first, last):
        return items
    rest = items[of:]
    while rest and rest[0].word in ("of", "the"):
        rest = rest[1:]
    return rest if any(t.is_head for t in rest) else items


def _split_orgs(text: str, items: list[Token]) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    for index, item in enumerate(items):
        if item.word in ("and", "in", "to") and parts[-1]:
            after = [t for t in items[index + 1 :] if t.capital]
            left_has_head = any(t.is_head for t in parts[-1])
            right_has_head = any(t.is_head for t in after)
            nxt_word = items[index + 1].word if index + 1 < len(items) else ""
            ends_with_head = parts[-1][-1].is_head and parts[-1][-1].word != "NGO"
            if item.word == "and" and (
                (
                    right_has_head
                    and (left_has_head or nxt_word == "the" or nxt_word in lexicon.ORG_HEADS)
                )
                or (ends_with_head and bool(after) and nxt_word[:1].isupper())
            ):
                # `the Ford Foundation and Oxfam International`: a name that has ended on its
                # organization word does not go on past `and`.
                # `the Feminist League and the Theater`, `Escobar and the Ministry of ...`, but
                # not `the Export and Finance Bank`.
                parts.append([])
                continue
            if item.word == "to" and not left_has_head and right_has_head:
                # `gave 28,761 Euro to the European Humanities University`: what comes before
                # `to` names no body; the name starts after it.
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
    items = _strip_person(_strip_title(items))
    while items and (
        not items[0].capital or items[0].word in _LEADING_STOP or items[0].word.endswith("-based")
    ):
        items = items[1:]  # `Washington-based Center for a Free Cuba`: the name starts after
    while items and (not items[-1].capital or items[-1].word in _TRAILING_STOP):
        items = items[:-1]
    if len(items) > 3 and _is_person_name(items[-2].word, items[-1].word):
        items = items[:-2]  # `the Ministry of Defense Alexander Serenko`
    while items and not items[-1].capital:
        items = items[:-1]
    for index, item in enumerate(items[1:-1], 1):
        rest = items[index + 1 :]
        if item.word in _TITLE_TAILS and len(rest) <= 3 and all(_name_word(t) for t in rest):
            items = items[:index]  # `Police Commissioner Ali`: a title and a person's name
            break
    if items and items[-1].word in _TITLE_TAILS:
        return []  # `Embassy Officer`, `Board Chairman`: a title, not a name
    return items


def _name_word(token: Token) -> bool:
    return token.capital and not token.is_head and token.word not in lexicon.FUNCTION_WORDS


def _is_person_name(first: str, last: str) -> bool:
    return looks_like_name_word(first) and (
        first in lexicon.FIRST_NAMES or is_given_name(first) or looks_like_surname(last)
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
            whole = part
            held = _title_then_name(part)
            if held is not None:
                part = part[:held]
            part = _trim(part)
            heads = [t for t in part if t.is_head and t.word not in lexicon.WEAK_ORG_HEADS]
            if not heads or len(part) < 2:
                continue
            if part[0].possessive and part[0].word in lexicon.ORG_HEADS:
                part = part[1:]
            if len(part) < 2 or span_text(text, part).endswith(_TITLES_WITH_HEADS):
                continue  # `the IOM Chief of Mission` is a person's title
            if len(part) == 2 and part[1].word == "NGO" and country_of_demonym(part[0].word):
                continue  # `the Spanish NGO`: what the body is, not its name
            _add_org(ctx, para, part)
            if held is not None:
                _add_holder(ctx, para, part, whole[held:])


def _title_then_name(part: list[Token]) -> int | None:
    """Return where a title followed by a person's name cuts the chain (`Alevi Cem Foundation
    Chairman Izettin Dogan`), or None."""
    for index in range(1, len(part) - 2):
        if part[index].word in _TITLE_TAILS and all(
            looks_like_name_word(t.word) for t in part[index + 1 :]
        ):
            return index
    return None


def _add_holder(ctx: Context, para: Para, org: list[Token], held: list[Token]) -> None:
    """Record the person named after the body and a title (`Chairman Izettin Dogan`)."""
    if not org:
        return
    body = ctx.lookup(span_text(para.text, org))
    start, end = held[1].start, held[-1].end
    if body is None or any(m.start < end and start < m.end for m in para.mentions):
        return
    full = span_text(para.text, held[1:])
    known = ctx.lookup(full)
    if known is not None and ctx.kind_of(known) != "person":
        return
    name = ctx.register("person", known or full, (held[-1].word,))
    ctx.add_mention(para, "person", start, end, name, "org_title_name", over_places=True)
    title = held[0].word
    leader = title in lexicon.LEADER_TITLES
    ctx.roles.append(Role(name, title, body, leader, ctx.source(para, start)))


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
    else:
        # `International Organization of Migration`: a known body's name with a slip in it.
        known_body = gazetteer.near_curated_body(name)
        if known_body is not None and known_body != name:
            aliases, name = (*aliases, name), known_body
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
        words = match.group(1).split()
        # The name ends before a title or a person's name (`NGO Fenix Director Ivanov`).
        cut = next((i for i, w in enumerate(words) if i and w in TITLE_WORDS), len(words))
        while cut > 1 and words[cut - 1] in ("of", "for", "and", "the", "de", "del", "la", "in"):
            cut -= 1
        words = words[:cut]
        if words[0] in lexicon.NOT_NAME_WORDS or words[0] in lexicon.ORG_HEADS:
            continue
        word = " ".join(words)
        end = match.start(1) + len(word)
        if para.text[match.start(1) : end] != word:
            continue  # spaced otherwise than one space a word: leave it to the other rules
        name = ctx.register("org", ctx.lookup(word) or word)
        ctx.add_mention(para, "org", match.start(1), end, name, "ngo_name")


def rule_branch_of(ctx: Context, para: Para) -> None:
    """Find organizations explained as a branch of another (`Zhas-Otan (the youth branch of`)."""
    if para.caps or "branch" not in para.hints:
        return
    for match in _BRANCH_RE.finditer(para.text):
        name = ctx.register("org", match.group(1))
        ctx.add_mention(para, "org", match.start(1), match.end(1), name, "branch_of")


_FOREIGN_JOINERS = (
    "de|del|della|di|da|das|do|dos|la|las|le|les|los|el|y|e|en|para|por|pro|contra|con|sin|"
    "sobre|al|et|pour|du|des|sur|und|fur|für|der|die|den|zu|van|von|het|voor|na|i|za|dla"
)
_NATIVE_WORD = r"[A-ZÁÉÍÓÚÑÀÈÇÖÜ][\w'’.-]*"
_NATIVE_START = r"[A-ZÁÉÍÓÚÑÀÈÇÖÜ](?<!\w[A-ZÁÉÍÓÚÑÀÈÇÖÜ])[\w'’.-]*"
"""`_NATIVE_WORD` where no word character comes before it, tested after its capital so that the
search skips to capitals."""
_TRANSLATED_RE = re.compile(
    rf"((?:{_NATIVE_START})(?: (?:(?:{_FOREIGN_JOINERS}) )*{_NATIVE_WORD}| \d+){{0,9}})[\"”]? "
    rf"\((?:the )?([A-Z][\w'’.-]*(?: (?:(?:of|for|and|against|on|in|to|the) )*[A-Z0-9][\w'’.-]*)"
    r"{0,9})(?: -- [^()]*|, [A-Z]{2,8})?\)"
)
"""`Cuba en Transicion (Cuba in Transition)`, `Servicio de Paz y Justicia (Service for Peace
and Justice)`: a name in the cable's other language with its translation beside it."""
_JOINER_SET = frozenset(_FOREIGN_JOINERS.split("|"))
_FOREIGN_ARTICLES = frozenset({"La", "El", "Los", "Las", "Le", "Les", "Der", "Die", "Das"})


def _covered_by_name(para: Para, start: int, end: int) -> bool:
    """Return True when `[start, end)` overlaps an org or person found before (a place inside
    a name, `Fundacion Chile 21`, gives way to it)."""
    return any(m.start < end and start < m.end and m.kind != "place" for m in para.mentions)


def rule_translated_name(ctx: Context, para: Para) -> None:
    """Make one organization of a native name and the translation the cable gives beside it."""
    if para.caps or "paren" not in para.hints:
        return
    text = para.text
    for match in _TRANSLATED_RE.finditer(text):
        native, english = match.group(1), match.group(2)
        native_words = native.split()
        while native_words and (
            native_words[0] in _LEADING_STOP or native_words[0] in _FOREIGN_ARTICLES
        ):
            native_words = native_words[1:]
        if not native_words or english.split()[0] in ("See", "Ref", "Reftel", "Para"):
            continue
        native = " ".join(native_words)
        foreign = any(w in _JOINER_SET for w in native_words) or not any(
            w in lexicon.ORG_HEADS for w in native_words
        )
        english_words = english.split()
        if not foreign or native == english or len(english_words) < 2:
            continue
        if not any(w in lexicon.ORG_HEADS or w == "NGO" for w in english_words + native_words):
            said = kind_from_context(text, match.start(1), match.end())
            if said is None and not _is_org_list(text, match.start()):
                continue
        start = match.start(1) + match.group(1).index(native_words[0])
        if _covered_by_name(para, start, match.end(1)) or ctx.kind_of(
            ctx.lookup(native) or ""
        ) not in (
            None,
            "org",
        ):
            continue
        name = ctx.register("org", ctx.lookup(native) or ctx.lookup(english) or native, (english,))
        ctx.add_mention(para, "org", start, match.end(1), name, "translated_name", True)
        ctx.add_mention(para, "org", match.start(2), match.end(2), name, "translated_name", True)


_ENTRY_HEADER_RE = re.compile(
    r"(?:^|(?<=[\s:.;]))(?:--?\s?\(\d{1,2}\)|\(\d{1,2}\)|--|\d{1,2}\))\s*"
    r"((?:The |La |El |Los |Las )?[A-Z][\w'’.&-]*(?: (?:(?:of|for|and|de|del|la|y|the) )*"
    r"[A-Z0-9][\w'’.&-]*){0,6})(?=\s*(?:\(|:|\.(?:\s|$)|\s--\s))"
)
"""The name that opens an entry of a list: `--(2) Raices (Roots):`, `(7) ISIS Internacional.`"""
_ORG_LIST_LEAD_RE = re.compile(
    r"\b(?:NGOs|non-?governmental organi[sz]ations|organi[sz]ations|groups|foundations|"
    r"associations|networks|shelters|institutions|agencies|partners|implementers|"
    r"civil society)\b[^.]{0,80}:\s*$",
    re.IGNORECASE,
)


def _is_org_list(text: str, offset: int) -> bool:
    """Return True when `offset` sits in a list that a lead names as organizations
    (`The following local NGOs work with trafficking victims: --(1) ...`)."""
    colon = text.rfind(":", 0, offset)
    while colon != -1:
        if _ORG_LIST_LEAD_RE.search(text, max(0, colon - 160), colon + 1):
            return True
        if colon < offset - 2000:
            return False
        colon = text.rfind(":", 0, colon)
    return False


def rule_entry_name(ctx: Context, para: Para) -> None:
    """Find the organizations a list names one per entry, after a lead that says they are
    organizations (`The following local NGOs ...: --(1) Raices (Roots): ...`)."""
    text = para.text
    if para.caps or ":" not in text:
        return
    for match in _ENTRY_HEADER_RE.finditer(text):
        words = match.group(1).split()
        if words[0] == "The" or words[0] in _FOREIGN_ARTICLES:
            words = words[1:]
        if not words or words[0] in lexicon.NOT_NAME_WORDS or words[0] in lexicon.MONTH_NAMES:
            continue
        if not _is_org_list(text, match.start()):
            continue
        name_text = " ".join(words)
        start = match.start(1) + match.group(1).index(words[0])
        end = start + len(name_text)
        if _covered_by_name(para, start, end):
            continue
        known = ctx.lookup(name_text)
        if known is not None and ctx.kind_of(known) != "org":
            continue
        name = ctx.register("org", known or canonical_org(name_text))
        ctx.add_mention(para, "org", start, end, name, "entry_name", True)
        if re.search(r"\bNGOs\b", text[max(0, match.start() - 400) : match.start()]):
            ctx.say_kind(name, "ngo", para, start)


_DESCRIBED_RE = re.compile(
    r"([A-Z](?<!\w[A-Z])[\w'’-]+(?: [A-Z][\w'’-]+){0,3}), (?:an?|another|the) (?:[\w'’-]+ ){0,4}?"
    r"(NGO|non-?governmental organi[sz]ation|human rights group|group|foundation|association|"
    r"shelter|network|charity|firm|company|newspaper|daily|weekly|think tank|movement|"
    r"organi[sz]ation)(?=[,.;]| (?:that|which|working|based|founded|run|led|dedicated|"
    r"focused|whose|in|with|of)\b)"
)
"""`Raices, another NGO, ...`, `Memorial, a Moscow-based human rights group,`."""
_DESCRIBED_WORDS = (
    "ngo",
    "group",
    "foundation",
    "association",
    "shelter",
    "network",
    "charity",
    "firm",
    "company",
    "newspaper",
    "daily",
    "weekly",
    "think tank",
    "movement",
    "organi",
)
_DESCRIPTOR_NAME_RE = re.compile(
    r"\b(?:the|a|an) (?:[A-Z][a-z]+(?:-based)? |[a-z]+(?:-[a-z]+)? ){0,2}(?:firm|company|bank|"
    r"newspaper|daily|weekly|NGO|foundation|association|think tank|charity|group) [\"“]?"
    r"([A-Z][\w'’-]+(?: (?:de |del |la )?[A-Z][\w'’-]+){0,3})"
)
"""`the Swiss firm Gunvor`, `the progressive daily Hankyoreh`: a name after what it is."""


def rule_descriptor_name(ctx: Context, para: Para) -> None:
    """Find a name the cable introduces by what it is (`the Swiss firm Gunvor`)."""
    text = para.text
    if para.caps or not any(word in para.lowered for word in _DESCRIPTOR_WORDS):
        return
    for match in _DESCRIPTOR_NAME_RE.finditer(text):
        words = match.group(1).split()
        if words[0] in lexicon.NOT_NAME_WORDS or words[0] in lexicon.MONTH_NAMES:
            continue
        start, end = match.span(1)
        if _covered_by_name(para, start, end):
            continue
        name_text = match.group(1)
        known = ctx.lookup(name_text)
        if known is not None and ctx.kind_of(known) != "org":
            continue
        name = ctx.register("org", known or canonical_org(name_text))
        ctx.add_mention(para, "org", start, end, name, "descriptor_name", True)


_DESCRIPTOR_WORDS = (" firm ", " company ", " bank ", " newspaper ", " daily ", " weekly ")


def rule_described_name(ctx: Context, para: Para) -> None:
    """Find a name the cable describes as an NGO, a group or a shelter right after it."""
    text = para.text
    if para.caps:
        return
    if ", a" not in text and ", the" not in text:
        return
    if not any(word in para.lowered for word in _DESCRIBED_WORDS):
        return
    for match in _DESCRIBED_RE.finditer(text):
        words = match.group(1).split()
        while words and (words[0] in _LEADING_STOP or words[0] in lexicon.MONTH_NAMES):
            words = words[1:]
        if not words or any(w in lexicon.NOT_NAME_WORDS for w in words):
            continue
        name_text = " ".join(words)
        start = match.end(1) - len(name_text)
        if para.covered(start, match.end(1)):
            continue
        known = ctx.lookup(name_text)
        if known is not None and ctx.kind_of(known) != "org":
            continue
        if len(words) == 1 and looks_like_name_word(words[0]) and words[0] in lexicon.FIRST_NAMES:
            continue
        name = ctx.register("org", known or canonical_org(name_text))
        ctx.add_mention(para, "org", start, match.end(1), name, "described_name", True)


_SUBJECT_NAME_RE = re.compile(
    r"(?:(?:The|the|There (?:is|are|was|were) (?:an? |the )?(?:[\w-]+ ){0,4}?(?:NGO|group|"
    r"organi[sz]ation|foundation|association|firm|company),?) )?[\"“]?"
    r"((?:[A-Z][A-Za-z'’&.()-]*|[A-Z]{2,8}(?:/[A-Z]{2,8})?)"
    r"(?: (?:(?:of|for|and|de|del|la|y) )?[A-Z][A-Za-z'’&.-]*){0,4})"
    r"[\"”]?(?: \([^()]{1,40}\))?(?:,[^,.;()]{3,90},)? "
)
"""A run of capitalised words (or an acronym) that opens a clause, before its verb; or the
body a `There is an NGO, X, ...` introduces."""
_VERB_AFTER_RE = re.compile(
    r"(?:also |recently |now |still |already |currently |reportedly |reported |often |then )?"
    r"(?:has|have|had|is|are|was|were|will|would|can|could|may|might|must|should|does|did|"
    r"plans|aims|seeks|works|runs|operates|provides|holds|leads|owns|receives|received|"
    r"[a-z]{3,}ed|[a-z]{3,}s)\b"
    r"|(?:which|that|who) "
)


def rule_subject_name(ctx: Context, para: Para) -> None:
    """Find a name no other rule knows where it opens a clause as its subject (`Semillas has
    supported ...`, `Finally, CEDEHM will request ...`), when the cable writes it as a proper
    name elsewhere too: capitalised inside a sentence, or as an acronym."""
    if para.caps:
        return
    text = para.text
    for _, clause_start, clause_end in para.clauses:
        position = clause_opening(para.words, clause_start, clause_end)
        match = _SUBJECT_NAME_RE.match(text, position, clause_end)
        if match is None or not _VERB_AFTER_RE.match(text, match.end()):
            continue
        _add_subject_name(ctx, para, match)


def _add_subject_name(ctx: Context, para: Para, match: re.Match[str]) -> None:
    words = match.group(1).split()
    start, end = match.start(1), match.end(1)
    for count, word in enumerate(words):
        if word.endswith(("'s", "’s")):
            # `Global Justice's Dias said`: the body is the possessor.
            words = [*words[:count], word[:-2]]
            end = start + len(" ".join(words))
            break
    if any(m.start < end and start < m.end for m in para.mentions):
        return
    if not _proper_name(ctx, words):
        return
    name_text = " ".join(words)
    known = ctx.lookup(name_text)
    if known is not None and ctx.kind_of(known) != "org":
        return
    name = ctx.register("org", known or canonical_org(name_text))
    ctx.add_mention(para, "org", start, end, name, "subject_name")


def _proper_name(ctx: Context, words: list[str]) -> bool:
    """Return True when `words` read as the name of a body rather than a common phrase or a
    person: a single word must be an acronym, or a word the cable calls an NGO, a group or
    another kind of body somewhere (`Semilla is a highly respected national organization`)."""
    first = words[0]
    if (
        first in lexicon.NOT_NAME_WORDS
        or first in lexicon.MONTH_NAMES
        or first in _LEADING_STOP
        or first in _STARTERS
        or first.lower() in POST_PRONOUNS
        or set(first) <= set("Xx")  # a redaction mask
        or parse_number(first.lower()) is not None  # `Four CID officers`
        or "." in first
    ):
        return False
    if len(words) == 1:
        if gazetteer.find(first, first.lower(), first.isupper()):
            return False  # a place (`UAE`, `UK`)
        if first.isupper() and 2 <= len(first) <= 8:
            return first not in _NOT_ACRONYMS
        if (
            len(first) < 3
            or first in lexicon.ORG_HEADS
            or first in TITLE_WORDS
            or country_of_demonym(first)
            or is_given_name(first)
            or ctx.written_lower(first)
        ):
            return False
        return ctx.called_a_body(first)
    if any(w in lexicon.NOT_NAME_WORDS and w not in ("of", "for", "and") for w in words[1:]):
        return False
    if all(w.isupper() for w in words):
        return False  # `HIGHLIGHT TO CHINESE ...`: a heading or talking point in capitals
    parts = [w for w in words if w != "and"]
    acronyms = all(sum(c.isupper() for c in w) >= 2 for w in parts)  # `LeT and JeM`
    if not any(w in lexicon.ORG_HEADS for w in words) and (
        ("and" in words and not acronyms) or any(w in _TITLE_TAILS for w in words)
    ):
        return False  # `Vivanco and Wilkenson`, `State Security Secretary Beltrame`: people
    if is_given_name(first):
        return False  # a person's name, which the person rules read
    return not gazetteer.find(" ".join(words), " ".join(words).lower(), False)


_STARTERS = frozenset(
    """There Here This These Those It Its We Our They Their He His She Her I One Some Many Most
    All Both Each Such Other Another What Which Who How Why When Where If As At In On By For
    From With Without After Before During Since Until While Although Though Because However
    Meanwhile Moreover Also Again Still Even Only Just Now Then Today Yesterday Tomorrow
    Separately Finally Overall Nevertheless""".split()
)
"""Words that open sentences: never the name of a body."""


_NOT_ACRONYMS = frozenset(
    """US UN EU OK TV PM AM NOTE SBU FOUO ID II III IV VI VII VIII IX XI XII END COMMENT SUMMARY
    REF REFTEL ACTION TIP AIDS HIV CEO RSO DCM PAO POL ECON CONS MGMT GDP USD EUR FY NNNN
    NOFORN SECRET CONFIDENTIAL UNCLASSIFIED
    WMD NPT HEU LEU UAV CTBT FMCT MTCR UNSCR SCR CW BW CBW ICBM SLBM IED IEDS MANPADS TDY CODEL
    STAFFDEL DATT SYG VP DG PDAS DAS CDA POC FYI DOB IPR FTA FDI GOP BTC MOU LOI""".split()
)
"""Capitals that open sentences without naming a body of their own: notes and markers, common
abbreviations, the cables' words for weapons, treaties, trips and titles."""
_HOST_GOVERNMENT_RE = re.compile(r"\b(?:the )?(GO[A-Z]{1,3})\b")


def rule_host_government(ctx: Context, para: Para) -> None:
    """Find the host government by the acronym cables give it (`the GOK`, `GOAJ`)."""
    if "GO" not in para.text:
        return
    for match in _HOST_GOVERNMENT_RE.finditer(para.text):
        acronym = match.group(1)
        if acronym in ("GOOD", "GOLD", "GOAL", "GOES", "GONE"):
            continue
        name = ctx.register("org", ctx.lookup(acronym) or acronym)
        if ctx.add_mention(para, "org", *match.span(1), name, "host_government"):
            ctx.say_kind(name, "government", para, match.start(1))


_ACRONYM_RE = re.compile(r"([A-Z](?<![\w/.-][A-Z])[A-Z]{1,6}(?:[/-][A-Z]{2,7})?)(?![\w/.-])")
"""A word in capitals inside mixed-case text (`DCEI`, `RAB`, `DHS/ICE`): a body's acronym."""


def rule_acronym_mention(ctx: Context, para: Para) -> None:
    """Find a body by an acronym no definition or list gave, where mixed-case text writes it:
    cables name bodies by their acronyms more than by any other means."""
    if para.caps:
        return
    text = para.text
    for match in _ACRONYM_RE.finditer(text):
        acronym = match.group(1)
        if acronym in _NOT_ACRONYMS or acronym in _CAPS_WORDS or len(set(acronym)) == 1:
            continue
        start, end = match.span(1)
        if any(m.start < end and start < m.end for m in para.mentions):
            continue
        known = ctx.lookup(acronym)
        if known is not None:
            if ctx.kind_of(known) == "org":
                ctx.add_mention(para, "org", start, end, known, "acronym_mention")
            continue
        if (
            _is_place(acronym)
            or _STATE_NOUN_AFTER_RE.match(text, end)
            or _AMOUNT_AFTER_RE.match(text, end)
        ):
            continue
        run = _caps_run(text, start, end)
        if (
            run >= 3
            or (run == 2 and ctx.written_lower(acronym))
            or country_of_demonym(acronym.capitalize())
        ):
            # `REMAIN STRONG`, `OTHER TIDBITS`, `TO CHINESE`: a heading's words, a demonym
            continue

        # `HRW` after `Human Rights Watch`: the body named before, in its short form.
        spelt = ctx.spelt_by(acronym) if len(acronym) >= 3 else None
        name = ctx.register("org", spelt or acronym, aliases=(acronym,) if spelt else ())
        ctx.add_mention(para, "org", start, end, name, "acronym_mention")


def _caps_run(text: str, start: int, end: int) -> int:
    """Return how many words in capitals stand in a row with `text[start:end]` (itself
    included), counting at most three on each side."""

    def caps(word: str) -> bool:
        word = word.strip(".,:;()!?\"'-")
        return len(word) > 1 and word.isupper()

    before = text[max(0, start - 60) : start].split()[-3:]
    after = text[end : end + 60].split()[:3]
    run = 1
    for word in reversed(before):
        if not caps(word):
            break
        run += 1
    for word in after:
        if not caps(word):
            break
        run += 1
    return run


_AMOUNT_AFTER_RE = re.compile(r" ?\d")
"""An unknown acronym before a number (`NZD 750,000`, `USD 480,000`) is a currency or a unit."""
_STATE_NOUN_AFTER_RE = re.compile(
    r" (?:government|authorities|officials|citizens|nationals|military|forces|police)\b"
)
"""An unknown acronym written before these (`the EG government`) abbreviates a country."""


@lru_cache(maxsize=4096)
def _is_place(word: str) -> bool:
    return bool(gazetteer.find(word, word.lower(), True))


_CAPS_WORDS = frozenset(
    """A I AN AND THE OF IN ON TO FOR BY OR AT AS IS IT BE NO NOT NOTE END SUMMARY COMMENT
    ACTION REF REFS PARA PARAS TAGS SUBJECT INFO FM TO SIPDIS NNNN OK TBD USD EUR GBP JPY RUB
    NB PS AM PM GMT UTC ET EST EDT CET KM KG MW TV DVD CD PC SMS GPS PDF URL VIP MOU MOA FYI
    ASAP AKA QTE UNQTE BEGIN TEXT XX XXX XXXX NGO NGOS CSO CSOS IDP IDPS GDP GNP FDI""".split()
)
"""Capitals that are not a body's acronym: words, markers, units, currencies."""
