"""The parsed message: every part is a span of the report's text."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from tests.conftest import OFFICE_HOURS

from tactful import InputError, Report, check_message


def part(report: Report, name: str) -> str:
    span = getattr(report.parts, name)
    assert span is not None, f"no {name}"
    return report.text[span.start : span.end]


DRAFT = """Subject: Thank you - Histotechnician interview
To: Ana Patel <apatel@example.org>
Cc: hr@example.org

Dear Dr. Patel,

Note: I attached my CV.

Thank you for showing me the cryostat and the H&E line.

Best regards,
Jessica Miller
(555) 010-0142

--\x20
Sent from my phone

On Mon, Nov 16, 2026 at 3:12 PM Ana Patel <apatel@example.org>
wrote:
> Looking forward to it!
>
> Ana
"""


def test_draft_parts() -> None:
    report = check_message(DRAFT)
    names = [h.name for h in report.parts.headers]
    assert names == ["Subject", "To", "Cc"]
    subject = report.parts.headers[0]
    assert report.text[subject.start : subject.end] == "Thank you - Histotechnician interview"
    assert part(report, "greeting") == "Dear Dr. Patel,"
    body = part(report, "body")
    assert body.startswith("Note: I attached my CV.")
    assert body.endswith("the H&E line.")
    assert part(report, "closing") == "Best regards,"
    signature = part(report, "signature")
    assert signature.startswith("Jessica Miller")
    assert "Sent from my phone" in signature
    (quoted,) = report.parts.quoted
    assert report.text[quoted.start : quoted.end].startswith("On Mon, Nov 16")
    assert report.text[quoted.end - 5 : quoted.end] == "> Ana"


@pytest.mark.parametrize("text", [DRAFT, DRAFT.replace("\n", "\r\n"), DRAFT.split("\n\n", 1)[1]])
def test_visible_text_shows_prose_subject_and_signature(text: str) -> None:
    from tactful import Config
    from tactful._engine import RuleSet

    parsed = RuleSet.for_config(Config()).parse(text)
    shown = [*parsed.prose]
    for span in (parsed.header("subject"), parsed.parts.signature):
        if span is not None:
            shown += [(span.start, span.end)]
    visible = parsed.visible_text
    assert len(visible) == len(text)
    for at, char in enumerate(visible):
        inside = any(start <= at < end for start, end in shown)
        assert char == (text[at] if inside or text[at] in "\r\n" else " ")
    assert "Jessica Miller" in visible
    assert "Looking forward" not in visible


def test_prose_that_looks_like_a_header_stays_prose() -> None:
    report = check_message("Note: I attached my CV.\nThanks again.\n")
    assert report.parts.headers == ()
    assert part(report, "body").startswith("Note: I attached my CV.")


def test_quoted_and_signature_text_is_not_linted() -> None:
    text = (
        "Dear Dr. Patel,\n\nThank you for the tour of the blood bank. I am very interested in"
        " the position."
        "\n\nSincerely,\nJess Miller 😊 gonna\n317-555-0150\n\n> yeah gonna 😊\n"
    )
    report = check_message(text, context=OFFICE_HOURS)
    assert report.findings == ()


def test_greeting_on_the_same_line_as_the_body() -> None:
    report = check_message("Dear Dr. Patel, thank you for the interview today.\n\nSincerely,\nJess")
    assert part(report, "greeting") == "Dear Dr. Patel,"
    assert part(report, "body") == "thank you for the interview today."


def test_outlook_original_message_block_is_quoted() -> None:
    text = (
        "Dear Ms. Ruiz,\n\nThank you for showing me the core lab. I remain interested in the role."
        "\n\nSincerely,\nJess\njess@example.org\n\n"
        "From: Maria Ruiz\nSent: Monday, November 16, 2026 9:00 AM\nTo: Jess\n\nHey! gonna be great\n"
    )
    report = check_message(text, context=OFFICE_HOURS)
    (quoted,) = report.parts.quoted
    assert report.text[quoted.start :].startswith("From: Maria Ruiz")
    assert report.findings == ()


def test_crlf_offsets_and_lines() -> None:
    text = "Dear Dr. Patel,\r\n\r\nI'm gonna call.\r\n\r\nSincerely,\r\nJess\r\n"
    report = check_message(text)
    (finding,) = [f for f in report.findings if f.code == "INF001"]
    assert text[finding.start : finding.end] == "gonna"
    assert (finding.line, finding.column) == (3, 5)


def test_quoted_printable_bytes_are_decoded() -> None:
    raw = (
        b"From: =?utf-8?q?Siobh=C3=A1n?= <s@example.org>\r\n"
        b"To: Ana Patel <apatel@example.org>\r\n"
        b"Subject: Thank you\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"Dear Dr. Patel,\r\n\r\nThank you for the tour of the h=C3=A6matology lab =F0=9F=98=8A.\r\n\r\n"
        b"Sincerely,\r\nSiobh=C3=A1n\r\n"
    )
    report = check_message(raw)
    assert report.text.startswith("From: Siobhán <s@example.org>\nTo: Ana Patel")
    assert "hæmatology" in report.text
    emoji = [f for f in report.findings if f.code == "EMO001"]
    assert [f.text for f in emoji] == ["😊"]
    assert report.parts.has_attachment is False


def test_multipart_prefers_plain_and_sees_attachments() -> None:
    message = EmailMessage()
    message["Subject"] = "Thank you"
    message["To"] = "Ana Patel <apatel@example.org>"
    message.set_content("Dear Dr. Patel,\n\nThank you for the tour.\n\nSincerely,\nJess\n")
    message.add_alternative("<p>Dear Dr. Patel,</p><p>HTML version gonna</p>", subtype="html")
    message.add_attachment(
        b"%PDF-1.4", maintype="application", subtype="pdf", filename="resume.pdf"
    )
    report = check_message(message)
    assert "HTML version" not in report.text
    assert report.parts.has_attachment is True


def test_html_only_is_turned_into_text() -> None:
    message = EmailMessage()
    message["Subject"] = "Thank you"
    message.set_content(
        "<html><head><style>p{}</style></head><body><p>Dear Dr. Patel,</p>"
        "<p>I&#39;m gonna follow up.<br>Thanks</p></body></html>",
        subtype="html",
    )
    report = check_message(message)
    assert "p{}" not in report.text
    assert "I'm gonna follow up." in report.text
    assert any(f.code == "INF001" and f.text == "gonna" for f in report.findings)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (
            b"Content-Type: text/plain; charset=utf-8\r\n\r\nDear Dr. Patel, caf\xe9\r\n",
            "not valid utf-8",
        ),
        (b"Content-Type: text/plain; charset=x-klingon\r\n\r\nHello\r\n", "unknown charset"),
        (
            b"Content-Type: multipart/mixed; boundary=zz\r\n\r\n--zz\r\nContent-Type: image/png\r\n\r\nxx\r\n--zz--\r\n",
            "no text/plain",
        ),
    ],
)
def test_unreadable_bytes_raise_a_clear_error(raw: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        check_message(raw)


def test_malformed_mime_still_gives_a_report() -> None:
    raw = b"Subject: Thanks\r\nContent-Type: multipart/mixed; boundary=\r\n\r\nDear Dr. Patel,\r\n\r\nThank you.\r\n"
    report = check_message(raw)
    assert "Thank you." in report.text
