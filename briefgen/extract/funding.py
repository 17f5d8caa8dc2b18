"""Funding rules: who gives money to whom, how much, for what, when, and how far it went.

Each rule is a small named function over one sentence that holds a funding word (`grant`,
`funded by`, `with funding from`, `-sponsored`) or an amount next to a giving or receiving verb
(`Raices receives about USD 150,000/year`); the first rule that reads a sentence wins. Parties
come from `funding_parties`, so that the reading of a clause's subject can change in one place.
A statement gets its `kind` (grant, budget, foreign, in-kind, contract, loan, donation) and its
`status` (proposed, requested, pledged, awarded, spent) from its words and verbs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise

import ahocorasick

from briefgen.extract import funding_words as fw
from briefgen.extract.context import Context, Para
from briefgen.extract.figures import MONEY_KEY
from briefgen.extract.funding_parties import Party, actor, entry_at, party_in
from briefgen.extract.records import EntityKind, Figure, Funding, FundingKind, FundingStatus

_FUNDING_WORDS = (
    "grant", "grants", "granted", "fund", "funds", "funded", "funding", "financed", "financing",
    "finances", "allocate", "allocated", "allocates", "allocating", "allocation", "allocations",
    "budget", "budgets", "budgeted", "donate", "donated", "donates", "donation", "donations",
    "sponsor", "sponsors", "sponsored", "contributed", "contributes", "contribution",
    "contributions", "pledge", "pledged", "pledges", "award", "awarded", "awards", "loan",
    "loans", "in-kind", "underwritten", "underwrote", "subsidy", "subsidies", "subsidized",
)  # fmt: skip
"""Words that make a sentence worth reading for funding on their own."""
_HYPHEN_WORDS = ("funded", "sponsored", "financed", "supported")
_VERBS = fw.GIVE_VERBS | fw.RECEIVE_VERBS | fw.FUND_VERBS
_LOWER_WORD_RE = re.compile(r"[a-z][a-z'’-]*")


@lru_cache(maxsize=2)
def _automaton(group: str) -> ahocorasick.Automaton:
    """Return an automaton over the funding words, or the verbs a statement turns on."""
    machine = ahocorasick.Automaton()
    for word in _FUNDING_WORDS if group == "funding" else _VERBS:
        machine.add_word(word, len(word))
    machine.make_automaton()
    return machine


def _words_in(group: str, lowered: str, start: int = 0, end: int | None = None) -> list[int]:
    """Return where the words of `group` stand as whole words in `lowered[start:end]`."""
    found = []
    stop = len(lowered) if end is None else end
    for last, length in _automaton(group).iter(lowered, start, stop):
        first = last - length + 1
        if (first == 0 or not lowered[first - 1].isalpha()) and (
            last + 1 >= len(lowered) or not lowered[last + 1].isalpha()
        ):
            found.append(first)
    return found


_TRIGGER_RE = re.compile(
    r"\b(?:grant(?:s|ed)?|fund(?:s|ed|ing)?|financ(?:ed|es|ing)|allocat\w*|budget(?:s|ed)?|"
    r"donat\w*|sponsor(?:s|ed|ing)?|contribut(?:ed|es|ion|ions)|pledg\w*|award(?:s|ed)?|"
    r"loans?|in-kind|underwr\w*|subsidi\w*)\b"
)
"""Funding words, matched in the lower-cased paragraph."""
_MONEY_VERB_RE = re.compile(
    r"\b(?:receiv|provid|gave|give|grant|allocat|donat|contribut|pledg|spen[dt]|request|sought|"
    r"seek|award|disburs|commit|earmark|transferr?|fund|financ|budget|obtain|secur)"
)
"""Stems that make a sentence with an amount worth reading for funding."""
_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")
_BE = frozenset(["is", "are", "was", "were", "be", "been", "being", "get", "got", "gets"])
_PASSIVE_GIVE = frozenset(
    ["granted", "awarded", "allocated", "provided", "donated", "disbursed", "transferred",
     "offered", "extended", "pledged", "given", "earmarked"]
)  # fmt: skip
_NEGATIONS = frozenset(["not", "never", "n't", "no", "without", "nor"])
_TO_VERBS = frozenset(
    ["plans", "planned", "plan", "agreed", "agree", "decided", "intends", "intend", "intended",
     "pledged", "promised", "continues", "continue", "continued", "wants", "want", "wanted",
     "expects", "expected", "hopes", "hoped", "able", "committed", "going", "offered",
     "proposed", "began", "begun", "started", "needs", "need", "will", "would", "prepared",
     "ready", "willing", "seeks", "sought", "trying", "tried", "has", "have", "had", "help",
     "helped", "helps", "used", "uses", "use"]
)  # fmt: skip
"""Verbs after which `to fund` has the same subject (`plans to fund`, not `asked X to fund`)."""
_SLOT_END = (
    r"(?=,|;|\.(?:\s|$)|\(|\)| to [a-z]| for (?![A-Z])| through | via "
    r"| and (?:an?|the) (?:[a-z]|\$)| and \$| in (?:19|20)\d\d| in FY| which "
    r"| who | that | with | since | during | under | until | from | in order | while | but "
    r"| whereas | and "
    r"(?:is|are|was|were|has|have|had|will|would|also)\b|$)"
)
_SLOT = r"[^,;()]{1,80}?"
_SLOT_RE = re.compile(rf"({_SLOT}){_SLOT_END}")
_BY_RE = re.compile(
    r"\s*(?:jointly |partly |partially |fully |largely |mostly |primarily )?"
    rf"by ({_SLOT}){_SLOT_END}"
)
_FROM_RE = re.compile(rf" from ({_SLOT}){_SLOT_END}")
_TO_RE = re.compile(
    r" to ((?:the |a |an |local |several |his |her |its |their |\d+ )?[A-Z0-9][^,;()]{0,80}?)"
    + _SLOT_END
)
_TO_NGOS_RE = re.compile(
    rf" to ((?:the |a |an )?(?:[a-z-]+ ){{0,3}}(?:NGOs?|organizations?|groups?)){_SLOT_END}"
)
_THROUGH_RE = re.compile(
    r" (?:through|via) (?:(?:an?|the) (?:grant|contract|agreement) (?:to|with) )?"
    rf"({_SLOT}){_SLOT_END}"
)
_GRANT_TO_RE = re.compile(
    rf" through an? (?:grant|contract|agreement) (?:to|with) ({_SLOT}){_SLOT_END}"
)
_PURPOSE_RE = re.compile(
    r"\b(?:in order to|to|for|in support of)\s+((?:[a-z][\w'’-]*|the|a|an)\b[^;]{3,160}?)"
    r"(?=;|\.(?:\s|$)|, (?:and )?(?:which|who|while|but|although|according)\b|$)"
)
_NAME_ADJ_RE = re.compile(
    r"\b([A-Z][\w/.&-]*(?: [A-Z][\w/.&-]*){0,2}) (?:grants?|funding|funds|financing|loans?|money)\b"
)
_PROGRAM_NOUNS = frozenset(
    ["program", "programs", "programme", "project", "projects", "training", "trainings",
     "seminar", "seminars", "conference", "course", "courses", "workshop", "workshops",
     "shelter", "campaign", "study", "trip", "exchange", "exchanges", "visit", "grant",
     "scholarship", "scholarships", "center", "centre", "hotline", "initiative", "fellowship"]
)  # fmt: skip
_ACRONYM_RE = re.compile(r"[A-Z][A-Z/&.]*[A-Z]\.?")
_TWO_BODIES_RE = re.compile(
    r"(?:Foundation|Fund|Institute|Center|Centre|Council|Association|Society|Union|Bank|"
    r"Organization|Agency|Program|Programme|Trust|Corporation|Church)( and )[A-Z]"
)
_OBJECT_END_RE = re.compile(
    r",(?!\d)|;|\.(?:\s|$)| to [a-z]| through | which | who | that | conducted by "
    r"| implemented by | run by | while | and (?:is|are|was|were|has|have|had)\b"
)
_IN_KIND_RE = re.compile(
    r"\b(?:in|worth of) (?:equipment|supplies|food|vehicles|computers|goods|commodities|"
    r"furniture|medicines|materials)\b"
)
_COMMON_FUNDER_RE = re.compile(
    r"\b(government|state|foreign|donor|international|private|municipal|local government|"
    r"public|budget) (?:funding|funds|grants?|financing|money|support)\b"
)
_HYPHEN_RE = re.compile(
    r"\b([A-Z][\w/.&]*(?:[- ][A-Z][\w/.&]*)?)-(?:funded|sponsored|financed|supported)\b"
    r"((?: [a-z][\w-]*){1,5}?)"
    r"(?=[,;.)]| (?:that|which|who|was|were|is|are|has|had|have|in|on|at|for|to|with|by|and)\b|$)"
)
_COMES_FROM_RE = re.compile(
    r"\b((?:[Ii]ts |[Tt]heir |[Mm]ost |[Tt]he |[Aa]ll |[Mm]uch |[Oo]ther )*)(?:funding|funds|"
    r"money|financing|income|support) (?:\w+ )?(?:comes|came|come|is coming|derives|is derived) "
    rf"(?:\w+ )?from ({_SLOT}){_SLOT_END}"
)
_WITH_RE = re.compile(
    r"\bwith (?:the )?(?:financial |additional |partial |generous )?(?:funding|funds|financing|"
    r"money|financial support|grants?|a grant|donations?)(?: provided)? (?:from|by) "
)
_WITH_GRANT_RE = re.compile(
    r"\bwith (?:an?|the) ([A-Z][\w/.&-]*(?: [A-Z][\w/.&-]*)?) (?:grant|funding)\b"
)
_BUDGET_RE = re.compile(
    r"\bbudget(?: allocation)?( for [^,;]{3,60}?)? (?:of|was|is|totaled|totalled|amounted to|"
    r"amounts to|stood at|reached)\b"
)
_LEGISLATION_RE = re.compile(
    r"\b(?:law|bill|resolution|legislation|amendment|motion|proposal|candidate|candidacy|"
    r"decree|draft|measure|initiative)s?\b"
)
_PASSIVE_FUND_RE = re.compile(
    r"\b(?:funded|financed|sponsored|underwritten|paid for|supported financially)\b"
)
_IMPLEMENT_RE = re.compile(
    r"\b(?:implemented|conducted|run|organized|organised|carried out|operated|held) by "
    rf"({_SLOT}){_SLOT_END}"
)
_RUNS_RE = re.compile(
    r"\b(?:conducted|conducts|implemented|implements|ran|runs|run|organized|organised|held|"
    r"hosted|launched|operates|operated|carried out|completed|began|started|opened|"
    r"participated in|implemented many)\s+(?:[\w,-]+\s+){0,3}$"
)
_SPEECH_RE = re.compile(
    r"\b(?:said|says|say|told \w+|noted|stated|reported|explained|added|claimed|asserted|"
    r"indicated|confirmed|mentioned|announced|stressed)(?: that)? "
)
_YEAR_SPAN_RE = re.compile(
    r"\b(?:[Ff]rom|[Bb]etween|[Ff]or|[Ii]n|[Dd]uring|[Tt]hrough|[Ss]ince|[Uu]ntil)? ?(?:FY ?|FY-)?"
    r"((?:19|20)\d\d)(?:(?:[-–/](?:FY ?)?((?:19|20)?\d\d))|"
    r"(?: to | and | through )(?:FY ?)?((?:19|20)\d\d))?\b"
)


@dataclass(slots=True)
class _Sentence:
    """One sentence of a paragraph as the funding rules read it."""

    ctx: Context
    para: Para
    start: int
    """Offset of the sentence in the paragraph."""
    text: str
    """The sentence text."""
    lowered: str
    money: list[Figure] = field(default_factory=list)
    """The amounts of money stated in it, penalties left out, in text order."""
    verbs: list[tuple[str, int, int]] = field(default_factory=list)
    """Its giving, receiving and funding verbs (lower-cased), with their offsets."""

    def at(self, offset: int) -> int:
        """Return the paragraph offset of sentence offset `offset`."""
        return self.start + offset


@dataclass(slots=True)
class _Found:
    """What one rule read in a sentence."""

    anchor: int
    """Sentence offset of the funding word or verb the rule read."""
    funders: list[Party]
    recipient: Party | None = None
    channel: Party | None = None
    purpose: str | None = None
    status: FundingStatus | None = "awarded"


Rule = Callable[[_Sentence], "_Found | None"]


def _slot(s: _Sentence, match: re.Match[str] | None, group: int = 1) -> Party | None:
    if match is None or match.group(group) is None:
        return None
    start, end = match.span(group)
    return party_in(s.ctx, s.para, s.at(start), s.at(end), places=True)


def _slots(s: _Sentence, match: re.Match[str] | None, group: int = 1) -> list[Party]:
    """Return every party a slot names (`the Ford Foundation and Oxfam International`)."""
    if match is None or match.group(group) is None:
        return []
    start, end = match.span(group)
    names = s.ctx.names_in(s.para, s.at(start), s.at(end))
    words = match.group(group)
    if len(names) > 1 and " and " in words:
        return [Party(name, True) for name in names]
    joined = _TWO_BODIES_RE.search(words)
    if joined is not None:
        # `the Ford Foundation and Oxfam International`: two bodies, even when the names were
        # read as one.
        cut = start + joined.start(1)
        first = party_in(s.ctx, s.para, s.at(start), s.at(cut))
        second = party_in(s.ctx, s.para, s.at(cut + 5), s.at(end))
        return [p for p in (first, second) if p is not None]
    one = party_in(s.ctx, s.para, s.at(start), s.at(end))
    return [one] if one is not None else []


def _subject(s: _Sentence, offset: int, adjacent: bool = True) -> Party | None:
    """Return the subject of the verb at sentence offset `offset` (after any `X said`): with
    `adjacent`, only auxiliaries and adverbs may stand between them."""
    start = s.start
    for speech in _SPEECH_RE.finditer(s.text, 0, offset):
        start = s.at(speech.end())
    return actor(s.ctx, s.para, start, s.at(offset), adjacent=adjacent)


def _negated(s: _Sentence, offset: int, end: int) -> bool:
    """Return True when the verb at `offset` is negated (`has not provided`, `received no`)."""
    before = s.lowered[max(0, offset - 30) : offset].replace("n't", " n't").split()[-4:]
    after = s.lowered[end : end + 12].split()[:1]
    return bool(_NEGATIONS.intersection(before) or _NEGATIONS.intersection(after))


def _purpose(s: _Sentence, start: int) -> str | None:
    """Return what the money is for: the `to ...` or `for ...` phrase soon after `start`."""
    match = _PURPOSE_RE.search(s.text, start)
    if match is None or match.start() - start > 90:
        return None
    first = match.group(1).split(" ", 1)[0]
    if re.fullmatch(r"(?:19|20)\d\d|FY\S*", first):
        return None  # `for 2009`: a year, not a purpose
    if first in ("the", "a", "an", "its", "their") and (
        match.group(0).startswith("to ")
        or s.ctx.names_in(s.para, s.at(match.start(1)), s.at(match.start(1) + len(first) + 40))
    ):
        return None  # `to the Union ...`, `for the Feminist League`: a recipient, not a purpose
    words = match.group(0)
    return words if len(words.split()) >= 3 else None


def _status_before(s: _Sentence, anchor: int, default: FundingStatus) -> FundingStatus:
    """Return the status the words just before a verb give it (`would fund`, `plans to give`);
    a condition (`If ... will fund`) only proposes."""
    if re.match(r"\W*(?:\([A-Z/]+\)\s*)?(?:If|Unless|Should)\b", s.text):
        return "proposed"
    head = s.lowered[max(0, anchor - 90) : anchor]
    head = head[max(head.rfind(","), head.rfind(";")) + 1 :]
    words = head.split()
    # The verb's own auxiliaries (`would fund`), else the verb that leads to it (`promised to
    # add 1,000 officers and to allocate`).
    for word in reversed(words[-4:]):
        status = fw.STATUS_WORDS.get(word)
        if status is not None:
            return status  # type: ignore[return-value]
    for position, word in enumerate(words[:-1]):
        if words[position + 1] == "to" and word in fw.STATUS_WORDS:
            return fw.STATUS_WORDS[word]  # type: ignore[return-value]
    return default


def _word_status(word: str, default: FundingStatus) -> FundingStatus:
    return fw.STATUS_WORDS.get(word, default)  # type: ignore[return-value]


_MODALS = frozenset(
    ["to", "will", "would", "could", "can", "may", "might", "should", "must", "not", "also",
     "did", "does", "do", "further", "jointly", "and"]
)  # fmt: skip
_DETERMINERS = frozenset(["the", "a", "an", "its", "their", "his", "her", "of", "this", "these"])
_PAST_IRREGULAR = frozenset(["gave", "spent", "put", "won", "got", "sought", "set"])


def _is_verb(s: _Sentence, start: int, verb: str) -> bool:
    """Return True when the word `verb` at sentence offset `start` is used as a verb: a past
    form not after `the`, an `-s` form right after its subject, a bare form after `to` or a
    modal, an `-ing` form after `is` (not `arms transfers`, `the fund`, `to spend funding`)."""
    before = s.lowered[max(0, start - 24) : start].split()
    last = before[-1].strip(",") if before else ""
    if verb.endswith("ed") or verb in _PAST_IRREGULAR:
        return last not in _DETERMINERS
    if verb.endswith("ing"):
        return last in _BE
    if last == "to":
        if len(before) > 1 and before[-2] == "and":
            # `promised to add 1,000 officers and to allocate NIS 340 million`
            wider = s.lowered[max(0, start - 90) : start].split()
            return any(w in _TO_VERBS and n == "to" for w, n in pairwise(wider))
        return len(before) > 1 and before[-2] in _TO_VERBS
    if last in _MODALS or last.endswith("ly"):
        return True
    if verb.endswith("s"):
        # `USAID funds`, `It receives`, `Post requests`: the subject ends right before the verb.
        if last in ("it", "he", "she", "who", "which", "that", "post", "embassy", "mission"):
            return True
        if verb not in fw.FUND_VERBS and before and before[-1][:1].isalpha():
            word = s.text[max(0, start - len(before[-1]) - 1) : start].split()
            if word and word[-1][:1].isupper():
                return True  # `Raices receives`: a name the entity rules did not know
        mentions = s.para.mentions_between(s.start, s.at(start))
        return bool(mentions) and s.at(start) - mentions[-1].end <= 1
    return False


def _amount_near(s: _Sentence, start: int, reach: int) -> Figure | None:
    """Return the first amount of the sentence within `reach` characters after `start`."""
    for figure in s.money:
        offset = figure.start - s.start
        if start <= offset <= start + reach and ";" not in s.text[start:offset]:
            return figure
    return None


def _object_phrase(text: str, start: int) -> str | None:
    """Return the words a verb at `start` takes as object, up to a comma or a clause word."""
    words = text[start : start + 160]
    stop = _OBJECT_END_RE.search(words)
    if stop is not None:
        words = words[: stop.start()]
    words = " ".join(words.split()[:14]).strip(' ,"')
    if words.startswith("and "):
        return None  # `USAID funds and advises INRENA`: a second verb, no object
    return words if len(words.split()) >= 2 else None


def _phrase_before(s: _Sentence, end: int) -> str | None:
    """Return the noun phrase just before `end` (`rented property` before `funded by`); None
    after a comma, where what is funded is the clause's object, not the words next to it."""
    head = s.text[:end].rstrip(" ")
    if head.endswith(","):
        return None
    cut = max(head.rfind(","), head.rfind(";"), head.rfind("("), head.rfind(")"))
    words = head[cut + 1 :].split()
    kept: list[str] = []
    for word in reversed(words[-7:]):
        if word.lower() in _BE or word.lower() in ("in", "by", "with", "at", "on"):
            break
        kept.insert(0, word)
    while kept and (kept[-1].endswith("ly") or kept[-1].lower() in ("also", "and")):
        kept.pop()
    while kept and kept[0].lower() in ("of", "for", "to", "and", "from"):
        kept.pop(0)
    return " ".join(kept) if len(kept) >= 2 else None


