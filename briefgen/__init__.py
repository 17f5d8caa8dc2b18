"""briefgen: turn diplomatic cables into sourced briefings.

The public API lives in the stage modules; the most used names are re-exported here:

    from briefgen import read_paths, Cable
"""

from __future__ import annotations

from briefgen.errors import BriefgenError
from briefgen.models import Cable, Paragraph, Rejection

__all__ = ["BriefgenError", "Cable", "Paragraph", "Rejection"]
__version__ = "0.1.0"
