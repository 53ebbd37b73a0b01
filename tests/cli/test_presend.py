"""``tactful sendmail`` with a fake MTA, and the git sendemail-validate hook."""

from __future__ import annotations

import io
import json
import os
import re
import stat
import sys
import types
from pathlib import Path
from unittest import mock

import pytest
from cli_support import REPO, SLANG_DRAFT, SLANG_FIXED, Run, one_line_error, write
from hypothesis import given
from hypothesis import strategies as st

from tactful import Config, TactfulError, check_message
from tactful.presend import message_fingerprint, patch_prose, sendmail_main

FAKE_MTA = """#!/bin/sh
# Records exactly what it was given, then exits with the status the test asks for.
: > "$FAKE_MTA_DIR/args"
for argument in "$@"; do printf '%s\\0' "$argument" >> "$FAKE_MTA_DIR/args"; done
cat > "$FAKE_MTA_DIR/message"
exit "${FAKE_MTA_STATUS:-0}"
"""
OPTIONS = ["--isolated", "--select", "INF001"]
CLEAN_SENTENCES = (
    "Thank you for meeting with me on Monday about the technician position.",
    "I enjoyed the tour of the core lab and the talk about the LIS upgrade.",
    "My two years of QC work on the Sysmex line would help your team.",
    "I look forward to hearing from you.",
)


class FakeMta:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.script = write(folder / "fake-mta", FAKE_MTA)
        self.script.chmod(self.script.stat().st_mode | stat.S_IXUSR)

    def reset(self) -> None:
        for name in ("args", "message"):
            (self.folder / name).unlink(missing_ok=True)

    @property
    def called(self) -> bool:
        return (self.folder / "message").exists()

    @property
    def message(self) -> bytes:
        return (self.folder / "message").read_bytes()

    @property
    def args(self) -> list[str]:
        raw = (self.folder / "args").read_bytes()
        return [os.fsdecode(a) for a in raw.split(b"\0")[:-1]]

    def env(self, status: int = 0) -> dict[str, str]:
        return {"FAKE_MTA_DIR": str(self.folder), "FAKE_MTA_STATUS": str(status)}


@pytest.fixture(scope="module")
def mta(tmp_path_factory: pytest.TempPathFactory) -> FakeMta:
    return FakeMta(tmp_path_factory.mktemp("mta"))


def send_in_process(mta: FakeMta, data: bytes, args: list[str], status: int) -> int:
    mta.reset()
    stdin = types.SimpleNamespace(buffer=io.BytesIO(data))
    with mock.patch.object(sys, "stdin", stdin), mock.patch.dict(os.environ, mta.env(status)):
        return sendmail_main([*OPTIONS, "--", str(mta.script), *args])


argument = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20
)
header_value = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40)


@st.composite
def messages(draw: st.DrawFn, *, flawed: bool) -> bytes:
    sentences = draw(st.lists(st.sampled_from(CLEAN_SENTENCES), min_size=1, max_size=4))
    if flawed:
        at = draw(st.integers(0, len(sentences)))
        sentences.insert(at, "I'm gonna call next week.")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    extra = draw(header_value)
    lines = [
        "From: Jessica Miller <jm@example.com>",
        "To: Ana Patel <ap@example.com>",
        "Subject: Thank you",
        f"X-Note: {extra}",
        "",
        "Dear Dr. Patel,",
        "",
        " ".join(sentences),
        "",
        "Sincerely,",
        "Jessica Miller",
        "",
    ]
    return newline.join(lines).encode("utf-8")


@given(messages(flawed=False), st.lists(argument, max_size=5), st.integers(0, 120))
def test_a_clean_message_reaches_the_mta_unchanged(
    mta: FakeMta, data: bytes, args: list[str], status: int
) -> None:
    assert send_in_process(mta, data, args, status) == status
    assert mta.called
    assert mta.message == data
    assert mta.args == args


