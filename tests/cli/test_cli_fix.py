"""``--fix`` and ``--diff``: atomic, idempotent, and never damaging a file."""

from __future__ import annotations

import email
import email.policy
import os
from pathlib import Path

import pytest
from cli_support import SLANG_DRAFT, SLANG_FIXED, Run, one_line_error, write

from tactful import Config, check_message
from tactful._files import write_atomically
from tactful._fixing import fix_email
from tactful._message import _decode_part, _pick_text_part

SELECT = ("--isolated", "--select", "INF001")


def body_of(data: bytes) -> str:
    part = _pick_text_part(email.message_from_bytes(data, policy=email.policy.compat32))
    assert part is not None
    return _decode_part(part)


def eml(body: bytes, *, encoding: str, charset: str = "utf-8", crlf: bool = False) -> bytes:
    head = (
        b"From: Jessica Miller <jm@example.com>\nTo: Ana Patel <ap@example.com>\n"
        b"Subject: Thank you\nX-Keep: folded\n  header line\nMIME-Version: 1.0\n"
        + f"Content-Type: text/plain; charset={charset}\n".encode()
        + (f"Content-Transfer-Encoding: {encoding}\n".encode() if encoding else b"")
    )
    data = head + b"\n" + body
    return data.replace(b"\n", b"\r\n") if crlf else data


def test_fix_rewrites_the_file_then_changes_nothing(run: Run, tmp_path: Path) -> None:
    draft = write(tmp_path / "drafts" / "note.txt", SLANG_DRAFT)
    os.chmod(draft, 0o640)
    before = draft.stat()
    process = run("check", "--fix", draft, *SELECT)
    assert process.returncode == 0, process.stderr  # nothing remains that blocks
    assert draft.read_text(encoding="utf-8") == SLANG_FIXED
    after = draft.stat()
    assert after.st_ino != before.st_ino  # replaced by rename, not written in place
    assert after.st_mode & 0o777 == 0o640
    assert "fixed 1 problem, 0 remaining" in process.stderr.decode()
    assert [p.name for p in draft.parent.iterdir()] == ["note.txt"]  # no temp file left
    # Idempotent: a second run finds nothing to fix and does not touch the file.
    again = run("check", "--fix", draft, *SELECT)
    assert again.returncode == 0
    assert draft.stat().st_ino == after.st_ino
    assert draft.stat().st_mtime_ns == after.st_mtime_ns


def test_fix_leaves_a_file_with_nothing_to_fix_untouched(run: Run, tmp_path: Path) -> None:
    text = "Dear Dr. Patel,\n\nI was nervous lol.\n"  # INF005 has no fix
    draft = write(tmp_path / "note.txt", text)
    before = draft.stat()
    process = run("check", "--fix", draft, "--isolated", "--select", "INF005")
    assert process.returncode == 1
    assert draft.stat().st_ino == before.st_ino
    assert draft.stat().st_mtime_ns == before.st_mtime_ns


def test_fix_keeps_line_endings_and_encoding(run: Run, tmp_path: Path) -> None:
    draft = write(tmp_path / "note.txt", SLANG_DRAFT.replace("\n", "\r\n").encode("utf-8-sig"))
    assert run("check", "--fix", draft, *SELECT).returncode == 0
    assert draft.read_bytes() == SLANG_FIXED.replace("\n", "\r\n").encode("utf-8-sig")


def test_diff_shows_the_change_and_writes_nothing(run: Run, tmp_path: Path) -> None:
    draft = write(tmp_path / "note.txt", SLANG_DRAFT)
    before = draft.read_bytes()
    process = run("check", "--diff", draft, *SELECT)
    assert process.returncode == 1
    out = process.stdout.decode()
    assert f"--- {draft}\n" in out
    assert "-Thank you for the tour. I'm gonna follow up" in out
    assert "+Thank you for the tour. I'm going to follow up" in out
    assert draft.read_bytes() == before
    clean = write(tmp_path / "clean.txt", SLANG_FIXED)
    nothing = run("check", "--diff", clean, *SELECT)
    assert nothing.returncode == 0
    assert nothing.stdout == b""


