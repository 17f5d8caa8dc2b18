"""Fixtures for the render tests."""

from __future__ import annotations

import pytest
from render_samples import sample_document

from briefgen.document import Document


@pytest.fixture(scope="session")
def sample_doc() -> Document:
    """Return the sample brief with a 300-row table."""
    return sample_document()
