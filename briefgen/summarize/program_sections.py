"""The sections of a program sheet: which sentence goes where (a table of rules), what a
briefing may quote of a cable, and the cut that keeps a sheet to one to three pages."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from briefgen.models import Cable
from briefgen.summarize.evidence import Sentence, marked_paragraph
from briefgen.summarize.figures import paragraph_places, place_of, statistics_paragraphs
from briefgen.summarize.program_passages import continues
from briefgen.summarize.records import Cite, Quote, Statement

# Where a sentence goes on the sheet: the first rule that matches names its section. A
# sentence no rule places goes where the sentence before it went (`Fernandez and the PFA
# accepted this responsibility.` after the background it answers), else to activities.
_SECTION_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        # The post's own view: what we/Post/the Embassy recommend, urge, believe or expect.
        "post_view",
        re.compile(
            r"\b(?:we|post|embassy|mission|usg)\b(?:\s+[\w-]+){0,3}?\s+(?:recommend\w*|urg\w*|"
            r"suggest\w*|believ\w*|encourag\w*|anticipat\w*|expect\w*|hope\w*|intend\w*|"
            r"will continue|continue to|plan to|see\b|view\w*|consider\w*|regard\w*|"
            r"assess\w*)|\bshould\b(?:\s+\w+){0,2}\s+(?:be|continue|consider|expand|fund)",
            re.I,
        ),
    ),
    (
        "reception",
        re.compile(
            r"\b(?:pleased|praised|positive(?:ly)?\s+(?:respons\w*|reactions?|feedback|"
            r"reviews?|received)|well[- ]received|appreciated|expressed (?:their |his |her )?"
            r"appreciation|satisf\w*|enthusias\w*|rave reviews|standing ovations?|grateful|"
            r"welcomed|commended|lauded|applauded|success(?:ful(?:ly)?)?)\b",
            re.I,
        ),
    ),
    (
        # What came before, told as such (`since 2004`, `previously supported by ...`).
        "background",
        re.compile(
            r"\b(?:previously|in the past|since (?:19|20)\d\d|first phase|"
            r"last year|originally|built on|builds on|preceded)\b",
            re.I,
        ),
    ),
    (
        # Results: something done to cases, crimes or people (`initiated 28 criminal cases`,
        # `arrested 67 pimps`), cases counted, or what came of it to date; not a play's plot
        # that leads its heroine to a brothel.
        "outcomes",
        re.compile(
            r"(?<!-)\b(?:arrest(?:ed|s)?|convicted|convictions?|prosecuted|prosecutions?|"
            r"rescued|uncovered|initiated|opened|closed|registered|identified|detained|"
            r"sentenced)\b(?: [\w-]+){0,4}? (?:cases?|crimes?|traffickers?|victims?|pimps?|"
            r"brothels?|prostitutes?|suspects?|people|persons)\b(?!['’])|"
            r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            r"\w+teen|\w+ty(?:-\w+)?) (?:new |criminal |more )?(?:cases?|convictions|arrests)\b|"
            r"^(?:to date|as a result)\b|\b(?:resulted in|led to)\b",
            re.I,
        ),
    ),
    (
        # Who took part, and how many: the verbs of taking part, or a program `for 25
        # trainees`; not any count of people (`certificates to 18 children`).
        "reach",
        re.compile(
            r"\b(?:reached(?! out)|attended|took part|participated|enrolled|graduated|polled|"
            r"surveyed|"
            r"were trained|was trained|trained (?:a total of |some |about |nearly |over )?"
            r"[\d,]+)\b|\bfor (?:a total of |approximately |about |some |nearly |over |more "
            r"than |an estimated )?[\d,]+ (?:[\w-]+ ){0,4}?(?:people|participants|attendees|"
            r"students|trainees|officials|officers|activists|teachers|journalists|judges|"
            r"prosecutors|members|representatives|children|women|youths?)\b",
            re.I,
        ),
    ),
    (
        # The program's money, told in a sentence: what it paid for is an activity.
        "activities",
        re.compile(
            r"^(?=.*(?:(?:\$|\bUSD\b)\s?\d|\b(?:grant|funds|funded|allocated|sponsored)\b))"
            r"(?=.*\b(?:programs?|projects?|campaigns?|grants?|trainings?|seminars?|courses?|"
            r"conferences?|workshops?|performances?|initiatives?|[\w/]+-(?:funded|sponsored))\b)",
            re.I,
        ),
    ),
    (
        "next_steps",
        re.compile(
            r"\b(?:will|(?:plans|planning|intends?) to|(?:is|are) planned|next (?:year|phase|"
            r"step|round)s?|follow-?(?:on|up)|to be (?:held|taught|launched|expanded|repeated)|"
            r"starting in|(?:is|are) expected to|scheduled)\b",
            re.I,
        ),
    ),
    (
        "background",
        re.compile(
            r"\b(?:earlier|had been|for (?:over|more than|nearly|almost) (?:\d+|\w+) years|"
            r"began in)\b",
            re.I,
        ),
    ),
    (
        "activities",
        re.compile(
            r"\b(?:perform\w*|events?|conference|roundtable|train\w*|seminars?|workshops?|"
            r"flyers?|booklets?|posters?|materials|launched|distributed|printed|play|campaign|"
            r"lecture|exhibited|program\w*|projects?|conducted|organi[sz]ed)\b",
            re.I,
        ),
    ),
)


SECTION_LIMITS = {
    "activities": 10,
    "reach": 5,
    "outcomes": 6,
    "context": 2,
    "background": 3,
    "next_steps": 3,
    "reception": 3,
    "post_view": 3,
}
"""The most statements a section shows: a sheet fits one to three pages. Sentences stating
figures are kept first; the order of the cables is kept."""


SHEET_CHARS = 7_300
"""About what a program sheet of one to three pages holds, in characters of text with a
line's room (LINE) for each statement, key fact or row; the sections get what the opening,
the key facts, the grants, the quotations and the recommendations leave."""


LINE = 110


SECTION_WEIGHTS = {
    "outcomes": 1.0,
    "reach": 0.9,
    "post_view": 0.9,
    "activities": 0.8,
    "next_steps": 0.7,
    "background": 0.6,
    "reception": 0.6,
    "context": 0.4,
}
"""What a section's statements are worth to a program officer when the sheet must be cut."""


