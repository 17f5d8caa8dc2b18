"""Person rules: names with titles before or after them, known first names, surname shapes."""

from __future__ import annotations

import re

from briefgen.extract import lexicon
from briefgen.extract.context import Context, Para, canonical_org
from briefgen.extract.countries import country_of_demonym
from briefgen.extract.forenames import is_given_name
from briefgen.extract.names import (
    TITLE_RE,
    TITLE_WORDS,
    Token,
    looks_like_name_word,
    looks_like_surname,
    span_text,
)
from briefgen.extract.records import Role

_NAME = r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}"
_TITLE = TITLE_RE.pattern
_ORG = (
    rf"[A-Z][\w’'&-]*(?: (?:(?:of|for|and(?! (?:{_TITLE})\b)|on|against|to|in|the) )*"
    r"[A-Z#][\w’'&-]*)*"
)
_APPOSITIVE_RE = re.compile(
    rf"\b({_NAME}), (?:the )?({_TITLE})(?: and (?:{_TITLE}))?(?: (?:of|at) (?:the )?({_ORG}))?"
    rf"(?: and ({_TITLE}) of (?:the )?(?:[a-z]+'s )?({_ORG}))?"
)
_TITLE_STARTS = frozenset(t.split()[0] for t in lexicon.TITLES)
_COMMA_TITLE_RE = re.compile(rf", (?:the )?(?:{_TITLE})\b")
_NAME_BEFORE_RE = re.compile(rf"\b{_NAME}$")
# The second word is a lookahead so that pairs overlap: `Later Vladimir Nazarov` holds both
# `Later Vladimir` and `Vladimir Nazarov`.
_PAIR_RE = re.compile(r"([A-Z](?<!\w[A-Z])[a-z]+) (?=([A-Z][a-z]+)\b)")
_HONORIFICS = frozenset({"Dr", "Dr.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Prof", "Prof."})
_DEMONYM_RE = re.compile(r"[A-Z][a-z]+(?:ian|ish|ese|an|i|ic|ch)")
"""A nationality before a title (`Russian`, `Turkish`, `Chinese`, `Iraqi`, `French`)."""
_MINISTER_OF_RE = re.compile(rf"(?:{_DEMONYM_RE.pattern} )?(?:Vice[- ]|Deputy )?Minister of (.+)")
_HYPHENATED_RE = re.compile(r"(?:^|[^A-Za-z] |\b[a-z]+ |[^A-Za-z ])([A-Z][a-z]+-)$")
"""The first half of a hyphenated first name (`Jean-` in `Jean-Paul`), not a surname's
(`Perpina-` in `Fernando Perpina-Robert Peyra`)."""
_AGE_BEFORE_RE = re.compile(r"\b\d+-year-old ([A-Z][a-z]+)\b")
_AGE_AFTER_RE = re.compile(
    r"(?:^|[-:] )((?:[A-Z][a-z]+, )*(?:[A-Z][a-z]+,? and )?[A-Z][a-z]+),? age \d+"
)


def _org_of_title(title: str, org: str | None) -> str | None:
    if org:
        return canonical_org(org.rstrip(".,"))
    # `Vice-Minister of Justice` holds office in the Ministry of Justice.
    match = _MINISTER_OF_RE.match(title)
    return f"Ministry of {match.group(1)}" if match else None


