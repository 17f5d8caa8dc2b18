"""Choose the sentences worth reading first: a cable's summary, its news, never its furniture.

A cable often opens with what a reader of the briefing does not need: a handling notice
(`The entire text of this report is Sensitive But Unclassified`), a pointer (`This is an action
cable; see paras 5 through 7`, `Per reftel A, the following is ...`), a classification reason
or a reference list. The news (a sentence, arrests, a draft law, a Tier placement) is in the
paragraphs after it. The rules here tell the two apart and score every sentence by the facts
it holds, so that a quarterly entry or a digest leads with the news.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from briefgen.extract import CableFacts
from briefgen.models import Cable, Paragraph
from briefgen.summarize.evidence import (
    Sentence,
    clean_sentence,
    label_of,
    marked_paragraph,
    paragraph_sentences,
)

_RULES = re.IGNORECASE

BOILERPLATE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "handling notice",
        re.compile(
            r"\b(?:sensitive but unclassified|not for (?:internet|public|further) "
            r"(?:distribution|release|dissemination)|(?:please )?(?:handle|protect) "
            r"accordingly|strictly protect|protect (?:source|throughout)|for official use only|"
            r"not releasable|no ?forn\b|"
            r"this (?:cable|message|report) is (?:classified|unclassified))",
            _RULES,
        ),
    ),
    (
        "classification reason",
        re.compile(
            r"^(?:classified ?by|declassif|decl\b|reasons?\b|e\.? ?o\.? ?1[23]\d{3}|"
            r"1\.[45] ?\(|derived from)|\breasons? 1\.[45]\b",
            _RULES,
        ),
    ),
    (
        "pointer",
        re.compile(
            r"^(?:this is an action (?:cable|request|message|item)\b[^.]{0,80}\.?$|"
            r"(?:please )?see (?:paras?|paragraphs?)\b|"
            r"action (?:request|item)s? (?:is |are )?(?:in|at) (?:paras?|paragraphs?)\b|"
            r"(?:this is )?(?:a |an )?(?:corrected|revised) (?:copy|cable)\b|"
            r"this (?:corrected )?cable replaces\b|"
            r"(?:per|in response to|as requested in|responding to) (?:ref(?:tel)?s?|reference)\b"
            r"[^.]{0,60}\b(?:the following|below|follows?)\b|"
            r"(?:the following|below) (?:is|are) (?:the )?(?:text|post's|embassy's|mission's|"
            r"a summary|responses?|information)\b|"
            r"this (?:cable|message|telegram) (?:is in response to|responds to|provides (?:the )?"
            r"(?:text|information requested))\b|"
            r"(?:begin|end) (?:text|summary|comment|note|quote)\b|"
            r"(?:summary|comment|text|details?|responses?|information) (?:and [a-z ]+ )?"
            r"follows?\b)",
            _RULES,
        ),
    ),
    (
        "reference list",
        re.compile(
            r"^(?:refs?|reftels?|references?)\s*[:.]|^(?-i:(?:[A-H][.)]\s*)?(?:[0-9]{2})?"
            r"(?:STATE|SECSTATE|[A-Z]{4,})\s+0*\d{2,6})\b|"
            r"\bREFS?\s*:\s*(?:[A-H][.)]\s*)?(?-i:[A-Z]{3,})(?: [A-Z]+)?\s+\d{2,}",
            _RULES,
        ),
    ),
    (
        "cable furniture",
        re.compile(
            r"^(?:id|date|refid|origin|destination|header|subject|tags|vetting #)\s*:|"
            r"header ends|missing section|this record is a partial extract|classified web ?site|"
            r"full text of the original cable is not available|"
            r"^(?:participants|drafted by|cleared by|approved by)\s*:|^x{6,}|"
            r"^(?-i:(?!.*\b(?:THE|AND|WAS|WERE|IS|ARE|OF|TO|IN|ON|FOR|NOT|HAS|HAD|HAVE|BE|BY|"
            r"AT|IT|HE|SHE|WE|THEY|WILL|SAID)\b)(?:[A-Z]{2,5}\s+){3,}[A-Z]{2,5})\.?$",
            _RULES,
        ),
    ),
)
"""Sentences a briefing never leads with, each rule named for what it catches."""

CHANGE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "Ratings",
        re.compile(
            r"\b(?:remains?|remained|placed|moved|ranked|rated|upgraded|downgraded|continuation|"
            r"placement|place|be|is|was|are|were|as|on|to)\b[^.;]{0,25}\bTier (?:1|2|3|one|two|"
            r"three|I{1,3})\b|\bTier (?:1|2|3|one|two|three|I{1,3})\b(?: Watch List)?[^.;]{0,15}"
            r"\b(?:country|placement|ranking|status|rating)\b",
            _RULES,
        ),
    ),
    (
        "Convictions and sentences",
        re.compile(
            r"\b(?:convicted|convictions|sentenced|(?:life|prison|jail) (?:sentence|term)s?|"
            r"life imprisonment|found guilty|acquitted)\b|\b(?:a|one|first|\w+th) conviction\b",
            _RULES,
        ),
    ),
    (
        "Arrests, raids and releases",
        re.compile(
            r"\b(?:arrested|detained|raided|apprehended|taken into custody|rescued|extradited|"
            r"indicted)\b|"
            # Charged with a crime, not with a task (`charged with implementing the reform`).
            r"\bcharged with\b(?! (?:the )?(?:implementing|overseeing|leading|coordinating|"
            r"managing|developing|drafting|monitoring|handling|ensuring|reviewing|carrying|"
            r"running|preparing|organi[sz]ing|supervising|investigating|enforcing|administering|"
            r"planning|designing|promoting|negotiating|evaluating|assessing|establishing|"
            r"creating|setting|building|conducting|directing|heading|protecting|responsibility|"
            r"the task|the responsibility|oversight)\b)|"
            # A network is dismantled, not a device (`dismantled eight IEDs`: no arrest).
            r"\bdismantled\b(?![^.;]{0,20}\b(?:IEDs?|bombs?|mines?|explosives?|devices?)\b)|"
            # Someone freed (`was released from prison`), not something (`released polling`).
            r"\b(?:released|freed) (?:from|on bail)\b|\b(?:released|freed) (?:him|her|them|"
            r"(?:[\d,]+|\w+) (?:prisoners|detainees|hostages|suspects|inmates|activists)) from\b|"
            r"\brelease of [^.;]{0,60}\b(?:from|detainees?|prisoners?)\b|"
            r"\bseized (?:\d|more|over|about|nearly|some|"
            r"approximately|an? |the |\w+ (?:kilo|ton|pound))|\b(?:\d[\d,]*|[a-z]+(?:ty|teen|ve|ne|"
            r"ree|wo|our|ix|en)|dozens of|hundreds of) (?:[a-z-]+ ){0,2}(?:arrests|raids|"
            r"detentions|seizures)\b",
            _RULES,
        ),
    ),
    (
        "Laws and decrees",
        re.compile(
            r"\b(?:passed|adopted|approved|enacted|signed|ratified|amended|promulgated|drafted|"
            r"introduced|vetoed|submitted|reviewing|debated|debating|rejected|published|issued|"
            r"presented|proposed|prepared)\b[^.;]{0,60}\b(?:law|legislation|bill|decree|code|"
            r"amendments?|constitution)\b|\b(?:law|legislation|bill|decree)\b[^.;]{0,40}"
            r"\b(?:was|were|has been|had been|is being|went) (?:passed|adopted|approved|enacted|"
            r"signed|drafted|vetoed|into effect|into force)",
            _RULES,
        ),
    ),
    (
        "Centres and services opened",
        re.compile(
            r"\b(?:opened|inaugurated|launched|established|set up|created)\b[^.;]{0,60}"
            r"\b(?:cent(?:er|re)s?|shelters?|hotlines?|offices?|units?|clinics?|task forces?|"
            r"commissions?|councils?)\b",
            _RULES,
        ),
    ),
    (
        "Funding",
        re.compile(
            # In lower case (or opening the sentence): `Finance Cell`, `Monetary Fund` are names.
            # `financial flows`, `financially` describe; `financed`, `financing` give money.
            r"(?-i:\b(?:grants?|granted|award(?:ed|s)?|allocat\w+|fund(?:ed|ing|s)?|donat\w+|"
            r"pledg\w+|budget\w*|financ(?:ed|es|ing|e)|gives?|gave|provid\w+|approved)\b|"
            r"^(?:Grants?|Funding|Funds|The budget|Donors?)\b)",
            _RULES,
        ),
    ),
    (
        "Agreements",
        re.compile(
            r"\b(?:signed|concluded|reached|initialed)\b[^.;]{0,50}\b(?:agreements?|memorand\w+|"
            r"MOUs?|accords?|treat(?:y|ies)|deals?)\b",
            _RULES,
        ),
    ),
    (
        "Appointments and resignations",
        re.compile(
            # `the newly appointed Director ... judged` describes the speaker; `since his
            # resignation` recalls one; `appointed a team` fills no office.
            r"(?<!newly )(?<!recently )(?<!newly-)(?<!then-)\bappointed\b(?! (?:a|an) (?:\w+ )?"
            r"(?:team|commission|committee|panel|working group|delegation)\b)|"
            r"\b(?:announced|tendered|submitted|handed in|offered|accepted)\b[^.;]{0,25}"
            r"\bresignation\b|\b(?:resigned|sworn in|took office|stepped down|"
            r"named (?:as )?(?:the )?new)\b|\b(?:was|were|been) dismissed\b|\bdismissed (?:him|"
            r"her|the (?:\w+ )?(?:minister|director|chief|head|governor|commander|mayor))\b",
            _RULES,
        ),
    ),
    (
        "Elections and votes",
        re.compile(
            r"\b(?:was|were) (?:re-?)?elected\b|\bwon (?:the|a|an|\d)[^.;]{0,40}\b(?:elections?|"
            r"votes?|seats?|majority|runoff|referendum)\b|\bvoted (?:to|for|against|in favou?r)\b|"
            r"\belection (?:victory|win|results?)\b",
            _RULES,
        ),
    ),
    (
        "Security incidents",
        re.compile(
            r"\b(?:killed|assassinated|bombings?|bombed|ambushed|exploded|gunmen|clashes)\b",
            _RULES,
        ),
    ),
)
"""What changed, by kind, in the order a quarterly lists them. `Funding` needs money in the
sentence as well (see `change_kind`)."""

REQUEST_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("action request", re.compile(r"\baction (?:request|requested|item)s?\b", _RULES)),
    (
        "the post recommends",
        re.compile(
            r"\b(?:we|post|embassy|mission|consulate|the ambassador|country team|usg|"
            r"the department|department|washington)\b[^.;]{0,20}\b(?:strongly )?"
            r"(?:recommends?|requests?|urges?|suggests?|proposes?|asks?|seeks?|"
            r"would (?:welcome|appreciate))\b",
            _RULES,
        ),
    ),
    (
        "recommendation",
        re.compile(
            r"\brecommend(?:s|ed)?\b(?! by)|^recommendations?\b|\brecommendations? (?:for|to|is|"
            r"are|include)\b|\bour recommendation\b",
            _RULES,
        ),
    ),
    (
        "please",
        re.compile(
            r"^please\b|\bplease (?:inform|deliver|provide|advise|contact|convey|raise|share|"
            r"draw|be prepared|note|pass|instruct|approach|demarche|urge|confirm|report)\b",
            _RULES,
        ),
    ),
    (
        "what should be done",
        re.compile(
            # The actor, not an object (`flights to the United States must expect ...`).
            r"(?<!to )(?<!from )(?<!in )(?<!of )(?<!for )"
            r"\b(?:we|washington|the department|the usg|the u\.s\.|the united states|post|"
            r"embassy)\b[^.;]{0,15}\b(?:should|must|need to|ought to)\b",
            _RULES,
        ),
    ),
)
"""How a cable recommends or asks for action, each rule named for what it catches."""


_SPEAKER = re.compile(
    r"^(?!(?:As|When|While|If)\b)(?:[A-Z][\w'.-]*\s+){1,4}(?:\w+\s+)?(?:said|says|told|argued|"
    r"added|stated|insisted|noted|stressed|claimed|suggested|complained|replied|asserted)\b"
)
"""A sentence opening on someone's words (`El Materi said forcefully ...`): what it asks is
that speaker's, not the post's."""
_OWN = re.compile(
    r"^(?:we|post|embassy|mission|consulate|the ambassador|ambassador|country team|usg|"
    r"the usg|the department|department|washington)\b",
    _RULES,
)


def request_kind(sentence: str) -> str | None:
    """Return how a sentence recommends or asks for action (a REQUEST_RULES name), or None.

    A contact's words reported (`El Materi said ... it was important the Embassy seek such
    coverage`) ask for nothing on the post's behalf: None.
    """
    text = sentence.strip()
    for name, rule in REQUEST_RULES:
        if rule.search(text):
            if name != "action request" and not _OWN.match(text) and _SPEAKER.match(text):
                return None
            return name
    return None


_TRIGGER = re.compile(
    r"tier|watch ?list|grad|rank|rated|convict|sentenc|imprison|guilty|acquit|arrest|detain|"
    r"raid|apprehend|custody|rescu|extradit|indict|charged|dismantl|seiz|releas|freed|law|"
    r"legislat|bill|"
    r"decree|code|amendment|constitution|open|inaugurat|launch|establish|set up|creat|grant|"
    r"award|allocat|fund|donat|pledg|budget|financ|give|gave|provid|approv|sign|conclud|"
    r"reach|initial|appoint|resign|sworn|took office|stepped down|named|dismiss|elect|won |"
    r"vot|kill|assassin|bomb|ambush|explod|gunmen|clash",
    _RULES,
)
"""A word one of the CHANGE_RULES needs: a sentence without any reports no change."""
_CONDITION = re.compile(r"(?:if|unless|should)\b", _RULES)

_NOT_NEWS = re.compile(
    r"^(?:please|if |posts? (?:should|may|is requested)|drawing on|for (?:those )?countries"
    r" where|until |no earlier than|as (?:indicated|noted|reported|requested) in ref)|\?$|"
    r"\b(?:please|should not/not)\b|\b(?:a|any) country (?:that|which|where)\b|"
    r"\bcountries (?:that|which|assessed|where|determined)\b|\bconsists of\b|"
    r"^(?:countries|a country|any country)\b|"
    r"\b(?:the|a) need (?:for|to)\b|\bimportance of\b|"
    r"^(?:continue|increase|intensify|ensure|improve|develop|dedicate|sustain|adopt|enact|"
    r"implement|establish|strengthen|consider|make|take|begin|expand|conduct|prosecute|"
    r"investigate|train|create|pass|amend|finalize|encourage|support|provide|vigorously)\b|"
    # A scenesetter's address (`Madam Secretary, ...`, `Mr. President:`): a portrait, no news.
    r"^(?:madam|mr\.?|mister) (?:secretary|president|ambassador|deputy secretary|under secretary"
    r"|speaker|chairman)\b|"
    # The drafter's aside (`(Note: his grandfather was shot and killed ...)`): background.
    r"^\(?note\s*:|"
    # Urged, offered or readied: money not given (`urging Berlin to provide 3 billion Euro`).
    r"\b(?:urg\w+|call(?:ed|s|ing)? (?:on|for)|ready to|willing to|prepared to|offer(?:ed|s)? to|"
    r"seek\w*|ask\w*|plan(?:s|ned)? to|intend\w* to|hopes? to)\b[^.;]{0,40}\b(?:provide|give|"
    r"fund|grant|allocate|donate|finance)\b",
    _RULES,
)
"""Guidance, conditions and definitions (`please inform...`, `If posts have questions...`,
`a country that has been included on ... be ranked as Tier 3`) and a report's recommendations
in the imperative (`Continue to implement the new law`) are not news: never a development."""

# `may` in lower case only: `In May, USAID awarded ...` is a month.
_HYPOTHETICAL = re.compile(r"\b(?:would|could|(?-i:may)|might|if|unless|whether)\b", _RULES)
_LEGAL = re.compile(
    r"\b(?:court|trial|judge|prosecut\w*|offenders?|crimes?|criminals?|guilty|charges?|"
    r"traffick\w*|cases?|law|prison|jail|fines?|penalt\w+|imprison\w*|verdict|sentenced|"
    r"convicted|acquitted|appeal)\b",
    _RULES,
)
_NOT_YET = re.compile(
    r"\b(?:until|unless|if|once|before|would|will)\b[^.;]{0,40}\b(?:sign|conclude|reach)", _RULES
)
_SOUGHT_SENTENCE = re.compile(
    r"\b(?:fought|fights?|fighting|sought|seeks?|seeking|demand\w*|call\w* for|push\w* for|"
    r"press\w* for|ask\w* for|request\w*|fac(?:e|es|ed|ing)|risk\w*|carr(?:y|ies|ied|ying)|"
    r"punishable|up to)\b[^.;]{0,30}\b(?:sentences?|terms?|convictions?|imprisonment)\b",
    _RULES,
)
"""A sentence or conviction asked for, risked or set by law (`fought for a prison sentence`,
`faces up to ten years`): no court has ruled."""
_VERDICT = re.compile(r"\b(?:convicted|sentenced|found guilty|acquitted)\b", _RULES)
_NOT_GIVEN = re.compile(
    r"\b(?:will|shall|going to)\b(?:\s+\w+){0,2}?\s+(?:be\s+)?(?:provid|fund|grant|allocat|"
    r"donat|financ|support|giv|award|pledg|spend|disburs)\w*|\bon an? (?:\w+ )?budget\b",
    _RULES,
)
"""Money to come (`we will be supporting ... with USD 5 million`) or a cost (`filmed on a
budget of USD 3 million`): no funding given."""
_RELEASE_ASKED = re.compile(
    r"\b(?:call\w*|demand\w*|urg\w*|press\w*|insist\w*|ask\w*|seek\w*|sought|push\w*|"
    r"appeal\w*|such as)\b[^.;]{0,80}\brelease\b",
    _RULES,
)
"""A release demanded (`called on Burma to take steps such as the release of ...`)."""
_AVERTED = re.compile(
    r"\b(?:avoid\w*|prevent\w*|deter\w*|protect\w*(?: \w+){0,4} against|no match for)\b"
    r"[^.;]{0,40}\b(?:clashes|gunmen|bombings?|killed)\b",
    _RULES,
)
"""Violence averted or guarded against, not reported."""
_MODAL_CHANGE = re.compile(
    r"\b(?:may|might|could|would|can|cannot|will|shall|should|must)\s+(?:not\s+)?(?:\w+ly\s+)?"
    r"(?:be|have been)\s+(?:arrested|detained|convicted|sentenced|acquitted|charged|released|"
    r"appointed|dismissed|elected|passed|signed|adopted|approved|enacted)\b",
    _RULES,
)
"""A change the modal before its verb only foresees or allows (`workers may be arrested at
the site`, `would likely be acquitted`)."""
_ALLEGATION = re.compile(r"\b(?:accus\w*|alleg\w*)\b[^.;]*?\bof\b[^.;]*", _RULES)
"""What someone is accused of (`accused Hamdard of soliciting bribes by having contractors
arrested`): a charge against them, not a change the sentence reports."""
_HELD_UP = re.compile(
    r"\b(?:prevent\w*|block\w*|delay\w*|await\w*|pending|until)\b[^.;]{0,80}\belection\b",
    _RULES,
)
"""Results not yet given (`prevented the IEC from certifying the election results`)."""
_NEVER_HYPOTHETICAL = (
    "Ratings",
    "Elections and votes",
    "Appointments and resignations",
    "Funding",
    "Security incidents",
)
"""Kinds of change a conditional (`if Alckmin were elected`) so often only imagines that
a sentence with one is not taken for the change."""

_ANAPHOR = re.compile(
    r"^(?:he|she|they|it|this|these|that|those|his|her|their|its|however|also|but|and|"
    r"still|instead|meanwhile|moreover|furthermore|additionally|in addition|as a result|"
    r"therefore|thus|for example|for instance|in fact|in point of fact|indeed|nevertheless|"
    r"nonetheless|likewise|similarly|otherwise|at the same time|on the other hand)\b",
    _RULES,
)
"""A sentence opening on a pronoun or a link word leans on the one before it."""

_VICTIM_WORDS = re.compile(
    r"\b(?:kidnapp\w*|abduct\w*|murder(?:ed)?|disappearance|rape[ds]?|daughters?|sons?|"
    r"victims?|orphan\w*|widow\w*)\b",
    _RULES,
)
"""Words that, beside the name of a private person (no public title in the cable), may name
a victim: such a sentence never stands alone in a victim-safe briefing."""

_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b|\b(?:19|20)\d\d\b"
)
_DULL = re.compile(r"^(?:years?|months?|days?|weeks?|hours?|times?)$", _RULES)
_ANY_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_YEAR = re.compile(
    r"\b(?:in|since|during|by|from|until|till|through|throughout|before|after|early|late|"
    r"mid-?|of|January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+((?:19|20)\d\d)\b",
    _RULES,
)
"""A year as a time (`in 2007`, `December 2008`), not as part of a name (`the 2007
International Woman of Courage Award`)."""
_DAY = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{1,2}\b|\b\d{1,2} (?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b"
)
_END_SUMMARY = re.compile(r"\bend (?:of )?summary\b", _RULES)
_END_COMMENT = re.compile(r"\bend (?:of )?comment\b", _RULES)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'-]+\b")


def boilerplate_reason(sentence: str) -> str | None:
    """Return which boilerplate rule a sentence matches, or None when it says something."""
    text = sentence.strip()
    words = len(_WORD.findall(text))
    for name, rule in BOILERPLATE_RULES:
        if rule.search(text) and (name != "handling notice" or words < 25):
            return name
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 12:
        return "too short"
    if sum(ch.isalpha() for ch in text) / max(1, len(text.replace(" ", ""))) < 0.6:
        return "not prose"
    return None


def change_kind(sentence: str, *, money: bool = False) -> str | None:
    """Return what kind of change a sentence reports (a CHANGE_RULES name), or None.

    `money` says whether the sentence states an amount: funding needs one. What a cable
    recommends or asks for (`Post recommends that Chile remain a Tier 2 country`) has not
    happened: it is no change.
    """
    if not _TRIGGER.search(sentence):
        return None  # Most sentences name no change at all: one cheap test says so.
    if _MODAL_CHANGE.search(sentence):
        return None  # `workers may be arrested ...`, `would likely be acquitted`: not done
    stated = _ALLEGATION.sub("", sentence)
    for name, rule in CHANGE_RULES:
        if name == "Funding" and not money:
            continue
        if name in _NEVER_HYPOTHETICAL and _HYPOTHETICAL.search(sentence):
            continue  # `any downgrade to Tier 3 would take place ...` places no one.
        if name == "Agreements" and _NOT_YET.search(sentence):
            continue  # `until GIRoA has signed an agreement`: a condition, not a signing
        if name == "Convictions and sentences" and (
            not _LEGAL.search(sentence)
            or (_SOUGHT_SENTENCE.search(sentence) and not _VERDICT.search(sentence))
        ):
            continue  # `five convictions`: beliefs; `fought for a sentence`: no verdict.
        if name == "Funding" and _NOT_GIVEN.search(sentence):
            continue  # `we will be supporting vetted units with USD 5 million`: a plan.
        if name == "Arrests, raids and releases" and _RELEASE_ASKED.search(sentence):
            continue  # `called on Burma to take steps such as the release of prisoners`
        if name == "Security incidents" and _AVERTED.search(sentence):
            continue  # `to avoid clashes`, `no match for well-armed gunmen`: nothing happened.
        if name == "Elections and votes" and _HELD_UP.search(sentence):
            continue  # `prevented the IEC from certifying the election results`
        if rule.search(stated):
            break
    else:
        return None
    text = sentence.strip()
    if _NOT_NEWS.search(text) or request_kind(text) or _CONDITION.match(text):
        return None
    return name


@dataclass(frozen=True, slots=True)
class Scored:
    """A sentence with what it holds: how many facts, and the change it reports."""

    sentence: Sentence
    """The sentence, with its cable and paragraph."""
    score: float
    """How much it tells: figures, names, dates and a reported change count up; a sentence
    that leans on the one before it, or runs very long, counts down."""
    change: str | None
    """The kind of change it reports (a CHANGE_RULES name), or None."""
    in_summary: bool
    """True when it stands in the cable's own summary."""
    position: tuple[int, int]
    """The place of its paragraph among the cable's paragraphs and its place in the
    paragraph, from 0 (paragraph numbers may be missing or repeat)."""
    figures: int = 0
    """How many figures worth reading it states."""


def section_paragraphs(cable: Cable, marker: str) -> list[tuple[Paragraph, int | None]]:
    """Return the paragraphs of the cable's SUMMARY or COMMENT section, each with where the
    section stops in it (the offset of `End Summary`, or None for the whole paragraph); empty
    when it has none.

    A section is the one the reader found, a paragraph opening (or headed) `Summary` or
    `Comment`, or, for a summary, the opening paragraphs up to one holding `End Summary` (a
    first paragraph ending `End Summary` is a summary though it does not say so at its start).
    """
    paragraphs = list(cable.paragraphs)
    found = cable.summary if marker == "SUMMARY" else cable.comment
    start = _section_start(cable, paragraphs, marker, found)
    if start is None:
        return []
    ending = _END_SUMMARY if marker == "SUMMARY" else _END_COMMENT
    following = paragraphs[start : start + 5]
    for i, para in enumerate(following):
        end = ending.search(para.text)
        if end is not None:
            return [(p, None) for p in following[:i]] + [(para, end.start())]
    # No `End Summary`: the section is what the reader found, else its first paragraph.
    known = _fold(found or "")
    chosen: list[tuple[Paragraph, int | None]] = [(paragraphs[start], None)]
    for para in paragraphs[start + 1 : start + 8]:
        if not known or _fold(clean_sentence(para.text))[:60] not in known:
            break
        chosen.append((para, None))
    return chosen


def _section_start(
    cable: Cable, paragraphs: Sequence[Paragraph], marker: str, found: str | None
) -> int | None:
    marked = marked_paragraph(cable, marker)
    for i, para in enumerate(paragraphs):
        if (marked is not None and para.number == marked) or (
            (para.heading or "").strip(" :.").upper() == marker
        ):
            return i
    if found:
        head = _fold(clean_sentence(found))[:60]
        for i, para in enumerate(paragraphs):
            if head and head in _fold(clean_sentence(para.text)):
                return i
    if marker == "SUMMARY":
        for i, para in enumerate(paragraphs[:4]):
            if _END_SUMMARY.search(para.text):
                return _first_prose(paragraphs[: i + 1])
    return None


def _first_prose(paragraphs: Sequence[Paragraph]) -> int | None:
    """Return the index of the first paragraph that is not boilerplate through and through."""
    for i, para in enumerate(paragraphs):
        if any(not boilerplate_reason(s.text) for s in paragraph_sentences("", para) if s.text):
            return i
    return None


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def section_sentences(cable: Cable, marker: str) -> list[Sentence]:
    """Return the sentences of the cable's SUMMARY or COMMENT section, in order (see
    `section_paragraphs`)."""
    out: list[Sentence] = []
    for para, stop in section_paragraphs(cable, marker):
        for sentence in paragraph_sentences(cable.id, para, label_of(cable, para)):
            if stop is not None and sentence.start >= stop:
                break
            if sentence.text:
                out.append(sentence)
    return out


def summary_sentences(cable: Cable) -> list[Sentence]:
    """Return the sentences of the cable's summary, in order."""
    return section_sentences(cable, "SUMMARY")


def scored_sentences(
    cable: Cable, facts: CableFacts, *, include_personal: bool = False
) -> list[Scored]:
    """Return every sentence of the cable worth quoting, scored, in cable order.

    Boilerplate, non-prose and (unless `include_personal`) victims' details are left out.
    """
    # Paragraphs are keyed by number and label: 18A and 18B share the number 18.
    summary_spans = [
        ((s.cite.paragraph, s.cite.label), s.start, s.end) for s in summary_sentences(cable)
    ]
    names = _spans(
        ((m.paragraph, m.label), m.start)
        for m in facts.mentions
        if m.kind in ("org", "person", "place")
    )
    figures = _spans(
        ((f.source.paragraph, f.source.label), f.start)
        for f in facts.figures
        if _figure_counts(f.kind, f.what)
    )
    money = _spans(
        ((f.source.paragraph, f.source.label), f.start) for f in facts.figures if f.kind == "money"
    )
    # A full name no title goes with (a surname alone may be any official's).
    officials = {r.person for r in facts.roles}
    surnames = {name.split()[-1] for name in officials}
    private = _spans(
        ((m.paragraph, m.label), m.start)
        for m in facts.mentions
        if m.kind == "person"
        and " " in m.name
        and m.name not in officials
        and m.name.split()[-1] not in surnames
    )
    # In a cable written in mixed case, a sentence in capitals is a heading or a subject line
    # run into the text (old cables are in capitals throughout: there it is prose).
    letters = [ch for p in cable.paragraphs for ch in p.text if ch.isalpha()]
    mixed = sum(ch.islower() for ch in letters) > 0.3 * max(1, len(letters))
    out: list[Scored] = []
    labels = cable.cite_labels()
    for place, para in enumerate(cable.paragraphs):
        rank = 0  # Its place among the paragraph's quotable sentences.
        key = (para.number, labels[place])
        sentences = paragraph_sentences(cable.id, para, labels[place])
        for sentence in _points(sentences, para.text):
            if not quotable(sentence, include_personal=include_personal):
                continue
            if mixed and _shouted(sentence.text):
                continue
            if (
                not include_personal
                and _VICTIM_WORDS.search(sentence.text)
                and _count_in(private, key, sentence)
            ):
                continue
            n_names = _count_in(names, key, sentence)
            n_figures = _count_in(figures, key, sentence)
            has_money = _count_in(money, key, sentence) > 0
            change = change_kind(sentence.text, money=has_money)
            past = _background(sentence.text, cable)
            if past:
                change = None  # `In January 2007 alone, ...` in a cable of 2009: background.
            out.append(
                Scored(
                    sentence,
                    _score(sentence.text, n_names, n_figures, change, rank) - (2.0 if past else 0),
                    change,
                    any(p == key and a <= sentence.start < b for p, a, b in summary_spans),
                    (place, sentence.index),
                    n_figures,
                )
            )
            rank += 1
    return out


_POINT = re.compile(r"\s--\s?(?=[A-Z(\"])")
"""A talking point run into the sentence before it (`... restraint. -- As you know, ...`)."""


def _points(sentences: Sequence[Sentence], text: str) -> list[Sentence]:
    """Return the sentences with the talking points run into them as sentences of their own,
    each with its offsets in the paragraph; numbered in order."""
    out: list[Sentence] = []
    for sentence in sentences:
        raw = text[sentence.start : sentence.end]
        cuts = [0] + [m.start() for m in _POINT.finditer(raw)] + [len(raw)]
        if len(cuts) == 2:
            out.append(replace(sentence, index=len(out)))
            continue
        for a, b in itertools.pairwise(cuts):
            piece = clean_sentence(raw[a:b].lstrip(" -"))
            if piece:
                out.append(
                    replace(
                        sentence,
                        text=piece,
                        start=sentence.start + a,
                        end=sentence.start + b,
                        index=len(out),
                    )
                )
    return out


def quotable(sentence: Sentence, *, include_personal: bool = False) -> bool:
    """Return True when a sentence may stand in a briefing on its own: prose, not boilerplate,
    and (unless `include_personal`) telling no victim's or minor's story."""
    if not sentence.text or boilerplate_reason(sentence.text):
        return False
    if sentence.text.endswith(":"):
        return False  # The lead-in of a list: it says what it means only with the list.
    first = next((ch for ch in sentence.text if ch.isalpha()), "")
    if first.islower():
        return False  # A fragment (a sentence cut by a copy or a correction notice).
    lower = _LOWER_WORD.findall(sentence.text)
    if any(ch.islower() for ch in sentence.text) and len(lower) < 3:
        return False  # An address, a list of items or a heading, not a sentence.
    if include_personal:
        return True
    return not sentence.personal


def _figure_counts(kind: str, what: str | None) -> bool:
    """Return True for a figure that tells something (not `two months`, `one song`)."""
    if kind != "count":
        return True
    return bool(what) and not _DULL.match(what or "")


_Key = tuple[int | None, str | None]
"""A paragraph of a cable: its number and citation label."""


def _spans(places: Iterable[tuple[_Key, int]]) -> dict[_Key, list[int]]:
    found: dict[_Key, list[int]] = {}
    for paragraph, start in places:
        found.setdefault(paragraph, []).append(start)
    return found


def _count_in(spans: dict[_Key, list[int]], paragraph: _Key, sentence: Sentence) -> int:
    return sum(1 for start in spans.get(paragraph, ()) if sentence.start <= start < sentence.end)


def _background(text: str, cable: Cable) -> bool:
    """Return True when every year a sentence names is over before the cable's reporting
    year: two years back, or the year before once the cable's year is half gone (a report of
    June 2009 on 2008 is news; a cable of October 2009 recalling 2008 is background)."""
    if cable.created is None:
        return False
    created = cable.created
    # Any year five or more years back is history whatever it stands in (`the 1992 Carandiru
    # massacre`); a nearer one only where it is a time (`in 2007`), not a name.
    named = [int(y) for y in _ANY_YEAR.findall(text)]
    if named and max(named) <= created.year - 5:
        return True
    if _days_back(text, created) > _STALE_DAYS:
        return True  # `On August 23, ... arrested` in a cable of late December: last quarter's.
    years = [int(y) for y in _YEAR.findall(text)]
    if not years:
        return False
    newest = max(years)
    return newest < created.year - 1 or (newest == created.year - 1 and created.month > 6)