_LEAD_IN = re.compile(r"(?::|\b(?:recommended|suggested|proposed|agreed) that)$")
"""A sentence that only introduces a list (`participants recommended that`)."""


_OUTPUTS = re.compile(
    r"\b(?:flyers|leaflets|posters|booklets|brochures|banners|manuals?|handbooks?|guides|"
    r"curricul(?:um|a)|modules?|DVDs|videos?|films?|software|equipment|databases?|hotlines?|"
    r"websites?|materials)\b",
    re.I,
)
"""What a program produced and handed on, which a reader counts even when no number does."""


_DATED = re.compile(
    r"^(?:on|in|during|from|between|by) (?:(?:early|mid|late)[- ])?(?:january|february|march|"
    r"april|may|june|july|august|september|october|november|december|\d)",
    re.I,
)
"""A sentence opening with its date tells of an event (`On September 22, 40 judges ...`)."""


_GOES_ON = re.compile(
    r"^(?:the latter|the former|she|he|they|her|his|their|the (?:girl|boy|woman|man|victim|"
    r"child|minor|mother|family)s?)\b",
    re.I,
)
"""A sentence telling on about the person the one before it named."""


_NUMBER = re.compile(r"\d[\d,.]*")


_CASES = re.compile(r"\b(?:cases?|crimes?|complaints?)\b", re.I)


_BOILERPLATE = re.compile(
    r"^(?:information (?:provided )?below\b|in accordance with\b|post is submitting\b|"
    r"(?:embassy|post) (?:point of )?contact\b|(?:begin|end) (?:text|note|comment|summary)\b|"
    r"see (?:paragraph|para|ref)\b|ref [a-z],? para|this (?:cable|message) (?:is|was)\b)"
    r"|\bkeyed to (?:questions|the questions)\b|\bplease protect\b|\bnot for internet\b"
    r"|(?:\s[-=_*]){2,}\s*$|^[-=_*\s]+$",
    re.I,
)
"""Sentences about the cable rather than the program (`Information provided below is keyed to
questions from ref A`)."""


_LABEL = re.compile(r"^(?:-+\s*)?(?:\(?[A-Z]\)|[A-Z]\.|\(?\d{1,2}\)|--\(\d+\))\s+(?=\S)")
"""A list label opening a sentence (`C. `, `(b) `, `--(1) `)."""


_REFS = re.compile(
    r"\s*\((?:reftels?|septel|refs? [A-Z](?:(?:,| and) [A-Z])*|reftel [A-Z])\)", re.I
)
"""References a cable's reader follows and a briefing's cannot (`(reftel)`, `(ref A)`)."""


def readable(sentences: Sequence[Sentence], include_personal: bool) -> list[Sentence]:
    """Return the sentences fit for a briefing: victims' details, boilerplate and cable
    furniture out, list labels and references trimmed."""
    out = []
    hidden: Cite | None = None
    for sentence in sentences:
        if not include_personal:
            # A victim's story goes on in the next sentence (`The latter had a baby ...`).
            if sentence.personal or (hidden == sentence.cite and _GOES_ON.match(sentence.text)):
                hidden = sentence.cite
                continue
            hidden = None
        text = tidy(sentence.text)
        if len(text.split()) < 3 or _BOILERPLATE.search(text):
            continue
        out.append(replace(sentence, text=text))
    return out


def tidy(text: str) -> str:
    """Return a cable sentence without cable furniture: a list label (`C. `), references
    (`(reftel)`), doubled quotes, a comma without its space (`(IOM),the`)."""
    text = _LABEL.sub("", text.strip())
    text = _REFS.sub("", text)
    text = text.replace('""', '"').replace("\\$", "$")
    text = re.sub(r"(?<=[a-z)\]]),(?=[A-Za-z(])", ", ", text)
    return " ".join(text.split())


