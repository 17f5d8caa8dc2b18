"""Kinds of organizations: non-governmental, intergovernmental, government, party, company, mission.

A kind comes, strongest first, from what the cable calls the body (`the NGO X`, `X, a local
NGO,`, `X, an intergovernmental organization`), from the curated list of known bodies, and
from the word that heads its name (`Ministry`, `Party`, `Foundation`). A body no rule can
place keeps no kind: a briefing then says what it is not sure of instead of guessing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from briefgen.extract.context import Context

OrgKind = Literal["ngo", "igo", "government", "party", "company", "mission", "armed", "union"]

KIND_LABELS: dict[str, str] = {
    "ngo": "non-governmental organization",
    "igo": "intergovernmental organization",
    "government": "government body",
    "party": "political party",
    "company": "company",
    "mission": "diplomatic mission",
    "armed": "armed group",
    "union": "trade union",
}
"""How a briefing names each kind."""

CURATED_KINDS: dict[str, OrgKind] = {
    "International Organization for Migration": "igo",
    "Organization for Security and Co-operation in Europe": "igo",
    "United Nations Office on Drugs and Crime": "igo",
    "United Nations Children's Fund": "igo",
    "United Nations Development Programme": "igo",
    "Office of the United Nations High Commissioner for Refugees": "igo",
    "United Nations Educational, Scientific and Cultural Organization": "igo",
    "United Nations": "igo",
    "United Nations Security Council": "igo",
    "North Atlantic Treaty Organization": "igo",
    "European Union": "igo",
    "Commonwealth of Independent States": "igo",
    "Shanghai Cooperation Organization": "igo",
    "International Labour Organization": "igo",
    "International Monetary Fund": "igo",
    "World Health Organization": "igo",
    "World Trade Organization": "igo",
    "International Atomic Energy Agency": "igo",
    # A private association under Swiss law, not a body of states.
    "International Committee of the Red Cross": "ngo",
    "Office for Democratic Institutions and Human Rights": "igo",
    "United States Agency for International Development": "government",
    "Bureau of International Narcotics and Law Enforcement Affairs": "government",
    "Office to Monitor and Combat Trafficking in Persons": "government",
    "Bureau of Democracy, Human Rights, and Labor": "government",
    "Bureau of Population, Refugees, and Migration": "government",
    "Bureau of South and Central Asian Affairs": "government",
    "Federal Bureau of Investigation": "government",
    "Central Intelligence Agency": "government",
    "Defense Intelligence Agency": "government",
    "U.S. Department of Homeland Security": "government",
    "U.S. Department of Justice": "government",
    "Drug Enforcement Administration": "government",
    "National Security Council": "government",
    "U.S. Government": "government",
    "Millennium Challenge Corporation": "government",
    "U.S. Department of State": "government",
    "Peace Corps": "government",
    "Supreme Court": "government",
    "Parliament": "government",
    "Democracy Commission": "government",
    "Coalition against Trafficking in Women International": "ngo",
}
"""Kinds of the curated bodies (`lexicon.CURATED_BODIES`)."""

_HEAD_KINDS: tuple[tuple[OrgKind, frozenset[str]], ...] = (
    ("mission", frozenset({"Embassy", "Consulate", "Embassies"})),
    ("party", frozenset({"Party", "Partido"})),
    # A union or league of nations is their body (`Union of South American Nations`).
    ("igo", frozenset({"Nations"})),
    (
        "government",
        frozenset(
            [
                "Ministry",
                "Ministries",
                "Ministerio",
                "Department",
                "Police",
                "Court",
                "Prosecutor",
                "Procuracy",
                "Prosecutor's",
                "Parliament",
                "Senate",
                "Congress",
                "Government",
                "Administration",
                "Akimat",
                "Presidency",
                "Cabinet",
                "Army",
                "Navy",
                "Customs",
                "Inspectorate",
                "Directorate",
                "Secretariat",
                "Municipality",
                "Mayor's",
                "Governorate",
                "Gendarmerie",
                "Militia",
                "Judiciary",
                "Tribunal",
                "Legislature",
            ]
        ),
    ),
    (
        "company",
        frozenset(
            [
                "Company",
                "Corp",
                "Corp.",
                "Inc",
                "Inc.",
                "Ltd",
                "Ltd.",
                "LLC",
                "JSC",
                "Bank",
                "Airlines",
                "Airways",
                "Holding",
                "Holdings",
                "Enterprises",
                "Industries",
            ]
        ),
    ),
    (
        "ngo",
        frozenset(
            [
                "NGO",
                "Foundation",
                "Fundacion",
                "Fundación",
                "Fundacao",
                "Association",
                "Asociacion",
                "Asociación",
                "Associação",
                "League",
                "Society",
                "Coalition",
                "Network",
                "Movement",
                "Alliance",
                "Corporacion",
                "Club",
                "Charity",
                "Trust",
            ]
        ),
    ),
)
"""Words that make a name's kind when no sentence says it, in order of precedence."""