# --- the rules -------------------------------------------------------------------------------


def rule_funded_by(s: _Sentence) -> _Found | None:
    """`X is funded by Y`, `programs funded by SENAME`, `a seminar conducted by X and funded by
    Y through a grant to Z`: the giver after `by`; the receiver is the subject of a passive, the
    implementer named by `conducted by`, or the name just before."""
    if " by" not in s.lowered:
        return None
    for match in _PASSIVE_FUND_RE.finditer(s.text):
        by = _BY_RE.match(s.text, match.end())
        if by is None or _negated(s, match.start(), match.end()):
            continue
        if match.group(0) == "sponsored" and _LEGISLATION_RE.search(
            s.lowered, max(0, match.start() - 50), match.start()
        ):
            continue  # `a law sponsored by X`: a bill, not money
        funders = _slots(s, by)
        if not funders:
            continue
        before = s.lowered[max(0, match.start() - 30) : match.start()].split()
        passive = bool(before) and (
            before[-1] in _BE or (len(before) > 1 and before[-2] in _BE and before[-1][-2:] == "ly")
        )
        recipient: Party | None = None
        purpose: str | None = None
        implement = _IMPLEMENT_RE.search(s.text, max(0, match.start() - 120), match.start())
        if implement is not None:
            recipient = _slot(s, implement)
        elif passive:
            recipient = _subject(s, match.start())
        else:
            # `a hotline funded by X`: the thing funded; a name only when it stands right there.
            recipient = _named_at(s, match.start())
            purpose = _phrase_before(s, match.start())
        channel = _slot(s, _GRANT_TO_RE.match(s.text, by.end())) or _slot(
            s, _THROUGH_RE.match(s.text, by.end())
        )
        status = _status_before(s, match.start(), "awarded")
        return _Found(
            match.start(), funders, recipient, channel, purpose or _purpose(s, by.end()), status
        )
    return None


