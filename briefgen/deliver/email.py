"""Build a briefing e-mail (text, HTML, PDF/DOCX attached), write it as .eml, or send it."""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime, timezone
from email import policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import format_datetime
from pathlib import Path

from briefgen.deliver.files import write_atomic
from briefgen.deliver.headers import ascii_domain, check_header_text, parse_address
from briefgen.deliver.smtp import SmtpSettings, parse_endpoint, send
from briefgen.errors import DeliveryError
from briefgen.models import Record

__all__ = [
    "MIME_TYPES",
    "EmailRequest",
    "SmtpSettings",
    "build_message",
    "deliver_email",
    "draft_path",
    "parse_endpoint",
    "request_from_options",
    "send",
    "write_draft",
]

# RFC 5322 wants CRLF line ends; policy.SMTP writes them, in the .eml draft as on the wire.
POLICY = policy.SMTP
MIME_TYPES: dict[str, tuple[str, str]] = {
    ".pdf": ("application", "pdf"),
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".md": ("text", "markdown"),
    ".txt": ("text", "plain"),
    ".json": ("application", "json"),
}
"""Attachment MIME types by file suffix; anything else goes as application/octet-stream."""


@dataclass(frozen=True, slots=True)
class EmailRequest(Record):
    """Who a briefing e-mail goes to, under which subject, and whether it is sent; validated on
    construction. In a batch plan the subject may hold placeholders (`KTIP {quarter}`)."""

    to: tuple[str, ...]
    """The To addresses (at least one), normalised (`Jane Doe <jane@example.org>`)."""
    cc: tuple[str, ...] = ()
    """The Cc addresses, normalised."""
    sender: str = ""
    """The From address, normalised; required."""
    subject: str | None = None
    """The subject line, or None for the briefing's title."""
    send: bool = False
    """Send over SMTP (True) or only write the .eml draft beside the outputs (False)."""

    def __post_init__(self) -> None:
        if isinstance(self.to, str) or isinstance(self.cc, str):
            raise DeliveryError("to and cc must be sequences of addresses, not one string")
        if not self.to:
            raise DeliveryError("an e-mail needs at least one To address")
        if not self.sender:
            raise DeliveryError("an e-mail needs a sender (--email-from or email_from in config)")
        object.__setattr__(self, "to", tuple(str(parse_address(a, "To address")) for a in self.to))
        object.__setattr__(self, "cc", tuple(str(parse_address(a, "Cc address")) for a in self.cc))
        object.__setattr__(self, "sender", str(parse_address(self.sender, "From address")))
        if self.subject is not None:
            subject = check_header_text(self.subject, "subject")
            if not subject:
                raise DeliveryError("the subject is empty (leave it out to use the title)")
            object.__setattr__(self, "subject", subject)


def request_from_options(
    *,
    to: Sequence[str],
    cc: Sequence[str] = (),
    sender: str | None = None,
    subject: str | None = None,
    send: bool = False,
    default_sender: str | None = None,
) -> EmailRequest | None:
    """Return the EmailRequest for a briefing command's --email-* options, or None if no
    --email-to was given (then --email-cc, --email-subject and --send are errors: they
    would silently do nothing).

    `default_sender` is the configured `email_from`, used when --email-from is not given.
    """
    if not to:
        if cc or subject is not None or send:
            raise DeliveryError(
                "--email-cc, --email-subject and --send need at least one --email-to"
            )
        return None
    return EmailRequest(
        to=tuple(to),
        cc=tuple(cc),
        sender=sender or default_sender or "",
        subject=subject,
        send=send,
    )


def build_message(
    request: EmailRequest,
    *,
    title: str,
    date: Date | str,
    classification: str | None,
    summary_lines: Sequence[str],
    sources: Sequence[str],
    attachments: Sequence[Path],
    message_date: datetime,
    message_id_domain: str | None = None,
) -> EmailMessage:
    """Return the briefing e-mail: a short text body, its HTML twin and the files attached.

    The result depends only on the arguments: `message_date` is the Date header (naive means
    UTC), the Message-ID is a digest of the content at `message_id_domain` (default: the
    sender's domain), and the MIME boundaries are derived from the same digest.
    Raise DeliveryError for an unsafe title or file name or an unreadable attachment.
    """
    clean_title = check_header_text(title, "briefing title")
    subject = request.subject or clean_title
    if not subject:
        raise DeliveryError("the briefing has no title to use as the subject")
    day = date.isoformat() if isinstance(date, Date) else str(date)
    files = [(path, _read_attachment(path)) for path in attachments]
    text = _text_body(clean_title, day, classification, summary_lines, sources, files)
    html_body = _html_body(clean_title, day, classification, summary_lines, sources, files)

    digest = hashlib.blake2b(digest_size=16)
    for piece in (request.sender, *request.to, "", *request.cc, subject, text, html_body):
        digest.update(piece.encode("utf-8") + b"\0")
    for path, data in files:
        digest.update(path.name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    stamp = _utc(message_date)
    digest.update(stamp.isoformat().encode("ascii"))
    token = digest.hexdigest()

    sender = parse_address(request.sender, "From address")
    domain = message_id_domain if message_id_domain is not None else sender.domain
    id_domain = ascii_domain(check_header_text(domain, "Message-ID domain"))
    if id_domain is None:
        raise DeliveryError(f"invalid Message-ID domain {domain!r}")

    message = EmailMessage(policy=POLICY)
    message["From"] = sender
    message["To"] = [parse_address(a) for a in request.to]
    if request.cc:
        message["Cc"] = [parse_address(a) for a in request.cc]
    message["Subject"] = subject
    message["Date"] = format_datetime(stamp)
    message["Message-ID"] = f"<briefgen.{token}@{id_domain}>"
    message.set_content(text, cte="quoted-printable")
    message.add_alternative(html_body, subtype="html", cte="quoted-printable")
    for path, data in files:
        maintype, subtype = MIME_TYPES.get(path.suffix.lower(), ("application", "octet-stream"))
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=path.name)
    for index, part in enumerate(message.walk()):
        if part is not message:
            # EmailMessage stamps MIME-Version on every part it makes; it belongs at the top.
            del part["MIME-Version"]
        if part.is_multipart():
            # Fixed boundaries keep the output deterministic; the digest keeps them unique.
            part.set_boundary(f"=_briefgen_{token}_{index}")
    _verify_headers(message)
    return message


