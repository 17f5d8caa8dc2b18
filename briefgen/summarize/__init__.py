"""Rule-based summarizers: from cables and their facts to the data of each briefing.

Each summarizer is imported on first use: a briefing loads its own kind's rules, not the
patterns of the other three (a process makes one briefing, usually).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from briefgen.summarize.records import (
    BriefingMeta,
    CableDigest,
    NgoProfile,
    ProgramSheet,
    QuarterlySummary,
)

if TYPE_CHECKING:  # the same names for type checkers, which do not run __getattr__
    from briefgen.summarize.digest import cable_digest as cable_digest
    from briefgen.summarize.ngo import ngo_profile as ngo_profile
    from briefgen.summarize.program import program_sheet as program_sheet
    from briefgen.summarize.quarterly import quarterly_summary as quarterly_summary

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

_SUMMARIZERS = {
    "cable_digest": "briefgen.summarize.digest",
    "ngo_profile": "briefgen.summarize.ngo",
    "program_sheet": "briefgen.summarize.program",
    "quarterly_summary": "briefgen.summarize.quarterly",
}
"""Each summarizer and the module it comes from."""


def __getattr__(name: str) -> Any:
    """Return a summarizer, importing its module on first use."""
    module = _SUMMARIZERS.get(name)
    if module is None:
        raise AttributeError(f"module 'briefgen.summarize' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