def _add_person(
    ctx: Context,
    para: Para,
    start: int,
    end: int,
    rule: str,
    title: str | None = None,
    org: str | None = None,
    org_span: tuple[int, int] | None = None,
) -> str | None:
    if any(m.start < end and start < m.end and m.kind == "org" for m in para.mentions):
        return None  # a word of an organization's name, not a person
    if any(m.kind == "person" and m.start < end and start < m.end for m in para.mentions):
        # Named already (by a more specific rule): the same person, no second record.
        return next(m.name for m in para.mentions if m.start < end and start < m.end)
    full = " ".join(para.text[start:end].split())
    words = full.split()
    if len(words) == 1 and country_of_demonym(full) is not None:
        return None  # `told the Ambassador Spanish public opinion ...`: a people, not a person
    aliases = (words[-1],) if len(words) > 1 else ()
    known = ctx.lookup(full)
    if known is not None and ctx.kind_of(known) != "person":
        return None
    name = ctx.register("person", known or full, aliases)
    # `Vladimir` is a city too, but not in `Vladimir Nazarov`.
    ctx.add_mention(para, "person", start, end, name, rule, over_places=True)
    if title:
        org_name = _org_of_title(title, org)
        if org_name is not None:
            org_name = ctx.register("org", ctx.lookup(org_name) or org_name)
            if org_span is not None:
                ctx.add_mention(para, "org", *org_span, org_name, rule, True)
        leader = title in lexicon.LEADER_TITLES and org_name is not None
        ctx.roles.append(Role(name, title, org_name, leader, ctx.source(para, start)))
    return name


def rule_appositive(ctx: Context, para: Para) -> None:
    """Find `Galina Morozova, President of the Feminist League NGO` (and a second title)."""
    text = para.text
    if para.caps:
        return
    for match in _appositives(text):
        words = match.group(1).split()
        if not all(looks_like_name_word(w) for w in words):
            continue
        if para.text[max(0, match.start() - 3) : match.start()] == "of ":
            continue  # `Minister of Justice Dulat Kustavletov, ...`: a title's tail, not a name
        if para.text[max(0, match.start() - 3) : match.start()] in ("'s ", "’s "):
            continue  # `... of Children's Rights Zhumazhan Zhukenov, ...`: the same
        org_span = match.span(3) if match.group(3) else None
        org = _clean_org(match.group(3))
        if org_span and org:
            org_span = (org_span[0], org_span[0] + len(org))
        name = _add_person(ctx, para, *match.span(1), "appositive", match.group(2), org, org_span)
        if name and match.group(4):
            org2 = _clean_org(match.group(5))
            span2 = (match.start(5), match.start(5) + len(org2)) if org2 else None
            title2 = match.group(4)
            org_name = _org_of_title(title2, org2)
            if org_name:
                org_name = ctx.register("org", ctx.lookup(org_name) or org_name)
                if span2:
                    ctx.add_mention(para, "org", *span2, org_name, "appositive", True)
            leader = title2 in lexicon.LEADER_TITLES
            ctx.roles.append(Role(name, title2, org_name, leader, ctx.source(para, match.start())))


def _appositives(text: str) -> list[re.Match[str]]:
    # Find `, <Title>` first (cheap), then match the whole pattern from the name before it.
    found: list[re.Match[str]] = []
    for comma in _COMMA_TITLE_RE.finditer(text):
        name = _NAME_BEFORE_RE.search(text, max(0, comma.start() - 50), comma.start())
        if name is not None:
            match = _APPOSITIVE_RE.match(text, name.start())
            if match is not None and match.end(1) == comma.start():
                found.append(match)
    return found


def _clean_org(org: str | None) -> str | None:
    if not org:
        return None
    # The name runs until a word that is not part of it (`... NGO, has been`).
    org = org.rstrip(".,")
    for stop in (" and Chair", " and Deputy", " and Head", " and Director"):
        org = org.split(stop)[0]
    return org


