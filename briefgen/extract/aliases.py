"""The alias pass: find later mentions of names the earlier rules learnt (`Morozova`, `UCC`)."""

from __future__ import annotations

import ahocorasick

from briefgen.extract.context import Context
from briefgen.extract.gazetteer import FOLD


def rule_aliases(ctx: Context) -> None:
    """Mark every further occurrence of a known name or alias as a mention of its entity."""
    names = ctx.aliases()
    if not names:
        return
    machine = ahocorasick.Automaton()
    for alias, name in names.items():
        key = alias.lower()
        if len(key) < 2 or ctx.lookup(alias) != name:
            continue
        machine.add_word(" " + key.translate(FOLD), (alias, name))
    if len(machine) == 0:
        return
    machine.make_automaton()
    for para in ctx.paras:
        text = para.text
        size = len(text)
        for last, (alias, name) in machine.iter(para.folded):
            end = last  # the folded text has one extra leading character
            start = end - len(alias)
            if end < size and text[end].isalnum():
                continue
            surface = text[start:end]
            if para.caps:
                # In capitals a short word is too often a common one, save a person's surname.
                shortest = 4 if ctx.kind_of(name) == "person" else 6
                if len(alias) < 3 or (alias.isupper() is False and len(alias) < shortest):
                    continue
            elif surface != alias:
                continue
            kind = ctx.kind_of(name)
            if kind is not None:
                # A place inside a known name gives way to it (`Cuba in Transition`).
                ctx.add_mention(para, kind, start, end, name, "alias", over_places=kind != "place")