_NGO_BEFORE_RE = re.compile(
    r"(?:\bNGOs?|non-?governmental organi[sz]ations?|human rights (?:group|organi[sz]ation)|"
    r"civil society (?:group|organi[sz]ation)|charity|women's (?:group|organi[sz]ation))"
    r"(?:,? (?:the|called|named))?\s*$",
    re.IGNORECASE,
)
_ARMED_BEFORE_RE = re.compile(
    r"\b(?:terrorist|militant|armed|insurgent|rebel|extremist|jihadist|paramilitary|"
    r"separatist|guerrilla) (?:group|organi[sz]ation|movement|faction|militia)s?"
    r"(?:,? (?:such as|including|like|called|named))?(?: the)?\s*$",
    re.IGNORECASE,
)
"""`the Moroccan terrorist group GICM`, `terrorist organizations such as the GICM`."""
_ARMED_HEADS = ("group", "organi", "movement", "faction", "militia")
"""The heads `_ARMED_BEFORE_RE` needs, in lower case."""
_NGO_BEFORE_WORDS = (
    "ngo",
    "governmental organi",
    "human rights ",
    "civil society ",
    "charity",
    "women's ",
)
"""Words one of which `_NGO_BEFORE_RE` needs, in lower case."""
_UNION_NAME_RE = re.compile(
    r"\b(?:Trade|Labou?r) Unions?\b|\bWorkers[’']? (?:Union|Federation|Confederation)\b|"
    r"\b(?:Union|Federation|Confederation) of (?:[A-Z][\w’'-]* )*Workers\b"
)
"""A name that says a trade union (`Council of Trade Unions`, `General Workers' Union`)."""
_UN_TAIL_RE = re.compile(
    r",?\s+and other (?:UN|U\.N\.|United Nations) "
    r"(?:entities|agencies|bodies|organi[sz]ations|programs|programmes|funds)\b"
)
"""The end of a list of UN bodies (`UNHCR, OCHA, World Food Program (WFP), ..., and other UN
entities`): each body listed before it is a body of the United Nations."""
_LIST_JOINERS = frozenset({"of", "for", "the", "on", "to", "and"})
_IGO_BEFORE_RE = re.compile(r"\bintergovernmental organi[sz]ation(?:,? the)?\s*$", re.IGNORECASE)
_APPOSITIVE_KINDS = (
    r"(NGO|non-?governmental organi[sz]ation|intergovernmental "
    r"organi[sz]ation|international organi[sz]ation|trade union|labou?r union|charity|"
    r"foundation|association|network|"
    r"coalition|group|think tank|political party|party|company|firm|bank|government agency|"
    r"state agency|ministry)s?\b"
)
_APPOSITIVE_RE = re.compile(
    r"[\"”]?\s*(?:\([^()]{1,80}\)\s*)?,\s*(?:a|an|the|another|one of the|itself an?)\s+"
    r"(?:[\w'’-]+\s+){0,6}?"
    + _APPOSITIVE_KINDS
    # `the Oscar Foundation (a local NGO which documented ...)`: the same, in brackets.
    + r"|\s*\((?:a|an|the|another|one of the)\s+(?:[\w'’-]+\s+){0,6}?"
    + _APPOSITIVE_KINDS,
    re.IGNORECASE,
)
_COPULA_KIND_RE = re.compile(
    r"\s+(?:is|was|remains|has been|became)\s+(?:a|an|the|one of the)\s+(?:[\w'’-]+\s+){0,6}?"
    r"(NGO|non-?governmental organi[sz]ation|intergovernmental organi[sz]ation|international "
    r"organi[sz]ation|charity|foundation|association|network|coalition|group|think tank|"
    r"political party|party|company|firm|bank|government agency|state agency|ministry|"
    r"organi[sz]ation)s?\b",
    re.IGNORECASE,
)
"""`Semilla is a highly respected and well known national organization`: what it is."""
_ARMED_RE = re.compile(
    r"\b(?:terroris\w*|militant|armed|insurgen\w*|criminal|extremis\w*|rebel|paramilitar\w*|"
    r"separatis\w*|jihad\w*|mafia|gang|cartel|trafficking (?:group|organi[sz]ation))\b",
    re.I,
)
_AFTER_NGO_RE = re.compile(
    r"(?:'s)?\s*(?:\(NGO\)|NGO\b(?! [A-Z]))"
    r"|\s+and other (?:[a-z-]+ ){0,2}(?:NGOs|non-?governmental organi[sz]ations)\b"
)
"""`X NGO`, `X (NGO)`, `WWF and other environmental NGOs`."""
_AFTER_PARTY_RE = re.compile(r"(?:'s)?\s*(?:\([A-Z][\w-]{1,12}\)\s*)?(?:political )?party\b")
"""`Aung San Suu Kyi's National League for Democracy (NLD) party`: a party, whatever its name
says (`League`)."""
_KIND_WORDS = (
    "ngo",
    "union",
    "un ",
    "u.n.",
    "united nations",
    "organi",
    "group",
    "foundation",
    "association",
    "network",
    "coalition",
    "charity",
    "think tank",
    "party",
    "company",
    "firm",
    "bank",
    "agency",
    "ministry",
    "newspaper",
    "daily",
    "weekly",
)
"""Words without one of which a paragraph says no body's kind."""
_KIND_HINT_LOWER_RE = re.compile("|".join(re.escape(word) for word in _KIND_WORDS))
"""The kind words for ASCII text in lower case: plain letters, one search."""
_KIND_HINT_RE = re.compile(_KIND_HINT_LOWER_RE.pattern, re.IGNORECASE)
"""The kind words in any case."""
_WORD_KINDS: dict[str, OrgKind] = {
    "ngo": "ngo",
    "non-governmental organization": "ngo",
    "nongovernmental organization": "ngo",
    "non-governmental organisation": "ngo",
    "intergovernmental organization": "igo",
    "intergovernmental organisation": "igo",
    # `an international organization` says no more than that: cables call NGOs working in
    # several countries so as often as bodies of states, so it gives no kind.
    "charity": "ngo",
    "foundation": "ngo",
    "association": "ngo",
    "network": "ngo",
    "coalition": "ngo",
    "group": "ngo",
    "think tank": "ngo",
    "political party": "party",
    "party": "party",
    "trade union": "union",
    "labor union": "union",
    "labour union": "union",
    "company": "company",
    "firm": "company",
    "bank": "company",
    "government agency": "government",
    "state agency": "government",
    "ministry": "government",
    "organization": "ngo",
    "organisation": "ngo",
}