def rule_with_funding_from(s: _Sentence) -> _Found | None:
    """`Raices, with funding from a private foundation, trained ...`; `established a shelter
    with funds provided by X through a grant to Y`; `with a USAID grant`: the subject receives,
    a grant's grantee is the channel."""
    if "with " not in s.lowered:
        return None
    match = _WITH_RE.search(s.text)
    if match is not None:
        slot = _SLOT_RE.match(s.text, match.end())
        funders, end = _slots(s, slot), (slot.end() if slot else match.end())
    else:
        grant = _WITH_GRANT_RE.search(s.text)
        if grant is None:
            return None
        funders, end, match = _slots(s, grant), grant.end(), grant
    if not funders:
        return None
    start = match.start()
    recipient = _subject(s, start, adjacent=False)
    channel = _slot(s, _GRANT_TO_RE.match(s.text, end)) or _slot(s, _THROUGH_RE.match(s.text, end))
    purpose = _purpose(s, end)
    if purpose is None and s.text[start - 2 : start] == ", ":
        # `Raices, with funding from X, trained 500 officials ...`: the main clause after it.
        comma = s.text.find(", ", end)
        purpose = _object_phrase(s.text, comma + 2) if 0 <= comma - end < 60 else None
    if purpose is None and recipient is not None:
        purpose = _clause_before(s, start, recipient)
    return _Found(start, funders, recipient, channel, purpose)


