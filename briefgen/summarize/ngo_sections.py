"""The sections of an NGO profile, and the named rules that route each cited sentence to one.

A sentence reaches a profile with the role its organization (or one of its leaders) plays in it
(`evidence.sentences_about`): `acts`, `says` or `named`. Each rule below looks at the role and
the words; the first rule that takes a sentence wins, so no fact is told in two sections.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from briefgen.summarize.evidence import Sentence
from briefgen.summarize.records import Cite

Role = str


@dataclass(frozen=True, slots=True)
class Placed:
    """A sentence of the profile, what it is about, and where it goes."""

    sentence: Sentence
    """The cited sentence."""
    role: Role
    """`acts`, `says` or `named`."""
    post: bool
    """True when the cable's own post (its officers, `we`, the Embassy) is its actor."""
    comment: bool
    """True when it stands in the cable's COMMENT: the post's own judgement."""
    receives: bool = False
    """True when the organization receives money, aid or training in it."""
    by_leader: bool = False
    """True when a leader of the organization, not the organization, acts or speaks in it."""
    post_says: bool = False
    """True when the post says or judges something in it (`we assess`, `Post believes`)."""
    others_say: bool = False
    """True when a party other than the organization and the post speaks in it (`Sofuoglu
    suggested ...` in a COMMENT): that party's claim, not the post's judgement."""
    figures: bool = False
    """True when it states a number: such sentences are kept first when a section is cut."""
    also: tuple[Cite, ...] = ()
    """Other paragraphs that state the same (a TIP report repeats last year's words)."""
    legal: bool = False
    """True when a word of legal status in it concerns the organization itself (see
    `legal_concerns`), not another body the sentence names (`shut down The Pirate Bay`)."""


_LEGAL = re.compile(
    r"\b(?:(?:re-?|de-?|un)?registered(?! (?:[a-z-]+ )?(?:sex )?\w+s\b)|"
    r"(?<!upon )(?<!after )(?<!on )(?<!at )(?:re-?|de-?)?registration|"
    r"legal (?:status|entity|personality)|dissolv\w*|liquidat\w*|closed down|shut down|"
    r"banned|suspended|warned|official warning|raided|outlawed|licen[cs]e (?:was )?revoked|"
    r"designated (?:[\w.'’-]+ ){0,8}?as an? (?:[\w-]+ )?(?:terrorist|extremist))\b",
    re.I,
)
"""What the authorities decided of the organization itself, not `registered sex workers` nor
`food from WFP upon registration` (whose registration no word says: the people's)."""
_BRACKETS = re.compile(r"\([^()]*\)")
_PROPER = re.compile(r"\b[A-Z][a-z]")
"""A capitalised word: another name, where only the organization's may stand."""
_BETWEEN_AFTER = re.compile(
    r"\s*(?:(?:of|against|on|for)\s+)?(?:(?:the|its|their)\s+)?(?:[a-z-]+\s+){0,3}$"
)


def legal_concerns(text: str, forms: set[str], acts: bool) -> bool:
    """Return True when a word of legal status in `text` concerns the organization named by
    one of `forms`: its name, then the word with no other name or clause break between
    (`X was registered in 2001`, `X (ACR) was warned`), or the word, then its name (`the
    registration of X`, `authorities banned X`), or, when it acts and no name is written,
    the word alone (`It was registered in 2003`)."""
    spans = [(i, i + len(f)) for f in forms if f for i in _finds(text, f)]
    for match in _LEGAL.finditer(text):
        for start, end in spans:
            if end <= match.start():
                gap = _BRACKETS.sub("", text[end : match.start()])
                if len(gap) <= 90 and not any(c in gap for c in ".;") and not _PROPER.search(gap):
                    return True
            elif (
                0 <= start - match.end() <= 40
                and _BETWEEN_AFTER.fullmatch(text[match.end() : start] + " ") is not None
            ):
                return True
        first = text.find(" ") + 1  # a sentence's first word is capitalised anyway
        if acts and not spans and not _PROPER.search(text, first, match.start()):
            return True
    return False


def _finds(text: str, form: str) -> list[int]:
    found, at = [], text.find(form)
    while at != -1:
        found.append(at)
        at = text.find(form, at + 1)
    return found


