"""Validate the text that goes into e-mail headers: addresses, names, subjects, file names.

Python's `email` package decodes MIME encoded words (`=?utf-8?q?...?=`) found in header
values and, in some versions, writes a decoded CR/LF back out as a real line break: a header
injection. So every header value is checked here before it reaches the package, and control
characters and encoded-word syntax are refused outright rather than escaped.
"""

from __future__ import annotations

import unicodedata
from email.headerregistry import Address, AddressHeader, HeaderRegistry

from briefgen.errors import DeliveryError

_REGISTRY = HeaderRegistry()
# Cc: C0/C1 controls (CR, LF, TAB, NUL, NEL); Zl/Zp: Unicode line and paragraph separators,
# which some mail clients treat as line breaks; Cs: lone surrogates, which cannot be encoded.
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Zl", "Zp", "Cs"})
_LABEL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")


def check_header_text(value: str, what: str) -> str:
    """Return `value` with runs of spaces collapsed, or raise DeliveryError if unsafe.

    Refused: control characters (CR, LF, TAB, NUL, ...), Unicode line separators, lone
    surrogates, and MIME encoded-word syntax (`=?`), any of which could smuggle a header in.
    """
    for char in value:
        if unicodedata.category(char) in _FORBIDDEN_CATEGORIES:
            raise DeliveryError(
                f"{what} contains a control character ({char!r}); "
                "line breaks and control characters are not allowed in e-mail headers"
            )
    if "=?" in value:
        raise DeliveryError(
            f"{what} contains MIME encoded-word syntax ('=?'), which is not allowed"
        )
    return " ".join(value.split())


def parse_address(text: str, what: str = "address") -> Address:
    """Return the one mailbox in `text` (`jane@example.org` or `Jane Doe <jane@example.org>`).

    Raise DeliveryError naming `what` when `text` is not exactly one valid mailbox with an
    ASCII local part and a host name (international host names are converted to IDNA).
    """
    check_header_text(text, f"{what} {text!r}")
    try:
        header = _REGISTRY("To", text)
        assert isinstance(header, AddressHeader)
    except Exception as exc:  # the header parser raises IndexError and friends on junk
        raise DeliveryError(f"{what} {text!r} is not a valid e-mail address") from exc
    if len(header.addresses) > 1:
        raise DeliveryError(f"{what} {text!r} must be exactly one e-mail address")
    if header.defects or len(header.groups) != 1 or header.groups[0].display_name is not None:
        raise DeliveryError(f"{what} {text!r} is not a valid e-mail address")
    if len(header.addresses) != 1:
        raise DeliveryError(f"{what} {text!r} is not a valid e-mail address")
    mailbox = header.addresses[0]
    if not mailbox.username or not mailbox.domain or not mailbox.username.isascii():
        raise DeliveryError(f"{what} {text!r} is not a valid e-mail address")
    domain = ascii_domain(mailbox.domain)
    if domain is None:
        raise DeliveryError(f"{what} {text!r} has an invalid domain {mailbox.domain!r}")
    try:
        return Address(display_name=mailbox.display_name, username=mailbox.username, domain=domain)
    except Exception as exc:
        raise DeliveryError(f"{what} {text!r} is not a valid e-mail address") from exc


def ascii_domain(domain: str) -> str | None:
    """Return host name `domain` in lower-case ASCII (IDNA), or None if it is not one."""
    try:
        encoded = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = encoded.split(".")
    if not domain or len(encoded) > 253:
        return None
    for label in labels:
        if not 1 <= len(label) <= 63 or label[0] == "-" or label[-1] == "-":
            return None
        if not set(label) <= _LABEL_CHARS:
            return None
    return encoded.lower()