def rule_comes_from(s: _Sentence) -> _Found | None:
    """`Most funding comes from the Ford Foundation and Oxfam International`: the givers; the
    receiver only when the sentence says whose money it is (`its funding`)."""
    if " from " not in s.lowered:
        return None
    match = _COMES_FROM_RE.search(s.text)
    if match is None:
        return None
    funders = _slots(s, match, 2)
    if not funders:
        return None
    owner = match.group(1).lower()
    recipient = None
    if "its " in owner or "their " in owner:
        recipient = actor(s.ctx, s.para, s.at(match.start()), s.at(match.start() + 1), True)
    else:
        # `--(5) Humanas: ... Most funding comes from X`: the entry the sentence belongs to.
        recipient = entry_at(s.ctx, s.para, s.at(match.start()))
    return _Found(match.start(), funders, recipient)


_PAPER_RE = re.compile(
    r" (?:an? |the |\w+ )?(?:claims?|requests?|invoices?|bills?|letters?|complaints?|"
    r"proposals?|applications?|reports?|questions?|inquir(?:y|ies)|demands?|offers?) "
    r"(?:for|of|from)\b"
)
"""What a body receives that is no money (`a claim for`, `a request for`): asked, not given."""


def rule_received(s: _Sentence) -> _Found | None:
    """`X received a grant from Y through Z to ...`, `Raices receives about USD 150,000/year to
    run a treatment center`, `requested $X from the Embassy`: the subject receives or asks; the
    giver follows `from` or names the money (`an INL grant`, `INL funds`)."""
    for verb, start, end in s.verbs:
        if verb not in fw.RECEIVE_VERBS:
            continue
        if verb in ("applied", "asked", "asks", "asking") and not s.text.startswith(" for", end):
            continue
        if not _is_verb(s, start, verb) or _negated(s, start, end):
            continue
        if re.match(r" to [a-z]+", s.text[end:]) and verb not in ("applied",):
            continue  # `sought to purchase`: an aim, not money asked for
        if _PAPER_RE.match(s.lowered, end):
            continue  # `we received a claim for 26 million USD`: a paper asking for money
        amount = _amount_near(s, end, 70)
        nouns = set(re.findall(r"[a-z]+", s.lowered[end : end + 70])[:8])
        if amount is None and not nouns & fw.GIVING_WORDS:
            continue
        if verb.startswith("need") and amount is None:
            continue  # `needs funding`: too vague to be a request
        funders = _slots(s, _FROM_RE.search(s.text, end, end + 140))
        if not funders:
            adjective = _NAME_ADJ_RE.search(s.text, end, end + 90)
            if adjective is not None:
                funders = _slots(s, adjective)
            else:
                common = _COMMON_FUNDER_RE.search(s.lowered, end, end + 60)
                if common is not None:
                    funders = [Party(common.group(1), False)]
        channel = _slot(s, _THROUGH_RE.search(s.text, end, end + 160))
        status = _word_status(verb, "awarded")
        if status == "awarded":
            status = _status_before(s, start, status)
        recipient = _subject(s, start)
        if recipient is None:
            continue
        return _Found(start, funders, recipient, channel, _purpose(s, end), status)
    return None