def rule_title_before_name(ctx: Context, para: Para) -> None:
    """Find `Vice-Minister of Justice Dulat Kustavletov` and `President Nazarbayev`."""
    if para.caps:
        return
    text = para.text
    chains = _across_honorifics(text, para.chains)
    for items in (part for chain in chains for part in _split_at_titles(chain)):
        if len(items) < 2 or not any(t.word in _TITLE_STARTS for t in items[:4]):
            continue
        nationality = ""
        lead_org: Token | None = None
        lead_span: tuple[int, int] | None = None
        named = _named_body_before_title(ctx, text, items)
        acronym = _acronym_before(ctx, text, items[0].start)
        if acronym is not None and _title_at(items):
            # `Motion Picture Association of America (MPAA) President Robert Pisano`: the
            # bracket ends the run of capitalised words, so the body is found by its acronym.
            lead_span = acronym
        if named is not None:
            # `World Food Program Director Mohammed Diab`: a body the cable named, then a title.
            lead_span = (items[0].start, items[named - 1].end)
            items = items[named:]
        while items and not _title_at(items):
            word = items[0].word
            if (_DEMONYM_RE.fullmatch(word) or word in _TITLE_MODIFIERS) and _title_at(items[1:]):
                # `Turkish Foreign Minister Ahmet Davutoglu`, `Acting Foreign Minister ...`
                nationality = nationality + word + " "
            elif _title_at(items[1:]) and ctx.kind_of(ctx.lookup(word) or "") == "org":
                lead_org = items[0]  # `MCB Secretary General ...`, `IOM Chief of Mission ...`
            elif word not in lexicon.NOT_NAME_WORDS:
                break
            items = items[1:]
        if len(items) < 2 or not _title_at(items):
            continue
        name_items = _trailing_name(items)
        if not name_items:
            continue
        lead = items[: len(items) - len(name_items)]
        title_match = TITLE_RE.match(" ".join(t.word for t in lead))
        if title_match is None:
            continue
        title_words = len(title_match.group(0).split())
        rest = lead[title_words:]
        inner = next((i for i in range(len(rest)) if _title_at(rest[i:])), None)
        if inner is not None:
            # `Prime Minister Ahern and Foreign Minister Brian Cowen`: the last title is his.
            title_match = TITLE_RE.match(" ".join(t.word for t in rest[inner:]))
            assert title_match is not None
            rest = rest[inner + len(title_match.group(0).split()) :]
            nationality = ""
        while rest and rest[-1].word in _HONORIFICS:
            rest = rest[:-1]  # `Secretary General Dr. Mohammed Abdul Bari`
        org: str | None = None
        org_span: tuple[int, int] | None = None
        office = bool(_PUBLIC_OFFICE_WORDS & set(title_match.group(0).split()))
        if lead_org is not None and not office:
            org = ctx.lookup(lead_org.word)
            org_span = (lead_org.start, lead_org.end)
        elif lead_span is not None and not office:
            org = ctx.lookup(text[lead_span[0] : lead_span[1]])
            org_span = lead_span
        title = nationality + title_match.group(0)
        joiner = "of"
        while rest and rest[0].word in ("of", "the", "to", "in", "for"):
            joiner = rest[0].word if rest[0].word != "the" else joiner
            rest = rest[1:]
        if rest:
            if any(t.is_head for t in rest):
                org = span_text(text, rest)
                org_span = (rest[0].start, rest[-1].end)
            else:
                title = f"{title} {joiner} {span_text(text, rest)}"  # `Ambassador to China`
        _add_person(
            ctx,
            para,
            name_items[0].start,
            name_items[-1].end,
            "title_before_name",
            title,
            org,
            org_span,
        )


_TITLE_MODIFIERS = frozenset({"Acting", "Interim", "Outgoing", "Incoming", "Former"})
"""Words before a title that belong to it (`Acting Foreign Minister Michael Cullen`)."""
_PUBLIC_OFFICE_WORDS = frozenset({"Minister", "Governor", "Mayor", "Senator", "Akim", "Ambassador"})
"""A title of public office after a body's name (`BJP Chief Minister Narendra Modi`) is held
in the state, not in the body (a party) named before it."""


def _named_body_before_title(ctx: Context, text: str, items: list[Token]) -> int | None:
    """Return how many words of `items` name an organization the cable knows, when a title
    follows them (`World Food Program Director ...`), else None."""
    for count in range(min(len(items) - 2, 6), 1, -1):
        if not _title_at(items[count:]):
            continue
        known = ctx.lookup(span_text(text, items[:count]))
        if known is not None and ctx.kind_of(known) == "org":
            return count
    return None


_ACRONYM_BEFORE_RE = re.compile(r"\(([A-Z][A-Za-z]{1,9})\) $")


