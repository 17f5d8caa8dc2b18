"""The loopback SMTP server of the delivery tests, for batch runs that send."""

from __future__ import annotations

from tests.deliver.conftest import smtp_server

__all__ = ["smtp_server"]
