"""Plain-text views of entity listings and profiles for the command line."""

from __future__ import annotations

from briefgen.extract.records import Source
from briefgen.facts.query import EntityProfile, EntitySummary


def entities_text(rows: list[EntitySummary]) -> str:
    """Return one line per entity: kind, mentions, cables, name and aliases."""
    lines = [f"{'KIND':<7}{'MENTIONS':>9}  {'CABLES':>6}  NAME"]
    for row in rows:
        aliases = f"  ({', '.join(row.aliases)})" if row.aliases else ""
        lines.append(f"{row.kind:<7}{row.mentions:>9}  {len(row.cables):>6}  {row.name}{aliases}")
    return "\n".join(lines)


def _where(source: Source) -> str:
    """Return where a fact was read as a citation names it (`09X1 ¶18A`, `09X1 ¶18`)."""
    if source.label is not None:
        return f"{source.cable_id} {source.label}"
    if source.paragraph is None:
        return source.cable_id
    return f"{source.cable_id} ¶{source.paragraph}"


def _src(source: Source) -> str:
    return f"[{_where(source)}]"


def profile_text(profile: EntityProfile) -> str:
    """Return a profile as sections of lines, each fact followed by its source."""
    lines = [f"{profile.name} ({profile.kind})"]
    if profile.acronym:
        lines.append(f"acronym: {profile.acronym}")
    if profile.aliases:
        lines.append(f"aliases: {', '.join(profile.aliases)}")
    lines.append(f"mentions: {len(profile.mentions)} in {', '.join(profile.cables)}")
    if profile.total_cables > len(profile.cables):
        lines.append(
            f"(drawn from the {len(profile.cables)} cables that mention it most, "
            f"of {profile.total_cables:,})"
        )
    if profile.roles:
        lines.append("\nroles:")
        for r in profile.roles:
            org = f" of {r.organization}" if r.organization else ""
            lines.append(f"  {r.person}: {r.title}{org}  [{_where(r.source)}]")
    if profile.related:
        lines.append("\nrelated:")
        lines.extend(f"  {n} ({k}), {c} paragraph(s)" for n, k, c in profile.related[:15])
    if profile.fundings:
        lines.append("\nfunding:")
        for f in profile.fundings:
            parts = [f"{f.funder or '?'} -> {f.recipient or '?'}"]
            if f.channel:
                parts.append(f"via {f.channel}")
            if f.amount:
                parts.append(f.amount)
            if f.year:
                parts.append(str(f.year) if not f.end_year else f"{f.year}-{f.end_year}")
            if f.purpose:
                parts.append(f.purpose)
            lines.append(f"  {'; '.join(parts)}  [{_where(f.source)}]")
    if profile.relations:
        lines.append("\nrelations:")
        for rel in profile.relations:
            year = f" ({rel.year})" if rel.year else ""
            obj = f" {rel.object}" if rel.object else ""
            lines.append(f"  {rel.subject} {rel.kind}{obj}{year}  {_src(rel.source)}")
    if profile.figures:
        lines.append("\nfigures:")
        for g in profile.figures:
            what = f" {g.what}" if g.what else ""
            lines.append(f"  {g.text}{what if g.kind != 'count' else ''}  {_src(g.source)}")
    if profile.events:
        lines.append("\nevents:")
        for e in profile.events:
            lines.append(f"  {e.date}: {e.text}  [{_where(e.source)}]")
    return "\n".join(lines)