_POLITICAL_WORDS = frozenset(
    """Democratic Socialist Liberal Republican Communist Nationalist Labour Labor Conservative
    Progressive Revolutionary Christian-Democratic Social-Democratic Popular""".split()
)
_PARTY_HEADS = frozenset({"Movement", "Alliance", "League", "Coalition", "Front", "Union", "Bloc"})
"""A name joining a political word to one of these heads is a party's, not an NGO's."""


def kind_from_name(name: str) -> OrgKind | None:
    """Return the kind a body's name tells (`Ministry of Justice`: government), or None."""
    curated = CURATED_KINDS.get(name)
    if curated is not None:
        return curated
    words = set(name.replace(",", " ").split())
    if words & _POLITICAL_WORDS and words & _PARTY_HEADS:
        return "party"  # `Orange Democratic Movement`, `United Progressive Alliance`
    if _UNION_NAME_RE.search(name):
        return "union"
    members = _MEMBERS_OF_RE.search(name)
    for kind, heads in _HEAD_KINDS:
        if kind == "company" and members is not None:
            continue  # `Federation of Industries`: a body of companies, not a company
        if words & heads:
            return kind
    return None


_MEMBERS_OF_RE = re.compile(
    r"\b(?:Federation|Confederation|Association|Chamber|Council|Union|League|Alliance|"
    r"Coalition|Society|Forum|Club) of\b"
)
"""A body of members named for them (`Federation of Industries`, `Association of Banks`)."""