_STALE_DAYS = 92
"""An event of a day further back than this before the cable (a quarter) is background."""
_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        (
            "January February March April May June July August September October November December"
        ).split(),
        1,
    )
}
_DAY_DATE = re.compile(
    r"\b(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December) (?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,? (?P<year>(?:19|20)\d\d))?|"
    r"\b(?P<day2>\d{1,2}) (?P<month2>January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b(?:,? (?P<year2>(?:19|20)\d\d))?"
)
_LAST_MONTH = re.compile(
    r"\blast (January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
)
"""`resigned in disgrace last July`: the July before the cable's month."""
_NOW_WORDS = re.compile(
    r"\b(?:today|yesterday|this (?:week|month|morning)|last (?:week|night)|recently|now|"
    r"currently|ongoing|continue[sd]?)\b",
    _RULES,
)


def _days_back(text: str, created: datetime) -> int:
    """Return how many days before `created` the newest day-date of a sentence lies (`On
    August 23` in a cable of December 27: 126), a date without a year taken in the cable's
    year unless that puts it after the cable; 0 when it names no day or says it is current."""
    if _NOW_WORDS.search(text):
        return 0
    newest: int | None = None
    for match in _LAST_MONTH.finditer(text):
        month = _MONTH_NUMBERS[match.group(1)]
        year = created.year - (1 if month >= created.month else 0)
        back = (created.replace(tzinfo=None) - datetime(year, month, 15)).days
        newest = back if newest is None else min(newest, back)
    for match in _DAY_DATE.finditer(text):
        month = _MONTH_NUMBERS[match.group("month") or match.group("month2")]
        day = int(match.group("day") or match.group("day2"))
        given = match.group("year") or match.group("year2")
        year = int(given) if given else created.year
        try:
            when = datetime(year, month, day)
        except ValueError:
            continue
        if not given and when > created.replace(tzinfo=None) + timedelta(days=7):
            when -= timedelta(days=365)  # `December 20` in a January cable: last year's
        back = (created.replace(tzinfo=None) - when).days
        newest = back if newest is None else min(newest, back)
    return max(newest or 0, 0)


