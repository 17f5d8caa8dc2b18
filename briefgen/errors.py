"""The one exception hierarchy of briefgen: every error a user can cause is a BriefgenError."""

from __future__ import annotations


class BriefgenError(Exception):
    """Base of every error briefgen raises on purpose; its message is one line for the user."""

    exit_code: int = 1


class ReadError(BriefgenError):
    """A file or row could not be read as a cable."""

    def __init__(self, reason: str, path: str | None = None, row: int | None = None) -> None:
        self.reason = reason
        self.path = path
        self.row = row
        where = path or "<input>"
        if row is not None:
            where = f"{where}, row {row}"
        super().__init__(f"{where}: {reason}")


class StoreError(BriefgenError):
    """The corpus database could not be opened, migrated or queried."""


class NotFoundError(BriefgenError):
    """A cable, entity or name asked for is not in the corpus."""


class AmbiguousNameError(BriefgenError):
    """A name matched several entities; the message lists them."""


class InvalidArgumentError(BriefgenError):
    """A command-line or API argument is malformed (a bad quarter, date or id)."""

    exit_code = 2


class TemplateError(BriefgenError):
    """A briefing template failed to load or render; the message names file and line."""


class StyleError(BriefgenError):
    """A style sheet is missing or invalid."""


class RenderError(BriefgenError):
    """A document could not be rendered to PDF or DOCX."""


class DeliveryError(BriefgenError):
    """An e-mail could not be built or sent, or a batch plan is invalid."""


class ConfigError(BriefgenError):
    """A configuration file is invalid."""


class DocumentError(BriefgenError):
    """Markdown could not become a document: bad front matter or a malformed special block."""
