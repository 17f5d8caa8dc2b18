"""Clauses of a sentence and the subject of each: who a clause says does, has or says something.

The rules are read off English cable prose, not learnt: a clause's subject is the noun phrase
before its first verb, after any opening adverbial (`In 2008,`, `With funding from X,`,
`According to X,`). A name inside that phrase is the actor unless a preposition ties it to
another head (`the formation of the group`), except for heads that speak for a body
(`the director of X`, `officials from X`). A pronoun or a description (`the NGO`) is left for
`attribution.py` to resolve. Nothing here knows any name: only word classes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Literal

SubjectKind = Literal["named", "pronoun", "description", "none", "other"]
"""How a clause names its subject: by name, by a pronoun, by a description (`the NGO`), not
at all (`Provides training ...` in a list entry), or by a phrase naming no party."""

_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*\.?|\d+(?:[.,]\d+)*|[(),;:\"“”]")

DETERMINERS = frozenset(
    """the a an this that these those another both all each some many most several any no such
    one two three four five six seven eight nine ten other various certain""".split()
)
POSSESSIVE_PRONOUNS = frozenset({"its", "his", "her", "their"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "it", "they"})
POST_PRONOUNS = frozenset(
    """we our post embassy mission emboffs emboff poloff poloffs econoff econoffs polchief
    pol/econ polecon polec""".split()
)
"""Words by which a cable names its own post as the one who acts or judges."""
PREPOSITIONS = frozenset(
    """of in for from by with to at on about against among between under through including like
    within without into onto over via per across toward towards near before after during since
    until following despite beyond around behind except regarding concerning amid upon""".split()
)
ROLE_HEADS = frozenset(
    """head heads director directors president chairman chairwoman chair leader leaders founder
    founders members member representative representatives staff officials official officer
    officers spokesman spokeswoman spokesperson coordinator chief lawyers lawyer activists
    employees volunteers experts researchers team secretary deputy manager managers board
    executive""".split()
)
"""Heads whose `of X` or `from X` phrase speaks for X (`the director of X said`)."""
DOCUMENT_HEADS = frozenset(
    """report reports study survey statement letter brochure article editorial story website
    communique press release assessment poll""".split()
)
"""Heads of a document whose author speaks through it (`a report by X found ...`)."""
DESCRIPTION_HEADS = frozenset(
    """ngo ngos organization organisation group foundation association network coalition union
    league society institute center centre shelter fund party council committee commission
    agency ministry office department bureau court movement alliance federation corporation
    company firm bank embassy unit hotline clinic school""".split()
)
"""Heads of a description that stands for a body named before (`the NGO`, `this ministry`)."""
FACILITY_HEADS = frozenset({"shelter", "center", "centre", "hotline", "clinic", "school"})
"""Heads of a facility a body runs: `the shelter` stands for the body that runs it."""
KIN_NOUNS = frozenset(
    """father mother parents husband wife son daughter sons daughters brother sister brothers
    sisters uncle aunt grandmother grandfather grandparents family cousin nephew niece
    children child boyfriend girlfriend fiance friend friends relatives relative stepfather
    step-father stepmother step-mother brother-in-law sister-in-law classmate employer boss
    lawyer colleague colleagues""".split()
)
"""Nouns of a person's relatives and circle: `her uncle` is not she."""
OTHER_PARTY_NOUNS = frozenset(
    """critics opponents enemies rivals detractors attackers victims competitors adversaries
    challengers foes""".split()
)
"""Nouns of those who stand against a party: `the MST's critics` are not the MST."""
HUMAN_NOUNS = KIN_NOUNS | frozenset(
    """girl girls woman women man men boy boys victim victims student students person people
    mother individual resident residents minor minors teenager youth kin""".split()
)
"""Heads of a subject that is a person no name names: a `she` after them is not anyone named."""
AUXILIARIES = frozenset(
    """is are was were be been being has have had will would can could may might shall should
    must do does did isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't
    cannot couldn't doesn't don't didn't""".split()
)
SPEECH_VERBS = frozenset(
    """say says said tell tells told note notes noted state states stated argue argues argued
    claim claims claimed complain complains complained report reports reported explain
    explains explained add adds added assert asserts asserted allege alleges alleged accuse
    accuses accused insist insists insisted emphasize emphasizes emphasized emphasise
    emphasises emphasised stress stresses stressed believe believes believed think thinks
    thought warn warns warned acknowledge acknowledges acknowledged admit admits admitted
    confirm confirms confirmed deny denies denied describe describes described criticize
    criticizes criticized criticise criticises criticised praise praises praised urge urges
    urged ask asks asked request requests requested express expresses expressed suggest
    suggests suggested recommend recommends recommended propose proposes proposed
    indicate indicates indicated comment comments commented remark
    remarks remarked observe observes observed announce announces announced declare declares
    declared contend contends contended predict predicts predicted agree agrees agreed
    lament laments lamented fear fears feared hope hopes hoped expect expects expected
    charge charges charged assess assesses assessed consider considers considered
    characterize characterizes characterized characterise characterises characterised
    caution cautions cautioned reiterate reiterates reiterated opine opines opined worry
    worries worried questioned recounted related conceded concede concedes attributed blamed
    blames blame wrote writes write saying telling noting arguing claiming complaining
    urging asking calling pressing recommending suggesting proposing warning requesting
    insisting stressing emphasizing expressing criticizing praising accusing alleging
    lobbying enthuse enthuses enthused echo echoes echoed inform informs informed""".split()
)
"""Verbs that report speech, a view or a judgement: the clause is its subject's claim."""
IRREGULAR_VERBS = frozenset(
    """began begin begins gave give gives ran run runs led lead leads met meet meets took take
    takes made make makes sent send sends held hold holds won win wins paid pay pays built
    build builds found finds kept keep keeps left leaves lost loses put puts set sets spent
    spend spends became become becomes brought bring brings came come comes went go goes got
    gets sought seeks seek taught teaches teach oversaw oversees oversee drew draws draw
    grew grows saw sees rose rises fell falls hid hides chose chooses bought buys sold sells
    fought fights understood understands knew knows meant means""".split()
)
ADVERBS = frozenset(
    """also both all reportedly recently currently now already still only often typically
    usually generally further then later previously subsequently repeatedly publicly
    privately strongly clearly actively formally officially initially never not frequently
    regularly jointly separately together alone again once even just mainly mostly largely
    primarily particularly especially continually consistently successfully allegedly
    apparently reportedly openly long soon first finally each either""".split()
)
_OPENING_WORDS = frozenset(
    """in on at during since after before following last this next however also additionally
    separately meanwhile moreover furthermore nevertheless nonetheless instead still then
    now today yesterday recently earlier later previously currently overall finally first
    second third similarly likewise unfortunately fortunately notably specifically
    ultimately consequently thus therefore as while although though because when despite
    under through with from for by over within until upon once if given beginning starting
    in addition separately besides otherwise indeed accordingly regardless""".split()
)
_EXPLETIVE_RE = re.compile(
    r"it (?:is|was|will be|would be|has been|had been|seems|seemed|appears|appeared|remains|"
    r"remained|takes|took|may be|might be|could be|should be|is not|was not|became|becomes|"
    r"has become|is becoming|makes sense|goes without) ",
    re.IGNORECASE,
)
_MARKER_RE = re.compile(
    r"\s*(?:[-–—•*]{1,2}\s*)?(?:\(?(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})[).]\s+)?"
    r"(?:\((?:U|C|S|TS|SBU|LOU|FOUO)(?:\s*/{1,2}\s*[A-Z]{2,7})*\)\s*)?"
    r"(?:(?:SUMMARY|COMMENT|END SUMMARY|END COMMENT)\s*[:.]\s*)?"
)
"""Furniture before a clause's words: a list marker, a portion mark, a section marker."""
_CONJUNCTION_RE = re.compile(r"(?:and|but|while|whereas|although|though|yet|or|so)\s+", re.I)
_CLAUSE_SPLIT_RE = re.compile(r";\s+|,\s+(?=(?:and|but|while|whereas|although|though)\s)")