def _acronym_before(ctx: Context, text: str, start: int) -> tuple[int, int] | None:
    """Return the span of the acronym in brackets just before `start` when it names a body the
    cable knows (`(MPAA) President ...`), else None."""
    match = _ACRONYM_BEFORE_RE.search(text, max(0, start - 14), start)
    if match is None or match.end() != start:
        return None
    known = ctx.lookup(match.group(1))
    return match.span(1) if known is not None and ctx.kind_of(known) == "org" else None


def _split_at_titles(items: list[Token]) -> list[list[Token]]:
    """Split a run at each `and` a title follows: `Special Envoy X and Attorney General Y`."""
    if not any(t.word == "and" for t in items):
        return [items]
    parts: list[list[Token]] = [[]]
    for index, token in enumerate(items):
        if token.word == "and" and parts[-1] and _title_at(items[index + 1 :]):
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _across_honorifics(text: str, chains: list[list[Token]]) -> list[list[Token]]:
    """Join runs a `Dr.` or `Mr.` splits (its full stop ends a run of capitalised words)."""
    if not any(f"{word}. " in text for word in ("Dr", "Mr", "Mrs", "Ms", "Prof")):
        return chains  # the common case
    joined: list[list[Token]] = []
    for items in chains:
        last = joined[-1][-1] if joined else None
        if (
            last is not None
            and last.word in _HONORIFICS
            and text.startswith(". ", last.end)
            and items[0].start == last.end + 2
        ):
            joined[-1] = joined[-1] + items
        else:
            joined.append(items)
    return joined


def _given(word: str) -> bool:
    """Return True for a known given name (the curated list or the name dictionary)."""
    if word in lexicon.FIRST_NAMES:
        return True
    # The name dictionary holds `The`, `An`, `May`: a sentence's words before a name's.
    return word not in lexicon.NOT_NAME_WORDS and is_given_name(word)


def _title_at(items: list[Token]) -> bool:
    return TITLE_RE.match(" ".join(t.word for t in items[:3])) is not None


def _trailing_name(items: list[Token]) -> list[Token]:
    last = items[-1]
    # `Ambassador Hassan Kazemi Qomi`: a known first name and two more name words.
    if (
        len(items) >= 4
        and _given(items[-3].word)
        and all(looks_like_name_word(t.word) and not t.possessive for t in items[-3:])
    ):
        return items[-3:]
    if len(items) >= 3:
        first = items[-2]
        if (
            looks_like_name_word(first.word)
            and looks_like_name_word(last.word)
            and not first.possessive
            and (
                _given(first.word)
                or looks_like_surname(last.word)
                # Right after a title, two name words are a name the dictionary may not know
                # (`Chief Minister Narendra Modi`).
                or items[-3].word in TITLE_WORDS
            )
        ):
            return items[-2:]
    if not items[-2].is_head and (
        looks_like_surname(last.word)
        # Right after a title, one name word is a surname (`Minister of the Presidency
        # Quintana`, `Vice President Linera`).
        or (
            items[-2].word in TITLE_WORDS
            and looks_like_name_word(last.word)
            and last.word not in lexicon.PORTFOLIO_WORDS
            and items[-2].end + 1 == last.start  # `Minister of Agriculture`: a portfolio
        )
    ):
        return items[-1:]
    return []


_NEXT_NAME_RE = re.compile(r" ([A-Z][a-z]+)\b(?!')")


def _pairs(para: Para) -> list[re.Match[str]]:
    # Two rules read the same pairs of capitalised words; find them once per paragraph.
    return para.memo("pairs", lambda: list(_PAIR_RE.finditer(para.text)))


def rule_first_name(ctx: Context, para: Para) -> None:
    """Find a known first name followed by a name word (`Galina Morozova`)."""
    if para.caps:
        return
    for match in _pairs(para):
        first, last = match.group(1), match.group(2)
        # `The Ehl-i-Beyt and Cem Foundations`: `The` and `Cem` are given names somewhere, but
        # no name opens with an article nor ends with bodies (`Foundations`).
        if (
            _given(first)
            and looks_like_name_word(last)
            and first not in lexicon.NOT_NAME_WORDS
            and last[:-1] not in lexicon.ORG_HEADS
        ):
            end = match.end(2)
            for _ in range(2):  # `Jose Luis Rodriguez Zapatero`: take the whole name
                more = _NEXT_NAME_RE.match(para.text, end)
                if more is None or not looks_like_name_word(more.group(1)):
                    break
                end = more.end()
            start = match.start(1)
            before = _HYPHENATED_RE.search(para.text, max(0, start - 20), start)
            if before is not None:  # `Jean-Paul Genie`, not `Paul Genie`
                start = before.start(1)
            _add_person(ctx, para, start, end, "first_name")


