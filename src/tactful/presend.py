"""The last gate before a message leaves: ``tactful sendmail`` and the git hook.

``tactful sendmail [options] -- REAL_MTA [ARGS...]`` is a drop-in ``$sendmail`` for mutt,
neomutt and aerc. It reads the whole message, then either hands exactly those bytes and
arguments to the real MTA and returns its exit status, or holds the message back:

- 65 (EX_DATAERR): the message blocks; a short report says why.
- 75 (EX_TEMPFAIL): tactful itself could not check it (``--send-if-check-fails`` sends).
- 69 (EX_UNAVAILABLE): the real MTA could not be started.

Mail clients keep the message when the sending program fails, so it is never lost.
``--resend-confirms MINUTES`` is the opt-in "send anyway this once": a held message sent
again unchanged within MINUTES goes out. Only a SHA-256 of the message is stored, in
the per-user state folder, never its text.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tactful._files import write_atomically
from tactful.cli import (
    EXIT_ERROR,
    ConfigResolver,
    UsageError,
    _Parser,
    add_selection_options,
    blocking_threshold,
)

if TYPE_CHECKING:
    from tactful._model import Report

EX_DATAERR = 65
EX_UNAVAILABLE = 69
EX_TEMPFAIL = 75
SHOWN_FINDINGS = 8
# Headers a mail client regenerates on every attempt: ignored when recognising a resend.
VOLATILE_HEADERS = (b"date", b"message-id")
CONFIRMATIONS_FILE = "held-messages.json"


def build_sendmail_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tactful sendmail",
        usage="tactful sendmail [options] -- REAL_MTA [ARGS...]",
        description=(
            "Check the message on standard input, then pass it unchanged to REAL_MTA, or "
            "hold it back (exit 65) with a short report. Use as $sendmail in mutt/neomutt "
            "or as the sendmail outgoing command in aerc."
        ),
    )
    add_selection_options(parser)
    parser.add_argument(
        "--warn-only", action="store_true", help="report problems but send the message anyway"
    )
    parser.add_argument(
        "--send-if-check-fails",
        action="store_true",
        help="when tactful itself fails, send unchecked (default: hold it, exit 75)",
    )
    parser.add_argument(
        "--resend-confirms",
        type=float,
        default=0,
        metavar="MINUTES",
        help=(
            "opt in: a held message sent again unchanged within MINUTES is sent anyway "
            "(only its SHA-256 is stored)"
        ),
    )
    return parser


def split_command(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """Options before the first ``--``, the real MTA's command line after it, untouched."""
    if "--" not in argv:
        raise UsageError(
            "tactful sendmail needs the real mail program after --, for example: "
            "tactful sendmail -- /usr/sbin/sendmail -oem -oi"
        )
    at = list(argv).index("--")
    command = list(argv[at + 1 :])
    if not command:
        raise UsageError("tactful sendmail: no mail program after --")
    return list(argv[:at]), command


def deliver(command: Sequence[str], data: bytes) -> int:
    """Run the real MTA with exactly ``data`` on its standard input; its exit status."""
    try:
        completed = subprocess.run(list(command), input=data, check=False)
    except OSError as error:
        print(
            f"tactful: cannot run the mail program {command[0]!r}: "
            f"{error.strerror or error}. The message was NOT sent.",
            file=sys.stderr,
        )
        return EX_UNAVAILABLE
    status = completed.returncode
    # A signal-killed MTA reads as the shell would show it, and is never 0.
    return status if status >= 0 else 128 - status


def describe_failure(error: BaseException) -> str:
    from tactful._errors import TactfulError

    if isinstance(error, TactfulError):
        return str(error)
    # Exception text is cut short: it must never carry much of the message.
    return f"{type(error).__name__}: {str(error)[:160]}"


def short_report(report: Report, *, held: bool) -> str:
    lines = [
        f"tactful: {'NOT SENT' if held else 'sent, but'}: score {report.score}/100 "
        f"({report.verdict}), {len(report.findings)} problem"
        f"{'s' if len(report.findings) != 1 else ''}:"
    ]
    for finding in report.findings[:SHOWN_FINDINGS]:
        lines.append(f"  - {finding.code} {' '.join(finding.message.split())}")
    if len(report.findings) > SHOWN_FINDINGS:
        lines.append(f"  ... and {len(report.findings) - SHOWN_FINDINGS} more")
    return "\n".join(lines)


# --- send anyway this once ----------------------------------------------------------


def state_dir() -> Path:
    """The per-user state folder (XDG_STATE_HOME on Linux)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return base / "tactful"


def message_fingerprint(data: bytes, command: Sequence[str]) -> str:
    """SHA-256 of the message without the headers a client renews on each attempt, and the
    MTA's arguments (the recipients): the same message to the same people."""
    digest = hashlib.sha256()
    for argument in command:
        digest.update(os.fsencode(argument) + b"\x00")
    head, separator, body = data.partition(b"\n\n")
    if not separator:
        head, separator, body = data.partition(b"\r\n\r\n")
    skipping = False
    for line in head.splitlines(keepends=True):
        if line[:1] in (b" ", b"\t"):
            if not skipping:
                digest.update(line)
            continue
        name = line.split(b":", 1)[0].strip().lower()
        skipping = name in VOLATILE_HEADERS
        if not skipping:
            digest.update(line)
    digest.update(separator + body)
    return digest.hexdigest()


