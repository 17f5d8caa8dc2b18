"""E-mail drafts and SMTP delivery, read back with the standard library and real servers."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefgen.deliver.email import (
    EmailRequest,
    SmtpSettings,
    build_message,
    deliver_email,
    draft_path,
    parse_endpoint,
    request_from_options,
    send,
    write_draft,
)
from briefgen.errors import DeliveryError

from .conftest import PASSWORD, USER, Certificate, StartServer, check_login, free_port

WHEN = datetime(2009, 11, 12, 8, 30, tzinfo=timezone.utc)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def request(**changes: Any) -> EmailRequest:
    fields: dict[str, Any] = {
        "to": ("Jane Doe <jane@example.org>", "desk@example.net"),
        "cc": ("Bob <bob@example.com>",),
        "sender": "Briefing Desk <desk@example.org>",
    }
    fields.update(changes)
    return EmailRequest(**fields)


def build(req: EmailRequest, attachments: list[Path], **changes: Any) -> EmailMessage:
    fields: dict[str, Any] = {
        "title": "NGO profile: Krízis Center <Astana> & partners",
        "date": "2009-11-10",
        "classification": "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        "summary_lines": ["Runs the only shelter in Astana.", "Funded by <IOM> & USAID."],
        "sources": ["09ASTANA1985 (2009-11-10)", "09ASTANA1206 (2009-07-14)"],
        "attachments": attachments,
        "message_date": WHEN,
    }
    fields.update(changes)
    return build_message(req, **fields)


def parse(data: bytes) -> EmailMessage:
    message = message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def body_text(message: EmailMessage, subtype: str) -> str:
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None and isinstance(part, EmailMessage)
    content = part.get_content()
    assert isinstance(content, str)
    return content


# --- the draft, parsed back ------------------------------------------------------------------


def test_draft_parses_back_with_headers_bodies_and_identical_attachments(
    briefing_files: list[Path],
) -> None:
    path = write_draft(build(request(), briefing_files), draft_path(briefing_files))

    assert path == briefing_files[0].with_suffix(".eml")
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    message = parse(raw)
    assert message.defects == []
    assert message["From"] == "Briefing Desk <desk@example.org>"
    assert [a.addr_spec for a in message["To"].addresses] == [
        "jane@example.org",
        "desk@example.net",
    ]
    assert [a.addr_spec for a in message["Cc"].addresses] == ["bob@example.com"]
    assert message["Subject"] == "NGO profile: Krízis Center <Astana> & partners"
    assert message["Date"].datetime == WHEN
    assert message["Message-ID"].startswith("<briefgen.")
    assert message["Message-ID"].endswith("@example.org>")
    assert message["MIME-Version"] == "1.0"
    assert message.get_content_type() == "multipart/mixed"
    # A mail client opens the draft as one to edit and send, not as a message received.
    assert message["X-Unsent"] == "1"

    text = body_text(message, "plain")
    assert text.splitlines()[0] == "NGO profile: Krízis Center <Astana> & partners"
    for line in (
        "Date: 2009-11-10",
        "Classification: UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        "- Runs the only shelter in Astana.",
        "- 09ASTANA1985 (2009-11-10)",
        "Attached: ngo-krizis-center.pdf, ngo-krizis-center.docx",
    ):
        assert line in text.splitlines()

    page = body_text(message, "html")
    assert "<h1>NGO profile: Krízis Center &lt;Astana&gt; &amp; partners</h1>" in page
    assert "<li>Funded by &lt;IOM&gt; &amp; USAID.</li>" in page
    assert "<IOM>" not in page

    attached = list(message.iter_attachments())
    assert [(p.get_filename(), p.get_content_type()) for p in attached] == [
        ("ngo-krizis-center.pdf", "application/pdf"),
        ("ngo-krizis-center.docx", DOCX_TYPE),
    ]
    for part, original in zip(attached, briefing_files, strict=True):
        assert part.get_content_disposition() == "attachment"
        assert part.get_content() == original.read_bytes()


def test_the_same_inputs_give_the_same_bytes(briefing_files: list[Path]) -> None:
    first = build(request(), briefing_files).as_bytes()
    assert build(request(), briefing_files).as_bytes() == first
    later = build(request(), briefing_files, message_date=WHEN + timedelta(days=1)).as_bytes()
    assert later != first
    assert parse(later)["Message-ID"] != parse(first)["Message-ID"]


def test_subject_defaults_to_title_and_can_be_given(briefing_files: list[Path]) -> None:
    given_subject = build(request(subject="Weekly  shelter update"), briefing_files)
    assert parse(given_subject.as_bytes())["Subject"] == "Weekly shelter update"
    no_cc = build(request(cc=()), [])
    assert "Cc" not in parse(no_cc.as_bytes())
    assert not parse(no_cc.as_bytes()).is_multipart() or not list(no_cc.iter_attachments())


def test_international_domain_is_sent_as_idna() -> None:
    req = request(to=("Ivan <ivan@пример.рф>",))
    assert req.to == ("Ivan <ivan@xn--e1afmkfd.xn--p1ai>",)


def test_write_draft_makes_the_folder_and_reports_failures(tmp_path: Path) -> None:
    message = build(request(), [])
    path = write_draft(message, tmp_path / "new" / "x.eml")
    assert path.read_bytes() == b"X-Unsent: 1\r\n" + message.as_bytes()
    assert [p.name for p in path.parent.iterdir()] == ["x.eml"]  # no temporary file left
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(DeliveryError, match="cannot write"):
        write_draft(message, tmp_path / "file" / "x.eml")


def test_missing_attachment_is_a_delivery_error(tmp_path: Path) -> None:
    with pytest.raises(DeliveryError, match=r"missing\.pdf: cannot attach"):
        build(request(), [tmp_path / "missing.pdf"])


def test_request_from_command_line_options() -> None:
    assert request_from_options(to=[]) is None
    with pytest.raises(DeliveryError, match="need at least one --email-to"):
        request_from_options(to=[], cc=["bob@example.com"])
    with pytest.raises(DeliveryError, match="need at least one --email-to"):
        request_from_options(to=[], send=True)
    req = request_from_options(to=["jane@example.org"], default_sender="desk@example.org")
    assert req is not None and req.sender == "desk@example.org" and req.subject is None
    given = request_from_options(
        to=["jane@example.org"], sender="me@example.org", default_sender="desk@example.org"
    )
    assert given is not None and given.sender == "me@example.org"
    with pytest.raises(DeliveryError, match="needs a sender"):
        request_from_options(to=["jane@example.org"])


# --- validation and header injection ---------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"subject": "Hello\r\nBcc: victim@example.org"}, "control character"),
        ({"subject": "Hello\nBcc: victim@example.org"}, "control character"),
        ({"subject": "Hello\u2028Bcc: victim@example.org"}, "control character"),
        ({"subject": "Hi =?utf-8?q?x=0D=0ABcc:_victim@example.org?="}, "encoded-word"),
        ({"subject": "   "}, "empty"),
        ({"to": ("Jane\r\nBcc: victim@example.org <jane@example.org>",)}, "control character"),
        ({"to": ('"Jane\nBcc: v@example.org" <jane@example.org>',)}, "control character"),
        ({"to": ("=?utf-8?q?J=0ABcc:_v@example.org?= <jane@example.org>",)}, "encoded-word"),
        ({"to": ("jane@example.org\r\nBcc: victim@example.org",)}, "control character"),
        ({"cc": ("bob@example.com, eve@example.com",)}, "exactly one"),
        ({"sender": "desk@example.org\nBcc: victim@example.org"}, "control character"),
        ({"to": ("jane@",)}, "not a valid"),
        ({"to": ("Jane Doe",)}, "not a valid"),
        ({"to": ("jane@exa mple.org",)}, "not a valid"),
        ({"to": ("jane@-bad-.org",)}, "invalid domain"),
        ({"to": ("jané@example.org",)}, "not a valid"),
        ({"to": ()}, "at least one"),
        ({"to": "jane@example.org"}, "sequences"),
        ({"sender": ""}, "needs a sender"),
    ],
)
def test_bad_addresses_and_injections_are_rejected(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(DeliveryError, match=message):
        request(**changes)


def test_title_and_file_names_are_checked_too(tmp_path: Path) -> None:
    with pytest.raises(DeliveryError, match="control character"):
        build(request(), [], title="Profile\r\nBcc: victim@example.org")
    sneaky = tmp_path / "a\r\nBcc: victim@example.org.pdf"
    sneaky.write_bytes(b"%PDF")
    with pytest.raises(DeliveryError, match="control character"):
        build(request(), [sneaky])


def test_round_trip_guard_catches_what_the_stdlib_lets_through() -> None:
    from briefgen.deliver.email import POLICY, _verify_headers

    message = EmailMessage(policy=POLICY)
    message["To"] = Address(display_name="=?utf-8?q?a=0D=0ABcc:_x?=", addr_spec="a@example.org")
    try:
        raw = message.as_bytes()
    except Exception:
        pytest.skip("this Python refuses the injection itself")
    if b"\r\nBcc:" not in raw:
        pytest.skip("this Python does not turn encoded CR/LF into a header")
    with pytest.raises(DeliveryError, match="do not survive serialisation"):
        _verify_headers(message)


HEADERS = ["From", "To", "Cc", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type"]
NASTY = st.sampled_from(["\r", "\n", "\r\n", "=?", "?=", "=?utf-8?q?", "=0D=0A", ":", " ", "\t"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text()
    | st.text(st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp"]), max_size=300)
    | st.lists(st.text(max_size=40) | NASTY, max_size=8).map("".join)
)
@example("Hi =?utf-8?q?x=0D=0ABcc:_victim@example.org?= there")
@example("x" * 400 + "\r\nBcc: v@example.org")
def test_any_subject_is_one_header_or_rejected(subject: str) -> None:
    try:
        req = request(subject=subject)
    except DeliveryError:
        return
    raw = build(req, []).as_bytes()
    head = raw.split(b"\r\n\r\n", 1)[0]
    # Every header line starts a known header or continues the one before (folding).
    names = [
        line.split(b":", 1)[0].decode() for line in head.split(b"\r\n") if line[:1] not in b" "
    ]
    assert names == HEADERS
    assert b"\n" not in head.replace(b"\r\n", b"") and b"\r" not in head.replace(b"\r\n", b"")
    assert parse(raw)["Subject"] == " ".join(subject.split())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60) | st.lists(st.text(max_size=10) | NASTY, max_size=6).map("".join))
@example('Doe, Jane" <evil@example.org>, "x')
@example("=?utf-8?q?Jane=0D=0ABcc:_v@example.org?=")
def test_any_display_name_is_one_address_or_rejected(name: str) -> None:
    try:
        text = str(Address(display_name=name, username="jane", domain="example.org"))
    except Exception:  # the standard library itself refuses some names
        return
    try:
        req = request(to=(text,), cc=())
    except DeliveryError:
        return
    got = parse(build(req, []).as_bytes())
    [address] = got["To"].addresses
    assert address.addr_spec == "jane@example.org"
    # Python's parser may add a space where a long name was folded into two encoded words.
    assert "".join(address.display_name.split()) == "".join(name.split())
    assert "Bcc" not in got and "Cc" not in got


# --- sending over SMTP -----------------------------------------------------------------------


def received(envelope: Any) -> EmailMessage:
    data = envelope.original_content or envelope.content
    assert isinstance(data, bytes)
    return parse(data)


def test_send_reaches_a_real_server_whole(
    smtp_server: StartServer, briefing_files: list[Path]
) -> None:
    inbox, port = smtp_server()
    message = build(request(), briefing_files)

    send(message, SmtpSettings(host="127.0.0.1", port=port, security="none", timeout=10))

    [envelope] = inbox.envelopes
    assert b"X-Unsent" not in envelope.original_content  # the draft's mark stays on the draft
    assert envelope.mail_from == "desk@example.org"
    assert envelope.rcpt_tos == ["jane@example.org", "desk@example.net", "bob@example.com"]
    assert envelope.original_content.rstrip(b"\r\n") == message.as_bytes().rstrip(b"\r\n")
    got = received(envelope)
    assert got["Message-ID"] == message["Message-ID"]
    assert got["Subject"] == message["Subject"]
    assert body_text(got, "plain").splitlines() == body_text(message, "plain").splitlines()
    payloads = [part.get_content() for part in got.iter_attachments()]
    assert payloads == [path.read_bytes() for path in briefing_files]


def test_refused_connection_keeps_the_draft(briefing_files: list[Path]) -> None:
    port = free_port()  # nothing listens there
    draft = draft_path(briefing_files)
    with pytest.raises(DeliveryError) as caught:
        deliver_email(
            request(),
            title="NGO profile",
            date="2009-11-10",
            classification=None,
            summary_lines=[],
            sources=[],
            attachments=briefing_files,
            message_date=WHEN,
            smtp=SmtpSettings(host="127.0.0.1", port=port, security="none", timeout=5),
        )
    assert str(caught.value) == (
        f"could not send to smtp://127.0.0.1:{port}: connection refused; "
        f"the draft is kept at {draft}"
    )
    assert "\n" not in str(caught.value)
    assert parse(draft.read_bytes())["Subject"] == "NGO profile"


def test_refused_recipient_and_wrong_password_are_one_line_errors(
    smtp_server: StartServer, briefing_files: list[Path]
) -> None:
    inbox, port = smtp_server(authenticator=check_login, auth_require_tls=False)
    inbox.refuse = {"jane@example.org", "desk@example.net", "bob@example.com"}
    message = build(request(), briefing_files)
    plain = SmtpSettings(host="127.0.0.1", port=port, security="none", timeout=10)
    with pytest.raises(DeliveryError, match=r"recipient refused: jane@example\.org \(550 5\.1\.1"):
        send(message, plain)

    wrong = SmtpSettings(
        host="127.0.0.1", port=port, security="none", username=USER, password="nope", timeout=10
    )
    with pytest.raises(DeliveryError, match="login refused for 'analyst'") as caught:
        send(message, wrong, draft=Path("out/x.eml"))
    assert "nope" not in str(caught.value)
    assert str(caught.value).endswith("; the draft is kept at out/x.eml")
    assert inbox.envelopes == []


def test_password_is_not_sent_in_clear_to_a_remote_host(briefing_files: list[Path]) -> None:
    settings_ = SmtpSettings(host="192.0.2.1", security="none", username=USER, password=PASSWORD)
    assert "s3cret" not in repr(settings_) and "s3cret" not in str(settings_.as_dict())
    # 192.0.2.0/24 is TEST-NET: the connection fails before any login, quickly or by timeout.
    with pytest.raises(DeliveryError, match=r"could not send to smtp://192\.0\.2\.1:25"):
        send(build(request(), []), SmtpSettings(host="192.0.2.1", security="none", timeout=0.5))


def test_starttls_with_login(
    smtp_server: StartServer, certificate: Certificate, briefing_files: list[Path]
) -> None:
    inbox, port = smtp_server(
        tls_context=certificate.server_context(),
        require_starttls=True,
        authenticator=check_login,
        auth_require_tls=True,
    )
    message = build(request(), briefing_files)
    trusted = SmtpSettings(
        host="127.0.0.1",
        port=port,
        security="starttls",
        username=USER,
        password=PASSWORD,
        timeout=10,
        cafile=certificate.cert,
    )
    send(message, trusted)
    [envelope] = inbox.envelopes
    assert received(envelope)["Message-ID"] == message["Message-ID"]

    untrusted = SmtpSettings(host="127.0.0.1", port=port, security="starttls", timeout=10)
    with pytest.raises(DeliveryError, match="TLS certificate not trusted"):
        send(message, untrusted)


def test_implicit_tls(
    smtp_server: StartServer, certificate: Certificate, briefing_files: list[Path]
) -> None:
    inbox, port = smtp_server(ssl_context=certificate.server_context())
    message = build(request(), briefing_files)
    tls = SmtpSettings(
        host="127.0.0.1", port=port, security="tls", timeout=10, cafile=certificate.cert
    )
    send(message, tls)
    [envelope] = inbox.envelopes
    assert [p.get_content() for p in received(envelope).iter_attachments()] == [
        path.read_bytes() for path in briefing_files
    ]


def test_starttls_required_but_not_offered(smtp_server: StartServer) -> None:
    _, port = smtp_server()
    with pytest.raises(DeliveryError, match="does not offer STARTTLS"):
        send(build(request(), []), SmtpSettings(host="127.0.0.1", port=port, timeout=10))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail.example.org", ("mail.example.org", None)),
        ("mail.example.org:2525", ("mail.example.org", 2525)),
        ("[::1]:25", ("::1", 25)),
        ("::1", ("::1", None)),
    ],
)
def test_parse_endpoint(text: str, expected: tuple[str, int | None]) -> None:
    assert parse_endpoint(text) == expected


@pytest.mark.parametrize("text", ["", ":25", "host:0", "host:99999", "host:x", "[::1"])
def test_parse_endpoint_rejects(text: str) -> None:
    with pytest.raises(DeliveryError):
        parse_endpoint(text)


def test_smtp_settings_validate() -> None:
    with pytest.raises(DeliveryError, match="security"):
        SmtpSettings(host="h", security="ssl")  # type: ignore[arg-type]
    with pytest.raises(DeliveryError, match="port"):
        SmtpSettings(host="h", port=0)
    assert SmtpSettings(host="h", security="tls").url == "smtps://h:465"
    assert SmtpSettings(host="::1").url == "smtp://[::1]:587"