def rule_gave(s: _Sentence) -> _Found | None:
    """`INL provided a $24,000 grant to the Union of Crisis Centers`, `the government allocated
    N tenge in 2008 for ...`, `the MOJ gives the foundation 100,000 pesos`: the subject gives;
    the receiver follows `to`, or stands between the verb and the amount."""
    for verb, start, end in s.verbs:
        if verb not in fw.GIVE_VERBS:
            continue
        if verb in ("set", "put") and not re.match(r" (?:aside|up|into|in)\b", s.text[end:]):
            continue
        if not _is_verb(s, start, verb) or _negated(s, start, end):
            continue
        amount = _amount_near(s, end, 90)
        nouns = set(re.findall(r"[a-z]+", s.lowered[end : end + 60])[:7])
        if amount is None and not nouns & fw.GIVING_WORDS:
            continue
        before = s.lowered[max(0, start - 20) : start].split()
        if before and before[-1] in _BE:
            if verb not in _PASSIVE_GIVE:
                continue  # `is committed to`, `was spent`: no giver or receiver to read
            # `was granted $X`, `was allocated to Y`: the subject receives; `a contract was
            # awarded to Y`: the money is the subject, Y receives.
            funders = _slots(s, _BY_RE.match(s.text, end)) or _slots(
                s, _FROM_RE.search(s.text, end, end + 100)
            )
            recipient = _subject(s, start, adjacent=False)
            if recipient is not None and (
                not recipient.named and recipient.name.split()[-1].lower() in fw.MONEY_NOUNS
            ):
                recipient = _slot(s, _TO_RE.search(s.text, end, end + 120))
            return _Found(start, funders, recipient, None, _purpose(s, end))
        # `X promised to allocate`: an infinitive has the subject of the verb that leads to it.
        giver = _subject(s, start, adjacent=not s.lowered.endswith("to ", 0, start))
        if giver is None:
            continue  # `to spend development funding`: no one is said to give
        recipient = None
        if amount is not None:
            # `gives the foundation 100,000 pesos`, `granted a local NGO eight million tenge`,
            # `reimbursed Pakistan over 5.3 billion USD for support to U.S. operations`: a
            # receiver between the verb and the amount comes before any `to` after the amount.
            lead = s.text[end : amount.start - s.start]
            # The receiver ends where the amount's own words begin (`Kyrgyzstan a $3 billion`).
            stop = re.search(r" (?:an?|some|about|approximately|nearly|over|more|up|almost) ", lead)
            if stop is not None and stop.start() > 0:
                lead = lead[: stop.start()]
            opener = lead.strip().split(" ", 1)[0].lower() if lead.strip() else ""
            if opener in ("the", "a", "an", "local") or lead.strip()[:1].isupper():
                recipient = party_in(s.ctx, s.para, s.at(end), s.at(end + len(lead)), True)
        if recipient is None:
            recipient = _slot(s, _TO_RE.search(s.text, end, end + 150)) or _slot(
                s, _TO_NGOS_RE.search(s.text, end, end + 150)
            )
        channel = _slot(s, _THROUGH_RE.search(s.text, end, end + 160))
        status = _status_before(s, start, _word_status(verb, "awarded"))
        funders = [giver] if giver is not None else []
        return _Found(start, funders, recipient, channel, _purpose(s, end), status)
    return None