_FUNDING = re.compile(
    r"\b(?:fund\w*|grants?|granted|donor\w*|donat\w*|financ\w*|budget\w*|sponsor\w*|"
    r"allocat\w*|subsid\w*|in-kind|USD|EUR|dollars|euros)|[$€£]",
    re.I,
)
_FACILITY = re.compile(
    # What it has: a capacity, or a place or service it runs (`opened a shelter`, `its
    # hotline`, `runs a center for victims`). A place merely named in a sentence it acts in
    # (`has never obtained access to the ... detention center in Srinagar`) is not its own.
    r"\b(?:bedrooms?|beds|house up to|capacity|social workers?|psychologists?)\b"
    r"|\b(?:runs?|running|operat\w*|open\w*|establish\w*|(?-i:buil[dt]\w*)|manag\w*|"
    r"maintain\w*|ha[sd]|have|its|their|her|his|own\w*|set up|launch\w*|staff\w*|fund\w*|"
    r"includ\w*)\b(?:\W+\w+){0,4}?\W+(?:shelters?|hot ?lines?|premises|offices? in|"
    r"branch(?:es)? in|(?-i:cent(?:er|re)s?) (?:for|in))\b",
    re.I,
)
_NETWORK = re.compile(
    r"\b(?:network\w*|member of|members of|membership|coalition|partner\w*|alliance|"
    r"umbrella|affiliat\w*|works? (?:closely )?with|cooperat\w*|collaborat\w*|jointly)\b",
    re.I,
)
_JUDGEMENT = re.compile(
    r"\b(?:credib\w*|reliab\w*|respected|reputable|effective\w*|influential|influence|"
    r"well-?connected|committed|capable|professional|experienced|premiere?|leading|prominent|"
    r"oldest|largest|best-known|well-known|independent|pro-government|controversial|radical|"
    r"moderate|small|tiny|marginal|weak|strong|active|serious|trust\w*|objective|biased|"
    r"limited objectives|force behind|success\w*|impressive|valuable|unpopular|popular|"
    r"(?:bad|poor|good) (?:public )?image|reputation|problematic|ineffective|inefficient|"
    r"weakened|marginali[sz]ed|radicali[sz]ed|on the defensive|divided|fragmented|"
    r"important force)\b",
    re.I,
)
_CONTACT = re.compile(
    r"\b(?:met|meets|meeting|visited|visits?|called on|spoke|talked|discussed|hosted|"
    r"accompanied|toured|lunch|dinner)\b",
    re.I,
)
_NOISE = re.compile(r"\b(?:septel|will report|reftel [A-Z] (?:is|was)|see ref)\b", re.I)

_HEADER = re.compile(r"^[^.;]{0,90}:$")
"""A list entry's header or a lead-in (`(1) International Organization for Migration (IOM):`),
which states nothing by itself."""

_HEADLINE = re.compile(r"^(?:[\"“]?(?:[A-Z][\w’'-]*|of|and|the|in|on|for|to)[\"”]?,?\s*){2,10}$")
"""A subheading every word of which is capitalized (`AMIA "Local Connection" Reexamined`)."""

Rule = Callable[[Placed], bool]

SECTION_RULES: tuple[tuple[str, Rule], ...] = (
    ("legal_status", lambda p: p.legal and p.role != "says"),
    ("last_contact", lambda p: p.post and bool(_CONTACT.search(p.sentence.text))),
    (
        "assessment",
        lambda p: (
            (p.comment and p.role != "says" and not p.others_say)
            or (p.post_says and bool(_JUDGEMENT.search(p.sentence.text)))
            or _describes(p)
        ),
    ),
    (
        "funding",
        lambda p: (
            p.receives and p.role in ("acts", "named") and bool(_FUNDING.search(p.sentence.text))
        ),
    ),
    ("statements", lambda p: p.role == "says"),
    ("facilities", lambda p: p.role == "acts" and bool(_FACILITY.search(p.sentence.text))),
    ("networks", lambda p: p.role == "acts" and bool(_NETWORK.search(p.sentence.text))),
    ("programs", lambda p: p.role == "acts"),
    ("also_reported", lambda p: p.role == "named"),
)
"""Where a sentence goes: legal status; the post's last contact; the post's judgement (its
COMMENT, its officers' words, and sentences saying what the organization is); funding; what the
organization said; its facilities, networks and activities; what others report of it."""


_COPULA = re.compile(
    r"\b(?:is|are|was|were|remains|has been|appears|seems|suffers from|finds itself)\b"
)


def _describes(placed: Placed) -> bool:
    """Return True for a sentence that says what the organization itself is and how good it
    is (`X is a small, but well-connected NGO`), not what it or its leader did."""
    if placed.role != "acts" or placed.by_leader:
        return False
    text = placed.sentence.text
    copula = _COPULA.search(text, 0, 120)
    return copula is not None and bool(_JUDGEMENT.search(text, copula.end(), copula.end() + 70))


