"""End to end with the real programs .ci/run installs: neomutt sending through
``tactful sendmail`` to a fake MTA, and git send-email with the validate hook and a fake
SMTP server on 127.0.0.1. Locally they skip when a program is missing; in CI they fail.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_support import SLANG_DRAFT, SLANG_FIXED, clean_env, write
from test_presend import FakeMta
from tests.conftest import IN_CI, require_program

pytestmark = pytest.mark.e2e
TIMEOUT = 30
HERE = Path(__file__).resolve().parent
# The installed script, not `python -m tactful`: neomutt starts $sendmail with a bare
# argv[0], from which a virtualenv's Python cannot find its environment.
_SCRIPT = Path(sys.executable).parent / "tactful"
TACTFUL = str(_SCRIPT) if _SCRIPT.is_file() else f"{sys.executable} -m tactful"


@pytest.fixture
def mutt_setup(tmp_path: Path) -> tuple[Path, FakeMta, dict[str, str]]:
    require_program("neomutt")
    home = tmp_path / "home"
    home.mkdir()
    mta = FakeMta(tmp_path / "mta")
    muttrc = write(
        tmp_path / "muttrc",
        f'set sendmail="{TACTFUL} sendmail --isolated --select INF001 --resend-confirms 5 '
        f'-- {mta.script} -oem -oi"\n'
        'set from="jessica.miller@example.com"\nset realname="Jessica Miller"\n'
        f'set use_from=yes\nset record=""\nset copy=no\nset folder="{tmp_path}/mail"\n'
        'set spoolfile=""\nset charset="utf-8"\nset send_charset="us-ascii:utf-8"\n',
    )
    env = {**clean_env(home), **mta.env()}
    return muttrc, mta, env


def neomutt_send(
    muttrc: Path, env: dict[str, str], text: str
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["neomutt", "-n", "-F", str(muttrc), "-s", "Thank you", "--", "apatel@example.com"],
        input=text.encode(),
        capture_output=True,
        env=env,
        timeout=TIMEOUT,
        check=False,
    )


def test_neomutt_sends_a_clean_message_through_tactful(
    mutt_setup: tuple[Path, FakeMta, dict[str, str]],
) -> None:
    muttrc, mta, env = mutt_setup
    process = neomutt_send(muttrc, env, SLANG_FIXED)
    assert process.returncode == 0, process.stderr.decode()
    sent = mta.message.decode()
    assert "Subject: Thank you" in sent
    assert "I'm going to follow up next week" in sent
    assert mta.args == ["-oem", "-oi", "apatel@example.com"]


def test_neomutt_is_refused_a_flawed_message_then_may_resend_it(
    mutt_setup: tuple[Path, FakeMta, dict[str, str]],
) -> None:
    muttrc, mta, env = mutt_setup
    held = neomutt_send(muttrc, env, SLANG_DRAFT)
    assert held.returncode != 0
    assert not mta.called
    errors = held.stderr.decode()
    assert "NOT SENT" in errors
    assert "exited 65" in errors  # neomutt shows the child's status and report
    # neomutt renews Date and Message-ID; the same message again still counts as a resend.
    again = neomutt_send(muttrc, env, SLANG_DRAFT)
    assert again.returncode == 0, again.stderr.decode()
    assert "I'm gonna follow up" in mta.message.decode()


def _require_git_send_email() -> None:
    require_program("git")
    probe = subprocess.run(
        ["git", "send-email", "--help"], capture_output=True, timeout=TIMEOUT, check=False
    )
    usable = subprocess.run(
        ["perl", "-MMail::Address", "-e", "1"], capture_output=True, timeout=TIMEOUT, check=False
    )
    if b"is not a git command" in probe.stderr or usable.returncode != 0:
        message = (
            "git send-email (git-email, libmailtools-perl) is not installed (.ci/run installs it)"
        )
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    _require_git_send_email()
    received = tmp_path / "smtp-received"
    server = subprocess.Popen(
        [sys.executable, str(HERE / "fake_smtp_server.py"), str(received), str(TIMEOUT * 2)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        yield port, received
    finally:
        server.terminate()
        server.wait(timeout=TIMEOUT)


def git_send_email(tmp_path: Path, port: int, message: Path) -> subprocess.CompletedProcess[bytes]:
    hooks = tmp_path / "hooks"
    hook = write(
        hooks / "sendemail-validate",
        f'#!/bin/sh\nexec {TACTFUL} hook git-sendemail --isolated --select INF001 "$@"\n',
    )
    hook.chmod(0o755)
    repo = tmp_path / "repo"
    repo.mkdir(exist_ok=True)
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {
        **clean_env(home),
        "GIT_AUTHOR_NAME": "Jessica Miller",
        "GIT_AUTHOR_EMAIL": "jm@example.com",
        "GIT_COMMITTER_NAME": "Jessica Miller",
        "GIT_COMMITTER_EMAIL": "jm@example.com",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env, timeout=TIMEOUT)
    return subprocess.run(
        [
            "git",
            "-c",
            f"core.hooksPath={hooks}",
            "send-email",
            "--smtp-server=127.0.0.1",
            f"--smtp-server-port={port}",
            "--smtp-encryption=none",
            "--confirm=never",
            "--suppress-cc=all",
            "--to=apatel@example.com",
            "--from=Jessica Miller <jm@example.com>",
            str(message),
        ],
        cwd=repo,
        capture_output=True,
        env=env,
        timeout=TIMEOUT,
        check=False,
    )


HEAD = "From: Jessica Miller <jm@example.com>\nTo: apatel@example.com\nSubject: Thank you\n\n"


def test_git_send_email_passes_a_clean_message(smtp: tuple[int, Path], tmp_path: Path) -> None:
    port, received = smtp
    message = write(tmp_path / "clean.eml", HEAD + SLANG_FIXED)
    process = git_send_email(tmp_path, port, message)
    assert process.returncode == 0, process.stderr.decode()
    assert b"I'm going to follow up next week" in received.read_bytes()


def test_git_send_email_is_stopped_by_the_hook(smtp: tuple[int, Path], tmp_path: Path) -> None:
    port, received = smtp
    message = write(tmp_path / "flawed.eml", HEAD + SLANG_DRAFT)
    process = git_send_email(tmp_path, port, message)
    assert process.returncode != 0
    errors = process.stderr.decode()
    assert "rejected by sendemail-validate hook" in errors
    assert "INF001" in errors
    assert not received.exists()