def rule_funds(s: _Sentence) -> _Found | None:
    """`The GOC funds Integra`, `INL funded 10 performances in Astana`, `Post would fund the
    first symposium`: the subject pays; the object is what it pays for, or who receives."""
    for verb, start, end in s.verbs:
        if verb not in fw.FUND_VERBS or verb.endswith("ing"):
            continue
        if not s.text.startswith(" ", end) or s.text.startswith(" by", end):
            continue  # a passive (`funded by`): rule_funded_by reads it
        if s.text[start - 1 : start] == "-":
            continue  # `U.S.-funded programs`: rule_hyphen_funded reads it
        if not _is_verb(s, start, verb) or s.text[start].isupper():
            continue  # `the fund`, `its funds`, `send funds`, `Human Rights Defenders' Fund`
        if _negated(s, start, end) or re.search(
            r"\b(?:through|by|the|a|an|in|of|for|with|from) [A-Z][\w/.&-]* $",
            s.text[:start],
        ):
            continue  # `through INL funded DEA classes`: a name used as an adjective
        before = s.lowered[max(0, start - 20) : start].split()
        if before and before[-1] in _BE:
            continue  # `was funded`: a passive
        giver = _subject(s, start, adjacent=not s.lowered.endswith("to ", 0, start))
        if giver is None or not giver.named:
            continue
        if verb.startswith("sponsor") and not _PROGRAM_NOUNS.intersection(
            s.lowered[end : end + 50].split()
        ):
            continue  # `Turkey has sponsored the Ankara Process dialogue`: not money
        names = s.ctx.names_in(s.para, s.at(end + 1), s.at(min(len(s.text), end + 6)))
        recipient: Party | None = Party(names[0], True) if names else None
        implement = _IMPLEMENT_RE.search(s.text, end)
        if implement is not None:
            recipient = _slot(s, implement) or recipient
        purpose = None if names else _object_phrase(s.text, end + 1)
        status = _status_before(s, start, "awarded")
        return _Found(start, [giver], recipient, None, purpose, status)
    return None


