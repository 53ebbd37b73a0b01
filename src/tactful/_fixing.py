"""Applying fixes for ``tactful check --fix``: to draft text, to an .eml's text part,
and to the file on disk (atomically, in the same folder, or not at all).
"""

from __future__ import annotations

import email
import email.policy
import quopri
from collections.abc import Callable
from email.generator import BytesGenerator
from email.message import Message
from io import BytesIO

from tactful._errors import InputError
from tactful._message import _decode_part, _pick_text_part
from tactful._model import Applicability, Report, apply_fixes

# Ruff's limit: fixes that overlap are left for another pass, and a pass may expose more.
MAX_PASSES = 10
REWRITABLE_ENCODINGS = frozenset({None, "7bit", "8bit", "quoted-printable"})


def fixed_text(report: Report, applicability: Applicability, *, start: int = 0) -> str:
    """``report.text`` with the fixes whose edits all lie at or after ``start`` applied."""
    findings = tuple(
        finding
        for finding in report.findings
        if all(edit.start >= start for fix in finding.fixes for edit in fix.edits)
    )
    return apply_fixes(report.text, findings, applicability)


def fix_until_stable(
    message: str | bytes,
    report: Report,
    check: Callable[[str | bytes], Report],
    applicability: Applicability,
) -> tuple[str | bytes, Report]:
    """Fix, re-check and fix again until nothing changes; the last message and its report."""
    for _ in range(MAX_PASSES):
        if isinstance(message, bytes):
            updated: str | bytes | None = fix_email(message, report, applicability)
        else:
            text = fixed_text(report, applicability)
            updated = text if text != message else None
        if updated is None or updated == message:
            break
        message = updated
        report = check(message)
    return message, report


def _text_part(message: Message) -> Message:
    part = _pick_text_part(message)
    if part is None:
        raise InputError("has no text part to fix")
    if part.get_content_type() != "text/plain":
        raise InputError(
            f"cannot be fixed in place: its text is {part.get_content_type()}, not text/plain"
        )
    encoding = part.get("Content-Transfer-Encoding")
    encoding = encoding.strip().lower() if encoding else None
    if encoding not in REWRITABLE_ENCODINGS:
        raise InputError(
            f"cannot be fixed in place: its text part is {encoding}-encoded, and only plain "
            "7bit, 8bit or quoted-printable text is rewritten"
        )
    return part


def check_email_fixable(data: bytes) -> None:
    """Raise InputError when --fix would have to refuse this .eml."""
    _text_part(email.message_from_bytes(data, policy=email.policy.compat32))


def fix_email(data: bytes, report: Report, applicability: Applicability) -> bytes | None:
    """The .eml with the body fixes applied to its text part, re-encoded; None if unchanged.

    Fixes to the shown headers are not applied: header bytes are kept as they are.
    """
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    part = _text_part(message)
    body = _decode_part(part).replace("\r\n", "\n")
    if not report.text.endswith(body):
        raise InputError("cannot be fixed in place: its text part could not be located")
    body_start = len(report.text) - len(body)
    new_text = fixed_text(report, applicability, start=body_start)
    if new_text[:body_start] != report.text[:body_start] or new_text == report.text:
        return None
    new_body = new_text[body_start:]
    set_text_payload(part, new_body)
    output = serialise(
        message, crlf=b"\r\n" in data.split(b"\n\n", 1)[0] or data.startswith(b"\r\n")
    )
    # Read it back: a rewrite that does not decode to the intended text is never written.
    reread = _pick_text_part(email.message_from_bytes(output, policy=email.policy.compat32))
    if reread is None or _decode_part(reread).replace("\r\n", "\n") != new_body:
        raise InputError("cannot be fixed in place: the re-encoded text did not read back the same")
    return output


def set_text_payload(part: Message, body: str) -> None:
    """Put ``body`` into a text/plain part, keeping its transfer encoding where it can."""
    charset = part.get_content_charset() or "us-ascii"
    try:
        raw = body.encode(charset)
    except (UnicodeEncodeError, LookupError):
        charset = "utf-8"
        raw = body.encode(charset)
        part.set_param("charset", charset)
    encoding = part.get("Content-Transfer-Encoding")
    encoding = encoding.strip().lower() if encoding else None
    if encoding in (None, "7bit") and not raw.isascii():
        # 7bit cannot carry the new characters: quoted-printable can, in any charset.
        encoding = "quoted-printable"
        _replace_header(part, "Content-Transfer-Encoding", encoding)
    if encoding == "quoted-printable":
        payload = quopri.encodestring(raw).decode("ascii")
    else:
        # surrogateescape makes BytesGenerator write the 8bit bytes back unchanged.
        payload = raw.decode("ascii", "surrogateescape")
    part.set_payload(payload)


def _replace_header(part: Message, name: str, value: str) -> None:
    if part.get(name) is None:
        part[name] = value
    else:
        part.replace_header(name, value)


def serialise(message: Message, *, crlf: bool) -> bytes:
    policy = email.policy.compat32.clone(linesep="\r\n" if crlf else "\n")
    buffer = BytesIO()
    # maxheaderlen=0 keeps each header line as it was: nothing is re-folded.
    BytesGenerator(buffer, mangle_from_=False, maxheaderlen=0, policy=policy).flatten(message)
    return buffer.getvalue()