def _score(text: str, names: int, figures: int, change: str | None, index: int) -> float:
    words = len(_WORD.findall(text))
    score = min(names, 4) * 0.75 + min(figures, 3) * 1.5 + min(len(_DATE.findall(text)), 2) * 0.5
    if _DAY.search(text):
        score += 1.5  # `On May 5, ...`: an event of a day is news.
    # A paragraph opens on its point; later sentences more often explain it.
    score -= min(index, 3) * 0.75
    if change is not None:
        # A rating (a Tier placement) is the bottom line of the report that gives it.
        score += 10.0 if change == "Ratings" else 3.0
    if _ANAPHOR.match(text):
        score -= 2.0
    if words < 8:
        score -= 2.0
    elif words > 55:
        score -= (words - 55) / 10
    return score


def _shouted(text: str) -> bool:
    """Return True for a run of four or more words in capitals (`MODERATE TAJIK LEADER ...`)."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(text.split()) >= 4 and sum(ch.isupper() for ch in letters) > 0.9 * len(letters)


_QUOTE_MARKS = re.compile(r"[\"\u201c\u201d]")


def within_quotation(cable: Cable, sentence: Sentence) -> bool:
    """Return True when a sentence stands inside quotation marks opened before it in its
    paragraph (`Mannheimer Morgen judged: "... We should not exaggerate ..."`): a paper's
    or a contact's words, never the post's own request or recommendation."""
    for para, label in zip(cable.paragraphs, cable.cite_labels(), strict=True):
        # Numbers may repeat (a press summary's headings numbered as its paragraphs): the
        # paragraph is the one holding the sentence where it says it stands.
        if (para.number, label) == (sentence.cite.paragraph, sentence.cite.label) and (
            sentence.text[:15] in para.text[sentence.start : sentence.end]
        ):
            return len(_QUOTE_MARKS.findall(para.text[: sentence.start])) % 2 == 1
    return False


def leans_back(text: str) -> bool:
    """Return True when a sentence opens on a pronoun or a link word (`Moreover,`, `He`): it
    leans on the one before it and does not stand alone in a synthesis."""
    return bool(_ANAPHOR.match(text))


def best_sentences(scored: Sequence[Scored], count: int = 1) -> list[Scored]:
    """Return the `count` sentences that tell most, best first (earlier first on ties)."""
    order = sorted(range(len(scored)), key=lambda i: (-scored[i].score, i))
    return [scored[i] for i in order[:count]]


def lead_sentences(
    cable: Cable, scored: Sequence[Scored], *, max_words: int = 45
) -> tuple[list[Sentence], bool]:
    """Return the sentences a cable is summed up by, and whether they are its own summary.

    The lead is the opening of the cable's summary when it has one (boilerplate skipped), with
    its next sentence when it gives figures; else the sentence that tells most, with the next
    sentence of its paragraph when both are short.
    """
    summary = [s for s in scored if s.in_summary]
    if summary:
        # A lead stays within one paragraph, so that one citation covers it; a sentence
        # with figures (`new cases opened up 10 percent`) earns more room than one without.
        first = summary[0].position[0]
        opening = [s for s in summary if s.position[0] == first]
        chosen = _within([s.sentence for s in opening], max_words)
        if len(opening) > len(chosen) and opening[len(chosen)].figures:
            chosen = _within([s.sentence for s in opening], max_words + 40)[: len(chosen) + 1]
        return chosen, True
    if not scored:
        return [], False
    best = best_sentences(scored)[0]
    chosen = [best.sentence]
    paragraph, index = best.position
    following = [s.sentence for s in scored if s.position == (paragraph, index + 1)]
    if following:
        chosen = _within([best.sentence, following[0]], max_words)
    return chosen, False


def _within(sentences: Sequence[Sentence], max_words: int) -> list[Sentence]:
    """Return the first sentence, and those after it while the words stay under `max_words`."""
    chosen = [sentences[0]]
    total = len(_WORD.findall(sentences[0].text))
    for sentence in sentences[1:]:
        total += len(_WORD.findall(sentence.text))
        if total > max_words:
            break
        chosen.append(sentence)
    return chosen