def rule_hyphen_funded(s: _Sentence) -> _Found | None:
    """`SERNAM conducted G/TIP-funded anti-trafficking programs`, `an INL-sponsored campaign`:
    the name before the hyphen gives; the subject receives when it runs the thing funded."""
    if not any(f"-{word}" in s.lowered for word in _HYPHEN_WORDS):
        return None
    match = _HYPHEN_RE.search(s.text)
    if match is None:
        return None
    funders = [f for f in _slots(s, match) if f.named or _ACRONYM_RE.fullmatch(f.name)]
    if not funders:
        return None  # `Northern-sponsored`, `Japanese-funded`: an adjective, not a body
    purpose = match.group(2).strip() or None
    # `-sponsored` often means hosted (`a UN-sponsored effort`): money only for programs.
    sponsored = "-funded" not in match.group(0) and "-financed" not in match.group(0)
    if sponsored and not _PROGRAM_NOUNS.intersection((purpose or "").lower().split()):
        return None
    if purpose is not None:
        # `an INL-sponsored information campaign aimed to warn`: the noun ends before a verb.
        kept = purpose.split()
        for position, word in enumerate(kept[1:], 1):
            if word.endswith("ed"):
                kept = kept[:position]
                break
        purpose = " ".join(kept)
    head = s.text[: match.start()]
    recipient = None
    if _RUNS_RE.search(head.lower()) or head.rstrip().endswith(","):
        recipient = _subject(s, match.start(), adjacent=False)
    elif re.search(r"(?:^\W*|: )(?:In|Under|Through|With|As part of) (?:an?|the|its) $", head):
        # `In a PRM-funded project for FY2009, IOM has teamed up ...`: IOM's project.
        comma = s.text.find(", ", match.end())
        if 0 <= comma - match.end() < 60:
            recipient = actor(s.ctx, s.para, s.at(comma + 2), s.at(min(len(s.text), comma + 60)))
    return _Found(match.start(), funders, recipient, None, purpose)


def rule_budget(s: _Sentence) -> _Found | None:
    """`The GOC's budget for victim assistance was nearly USD 2 million in 2006`: an owner's
    budget with its amount; the owner pays."""
    if "budget" not in s.lowered:
        return None
    match = _BUDGET_RE.search(s.lowered)
    if match is None or _amount_near(s, match.end(), 40) is None:
        return None
    head = re.search(
        r"(?:'s|’s|\b(?:has|had|have) (?:an?|the|its|their) (?:total |annual |overall )?)\s*$",
        s.text[: match.start()],
    )
    # `the GOC's budget`, `the FIU had a budget`; `the 2008 GOI budget`: a name just before it
    owner = _subject(s, head.start()) if head else _named_at(s, match.start() - 1)
    if owner is None:
        return None
    purpose = match.group(1).strip() if match.group(1) else None
    return _Found(match.start(), [owner], None, None, purpose)


RULES: tuple[tuple[str, Rule], ...] = (
    ("funded_by", rule_funded_by),
    ("with_funding_from", rule_with_funding_from),
    ("comes_from", rule_comes_from),
    ("received", rule_received),
    ("gave", rule_gave),
    ("funds", rule_funds),
    ("hyphen_funded", rule_hyphen_funded),
    ("budget", rule_budget),
)
"""The funding rules, most specific first; the first that reads a sentence wins."""


def _named_at(s: _Sentence, offset: int) -> Party | None:
    """Return the entity named just before sentence offset `offset` (`Podruga, funded by`)."""
    for mention in reversed(s.para.mentions_between(s.start, s.at(offset))):
        if mention.kind != "place" and s.at(offset) - mention.end <= 1:
            return Party(mention.name, True)
        break
    return None


def _clause_before(s: _Sentence, start: int, recipient: Party) -> str | None:
    """Return what the subject did before `with funding from` (`established a shelter`)."""
    head = 0
    for mention in s.para.mentions_between(s.start, s.at(start)):
        if mention.name == recipient.name:
            head = mention.end - s.start
            break
    words = s.text[head:start].strip(" ,")
    return words if len(words.split()) >= 2 and head else None


# --- the statement --------------------------------------------------------------------------


def _kind(lowered: str, funder: Party | None) -> FundingKind:
    """Return the kind of money a sentence tells of, from its words and its giver."""
    if (
        "in-kind" in lowered
        or ("donat" in lowered and any(w in lowered for w in fw.IN_KIND_WORDS))
        or _IN_KIND_RE.search(lowered)
    ):
        return "in-kind"
    if "loan" in lowered:
        return "loan"
    if re.search(r"\bcontracts?\b", lowered):
        return "contract"
    if re.search(
        r"\bforeign (?:funds|funding|grants?|donors?|ngos?|sources|money|donations)|"
        r"from (?:abroad|a foreign|foreign)",
        lowered,
    ):
        return "foreign"
    if "grant" in lowered:
        return "grant"
    if (
        "budget" in lowered
        or "state funds" in lowered
        or ("allocat" in lowered and funder is not None and _governmental(funder.name))
    ):
        return "budget"
    if "donat" in lowered:
        return "donation"
    return "funding"


def _governmental(name: str) -> bool:
    lowered = name.lower()
    if re.fullmatch(r"go[a-z]{1,2}", lowered):
        return True  # `GOK`, `GOC`, `GoA`
    return any(re.search(rf"\b{word}\b", lowered) for word in fw.GOVERNMENT_WORDS[:-1])


