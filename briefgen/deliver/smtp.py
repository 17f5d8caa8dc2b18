"""Send a built e-mail over SMTP (STARTTLS, implicit TLS or plain) with one-line errors."""

from __future__ import annotations

import ipaddress
import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Literal

from briefgen.errors import DeliveryError

Security = Literal["starttls", "tls", "none"]
SECURITY_MODES: tuple[Security, ...] = ("starttls", "tls", "none")
DEFAULT_PORTS: dict[Security, int] = {"starttls": 587, "tls": 465, "none": 25}


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """Where and how to send mail; credentials come from the environment or a config file."""

    host: str
    """The SMTP server's host name or IP address."""
    port: int | None = None
    """The TCP port; None means the usual one for `security` (587, 465 or 25)."""
    security: Security = "starttls"
    """`starttls` (upgrade a plain connection), `tls` (implicit TLS, smtps) or `none`."""
    username: str | None = None
    """The login name, or None to send without logging in."""
    password: str | None = field(default=None, repr=False)
    """The password for `username`; never shown in repr, as_dict or error messages."""
    timeout: float = 30.0
    """Seconds to wait for the connection and each server reply."""
    cafile: Path | None = None
    """A PEM file of CA certificates to trust instead of the system store (a private CA)."""

    def __post_init__(self) -> None:
        if not self.host or any(ch.isspace() for ch in self.host):
            raise DeliveryError(f"invalid SMTP host {self.host!r}")
        if self.security not in SECURITY_MODES:
            modes = ", ".join(SECURITY_MODES)
            raise DeliveryError(f"invalid SMTP security {self.security!r} (expected {modes})")
        if self.port is not None and not 1 <= self.port <= 65535:
            raise DeliveryError(f"invalid SMTP port {self.port} (expected 1 to 65535)")
        if self.timeout <= 0:
            raise DeliveryError(f"invalid SMTP timeout {self.timeout} (expected seconds > 0)")

    @property
    def effective_port(self) -> int:
        """Return the port to connect to."""
        return self.port if self.port is not None else DEFAULT_PORTS[self.security]

    @property
    def url(self) -> str:
        """Return the server as a URL for messages (`smtp://host:587`), without credentials."""
        scheme = "smtps" if self.security == "tls" else "smtp"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.effective_port}"

    def as_dict(self) -> dict[str, Any]:
        """Return the settings as a JSON-ready dict, the password masked."""
        return {
            "host": self.host,
            "port": self.effective_port,
            "security": self.security,
            "username": self.username,
            "password": None if self.password is None else "********",
            "timeout": self.timeout,
            "cafile": None if self.cafile is None else str(self.cafile),
        }


def parse_endpoint(text: str) -> tuple[str, int | None]:
    """Return (host, port or None) from `HOST`, `HOST:PORT` or `[IPV6]:PORT`."""
    text = text.strip()
    host, port_text = text, ""
    if text.startswith("["):
        host, sep, rest = text[1:].partition("]")
        if not sep or (rest and not rest.startswith(":")):
            raise DeliveryError(f"invalid SMTP server {text!r} (expected HOST:PORT)")
        port_text = rest[1:]
    elif text.count(":") == 1:
        host, _, port_text = text.partition(":")
    if not host:
        raise DeliveryError(f"invalid SMTP server {text!r} (expected HOST:PORT)")
    if not port_text:
        return host, None
    if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise DeliveryError(f"invalid SMTP port in {text!r} (expected 1 to 65535)")
    return host, int(port_text)


def send(message: EmailMessage, smtp: SmtpSettings, *, draft: Path | None = None) -> None:
    """Send `message` to its To and Cc recipients through `smtp`.

    Raise DeliveryError with one line naming the server and the cause (refused connection,
    TLS failure, login refused, recipient refused); when `draft` is given, the line says the
    draft is kept there. Credentials are sent only over TLS, or to a loopback address.
    """
    try:
        refused = _send(message, smtp)
    except DeliveryError as exc:
        raise _failure(smtp, str(exc), draft) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise _failure(smtp, _describe(exc, smtp), draft) from exc
    if refused:
        who = ", ".join(
            f"{addr} ({code} {_text(reply)})" for addr, (code, reply) in refused.items()
        )
        raise _failure(smtp, f"sent, but the server refused {who}", draft)


def _send(message: EmailMessage, smtp: SmtpSettings) -> dict[str, tuple[int, bytes]]:
    """Connect, secure, log in and send; return the recipients refused."""
    context = ssl.create_default_context(cafile=None if smtp.cafile is None else str(smtp.cafile))
    client: smtplib.SMTP
    if smtp.security == "tls":
        client = smtplib.SMTP_SSL(
            smtp.host, smtp.effective_port, timeout=smtp.timeout, context=context
        )
    else:
        client = smtplib.SMTP(smtp.host, smtp.effective_port, timeout=smtp.timeout)
    with client:
        client.ehlo()
        if smtp.security == "starttls":
            if not client.has_extn("starttls"):
                raise DeliveryError("the server does not offer STARTTLS")
            client.starttls(context=context)
            client.ehlo()
        if smtp.username is not None:
            if smtp.password is None:
                raise DeliveryError(
                    "an SMTP username is set but no password "
                    "(set BRIEFGEN_SMTP_PASSWORD or smtp.password in briefgen.toml)"
                )
            if smtp.security == "none" and not _is_loopback(smtp.host):
                raise DeliveryError(
                    "refusing to send the password over an unencrypted connection "
                    "(use security 'starttls' or 'tls')"
                )
            client.login(smtp.username, smtp.password)
        refused = client.send_message(message)
    return refused


def _failure(smtp: SmtpSettings, cause: str, draft: Path | None) -> DeliveryError:
    """Return the one-line error for a failed send."""
    kept = "" if draft is None else f"; the draft is kept at {draft}"
    return DeliveryError(f"could not send to {smtp.url}: {cause}{kept}")


def _describe(exc: BaseException, smtp: SmtpSettings) -> str:
    """Return the cause of a failed send in a few words, never echoing the password."""
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"login refused for {smtp.username!r} ({exc.smtp_code} {_text(exc.smtp_error)})"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return f"recipient refused: {_refusals(exc.recipients)}"
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return f"sender {exc.sender} refused ({exc.smtp_code} {_text(exc.smtp_error)})"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"the server refused the message ({exc.smtp_code} {_text(exc.smtp_error)})"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return "the server closed the connection"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return f"the server does not support a needed extension ({exc})"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS certificate not trusted ({exc.verify_message})"
    if isinstance(exc, ssl.SSLError):
        return f"TLS failed ({exc.reason or exc})"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, socket.gaierror):
        return f"unknown host {smtp.host!r}"
    if isinstance(exc, TimeoutError):
        return f"no answer within {smtp.timeout:g} s"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


def _refusals(refused: dict[str, tuple[int, bytes]]) -> str:
    """Return refused recipients and the server's reasons as one line."""
    return ", ".join(f"{addr} ({code} {_text(reply)})" for addr, (code, reply) in refused.items())


def _text(reply: bytes | str) -> str:
    """Return a server reply as one line of text."""
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return " ".join(text.split())


def _is_loopback(host: str) -> bool:
    """Return whether `host` names this machine (where a plain-text login cannot be sniffed)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
