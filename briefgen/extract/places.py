"""Place rules: regions named with their kind (`Akmolinskaya Oblast`) and the cable's origin."""

from __future__ import annotations

import re

from briefgen.extract import gazetteer
from briefgen.extract.context import Context, Para
from briefgen.extract.records import Mention

_REGION_RE = re.compile(
    r"([A-Z](?<!\w[A-Z])[a-z]+(?:[ -][A-Z][a-z]+)?) (Oblast|Region|Province|Krai)\b"
)
_ORIGIN_PREFIX_RE = re.compile(
    r"^(?:Embassy|Consulate|Consulate General|Mission|USOffice|US Office|U\.S\. Mission)\s+",
    re.IGNORECASE,
)


def rule_region(ctx: Context, para: Para) -> None:
    """Find regions written with their kind (`Karagandinskaya Oblast`)."""
    text = para.text
    if para.caps or "region" not in para.hints:
        return
    for match in _REGION_RE.finditer(text):
        name = ctx.register("place", match.group(0))
        ctx.add_mention(para, "place", *match.span(), name, "region", True)


def origin_place(origin: str | None) -> str | None:
    """Return the place of a sending post (`Embassy Astana` -> `Astana`), or None."""
    if not origin:
        return None
    place = _ORIGIN_PREFIX_RE.sub("", origin.strip())
    if not place or place.upper() in ("SECSTATE", "STATE", "SECRETARY OF STATE"):
        return None
    hits = gazetteer.find(place, place.lower(), place.isupper())
    if hits and hits[0].start == 0 and hits[0].end == len(place):
        return hits[0].entry.name
    if place.isupper() or (" " in place and place.split()[-1] in ("Mission", "Office")):
        return None  # `USNATO`, `UNVIE`: a mission to a body, not a place
    return place


def rule_origin(ctx: Context) -> None:
    """Record the cable's sending post as a place mention outside the paragraphs."""
    place = origin_place(ctx.cable.origin)
    if place is None:
        return
    name = ctx.register("place", ctx.lookup(place) or place)
    origin = ctx.cable.origin or ""
    ctx.origin_mentions.append(
        Mention("place", origin, name, ctx.cable.id, None, 0, len(origin), "origin")
    )
