"""Read the official of a `Classified By:` line, however the copy wrote or broke it.

`Classified By: Ambassador E. Anthony Wayne for reasons 1.4 (b) and (d).` names the official
before the reason text. Copies repeat the label (`Classified By: / CLASSIFIED BY ...`), put
portion marks around it, break `REASONS` over a line (`FOR REAS / ONS`), misspell it, or
write the reason as `under E.O. 12958`, `BASED ON`, `DUE TO`; old cables put the line inside
their first numbered paragraph. Name suffixes (`Jr.`, `III`) and titles after a comma stay.
"""

from __future__ import annotations

import re

_LABEL = re.compile(r"^(?:\s*(?:\(\w{1,4}(?:/\w{1,4})?\)\s*)?classifi?e?d\s+by\s*:?\s*)+", re.I)
_PORTION = re.compile(r"^\(\w{1,4}(?:/\w{1,4})?\)\s*")
# The word REASON(S) as copies write it: broken by a space (`REAS ONS`, `reaso ns`), misspelt.
_REASON_WORD = r"(?:r ?e ?a? ?s ?o ?n ?s?|reaons?|raesons?|reasns?)"
# Where the reason text starts: the first of these ends the official's name.
_REASON = re.compile(
    r"[,;:.]?\s*(?:"
    rf"\b(?:for|per)\s+(?:the\s+)?(?:r ?e ?a|\d\.\d|e\.\s?o|section)"  # for reasons, per 1.4
    rf"|\b{_REASON_WORD}\b"
    r"|\bunder\s+(?:e\.\s?o\.|eo\b|section|sec\.|executive|\d)"
    r"|\bbased\s+on\b|\bdue\s+to\b|\be\.\s?o\.\s?\d|\beo\s+1\d{4}"
    r"|\b1\.[4-6]\s*\(?|\(\s*[a-h]\s*\)"
    r")",
    re.I,
)
_ACTING = re.compile(r",\s*a\.\s?i\.,?", re.I)
_CLASSIFIED_BY = re.compile(r"classifi?e?d\s+by\b", re.I)
_LONGEST = 120


def classified_by(text: str) -> str | None:
    """Return the official a Classified By text names (label included or not), or None."""
    text = " ".join(text.split())
    text = _LABEL.sub("", text)
    text = _PORTION.sub("", text)
    # `Charge d'Affaires, a.i. Michael J. Fitzpatrick`: that comma is part of the title.
    text = _ACTING.sub(" a.i.", text)
    reason = _REASON.search(text)
    name = text[: reason.start()] if reason else text
    name = name.strip(" .,:;-/")
    if name.endswith((" Jr", " Sr", ", Jr", ", Sr")):
        name += "."  # the suffix's dot went with the sentence's
    if not name or len(name) > _LONGEST or not any(c.isalpha() for c in name):
        return None
    return name


def classified_by_in_body(lines: list[str]) -> str | None:
    """Return the official of a Classified By line inside the first paragraph, if any.

    Older cables write it as paragraph 1 (`1. (C) CLASSIFIED BY DCM EARL IRVING. REASONS
    1.5 (B) AND (D).`) or inside it, after the header has ended.
    """
    head = "\n".join(lines[:15])
    match = _CLASSIFIED_BY.search(head)
    if match is None:
        return None
    rest = head[match.start() :].split("\n\n", 1)[0]
    return classified_by(rest)