class Confirmations:
    """Fingerprints of held messages and when their chance to be resent ends."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / CONFIRMATIONS_FILE

    def _load(self) -> dict[str, float]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            held = data["held"]
            now = time.time()
            return {str(k): float(v) for k, v in held.items() if float(v) > now}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}  # no file or a damaged one: nothing confirmed, which is the safe side

    def _save(self, held: dict[str, float]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = json.dumps({"version": 1, "held": held}).encode("utf-8")
        write_atomically(self.path, data, mode=0o600)

    def consume(self, fingerprint: str) -> bool:
        """True (and forgotten) when this message was held and may now be sent."""
        held = self._load()
        if fingerprint not in held:
            return False
        del held[fingerprint]
        self._save(held)
        return True

    def remember(self, fingerprint: str, minutes: float) -> None:
        held = self._load()
        held[fingerprint] = time.time() + minutes * 60
        self._save(held)


# --- tactful sendmail ---------------------------------------------------------------


def sendmail_main(argv: Sequence[str]) -> int:
    options, command = split_command(argv)
    args = build_sendmail_parser().parse_args(options)
    if args.resend_confirms < 0:
        raise UsageError("--resend-confirms must be 0 (off) or a number of minutes")
    data = sys.stdin.buffer.read()
    try:
        from tactful._engine import check_message

        config = ConfigResolver.from_args(args).for_path(None)
        fail_on, min_score = blocking_threshold(args, config)
        report = check_message(data, config=config, id="outgoing message")
        blocks = report.blocks(fail_on, min_score)
    except Exception as error:
        # Whatever went wrong is tactful's problem, not the writer's: hold the message.
        if args.send_if_check_fails:
            print(
                f"tactful: could not check the message ({describe_failure(error)}); "
                "sending it unchecked (--send-if-check-fails).",
                file=sys.stderr,
            )
            return deliver(command, data)
        print(
            f"tactful: could not check the message: {describe_failure(error)}\n"
            "tactful: it was NOT sent and is unchanged. Fix the problem, or add "
            "--send-if-check-fails to the sendmail command to send unchecked.",
            file=sys.stderr,
        )
        return EX_TEMPFAIL
    if not blocks:
        return deliver(command, data)
    if args.warn_only:
        print(short_report(report, held=False), file=sys.stderr)
        return deliver(command, data)
    if args.resend_confirms > 0:
        confirmations = Confirmations(state_dir())
        fingerprint = message_fingerprint(data, command)
        try:
            if confirmations.consume(fingerprint):
                print(
                    "tactful: sending anyway: the same message was held moments ago.",
                    file=sys.stderr,
                )
                return deliver(command, data)
            confirmations.remember(fingerprint, args.resend_confirms)
        except OSError as error:
            print(f"tactful: cannot record the held message: {error}", file=sys.stderr)
    print(short_report(report, held=True), file=sys.stderr)
    if args.resend_confirms > 0:
        print(
            f"tactful: edit it, or send it again unchanged within {args.resend_confirms:g} "
            "minutes to send it anyway.",
            file=sys.stderr,
        )
    else:
        print("tactful: edit it and send again.", file=sys.stderr)
    return EX_DATAERR


# --- tactful hook git-sendemail -----------------------------------------------------


def patch_prose(data: bytes) -> bytes:
    """The headers and the prose of a git send-email message: everything before git's
    ``---`` line that separates the commit message from the diffstat and the diff."""
    lines = data.splitlines(keepends=True)
    in_body = False
    for index, line in enumerate(lines):
        stripped = line.rstrip(b"\r\n")
        if not in_body:
            in_body = not stripped
            continue
        if stripped == b"---" or stripped.startswith(b"diff --git "):
            return b"".join(lines[:index])
    return data


def build_hook_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tactful hook git-sendemail",
        description="git's sendemail-validate hook: check the message prose, block on failure.",
    )
    add_selection_options(parser)
    parser.add_argument("file", type=Path, help="the message git send-email is about to send")
    parser.add_argument(
        "smtp_headers", nargs="?", type=Path, help="the SMTP envelope file newer gits pass"
    )
    return parser


def hook_main(argv: Sequence[str]) -> int:
    if argv[:1] != ["git-sendemail"]:
        raise UsageError(
            "tactful hook: the only hook is git-sendemail (tactful hook git-sendemail FILE)"
        )
    args = build_hook_parser().parse_args(list(argv[1:]))
    from tactful._engine import check_message
    from tactful._errors import TactfulError

    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise UsageError(f"{args.file}: cannot be read: {error.strerror or error}") from None
    try:
        config = ConfigResolver.from_args(args).for_path(args.file)
        fail_on, min_score = blocking_threshold(args, config)
        report = check_message(patch_prose(data), config=config, id=str(args.file))
    except TactfulError as error:
        print(f"tactful: {args.file}: {error}", file=sys.stderr)
        return EXIT_ERROR
    if not report.blocks(fail_on, min_score):
        return 0
    print(short_report(report, held=True), file=sys.stderr)
    print(
        "tactful: edit the message, or run git send-email with --no-validate to skip checks.",
        file=sys.stderr,
    )
    return 1
