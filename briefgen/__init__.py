"""briefgen: turn diplomatic cables into sourced briefings.

The public API lives in the stage modules; the most used names are importable from here too,
each loaded on first use so that `import briefgen` stays cheap:

    from briefgen import read_paths, Cable, Corpus, BriefingRequest, make_briefing
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_PUBLIC: dict[str, str] = {
    "BriefgenError": "briefgen.errors",
    "Cable": "briefgen.models",
    "Paragraph": "briefgen.models",
    "Rejection": "briefgen.models",
    "read_paths": "briefgen.read",
    "Corpus": "briefgen.store",
    "CableFacts": "briefgen.extract",
    "Facts": "briefgen.facts",
    "ensure_facts": "briefgen.facts",
    "BriefingRequest": "briefgen.pipeline",
    "BriefingResult": "briefgen.pipeline",
    "extract_facts": "briefgen.pipeline",
    "ingest": "briefgen.pipeline",
    "make_briefing": "briefgen.pipeline",
    "EmailRequest": "briefgen.deliver.email",
    "Settings": "briefgen.config",
    "load_settings": "briefgen.config",
    "load_plan": "briefgen.batch",
    "run_plan": "briefgen.batch",
}
"""Each public name and the module it comes from."""

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    """Return a public name, importing its module on first use."""
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'briefgen' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # the same names for type checkers, which do not run __getattr__
    from briefgen.batch import load_plan as load_plan
    from briefgen.batch import run_plan as run_plan
    from briefgen.config import Settings as Settings
    from briefgen.config import load_settings as load_settings
    from briefgen.deliver.email import EmailRequest as EmailRequest
    from briefgen.errors import BriefgenError as BriefgenError
    from briefgen.extract import CableFacts as CableFacts
    from briefgen.facts import Facts as Facts
    from briefgen.facts import ensure_facts as ensure_facts
    from briefgen.models import Cable as Cable
    from briefgen.models import Paragraph as Paragraph
    from briefgen.models import Rejection as Rejection
    from briefgen.pipeline import BriefingRequest as BriefingRequest
    from briefgen.pipeline import BriefingResult as BriefingResult
    from briefgen.pipeline import extract_facts as extract_facts
    from briefgen.pipeline import ingest as ingest
    from briefgen.pipeline import make_briefing as make_briefing
    from briefgen.read import read_paths as read_paths
    from briefgen.store import Corpus as Corpus