@given(messages(flawed=True), st.lists(argument, max_size=3))
def test_a_flawed_message_never_reaches_the_mta(mta: FakeMta, data: bytes, args: list[str]) -> None:
    assert send_in_process(mta, data, args, 0) == 65
    assert not mta.called


@given(st.binary(max_size=400), st.integers(0, 120))
def test_any_bytes_are_sent_unchanged_held_or_kept_on_failure(
    mta: FakeMta, data: bytes, status: int
) -> None:
    try:
        expected = (
            "blocked"
            if check_message(data, config=Config(select=("INF001",))).blocks("warning")
            else "sent"
        )
    except TactfulError:
        expected = "failed"
    result = send_in_process(mta, data, ["-oi", "a@example.com"], status)
    if expected == "sent":
        assert result == status
        assert mta.message == data
    else:
        assert result == (65 if expected == "blocked" else 75)
        assert not mta.called


def test_fingerprint_ignores_renewed_date_and_message_id() -> None:
    first = b"Date: Mon, 1 Jan\nMessage-ID: <1@x>\nSubject: Hi\n\nBody\n"
    second = b"Date: Tue, 2 Jan\nMessage-ID: <2@x>\n  folded\nSubject: Hi\n\nBody\n"
    assert message_fingerprint(first, ["mta"]) == message_fingerprint(second, ["mta"])
    assert message_fingerprint(first, ["mta"]) != message_fingerprint(first, ["mta", "b@x"])
    changed = first.replace(b"Body", b"Body!")
    assert message_fingerprint(first, ["mta"]) != message_fingerprint(changed, ["mta"])


# --- through the real command ---------------------------------------------------------


def sendmail(
    run: Run,
    mta: FakeMta,
    data: bytes,
    *options: str,
    status: int = 0,
    env: dict[str, str] | None = None,
):  # type: ignore[no-untyped-def]
    mta.reset()
    return run(
        "sendmail",
        *options,
        "--",
        mta.script,
        "-oi",
        "--",
        "ap@example.com",
        input=data,
        env={**mta.env(status), **(env or {})},
    )


def test_sendmail_passes_blocks_and_returns_the_mta_status(run: Run, mta: FakeMta) -> None:
    clean = SLANG_FIXED.encode()
    process = sendmail(run, mta, clean, *OPTIONS)
    assert process.returncode == 0
    assert mta.message == clean
    assert mta.args == ["-oi", "--", "ap@example.com"]
    assert sendmail(run, mta, clean, *OPTIONS, status=75).returncode == 75
    held = sendmail(run, mta, SLANG_DRAFT.encode(), *OPTIONS)
    assert held.returncode == 65
    assert not mta.called
    report = held.stderr.decode()
    assert "NOT SENT" in report
    assert "INF001 “gonna”" in report
    assert len(report.splitlines()) <= 12  # short enough for a mail client's error screen


def test_sendmail_warn_only_reports_and_sends(run: Run, mta: FakeMta) -> None:
    process = sendmail(run, mta, SLANG_DRAFT.encode(), *OPTIONS, "--warn-only")
    assert process.returncode == 0
    assert mta.message == SLANG_DRAFT.encode()
    assert "INF001" in process.stderr.decode()


def test_sendmail_resend_confirms_sends_the_same_message_once(
    run: Run, mta: FakeMta, home: Path
) -> None:
    draft = SLANG_DRAFT.encode()
    options = (*OPTIONS, "--resend-confirms", "5")
    first = sendmail(run, mta, b"Date: Mon, 1 Jan 2026 10:00:00 +0000\n" + draft, *options)
    assert first.returncode == 65
    assert "send it again unchanged within 5 minutes" in first.stderr.decode()
    # A different message is not let through by the first one's confirmation.
    other = draft.replace(b"next week", b"on Friday")
    assert sendmail(run, mta, other, *options).returncode == 65
    # The same message again, with the Date the mail client renews, goes out unchanged.
    again = b"Date: Mon, 1 Jan 2026 10:00:07 +0000\n" + draft
    second = sendmail(run, mta, again, *options)
    assert second.returncode == 0
    assert mta.message == again
    # Only once: a third try is held again.
    assert sendmail(run, mta, again, *options).returncode == 65
    # The state holds hashes and times, never the text.
    state = (home / ".state" / "tactful" / "held-messages.json").read_text(encoding="utf-8")
    assert "gonna" not in state
    assert "Patel" not in state
    held = json.loads(state)["held"]
    assert all(len(key) == 64 and int(key, 16) >= 0 for key in held)
    assert (
        stat.S_IMODE(os.stat(home / ".state" / "tactful" / "held-messages.json").st_mode) == 0o600
    )