def draft_path(outputs: Sequence[Path]) -> Path:
    """Return where the .eml draft of these outputs goes: beside the first, same stem."""
    if not outputs:
        raise DeliveryError("no output files to attach, so no place for the draft")
    return outputs[0].with_suffix(".eml")


DRAFT_HEADER = b"X-Unsent: 1"
"""Marks an .eml file as a draft: Outlook and Thunderbird open it to edit and send, not as a
message received. Only the file carries it; the message sent never does."""


def write_draft(message: EmailMessage, path: Path) -> Path:
    """Write `message` to `path` as an RFC 5322 .eml draft (`X-Unsent: 1`), atomically;
    return the path."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DeliveryError(f"cannot write {path}: {exc.strerror or exc}") from None
    # Put before the message's own headers (their order carries no meaning), so the message
    # object, which may be sent next, stays as it was built.
    write_atomic(path, DRAFT_HEADER + POLICY.linesep.encode() + message.as_bytes(policy=POLICY))
    return path


def deliver_email(
    request: EmailRequest,
    *,
    title: str,
    date: Date | str,
    classification: str | None,
    summary_lines: Sequence[str],
    sources: Sequence[str],
    attachments: Sequence[Path],
    message_date: datetime,
    smtp: SmtpSettings | None = None,
    draft: Path | None = None,
) -> Path:
    """Build the e-mail, write its draft (default: beside the first attachment), send it if
    `smtp` is given, and return the draft's path.

    The draft is written before sending and stays on disk whatever happens, so a refused
    send (DeliveryError naming the draft) loses nothing.
    """
    message = build_message(
        request,
        title=title,
        date=date,
        classification=classification,
        summary_lines=summary_lines,
        sources=sources,
        attachments=attachments,
        message_date=message_date,
    )
    path = write_draft(message, draft if draft is not None else draft_path(attachments))
    if smtp is not None:
        send(message, smtp, draft=path)
    return path


def _read_attachment(path: Path) -> bytes:
    """Return the bytes of an attachment, whose name must be safe for a MIME header."""
    check_header_text(path.name, f"attachment name {path.name!r}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DeliveryError(f"{path}: cannot attach ({exc.strerror})") from exc


def _text_body(
    title: str,
    day: str,
    classification: str | None,
    summary_lines: Sequence[str],
    sources: Sequence[str],
    files: Sequence[tuple[Path, bytes]],
) -> str:
    """Return the plain-text body."""
    lines = [title, "", f"Date: {day}"]
    if classification:
        lines.append(f"Classification: {classification}")
    if summary_lines:
        lines += ["", "Summary", *(f"- {_one_line(s)}" for s in summary_lines)]
    if sources:
        lines += ["", "Sources", *(f"- {_one_line(s)}" for s in sources)]
    if files:
        lines += ["", "Attached: " + ", ".join(path.name for path, _ in files)]
    return "\n".join(lines) + "\n"


def _html_body(
    title: str,
    day: str,
    classification: str | None,
    summary_lines: Sequence[str],
    sources: Sequence[str],
    files: Sequence[tuple[Path, bytes]],
) -> str:
    """Return the HTML alternative, every piece of text escaped."""
    e = html.escape
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">',
        f"<title>{e(title)}</title></head>\n<body>",
        f"<h1>{e(title)}</h1>",
        f"<p>Date: {e(day)}"
        + (f"<br>\nClassification: <strong>{e(classification)}</strong>" if classification else "")
        + "</p>",
    ]
    if summary_lines:
        items = "".join(f"<li>{e(_one_line(s))}</li>\n" for s in summary_lines)
        parts.append(f"<h2>Summary</h2>\n<ul>\n{items}</ul>")
    if sources:
        items = "".join(f"<li>{e(_one_line(s))}</li>\n" for s in sources)
        parts.append(f"<h2>Sources</h2>\n<ul>\n{items}</ul>")
    if files:
        names = ", ".join(e(path.name) for path, _ in files)
        parts.append(f"<p>Attached: {names}</p>")
    parts.append("</body>\n</html>")
    return "\n".join(parts) + "\n"


def _one_line(text: str) -> str:
    """Return `text` on one line: a summary line must not break the list it sits in."""
    return " ".join(text.split())


def _utc(moment: datetime) -> datetime:
    """Return `moment` as an aware UTC datetime (naive means UTC already)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _verify_headers(message: EmailMessage) -> None:
    """Raise DeliveryError unless the serialised message has exactly the headers it was given.

    A last guard against header injection through parser bugs we have not foreseen.
    """
    head = BytesHeaderParser(policy=policy.default).parsebytes(message.as_bytes())
    if head.keys() != message.keys():
        raise DeliveryError("refusing an e-mail whose headers do not survive serialisation")