def test_fix_on_standard_input_prints_the_fixed_text(run: Run) -> None:
    process = run("check", "--fix", "-", *SELECT, input=SLANG_DRAFT.encode())
    assert process.stdout.decode() == SLANG_FIXED
    unchanged = run("check", "--fix", "-", *SELECT, input=SLANG_FIXED.encode())
    assert unchanged.stdout.decode() == SLANG_FIXED


def test_a_failed_write_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = write(tmp_path / "note.txt", SLANG_DRAFT)

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="No space"):
        write_atomically(draft, b"new")
    assert draft.read_text(encoding="utf-8") == SLANG_DRAFT
    assert [p.name for p in tmp_path.iterdir()] == ["note.txt"]


@pytest.mark.parametrize(
    ("encoding", "charset", "crlf"),
    [
        ("quoted-printable", "utf-8", False),
        ("8bit", "utf-8", True),
        ("7bit", "us-ascii", False),
        ("", "us-ascii", False),
    ],
)
def test_fix_rewrites_an_eml_text_part(
    run: Run, tmp_path: Path, encoding: str, charset: str, crlf: bool
) -> None:
    body = (
        "Dear Dr. Patel,\n\nI'm gonna call next week about the café position.\n\nSincerely,\nJess\n"
    )
    if charset == "us-ascii":
        body = body.replace("café", "cafe")
    if encoding == "quoted-printable":
        import quopri

        raw = quopri.encodestring(body.encode(charset))
    else:
        raw = body.encode(charset)
    data = eml(raw, encoding=encoding, charset=charset, crlf=crlf)
    path = write(tmp_path / "note.eml", data)
    process = run("check", "--fix", path, *SELECT)
    assert process.returncode == 0, process.stderr
    fixed = path.read_bytes()
    assert body_of(fixed).replace("\r\n", "\n") == body.replace("gonna", "going to")
    head, _, _ = data.partition(b"\r\n\r\n" if crlf else b"\n\n")
    assert fixed.startswith(head)  # headers kept byte for byte, folding included
    assert (b"\r\n" in fixed) == crlf


def test_fix_with_new_characters_upgrades_a_7bit_part(tmp_path: Path) -> None:
    data = eml(b"Dear Dr. Patel,\n\nI'm gonna call.\n", encoding="7bit", charset="us-ascii")
    report = check_message(data, config=Config(select=("INF001",)))
    # Pretend the fix brings in a character us-ascii cannot carry.
    finding = report.findings[0]
    fix = finding.fixes[0]
    edit = fix.edits[0].model_copy(update={"replacement": "going to — soon"})
    patched = report.model_copy(
        update={
            "findings": (
                finding.model_copy(update={"fixes": (fix.model_copy(update={"edits": (edit,)}),)}),
            )
        }
    )
    fixed = fix_email(data, patched, fix.applicability)
    assert fixed is not None
    message = email.message_from_bytes(fixed, policy=email.policy.compat32)
    assert message["Content-Transfer-Encoding"] == "quoted-printable"
    assert message.get_content_charset() == "utf-8"
    assert "going to — soon" in body_of(fixed)
    assert fixed.isascii()


def test_fix_refuses_a_base64_eml_and_leaves_it(run: Run, tmp_path: Path) -> None:
    import base64

    body = base64.encodebytes(b"Dear Dr. Patel,\n\nI'm gonna call.\n")
    path = write(tmp_path / "b64.eml", eml(body, encoding="base64"))
    before = path.read_bytes()
    process = run("check", "--fix", path, *SELECT)
    assert process.returncode == 2
    error = one_line_error(process)
    assert "base64-encoded" in error
    assert "7bit, 8bit or quoted-printable" in error
    assert path.read_bytes() == before
    # Without --fix it is checked as usual.
    assert run("check", path, *SELECT).returncode == 1