MAX_SUBJECT_TOKENS = 24
"""How far into a clause its subject is looked for: a subject longer than this is not a name."""


@dataclass(frozen=True, slots=True)
class Span:
    """A name found in the text, as the clause reader sees it: where it is and what it names."""

    start: int
    """Offset of its first character in the paragraph."""
    end: int
    """Offset just past it."""
    name: str
    """The canonical name."""
    kind: str
    """`org` or `person` (places never act)."""


@dataclass(frozen=True, slots=True)
class Subject:
    """The subject of one clause, as far as word classes tell."""

    kind: SubjectKind
    """How the subject is written."""
    names: tuple[str, ...] = ()
    """The parties named as its subject (`named`), in order."""
    word: str | None = None
    """The pronoun or the description's head (`it`, `their`, `ngo`, `ministry`, `we`)."""
    speech: bool = False
    """True when its verb reports speech or a view (`said`, `noted`, `criticized`)."""
    head: str | None = None
    """The head word of a subject that names no party (`girl` in `the girl learned`)."""
    represented: bool = False
    """True when a named body acts through a person (`INL Officer said`, `IOM officials`)."""
    bare: bool = False
    """True when the clause opens with a word that is neither a determiner, a pronoun, a
    number nor a name (`Raise the profile of ...`): an item without a subject of its own."""
    owned: str | None = None
    """The body a possessive subject names (`organization` in `Rubio's organization`, `his own
    group`): the subject is that person's organization, not the person."""
    reporter: tuple[str, ...] = ()
    """Parties an `According to X` names: the clause is their account."""
    end: int | None = None
    """Offset where the subject's words end (its verb starts), when known."""
    tagged: bool = False
    """True when the speaker comes from a speech tag (`Sebastian, he said, was forthright`):
    the words it reports have a subject of their own, which a later `it` may mean."""


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause of a sentence."""

    start: int
    """Offset of its first character in the paragraph."""
    end: int
    """Offset just past it."""
    subject: Subject
    """Its subject."""


Token = re.Match[str]
"""A word or a punctuation mark of a paragraph, as its match: `start()`, `end()` and `[0]`, its
text (kept as the match: building a tuple of each costs more than reading the few looked at)."""

_Range = tuple[int, int] | None


@dataclass(slots=True)
class Words:
    """The tokens of one paragraph, read where a clause needs them and shared by every clause
    read in it."""

    text: str
    """The paragraph text."""
    openings: dict[tuple[int, int], tuple[int, _Range, _Range]] = field(default_factory=dict)
    """Each clause's opening as `_opening` found it, kept for the next rule reading it."""
    _tokens: list[Token] | None = None
    _starts: list[int] | None = None

    @classmethod
    def of(cls, text: str) -> Words:
        """Return the words of `text` (tokenized on demand)."""
        return cls(text)

    def window(self, start: int, end: int, limit: int) -> list[Token]:
        """Return the first `limit` tokens of `text[start:end]`, as the paragraph's tokens
        give them: those lying in the span, the one the span ends inside cut where it ends."""
        text = self.text
        if start == 0 or start >= len(text) or not _joined(text[start - 1], text[start]):
            # Nothing before `start` joins a token to it: tokenizing from `start` reads what
            # tokenizing the whole paragraph would, and costs only the clause's first words.
            return list(islice(_TOKEN_RE.finditer(text, start, end), limit))
        return self._window_of_all(start, end, limit)

    def _window_of_all(self, start: int, end: int, limit: int) -> list[Token]:
        # `start` may fall inside a token: take the paragraph's tokens, found once.
        if self._tokens is None or self._starts is None:
            self._tokens = list(_TOKEN_RE.finditer(self.text))
            self._starts = [token.start() for token in self._tokens]
        first = bisect_left(self._starts, start)
        found = self._tokens[first : first + limit]
        if not found or found[-1].end() <= end:
            return found
        # The span ends before its last tokens: keep those inside it, and cut the one it ends
        # inside where the span ends (`organiz` of `organization` at a 260-character limit).
        kept = [token for token in found if token.end() <= end]
        crossing = next((t for t in found[len(kept) :] if t.start() < end), None)
        if crossing is not None:
            kept.extend(_TOKEN_RE.finditer(self.text, crossing.start(), end))
        return kept[:limit]