def rule_surname_shape(ctx: Context, para: Para) -> None:
    """Find a name word followed by a surname-shaped word (`Orenbai Zhanaidarov`)."""
    if para.caps:
        return
    for match in _pairs(para):
        first, last = match.group(1), match.group(2)
        if looks_like_name_word(first) and looks_like_surname(last) and not ctx.lookup(first):
            _add_person(ctx, para, match.start(1), match.end(2), "surname_shape")


def rule_age(ctx: Context, para: Para) -> None:
    """Find people named with their age (`16-year-old Marina`, `Diana age 15`)."""
    text = para.text
    if para.caps or "age" not in para.hints:
        return
    for match in _AGE_BEFORE_RE.finditer(text):
        if looks_like_name_word(match.group(1)):
            _add_person(ctx, para, *match.span(1), "age")
    for match in _AGE_AFTER_RE.finditer(text):
        base = match.start(1)
        for word in re.finditer(r"[A-Z][a-z]+", match.group(1)):
            if looks_like_name_word(word.group(0)):
                _add_person(ctx, para, base + word.start(), base + word.end(), "age")


_ROLE_WORDS = (
    r"(?:(?:executive|deputy|general|founding|acting|vice|co-)[ -])?(?:head|director|president|"
    r"chairman|chairwoman|chair|founder|leader|coordinator|secretary general|general secretary|"
    r"spokesman|"
    r"spokeswoman|spokesperson|manager|editor|owner|representative|chief|lawyer|member)"
)
_ROLE_APPOSITIVE_RE = re.compile(
    rf"([A-Z](?<!\w[A-Z])[a-z]+(?:[ -][A-Z][a-z]+){{1,2}}), (?:the |a |an )?({_ROLE_WORDS}"
    rf"(?: and {_ROLE_WORDS})?) (?:of|at|for) "
)
"""`Rafael Rubio, head of the Spanish NGO ...`: a name, then its role in lower case."""
_ROLE_THEN_NAME_RE = re.compile(
    rf"(?:'s)? ((?i:{_ROLE_WORDS})) ([A-Z][a-z]+(?:[ -][A-Z][a-z]+){{1,3}})\b"
)
"""After an organization's name: `AMIA president Luis Grynwald`, `National League for
Democracy leader Aung San Suu Kyi`."""
_ACRONYM_BEFORE_ROLE_RE = re.compile(
    rf"\b([A-Z]{{2,8}})(?='s | )(?=(?:'s)? (?i:{_ROLE_WORDS}) [A-Z])"
)
_LEADING_ROLES = frozenset(
    {
        "head",
        "director",
        "president",
        "chairman",
        "chairwoman",
        "chair",
        "founder",
        "leader",
        "chief",
        "coordinator",
        "secretary general",
        "general secretary",
    }
)
_CASED_ROLE = rf"(?i:{_ROLE_WORDS})"
"""A role word in either case: `CJES Director Oleg Panfilov`, `SEWA General Secretary`."""
_NAME_THEN_BODY_RE = re.compile(r"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}), $")
"""`Reemaben Nanawati, ` before a body and its role (`SEWA General Secretary,`)."""
_ROLE_AFTER_BODY_RE = re.compile(rf"(?:'s|’s)? ({_CASED_ROLE})(?=[,;.]| (?:of|in|at|and)\b)")
_ROLE_OF_BEFORE_RE = re.compile(rf"\b[Tt]he ({_ROLE_WORDS}) (?:of|at|for) (?:the )?$")
"""`The director of ` before a body and the name after it (`..., Sister Consuelo Morales,`)."""
_CASED_ROLE_OF_BEFORE_RE = re.compile(rf"\b(former )?({_CASED_ROLE}) of (?:the )?$")
"""`President of the ` (or `former Director of the `) before a body, its acronym and a name."""
_NAME_AFTER_ACRONYM_RE = re.compile(
    r"(?: \([A-Z][A-Za-z]{1,9}\))? "
    r"([A-Z][a-z]+(?: (?:de |da |do |dos |del |de la )?[A-Z][a-z]+){1,3})(?=[,;.]| [a-z])"
)
"""`(ALDHU) Juan de Dios Parra claimed`: the name after a body's acronym."""
_NAME_AFTER_BODY_RE = re.compile(
    r", (?:(?:Sister|Brother|Father|Dr\.?|Mr\.?|Ms\.?|Mrs\.?|Prof\.?) )?"
    r"([A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2})(?=[,;.]| [a-z])"
)