def test_sendmail_holds_the_message_when_tactful_fails(
    run: Run, mta: FakeMta, tmp_path: Path
) -> None:
    broken = write(tmp_path / "broken.toml", "select = [\n")
    process = sendmail(run, mta, SLANG_FIXED.encode(), "--config", str(broken))
    assert process.returncode == 75
    assert not mta.called
    assert "NOT sent and is unchanged" in process.stderr.decode()
    assert "--send-if-check-fails" in process.stderr.decode()
    anyway = sendmail(run, mta, b"\x00\x01 not mail", "--send-if-check-fails")
    assert anyway.returncode == 0
    assert mta.message == b"\x00\x01 not mail"


def test_sendmail_reports_a_missing_mta(run: Run, tmp_path: Path) -> None:
    process = run("sendmail", *OPTIONS, "--", tmp_path / "no-such-mta", input=SLANG_FIXED.encode())
    assert process.returncode == 69
    assert "NOT sent" in process.stderr.decode()


def test_sendmail_without_a_command_is_a_usage_error(run: Run) -> None:
    process = run("sendmail", "/usr/sbin/sendmail", input=b"Subject: x\n\nHello")
    assert process.returncode == 2
    assert "after --" in one_line_error(process)


def test_patch_prose_stops_at_the_diffstat() -> None:
    patch = (
        b"From: a@example.com\nSubject: [PATCH] Fix\n\nDear Dr. Patel, I'm gonna fix it.\n"
        b"---\n file.txt | 2 +-\n\ndiff --git a/file.txt b/file.txt\n+gonna\n"
    )
    assert patch_prose(patch) == (
        b"From: a@example.com\nSubject: [PATCH] Fix\n\nDear Dr. Patel, I'm gonna fix it.\n"
    )
    signed = b"Subject: x\n\nHello.\n-- \nJess\n"
    assert patch_prose(signed) == signed


def test_git_sendemail_hook(run: Run, tmp_path: Path) -> None:
    head = "From: Jessica Miller <jm@example.com>\nTo: ap@example.com\nSubject: Thanks\n\n"
    flawed = write(tmp_path / "flawed.eml", head + SLANG_DRAFT)
    clean = write(tmp_path / "clean.eml", head + SLANG_FIXED)
    blocked = run("hook", "git-sendemail", *OPTIONS, flawed)
    assert blocked.returncode == 1
    assert "--no-validate" in blocked.stderr.decode()
    assert run("hook", "git-sendemail", *OPTIONS, clean).returncode == 0
    # Newer gits pass a second file (the SMTP envelope); it is accepted.
    assert run("hook", "git-sendemail", *OPTIONS, clean, clean).returncode == 0
    missing = run("hook", "git-sendemail", tmp_path / "nope.eml")
    assert missing.returncode == 2
    assert "nope.eml: cannot be read" in one_line_error(missing)
    assert run("hook", "pre-commit").returncode == 2


def test_pre_commit_hook_entries_run(run: Run, tmp_path: Path) -> None:
    manifest = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    entries = re.findall(r"^\s*entry:\s*tactful (.+)$", manifest, re.MULTILINE)
    assert len(entries) == 2
    for entry in entries:
        draft = write(tmp_path / "drafts" / "note.txt", SLANG_DRAFT)
        process = run(*entry.split(), "--isolated", "--select", "INF001", draft)
        expected = 0 if "--fix" in entry else 1
        assert process.returncode == expected, (entry, process.stderr)