def _period(s: _Sentence) -> tuple[int | None, int | None, str | None]:
    """Return the first and last year a sentence gives and the words that state them."""
    match = _YEAR_SPAN_RE.search(s.text)
    if match is None:
        if re.search(r"\b[Tt]his year\b", s.text) and s.ctx.created is not None:
            return s.ctx.created.year, None, "this year"
        return None, None, None
    first = int(match.group(1))
    if re.match(r"(?:through|until|till) ", match.group(0).lower()):
        return None, first, match.group(0)  # `through 2011`: when it ends
    last: int | None = None
    tail = match.group(2) or match.group(3)
    if tail:
        last = int(tail) if len(tail) == 4 else int(match.group(1)[:2] + tail)
        if last <= first:
            last = None
    return first, last, match.group(0).strip()


def _build(s: _Sentence, found: _Found, name: str) -> list[Funding]:
    """Return the funding statements a rule's reading gives: one per giver and per amount."""
    if not found.funders and found.recipient is None:
        return []  # money no one is said to give or receive
    amounts = _amounts(s, found.anchor)
    first, last, period = _period(s)
    window = s.lowered[max(0, found.anchor - 50) : found.anchor + 70]
    results: list[Funding] = []
    funders: list[Party | None] = list(found.funders) or [None]
    for funder in funders:
        recipient = found.recipient
        if recipient is not None and funder is not None and recipient.name == funder.name:
            recipient = None  # a body funding itself: the sentence does not say who receives
        options: list[Figure | None] = [*amounts] if amounts else [None]
        for amount in options:
            year = amount.year if amount is not None and amount.year else first
            results.append(
                Funding(
                    funder.name if funder else None,
                    recipient.name if recipient else None,
                    _recipient_kind(s.ctx, recipient),
                    found.channel.name if found.channel else None,
                    amount.text if amount else None,
                    amount.value if amount else None,
                    amount.unit if amount else None,
                    _trim(found.purpose),
                    year,
                    last if year == first else None,
                    s.ctx.source(s.para, s.at(found.anchor)),
                    kind=_kind(window, funder),
                    status=found.status,
                    period=period if year == first else (f"in {year}" if year else None),
                    per=amount.per if amount else None,
                    converted_value=amount.converted_value if amount else None,
                    converted_unit=amount.converted_unit if amount else None,
                    rule=name,
                )
            )
    return results


def _amounts(s: _Sentence, anchor: int) -> list[Figure]:
    """Return the amounts a statement is about: every amount when each is for its own year
    (`N tenge in 2007, M tenge in 2008`), else the nearest after its verb, else before it."""
    if len(s.money) >= 2 and len({f.year for f in s.money if f.year}) == len(s.money):
        return list(s.money)
    after = [f for f in s.money if 0 <= f.start - s.start - anchor <= 160]
    if after:
        return after[:1]
    before = [f for f in s.money if 0 < anchor - (f.start - s.start) <= 100]
    return before[-1:]


def _recipient_kind(ctx: Context, recipient: Party | None) -> EntityKind | None:
    if recipient is None or not recipient.named:
        return None
    kind = ctx.kind_of(recipient.name)
    return kind if kind in ("org", "person") else None


def _trim(purpose: str | None) -> str | None:
    if purpose is None:
        return None
    purpose = purpose.strip(" ,;:")
    if len(purpose) > 200:
        purpose = purpose[:200].rsplit(" ", 1)[0] + " ..."
    return purpose or None


def rule_funding(ctx: Context, para: Para) -> None:
    """Find funding statements: grants, allocations, foreign funds, in-kind support, loans and
    requests, each with giver, receiver, channel, amount, period, purpose, kind and status."""
    hints = para.hints
    if "funding" not in hints and "money" not in hints:
        return
    lowered = para.lowered
    sentences = para.sentences
    wanted: set[int] = set()
    wanted.update(sentences.index(start) for start in _words_in("funding", lowered))
    money = [
        f
        for f in para.memo(MONEY_KEY, list[Figure])
        if f.role != "penalty" and not (f.role == "price" and f.per is not None)
    ]
    for index in {sentences.index(f.start) for f in money} - wanted:
        # An amount next to a giving or receiving verb (`Raices receives about USD 150,000`).
        if _words_in("verb", lowered, *sentences.bounds(index)):
            wanted.add(index)
    for index in sorted(wanted):
        start, end = sentences.bounds(index)
        text = para.text[start:end].rstrip()
        low = lowered[start : start + len(text)]
        verbs = [
            (m.group(0), m.start(), m.end())
            for m in _LOWER_WORD_RE.finditer(low)
            if m.group(0) in _VERBS
        ]
        s = _Sentence(
            ctx, para, start, text, low, [f for f in money if start <= f.start < end], verbs
        )
        for name, rule in RULES:
            found = rule(s)
            if found is None:
                continue
            fundings = _build(s, found, name)
            ctx.fundings.extend(fundings)
            _mark_amounts(ctx, {f.amount for f in fundings if f.amount}, s)
            break


def _mark_amounts(ctx: Context, texts: set[str | None], s: _Sentence) -> None:
    """Give the amounts a funding statement uses the role `funding`."""
    for position, figure in enumerate(ctx.figures):
        if figure in s.money and figure.text in texts and figure.role is None:
            ctx.figures[position] = replace(figure, role="funding")