def rule_role_appositive(ctx: Context, para: Para) -> None:
    """Find a person named with a lower-case role in an organization named just after it."""
    text = para.text
    if para.caps:
        return
    _role_then_name(ctx, para)
    _around_body(ctx, para)
    if ", " not in text:
        return
    for match in _ROLE_APPOSITIVE_RE.finditer(text):
        words = match.group(1).replace("-", " ").split()
        if not all(looks_like_name_word(w) for w in words):
            continue
        org = next(
            (
                m
                for m in para.mentions
                if m.kind == "org" and match.end() <= m.start <= match.end() + 40
            ),
            None,
        )
        if org is None:
            continue
        role = match.group(2)
        title = " ".join(w.capitalize() for w in role.split())
        name = _add_person(ctx, para, *match.span(1), "role_appositive")
        if name is None:
            continue
        # `coordinator of the World Wildlife Fund's forestry program`: the role is in a unit
        # the organization has, not at its head.
        of_unit = text.startswith(("'s ", "’s "), org.end)
        leader = not of_unit and any(r in role for r in _LEADING_ROLES) and "deputy" not in role
        ctx.roles.append(Role(name, title, org.name, leader, ctx.source(para, match.start())))


def _bodies(ctx: Context, para: Para, pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
    """Return the organizations a paragraph names: by a mention, or by an acronym the cable
    defined (`AMIA`, marked as a mention only by a later rule) where `pattern` finds one."""
    bodies = [(m.start, m.end, m.name) for m in para.mentions if m.kind == "org"]
    for acronym in pattern.finditer(para.text):
        known = ctx.lookup(acronym.group(1))
        if known is not None and ctx.kind_of(known) == "org":
            bodies.append((acronym.start(1), acronym.end(1), known))
    return bodies


_ACRONYM_RE = re.compile(r"\b([A-Z]{2,8})\b")


def _around_body(ctx: Context, para: Para) -> None:
    """Find a person whose role in a body is told around the body's name: `Reemaben Nanawati,
    SEWA General Secretary,` and `The director of CADHAC, Sister Consuelo Morales,`."""
    text = para.text
    for start, end, org_name in _bodies(ctx, para, _ACRONYM_RE):
        before = _NAME_THEN_BODY_RE.search(text, max(0, start - 40), start)
        role = _ROLE_AFTER_BODY_RE.match(text, end)
        span: tuple[int, int] | None = None
        titled = _CASED_ROLE_OF_BEFORE_RE.search(text, max(0, start - 40), start)
        named = _NAME_AFTER_ACRONYM_RE.match(text, end) if titled is not None else None
        former = False
        if before is not None and role is not None:
            span, found = before.span(1), role.group(1)
        elif titled is not None and named is not None:
            # `President of the Latin American Association of Human Rights (ALDHU) Juan de
            # Dios Parra claimed`: the role, the body, its acronym, then the name.
            span, found, former = named.span(1), titled.group(2), bool(titled.group(1))
        else:
            of = _ROLE_OF_BEFORE_RE.search(text, max(0, start - 40), start)
            after = _NAME_AFTER_BODY_RE.match(text, end)
            if of is None or after is None:
                continue
            span, found = after.span(1), of.group(1)
        words = [w for w in text[span[0] : span[1]].replace("-", " ").split() if w[0].isupper()]
        if words[0] in _TITLE_STARTS or not all(looks_like_name_word(w) for w in words):
            continue
        name = _add_person(ctx, para, *span, "role_appositive")
        if name is None or _holds(ctx, name, org_name):
            continue
        role_text = found.lower()
        title = " ".join(w.capitalize() for w in role_text.split())
        leader = (
            not former and any(r in role_text for r in _LEADING_ROLES) and "deputy" not in role_text
        )
        ctx.roles.append(Role(name, title, org_name, leader, ctx.source(para, span[0])))


def _holds(ctx: Context, person: str, org: str) -> bool:
    return any(r.person == person and r.organization == org for r in ctx.roles)


def _role_then_name(ctx: Context, para: Para) -> None:
    """Find a person named after an organization and a lower-case role (`AMIA president Luis
    Grynwald`): the role is in that organization."""
    text = para.text
    # Bodies named by a mention, or by an acronym the cable defined (`AMIA`), which is only
    # marked as a mention by a later rule.
    for start, end, org_name in _bodies(ctx, para, _ACRONYM_BEFORE_ROLE_RE):
        match = _ROLE_THEN_NAME_RE.match(text, end)
        if match is None:
            continue
        words = match.group(2).replace("-", " ").split()
        # `BJP Chief Minister Narendra Modi`: a title of office, not a role in the body.
        if words[0] in _TITLE_STARTS or not all(looks_like_name_word(w) for w in words):
            continue
        role = match.group(1).lower()
        name = _add_person(ctx, para, *match.span(2), "role_appositive")
        if name is None:
            continue
        if _holds(ctx, name, org_name):
            continue  # told by the title rule already
        title = " ".join(w.capitalize() for w in role.split())
        leader = any(r in role for r in _LEADING_ROLES) and "deputy" not in role
        ctx.roles.append(Role(name, title, org_name, leader, ctx.source(para, start)))


_SPEAKER_VERBS = (
    "said|says|told|noted|added|explained|stated|claimed|countered|argued|asked|commented|"
    "complained|insisted|opined|observed|warned|emphasized|stressed|believes|believed|thinks|"
    "thought|recalled|replied|responded|agreed|acknowledged|confirmed|lamented|cautioned|"
    "suggested|recommended|urged|alleged|expressed"
)
_TITLED_NAME_RE = re.compile(
    r"(?:A(?<!\wA)ccording to|a(?<!\wa)ccording to|M(?<!\wM)(?:r\.?|s\.?|rs\.?)|D(?<!\wD)r\.?) "
    r"([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})\b"
)
"""`According to Alonso,`, `Ms. Acosta`: a name only people are given."""
_SPEECH_VERB_RE = re.compile(rf"\b(?:{_SPEAKER_VERBS})\b")
_NAME_BEFORE_VERB_RE = re.compile(
    r"([A-Z](?<!\w[A-Z])[a-z]+(?:[ -][A-Z][a-z]+){0,2})(?:, [^,;.]{3,80},)? "
    r"(?:also |then |later |further |had |has )?$"
)
"""A name just before a speech verb (`Benhachem said`, `Hilmi, in a statement, countered`)."""


_SPEAKING_BODIES = frozenset(
    """Post Embassy Mission Consulate Washington Department Government Ministry Congress
    Parliament Court Police Committee Commission Council Office Agency Bureau Team""".split()
)
"""Single words that speak in cables (`Post believes`) as a body, never as a person."""


def rule_speaker_name(ctx: Context, para: Para) -> None:
    """Find a person by what the cable has them do that only people do: speak, or be called
    Mr., Ms. or Dr. (`Benhachem said`, `According to Alonso,`, `Hilmi ... countered`)."""
    text = para.text
    if para.caps or "speech" not in para.hints:
        return
    # The speech verbs are found first (a literal search), then the name before each.
    matches = list(_TITLED_NAME_RE.finditer(text))
    for verb in _SPEECH_VERB_RE.finditer(text):
        before = _NAME_BEFORE_VERB_RE.search(text, max(0, verb.start() - 120), verb.start())
        if before is not None:
            matches.append(before)
    for match in matches:
        group = 1
        words = match.group(group).replace("-", " ").split()
        if not all(looks_like_name_word(w) for w in words):
            continue
        if any(w in lexicon.MONTH_NAMES for w in words) or words[0] in lexicon.NOT_NAME_WORDS:
            continue
        start, end = match.span(group)
        if any(m.start < end and start < m.end for m in para.mentions):
            continue
        if len(words) == 1 and (
            words[0] in _SPEAKING_BODIES or ctx.written_lower(words[0]) or ctx.lookup(words[0])
        ):
            continue  # a common word (`Officials said`) or a name known otherwise
        _add_person(ctx, para, start, end, "speaker_name")


_CAPS_TITLE_RE = re.compile(
    r"\b(?:[A-Z]{2,6} )?("
    + "|".join(sorted((re.escape(t.upper()) for t in lexicon.TITLES), key=len, reverse=True))
    + r") ((?:[A-Z][A-Z'’-]+ ){0,2}[A-Z][A-Z'’-]+)\b"
)
"""`INTERIOR MINISTER SCAJOLA`, `MDC PRESIDENT MORGAN TSVANGIRAI` in a cable in capitals."""
_CAPS_PAIR_RE = re.compile(r"\b([A-Z][A-Z'’-]+) (?=([A-Z][A-Z'’-]{2,})\b)")


def _caps_stop(word: str) -> bool:
    """Return True for a word in capitals that cannot be part of a name (`IS`, `THE`, `SAID`)."""
    lower = word.lower()
    return (
        word.capitalize() in lexicon.NOT_NAME_WORDS
        or lower in _CAPS_STOP_WORDS
        or lower.endswith(("ed", "ing", "ly", "tion", "ment", "ness"))
        or word.capitalize() in lexicon.ORG_HEADS
        or word.capitalize() in lexicon.MONTH_NAMES
    )


def rule_caps_names(ctx: Context, para: Para) -> None:
    """Find people in a paragraph written in capitals: a title and the name after it, or a known
    given name and the word after it (`MORGAN TSVANGIRAI`)."""
    if not para.caps:
        return
    text = para.text
    for match in _CAPS_TITLE_RE.finditer(text):
        words = match.group(2).split()
        while words and _caps_stop(words[-1]):
            words.pop()
        if not words or any(_caps_stop(w) for w in words):
            continue
        start = match.start(2)
        _add_caps_person(ctx, para, start, start + len(" ".join(words)), match.group(1))
    for match in _CAPS_PAIR_RE.finditer(text):
        first, last = match.group(1), match.group(2)
        if not is_given_name(first.capitalize()) or _caps_stop(first) or _caps_stop(last):
            continue
        _add_caps_person(ctx, para, match.start(1), match.end(1) + 1 + len(last), None)


def _add_caps_person(ctx: Context, para: Para, start: int, end: int, title: str | None) -> None:
    if any(m.start < end and start < m.end for m in para.mentions):
        return
    written = para.text[start:end]
    name = " ".join(w.capitalize() for w in written.split())
    words = name.split()
    known = ctx.lookup(name)
    if known is not None and ctx.kind_of(known) != "person":
        return
    name = ctx.register("person", known or name, (words[-1],) if len(words) > 1 else ())
    ctx.add_mention(para, "person", start, end, name, "caps_name", over_places=True)
    if title:
        title = " ".join(w.capitalize() for w in title.split())
        org = _org_of_title(title, None)
        leader = title in lexicon.LEADER_TITLES and org is not None
        ctx.roles.append(Role(name, title, org, leader, ctx.source(para, start)))


_CAPS_STOP_WORDS = frozenset(
    """the a an and or but of to in on at for from by with as is are was were be been has have
    had will would can could may might shall should must do does did not no said says told
    also who which that this these those he she it they we his her its their our him them us
    said told met mr ms mrs dr""".split()
)
