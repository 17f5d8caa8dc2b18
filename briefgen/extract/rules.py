"""The ordered rule tables and `extract`, which runs them over one cable."""

from __future__ import annotations

from collections.abc import Callable

from briefgen.extract import bases, events, figures, funding, orgs, people, places
from briefgen.extract.aliases import rule_aliases
from briefgen.extract.attribution import rule_attribution
from briefgen.extract.context import Context, Para
from briefgen.extract.kinds import rule_org_kinds
from briefgen.extract.records import CableFacts
from briefgen.models import Cable

ParaRule = Callable[[Context, Para], None]

ENTITY_RULES: tuple[tuple[str, ParaRule], ...] = (
    ("curated", orgs.rule_curated),
    ("host_government", orgs.rule_host_government),
    ("ministries_list", orgs.rule_ministries_list),
    ("acronym_definition", orgs.rule_acronym_definition),
    ("caps_acronym_definition", orgs.rule_caps_acronym_definition),
    ("translated_name", orgs.rule_translated_name),
    ("title_before_name", people.rule_title_before_name),
    ("appositive", people.rule_appositive),
    ("party", orgs.rule_party),
    ("branch_of", orgs.rule_branch_of),
    ("ngo_name", orgs.rule_ngo_name),
    ("entry_name", orgs.rule_entry_name),
    ("described_name", orgs.rule_described_name),
    ("descriptor_name", orgs.rule_descriptor_name),
    ("org_phrase", orgs.rule_org_phrase),
    ("role_appositive", people.rule_role_appositive),
    ("first_name", people.rule_first_name),
    ("surname_shape", people.rule_surname_shape),
    ("age", people.rule_age),
    ("region", places.rule_region),
    ("speaker_name", people.rule_speaker_name),
    ("caps_names", people.rule_caps_names),
    ("subject_name", orgs.rule_subject_name),
    ("acronym_mention", orgs.rule_acronym_mention),
)
"""Rules that find entities, most specific first: a span taken by one is not taken again."""

FACT_RULES: tuple[tuple[str, ParaRule], ...] = (
    ("money", figures.rule_money),
    ("percent", figures.rule_percent),
    ("year_series", figures.rule_year_series),
    ("counts", figures.rule_counts),
    ("dated_events", events.rule_dated_events),
    ("funding", funding.rule_funding),
    ("membership", events.rule_membership),
    ("founding", events.rule_founding),
    ("bases", bases.rule_bases),
    ("quotations", events.rule_quotations),
    ("recommendations", events.rule_recommendations),
)
"""Rules that find facts; they run after every entity is known, so they can name them."""


def extract(cable: Cable, disabled: frozenset[str] = frozenset()) -> CableFacts:
    """Return the facts of one cable; `disabled` names rules to skip (for tests and debugging)."""
    ctx = Context(cable)
    for name, rule in ENTITY_RULES:
        if name not in disabled:
            for para in ctx.paras:
                rule(ctx, para)
    if "aliases" not in disabled:
        rule_aliases(ctx)
    if "origin" not in disabled:
        places.rule_origin(ctx)
    if "org_kinds" not in disabled:
        rule_org_kinds(ctx)
    if "attribution" not in disabled:
        rule_attribution(ctx)
    for name, rule in FACT_RULES:
        if name not in disabled:
            for para in ctx.paras:
                rule(ctx, para)
    mentions = [*ctx.origin_mentions, *(m for p in ctx.paras for m in p.mentions)]
    return CableFacts(
        cable_id=cable.id,
        entities=ctx.entity_refs(),
        mentions=tuple(mentions),
        roles=tuple(ctx.roles),
        figures=tuple(sorted(ctx.figures, key=lambda f: (_order(f.source.paragraph), f.start))),
        events=tuple(ctx.events),
        fundings=tuple(ctx.fundings),
        relations=tuple(ctx.relations),
        quotations=tuple(ctx.quotations),
        recommendations=tuple(ctx.recommendations),
        attributions=tuple(ctx.attributions),
    )


def _order(number: int | None) -> int:
    return -1 if number is None else number