_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'’-")


def _joined(before: str, after: str) -> bool:
    """Return True when one token may hold both `before` and the character `after` it: a
    word's letters (`after` may be its closing full stop) or a number's digits and marks."""
    if before in _WORD_CHARS:
        return after in _WORD_CHARS or after == "."
    if before.isdecimal():
        return after.isdecimal() or after in ".,"
    return before in ".," and after.isdecimal()


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the clause spans of the sentence `text[start:end]`: at `;` and `, and <...>`."""
    spans: list[tuple[int, int]] = []
    head = start
    for match in _CLAUSE_SPLIT_RE.finditer(text, start, end):
        if match.start() - head > 12 and (
            _item_has_verb(text, match.end(), end)
            if text[match.start()] == ";"
            else _opens_clause(text, match.end(), end)
        ):
            spans.append((head, match.start()))
            head = match.end()
    spans.append((head, end))
    return spans


def _opens_clause(text: str, start: int, end: int) -> bool:
    """Return True when `and ...` at `start` carries a verb of its own (`and trained 500`,
    `and the Ministry argues`), not one more item of a list (`and educational support`)."""
    following = text[start : min(end, start + 80)].split()[1:8]
    if following and following[0].lower() == "that":
        return False  # `He said he had ..., and that MST needed to ...`: more of what he said
    for index, raw in enumerate(following):
        lower = raw.lower()
        word = lower.strip(_PUNCTUATION)
        if not word or (word != lower.rstrip(".") and lower[-1:] in ",;:()"):
            return False  # a comma or a bracket ends the words a clause would open with
        if _is_verb(word) or (index == 0 and word.endswith("s") and not word.endswith("ss")):
            return True
    return False


_PUNCTUATION = "\"'“”‘’()[],.;:!?"


def _item_has_verb(text: str, start: int, end: int) -> bool:
    """Return True when the words after a `;` at `start` (to the next `;`) carry a verb: a
    clause of its own (`; the Ministry trained 500`, `; runs a shelter`), not one more item of
    a list the clause before opened (`He met with X; the director of Y; and Z`)."""
    stop = text.find(";", start, end)
    words = text[start : stop if stop != -1 else end].split()
    for index, raw in enumerate(words):
        if raw[:1].isupper():
            continue  # a name's word (`State` in `Sao Paulo State Federation`), not a verb
        word = raw.lower().strip(_PUNCTUATION)
        if _is_verb(word) or (index < 2 and word.endswith("s") and not word.endswith("ss")):
            return True
    return False


def clause_opening(words: Words, start: int, end: int) -> int:
    """Return where the words of the clause `text[start:end]` proper begin: after its list
    marker, portion mark, joining conjunction and opening phrase (`In 2008,`, `Finally,`)."""
    position = _opening(words, start, end)[0]
    text = words.text
    while position < end and text[position].isspace():
        position += 1
    return position


def _opening(words: Words, start: int, end: int) -> tuple[int, _Range, _Range]:
    """Return where a clause's words begin after its marker, conjunction and up to two
    opening phrases (`However, since ..., X did`), and the span of each phrase that is an
    `According to X,` (whose names are the clause's reporters); found once per clause."""
    known = words.openings.get((start, end))
    if known is not None:
        return known
    text = words.text
    pos = _MARKER_RE.match(text, start, end)
    position = pos.end() if pos else start
    conjunction = _CONJUNCTION_RE.match(text, position, end)
    if conjunction is not None:
        position = conjunction.end()
    skipped, according = _skip_opening(words, position, end)
    again: _Range = None
    if skipped != position:
        # Only a first phrase skipped may have a second after it: the same call at the same
        # offset would find nothing again (the common case, most clauses open on their subject).
        skipped, again = _skip_opening(words, skipped, end)
    position = skipped
    words.openings[start, end] = found = (position, according, again)
    return found


def read_subject(words: Words, start: int, end: int, names: Sequence[Span]) -> Subject:
    """Return the subject of the clause `text[start:end]`; `names` are the parties named in it,
    in text order."""
    text = words.text
    position, according, again = _opening(words, start, end)
    reporter = _names_within(names, according) or _names_within(names, again)
    tag = _speech_tag(words, position, end, names)
    if tag is not None:
        return tag
    tokens = words.window(position, end, MAX_SUBJECT_TOKENS + 8)
    first = tokens[0][0].lower().rstrip(".") if tokens else ""
    if first in PERSONAL_PRONOUNS:
        if first == "it" and _EXPLETIVE_RE.match(text, tokens[0].start()):
            return Subject("other", reporter=reporter)
        return Subject(
            "pronoun",
            word=first,
            speech=_speech_after(tokens, 1),
            reporter=reporter,
            end=tokens[0].end(),
        )
    if first in POST_PRONOUNS and (first != "embassy" or tokens[0][0][0].isupper()):
        return Subject("pronoun", word="we", speech=_speech_after(tokens, 1), reporter=reporter)
    if first == "there" and len(tokens) > 1 and tokens[1][0].lower() in _BE_WORDS:
        # `There is a formally recognized NGO, "Anassir", which advocates ...`: the body it
        # introduces is what the clause is about.
        introduced = [n for n in names if n.start < tokens[min(len(tokens) - 1, 12)].end()]
        if introduced:
            return Subject("named", (introduced[0].name,), reporter=reporter)
        return Subject("other", reporter=reporter)
    return _noun_phrase(text, tokens, names, reporter)


def _names_within(names: Sequence[Span], bounds: _Range) -> tuple[str, ...]:
    if bounds is None:
        return ()
    return tuple(s.name for s in names if bounds[0] <= s.start < bounds[1])


_BE_WORDS = frozenset({"is", "are", "was", "were", "remain", "remains", "exist", "exists"})


_TAG_VERBS = (
    r"said|says|noted|notes|added|adds|explained|stated|claimed|claims|argued|complained|"
    r"insisted|asserted|observed|commented|remarked|concluded|warned|acknowledged|believes|"
    r"believed|thinks|thought|reported|reports|alleged|stressed|emphasized|cautioned|conceded|"
    r"lamented|recalled|enthused|told (?:us|poloff|emboffs?|the [A-Za-z]+)"
)
_TAG_RE = re.compile(
    rf"[,;]\s*[\"”]?\s*(?P<who>[^,;\"”]{{1,60}}?)\s+(?:also\s+|later\s+|then\s+)?"
    rf"(?:{_TAG_VERBS})(?:\s+(?:that|us|to us))?\s*[.,;]?\s*[\"”]?\s*$"
    rf"|[,;]\s*[\"”]?\s*(?:{_TAG_VERBS})\s+(?P<who2>[^,;\"”]{{1,60}}?)\s*[.;]?\s*[\"”]?\s*$"
    rf"|,\s*(?P<who3>he|she|they|[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){{0,3}})\s+(?:{_TAG_VERBS}),\s"
)
"""A speech tag after the words it reports (`..., Shah said.`, `..., said the Minister.`) or
inside them (`..., he claimed, ...`)."""


_TAG_HINT_RE = re.compile(rf",[^,]{{0,70}}\b(?:{_TAG_VERBS})\b")


def _speech_tag(words: Words, start: int, end: int, names: Sequence[Span]) -> Subject | None:
    """Return the speaker a tag names, when the clause carries one; the clause is theirs."""
    text = words.text
    if end - start < 20 or _TAG_HINT_RE.search(text, max(start, end - 120), end) is None:
        return None  # no tag verb near its end: the common case, found by one cheap search
    match = _TAG_RE.search(text, max(start, end - 120), end)
    if match is None or match.start() <= start:
        return None
    group = next(g for g in ("who", "who2", "who3") if match.group(g) is not None)
    who_start, who_end = match.span(group)
    who = match.group(group).strip().lower()
    if who in ("he", "she", "they"):
        return Subject("pronoun", word=who, speech=True, tagged=True)
    named = tuple(s.name for s in names if who_start <= s.start < who_end)
    if not named or len(who.split()) > 6:
        return None
    return Subject("named", named, speech=True, tagged=True)


def _noun_phrase(
    text: str,
    tokens: list[Token],
    names: Sequence[Span],
    reporter: tuple[str, ...],
    opened: bool = False,
) -> Subject:
    found: list[str] = []
    blocked = False  # a preposition ties the next name to another head
    head: str | None = None
    possessive: str | None = None
    represented = False
    document = False  # `a report by X found ...`: X's words
    index = 0
    while index < len(tokens) and index < MAX_SUBJECT_TOKENS:
        token = tokens[index]
        word = token[0]
        span = _span_at(names, token.start())
        if span is not None:
            index = _after(tokens, index, span.end)
            owned = _owned_body(text, span.end)
            if owned is not None and not found and not blocked and span.kind == "person":
                return Subject("named", (span.name,), owned=owned, reporter=reporter)
            if _kin_after(text, span.end):
                # `Marina's uncle drank`: the uncle acts, whom no name here names.
                return Subject("other", head="kin", reporter=reporter)
            if not blocked:
                found.append(span.name)
            if found and index < len(tokens):
                nxt = tokens[index][0].lower()
                # `X and Y`, `X, Y and Z`: every name of a compound subject acts.
                if nxt in ("and", "or", "nor", ",") and _span_at_token(tokens, index + 1, names):
                    index += 1
                    continue
                if nxt == "," and index + 1 < len(tokens):
                    index = _skip_apposition(tokens, index + 1)
                    continue
                if nxt == "(":
                    index = _skip_parenthesis(tokens, index)
                    continue
            continue
        lower = word.lower().rstrip(".")
        if found:
            # After the subject, the first word that is no part of it is the verb.
            if lower in ("'s", "’s", ",") or word == "(" or lower in ADVERBS:
                index += 1
                continue
            if lower in ROLE_HEADS:
                represented = True  # `INL Officer said`: a person speaking for the body
                index += 1
                continue
            if word[:1].isupper() or lower in _NAME_PARTICLES:
                # `President of X Juan de Dios Parra claimed`: his name, which no rule knew.
                represented = True
                index += 1
                continue
            if lower in DOCUMENT_HEADS:
                document = True  # `The OMP's report linked ...`
            if lower in PREPOSITIONS or _is_noun_after_possessive(text, tokens, index):
                index += 1
                continue
            return Subject(
                "named",
                tuple(dict.fromkeys(found)),
                speech=document or _speech_at(tokens, index),
                reporter=reporter,
                represented=represented,
                end=tokens[index].start(),
            )
        if lower in POSSESSIVE_PRONOUNS and index == 0:
            nxt = tokens[1][0].lower() if len(tokens) > 1 else ""
            if nxt in KIN_NOUNS or nxt in OTHER_PARTY_NOUNS:
                return Subject("other", head="kin", reporter=reporter)
            possessive = lower
            index += 1
            continue
        if lower in DETERMINERS:
            index += 1
            continue
        if lower in PREPOSITIONS:
            if head in DOCUMENT_HEADS:
                document = True
            # Once a preposition ties the phrase to a head that does not speak for a body
            # (`the killing of two directors of X`), no name after it is the subject.
            blocked = (
                blocked or head is None or (head not in ROLE_HEADS and head not in DOCUMENT_HEADS)
            )
            index += 1
            continue
        if lower == "(":
            index = _skip_parenthesis(tokens, index)  # `Land invasions (or ..., as X ...)`
            continue
        if lower in (",", ")", '"', "“", "”", ":"):
            if lower == "," and head is not None:
                if not opened and index + 1 < len(tokens):
                    # `A few days before the DCM's visit, the girl learned`: what stood before
                    # the comma, with no verb, was an opening phrase; the subject follows it.
                    after = _noun_phrase(text, tokens[index + 1 :], names, reporter, opened=True)
                    if after.kind not in ("other", "none"):
                        return after
                    human = after.head if after.head in HUMAN_NOUNS else head
                    return Subject("other", head=human, reporter=reporter)
                break
            index += 1
            continue
        if head is not None and lower in ADVERBS and lower not in ("first", "each", "all", "both"):
            break  # `This NGO also reports`: an adverb after the head opens the verb group
        if _is_verb(lower) and not (head is not None and _noun_too(lower)):
            if head is not None and lower in _AGENT_PARTICIPLES:
                agents = _agents_after(tokens, index + 1, names)
                if agents:
                    # `A program conducted jointly by the PDI and IOM trained ...`: theirs.
                    return Subject("named", agents, reporter=reporter)
            break  # `A January 20 report by X found`: after a noun, `report` is one too
        head = lower
        index += 1
    if found:
        return Subject(
            "named", tuple(dict.fromkeys(found)), reporter=reporter, represented=represented
        )
    if possessive is not None:
        body = _OWN_BODY_RE.match(text, tokens[0].end()) if tokens else None
        return Subject(
            "pronoun",
            word=possessive,
            reporter=reporter,
            owned=body.group(1) if body else None,
            end=tokens[min(index, len(tokens) - 1)].start() if tokens else None,
        )
    if head in DESCRIPTION_HEADS and not blocked and index < len(tokens) and tokens:
        return Subject(
            "description",
            word=head,
            speech=_speech_at(tokens, index),
            reporter=reporter,
            end=tokens[index].start(),
        )
    if head is None and tokens and _is_verb(tokens[0][0].lower()):
        return Subject("none", reporter=reporter)
    first = tokens[0][0] if tokens else ""
    lowered = first.lower()
    bare = (
        bool(first)
        and first[0].isalpha()
        and lowered not in DETERMINERS
        and lowered not in PREPOSITIONS
        and lowered not in _OPENING_WORDS
        and lowered not in POSSESSIVE_PRONOUNS
    )
    return Subject("other", head=head, reporter=reporter, bare=bare)


_AGENT_PARTICIPLES = frozenset(
    """conducted run organized organised implemented led operated managed carried held hosted
    coordinated""".split()
)
"""Participles whose agent (`by X`) does what the phrase they end does (`a program run by X`)."""


def _agents_after(
    tokens: list[re.Match[str]], index: int, names: Sequence[Span]
) -> tuple[str, ...]:
    """Return the parties named after `[jointly] by` at `index` (`by the PDI and the IOM`),
    when a verb follows them: the phrase before was the clause's subject, and theirs."""
    if index < len(tokens) and tokens[index][0].lower() in ADVERBS:
        index += 1
    if index >= len(tokens) or tokens[index][0].lower() != "by":
        return ()
    index += 1
    found: list[str] = []
    while index < len(tokens):
        span = _span_at(names, tokens[index].start())
        if span is not None:
            found.append(span.name)
            index = _after(tokens, index, span.end)
            continue
        word = tokens[index][0].lower()
        if word in ("and", "the", ","):
            index += 1
            continue
        if word == "(":
            index = _skip_parenthesis(tokens, index)
            continue
        break
    if not found or index >= len(tokens) or not _is_verb(tokens[index][0].lower()):
        return ()
    return tuple(dict.fromkeys(found))


def _noun_too(word: str) -> bool:
    """Return True for a verb's base form that is also a noun (`report`, `claim`, `request`)."""
    return word in SPEECH_VERBS and not word.endswith(("ed", "s")) and word not in AUXILIARIES


_NAME_PARTICLES = frozenset({"de", "del", "la", "van", "von", "bin", "al", "da", "dos", "el"})
"""Small words inside people's names (`Juan de Dios Parra`)."""


def _kin_after(text: str, offset: int) -> bool:
    """Return True when `'s` and a relative follow a name (`Marina's uncle`)."""
    if not text.startswith(("'s ", "’s "), offset):
        return False
    word = text[offset + 3 : offset + 20].split(" ", 1)[0].strip(",.").lower()
    return word in KIN_NOUNS or word in OTHER_PARTY_NOUNS


def _skip_opening(words: Words, position: int, end: int) -> tuple[int, _Range]:
    """Skip an opening adverbial up to its comma; return where the clause proper starts and,
    for an `According to X,`, the span whose names are the clause's reporters."""
    opening = _FIRST_WORD_RE.match(words.text, position, end)
    if opening is None:
        return position, None
    first = opening.group(1).lower()
    participle = first.endswith(("ed", "ing")) and len(first) > 4
    # `To carry out the consensus ..., the IYC has advocated`: a purpose, then the subject.
    purpose = first == "to"
    if first not in _OPENING_WORDS and not participle and not purpose:
        return position, None
    tokens = words.window(position, min(end, position + 260), 28)
    subordinate = first in _SUBORDINATORS or participle or purpose
    for index, token in enumerate(tokens[:28]):
        word = token[0]
        if word == ",":
            return token.end(), (position, token.start()) if first == "according" else None
        if word in (";", ":"):
            break
        if word.lower() in _SUBORDINATORS:
            subordinate = True  # `In 1998 when X began ...,`: its verb is not the clause's
        if index and _is_verb(word.lower()) and first != "according" and not subordinate:
            break
    # No comma: `In 2008 Raices trained ...` skips only a date or a number after the preposition.
    if first in ("in", "on", "during", "since", "by") and len(tokens) > 1:
        skip = 1
        while skip < len(tokens) and (
            tokens[skip][0][:1].isdigit() or tokens[skip][0].rstrip(".") in _MONTH_WORDS
        ):
            skip += 1
        if skip > 1 and skip < len(tokens):
            return tokens[skip].start(), None
    return position, None


_SUBORDINATORS = frozenset(
    "when while although though because if since after before as once until whereas unless".split()
)
_FIRST_WORD_RE = re.compile(r"\s*[\"“(]?([A-Za-z][A-Za-z'’-]*)")
_MONTH_WORDS = frozenset(
    """January February March April May June July August September October November December
    early late mid the""".split()
)


_OWN_BODY_RE = re.compile(
    r"(?:'s|’s)? (?:own )?(organi[sz]ation|NGO|group|foundation|association|party|movement|"
    r"network|union|center|centre|shelter|institute)\b",
    re.IGNORECASE,
)


def _owned_body(text: str, offset: int) -> str | None:
    """Return the body word of `Rubio's organization` after a name ending at `offset`."""
    if not text.startswith(("'s", "’s"), offset):
        return None
    match = _OWN_BODY_RE.match(text, offset)
    return match.group(1).lower() if match else None


def _span_at(names: Sequence[Span], offset: int) -> Span | None:
    for span in names:
        if span.start <= offset < span.end:
            return span
        if span.start > offset:
            return None
    return None


def _span_at_token(tokens: list[Token], index: int, names: Sequence[Span]) -> Span | None:
    while index < len(tokens) and tokens[index][0].lower() in ("and", "or", "the", ","):
        index += 1
    return _span_at(names, tokens[index].start()) if index < len(tokens) else None


def _after(tokens: list[Token], index: int, offset: int) -> int:
    while index < len(tokens) and tokens[index].start() < offset:
        index += 1
    return index


def _skip_apposition(tokens: list[Token], index: int) -> int:
    """Skip `, another NGO,` or `, which is in charge of the group,` to the word after it."""
    relative = index < len(tokens) and tokens[index][0].lower() in ("who", "which", "whose")
    for look in range(index, min(len(tokens), index + (40 if relative else 20))):
        if tokens[look][0] == ",":
            return look + 1
        if tokens[look][0] in (";", ":", "(", ")"):
            break
    return index


def _skip_parenthesis(tokens: list[Token], index: int) -> int:
    for look in range(index, min(len(tokens), index + 20)):
        if tokens[look][0] == ")":
            return look + 1
    return index + 1


def _is_noun_after_possessive(text: str, tokens: list[Token], index: int) -> bool:
    """Return True inside `X's office in Chile`: the words after a possessive name its thing."""
    if index == 0:
        return False
    before = text[tokens[index - 1].end() : tokens[index].start()]
    previous = tokens[index - 1][0]
    return previous.endswith(("'s", "’s", "'", "’")) or before.startswith(("'s", "’s"))


def _is_verb(word: str) -> bool:
    word = word.lower().rstrip(".")
    return (
        word in AUXILIARIES
        or word in SPEECH_VERBS
        or word in IRREGULAR_VERBS
        or (len(word) > 4 and word.endswith("ed") and not word.endswith("eed"))
    )


def _speech_at(tokens: list[Token], index: int) -> bool:
    """Return True when the verb group starting at `index` reports speech (`has also noted`)."""
    for look in range(index, min(len(tokens), index + 4)):
        word = tokens[look][0].lower()
        if word in SPEECH_VERBS:
            return True
        if word not in AUXILIARIES and word not in ADVERBS:
            return False
    return False


def _speech_after(tokens: list[Token], index: int) -> bool:
    return _speech_at(tokens, index)