def kind_from_context(text: str, start: int, end: int) -> OrgKind | None:
    """Return the kind the words around a name at `[start, end)` give it (`the NGO X`,
    `X, a Moscow-based human rights group,`), or None."""
    low, high = max(0, start - 60), min(len(text), end + 130)
    window = text[low:high]
    if window.isascii():
        # In ASCII text a case-blind match is a match in lower case: a few substring tests.
        if _KIND_HINT_LOWER_RE.search(window.lower()) is None:
            return None  # no word of a kind near the name: the common case
    elif _KIND_HINT_RE.search(text, low, high) is None:
        return None
    before = text[max(0, start - 60) : start].rstrip('"“ ') + " "
    if before.endswith((" al- ", " el- ")):
        before = before[:-4]  # `the Saudi-based NGO al-Haramain Foundation`: the article
    # The three patterns end at `$` but a search tries them at every offset: in ASCII text a
    # word each one needs, missing, rules it out by a substring test.
    lowered = before.lower() if before.isascii() else None
    if (lowered is None or any(word in lowered for word in _ARMED_HEADS)) and (
        _ARMED_BEFORE_RE.search(before)
    ):
        return "armed"
    if (lowered is None or "organi" in lowered) and _IGO_BEFORE_RE.search(before):
        return "igo"
    if (lowered is None or any(word in lowered for word in _NGO_BEFORE_WORDS)) and (
        _NGO_BEFORE_RE.search(before)
    ):
        return "ngo"
    if _AFTER_NGO_RE.match(text, end):
        return "ngo"
    if _AFTER_PARTY_RE.match(text, end):
        return "party"
    appositive = _APPOSITIVE_RE.match(text, end)
    if appositive is not None and not _closes_appositive(text, appositive.end()):
        appositive = None  # `According to the MST, the group focuses ...`: the next subject
    appositive = appositive or _COPULA_KIND_RE.match(text, end)
    if appositive is not None and _ARMED_RE.search(appositive.group(0)):
        return "armed"  # `a Kashmiri terrorist group`: not a body a profile calls an NGO
    if appositive is not None and _POLITICAL_BODY_RE.search(appositive.group(0)):
        return None  # `a political organization` may be a party or a movement: no kind
    if appositive is not None:
        found = appositive.group(1) or appositive.group(2)
        word = " ".join(found.lower().split()).replace("nongov", "non-gov")
        word = word.rstrip("s") if word.endswith("ngos") else word
        return _WORD_KINDS.get(word)
    return None


_AFTER_APPOSITIVE_RE = re.compile(
    r"\s*(?:[,;:.)\]]|$|[A-Z(\"“]|(?:that|which|who|whose|where|"
    r"based|in|of|for|with|from|at|on|and|or|to|known|led|headed|run|close|linked|"
    r"active|devoted|dedicated|[a-z-]+(?:ing|ed)|networks?|groups?|organi[sz]ations?|"
    r"coalitions?|alliances?|umbrella|associations?|foundations?|charit(?:y|ies)|movements?|"
    r"platforms?|consortium|federations?|community|sector)\b)"
)
"""What may follow an appositive (`X, a London-based group, ...`, `X, an NGO based in ...`,
`X, a group working on ...`, `X, one of the strongest NGO networks`); any other word after
it (`X, the group focuses ...`) is a verb, and the words are the subject of the next clause,
not a description of X."""


_POLITICAL_BODY_RE = re.compile(r"\bpolitical (?:organi[sz]ation|group|body|force)", re.I)


def _closes_appositive(text: str, end: int) -> bool:
    """Return True when the words before `end` can close an appositive."""
    return _AFTER_APPOSITIVE_RE.match(text, end) is not None


def rule_org_kinds(ctx: Context) -> None:
    """Record what the cable calls each organization it names (`the NGO X`, `X, a party,`)."""
    for para in ctx.paras:
        if para.caps or not any(word in para.lowered for word in _KIND_WORDS):
            continue
        text = para.text
        tails = [t.start() for t in _UN_TAIL_RE.finditer(text)] if "and other U" in text else []
        for mention in para.mentions:
            if mention.kind != "org":
                continue
            listed = any(_listed_before(text, mention.end, tail) for tail in tails)
            kind = "igo" if listed else kind_from_context(text, mention.start, mention.end)
            if kind is None and mention.text.startswith(("NGO ", "the NGO ")):
                kind = "ngo"
            if kind is not None:
                ctx.say_kind(mention.name, kind, para, mention.start)


def _listed_before(text: str, end: int, tail: int) -> bool:
    """Return True when only other names and commas stand between a name ending at `end` and a
    list's tail at `tail` (`World Food Program (WFP), UN Development Program (UNDP), and other
    UN entities`)."""
    if not 0 <= tail - end <= 400:
        return False
    between = re.sub(r"\([A-Z][\w-]{1,10}\)", " ", text[end:tail])
    if any(stop in between for stop in ".;:"):
        return False
    words = re.findall(r"[^\s,]+", between)
    return all(w[0].isupper() or w in _LIST_JOINERS for w in words)
