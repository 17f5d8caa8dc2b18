"""Rule-based summarizers: from cables and their facts to the data of each briefing."""

from __future__ import annotations

from briefgen.summarize.digest import cable_digest
from briefgen.summarize.ngo import ngo_profile
from briefgen.summarize.program import program_sheet
from briefgen.summarize.quarterly import quarterly_summary
from briefgen.summarize.records import (
    BriefingMeta,
    CableDigest,
    NgoProfile,
    ProgramSheet,
    QuarterlySummary,
)

__all__ = [
    "BriefingMeta",
    "CableDigest",
    "NgoProfile",
    "ProgramSheet",
    "QuarterlySummary",
    "cable_digest",
    "ngo_profile",
    "program_sheet",
    "quarterly_summary",
]