def sort_sentences(
    cables: Sequence[Cable],
    central: Collection[str],
    chosen: Sequence[Sentence],
    quotes: Sequence[Quote],
    recommendations: Sequence[Statement],
) -> dict[str, list[Statement]]:
    """Return the program's sentences by section (see _SECTION_RULES), capped."""
    # Words already shown as feedback or as a recommendation are not repeated in a section.
    shown = [" ".join(q.text.split()).lower() for q in quotes]
    shown += [" ".join(r.text.split()).lower() for r in recommendations]
    sections: dict[str, list[Statement]] = {key: [] for key, _ in _SECTION_RULES}
    sections["context"] = []
    # A paragraph citing statistics or trends reports the state of things, all of it.
    stats = statistics_paragraphs(cables)
    comments = {
        place
        for c in cables
        for place, para in zip(paragraph_places(c), c.paragraphs, strict=True)
        if para.number is not None and para.number == marked_paragraph(c, "COMMENT")
    }
    previous: tuple[Cite, str] | None = None
    for sentence in chosen:
        text = sentence.text
        lowered = text.lower()
        if _LEAD_IN.search(text) or any(
            lowered.strip('"“” ;.') in said or said[:40] in lowered for said in shown
        ):
            continue
        place = place_of(sentence.cite)
        if place in stats and _CASES.search(text):
            key = "context"
        elif place in comments:
            key = "post_view"
        else:
            key = next((k for k, rule in _SECTION_RULES if rule.search(text)), "")
            whole = sentence.cite.cable_id in central
            # A cable wholly about the program also tells of much else (a director's family,
            # another body's grant): there a sentence no rule places follows the one before
            # only when it goes on about it (`It summarized ...`), else it is left out.
            follows = previous is not None and previous[0] == sentence.cite
            if not key and follows and (not whole or continues(text)):
                key = previous[1] if previous else "activities"
            elif not key and whole and not _DATED.match(text):
                continue
            elif not key:
                key = "activities"
        sections[key].append(Statement(text, (sentence.cite,)))
        previous = (sentence.cite, key)
    return {key: _capped(items, SECTION_LIMITS.get(key, 6)) for key, items in sections.items()}


def section_of(sentence: Sentence, sections: dict[str, list[Statement]]) -> str:
    for key, items in sections.items():
        if any(s.text == sentence.text and s.cites[0] == sentence.cite for s in items):
            return key
    return ""


def within_budget(sections: dict[str, list[Statement]], room: int) -> dict[str, list[Statement]]:
    """Return the sections cut to `room` characters in all (a statement costs its text and
    a line): the statement worth least goes first (SECTION_WEIGHTS times what it tells), a
    section's last statement only when every other section is down to one."""
    sections = {key: list(items) for key, items in sections.items()}
    while sum(_cost(s) for items in sections.values() for s in items) > room:
        many = [k for k, items in sections.items() if len(items) > 1]
        keys = many or [k for k, items in sections.items() if items]
        if not keys:
            break
        worth = [
            (SECTION_WEIGHTS.get(key, 0.5) * (1 + max(0.0, _informative(s.text))), key, i)
            for key in keys
            for i, s in enumerate(sections[key])
        ]
        _, key, index = min(worth, key=lambda t: (t[0], -t[2]))
        del sections[key][index]
    return sections


def _cost(statement: Statement) -> int:
    return len(statement.text) + LINE


def room_left(*parts: object) -> int:
    """Return the characters left for the sections once the opening, key facts, grants,
    quotations and recommendations are set (see SHEET_CHARS)."""
    used = 0
    for part in parts:
        items = part if isinstance(part, (list, tuple)) else [part]
        for item in items:
            text = getattr(item, "text", None) or getattr(item, "value", None) or ""
            used += len(str(text)) + LINE
    return SHEET_CHARS - used


def _informative(text: str) -> float:
    """Return how much a sentence tells: the numbers it states outside brackets (`(Article
    128)` tells a lawyer, not a program officer) and the outputs it names (posters, manuals),
    less for a long sentence."""
    plain = re.sub(r"\([^)]*\)", "", text)
    outputs = 1 if _OUTPUTS.search(plain) else 0
    return len(_NUMBER.findall(plain)) + outputs - len(plain.split()) / 100


def _capped(items: list[Statement], limit: int) -> list[Statement]:
    """Return at most `limit` statements, those stating the most figures first, in their
    order."""
    if len(items) <= limit:
        return items
    # The first statement a paragraph gives a section leads what follows it (`NGOs polled
    # 1935 people` before `Of those surveyed, 70% ...`).
    leads = {i for i, s in enumerate(items) if all(s.cites != t.cites for t in items[:i])}
    ranked = sorted(
        range(len(items)), key=lambda i: (-_informative(items[i].text) - (i in leads), i)
    )
    keep = sorted(ranked[:limit])
    return [items[i] for i in keep]