def route(placed: list[Placed]) -> dict[str, list[Placed]]:
    """Return the sentences of each section; noise and repeats are dropped. The post's comment
    and what the organization is lead the assessment; the rest keep the cables' order."""
    sections: dict[str, list[Placed]] = {name: [] for name, _ in SECTION_RULES}
    kept: list[tuple[str, str, int]] = []  # (normalized text, section, index in section)
    for item in placed:
        text = item.sentence.text
        if (
            _NOISE.search(text)
            or len(text.split()) < 4
            or _HEADER.match(text)
            or _HEADLINE.match(text)
        ):
            continue
        norm = " ".join(text.lower().split())
        same = next((k for k in kept if fuzz.ratio(norm, k[0]) >= 90), None)
        if same is not None:
            # The same fact told again (last year's report repeated): one entry, both sources.
            earlier = sections[same[1]][same[2]]
            sections[same[1]][same[2]] = replace(earlier, also=(*earlier.also, item.sentence.cite))
            continue
        for name, rule in SECTION_RULES:
            if rule(item):
                sections[name].append(item)
                kept.append((norm, name, len(sections[name]) - 1))
                break
    sections["assessment"].sort(key=lambda p: not (p.comment or _describes(p)))
    return sections


def spread(items: list[Placed], cap: int) -> list[Placed]:
    """Return at most `cap` items, taken in turns from each cable paragraph so that one long
    paragraph does not crowd out the others; the order of `items` is kept."""
    groups: dict[tuple[str, int | None], list[int]] = {}
    for index, item in enumerate(items):
        cite = item.sentence.cite
        groups.setdefault((cite.cable_id, cite.paragraph), []).append(index)
    chosen: list[int] = []
    # Sentences that state a number come first: they are what a reader looks for.
    for wanted in (True, False):
        depth = 0
        while len(chosen) < cap and any(len(g) > depth for g in groups.values()):
            for indexes in groups.values():
                if len(indexes) > depth and len(chosen) < cap:
                    index = indexes[depth]
                    if items[index].figures == wanted and index not in chosen:
                        chosen.append(index)
            depth += 1
    return [items[i] for i in sorted(chosen)]


_DOES = re.compile(
    r"\b(?:works?|provides?|runs?|operates?|focus(?:es)?|offers?|assists?|helps?|trains?|"
    r"conducts?|specializ\w+|advocat\w+|supports?|monitors?|manages?|organiz\w+|implements?|"
    r"promotes?|defends?|represents?|campaigns?|working|providing|running|operating|"
    r"conducting|offering|assisting|helping|training)\b",
    re.I,
)
_PERSONAL_START = re.compile(r"^(?:[^,]{0,40}, )?(?:he|she|his|her)\b", re.I)


def best_activity(items: list[Placed], name: str) -> Placed | None:
    """Return the sentence that best says what the organization `name` does: the
    organization itself (not its leader) doing something, named, in few words."""
    best: tuple[float, Placed] | None = None
    for item in items:
        text = item.sentence.text
        score = (
            2.0 * (not item.by_leader)
            + bool(_DOES.search(text))
            + (name in text)
            - 2.0 * bool(_PERSONAL_START.match(text))
            - len(text) / 400
        )
        if best is None or score > best[0]:
            best = (score, item)
    return best[1] if best else None


def allocate(
    sections: dict[str, list[Placed]], order: tuple[str, ...], caps: dict[str, int], budget: int
) -> dict[str, list[Placed]]:
    """Return each section's sentences cut to fit `budget` characters in all: sections take one
    sentence each in turn, in `order` (most wanted first), each up to its cap, so that a
    crowded section does not starve the others. Within a section the sentences are taken in
    `spread` order and returned in the cables' order."""
    ranked = {name: spread(sections.get(name, []), caps[name]) for name in order}
    chosen: dict[str, list[Placed]] = {name: [] for name in order}
    used = 0
    depth = 0
    while any(len(ranked[name]) > depth for name in order):
        for name in order:
            items = ranked[name]
            if len(items) <= depth:
                continue
            size = len(items[depth].sentence.text) + 30
            if used + size > budget and depth > 0:
                continue
            chosen[name].append(items[depth])
            used += size
        depth += 1
    order_of = {id(p): i for i, p in enumerate(x for name in order for x in sections.get(name, []))}
    return {name: sorted(items, key=lambda p: order_of[id(p)]) for name, items in chosen.items()}
