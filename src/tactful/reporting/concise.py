"""``path:line:col: CODE message``, one finding a line (vim errorformat, Emacs compilation)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from tactful.reporting import CheckedMessage, OutputOptions


def write(results: Sequence[CheckedMessage], stream: TextIO, options: OutputOptions) -> None:
    for result in results:
        for finding in result.report.findings:
            # One line per finding: a message never spans lines here.
            message = " ".join(finding.message.split())
            stream.write(
                f"{result.path}:{finding.line}:{finding.column}: {finding.code} {message}\n"
            )
