"""GitHub Actions workflow commands: one ``::warning file=...::message`` per finding.

Escaping follows the runner's own rules (actions/toolkit ``command.ts``): in the message
``%``, ``\\r`` and ``\\n``; in property values also ``:`` and ``,``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from tactful._model import Severity
from tactful.reporting import CheckedMessage, OutputOptions

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def write(results: Sequence[CheckedMessage], stream: TextIO, options: OutputOptions) -> None:
    for result in results:
        for finding in result.report.findings:
            properties = {
                "file": result.path,
                "line": str(finding.line),
                "col": str(finding.column),
                "endLine": str(finding.end_line),
                "endColumn": str(finding.end_column),
                "title": f"{finding.code} {finding.name}",
            }
            rendered = ",".join(
                f"{key}={escape_property(value)}" for key, value in properties.items()
            )
            stream.write(
                f"::{_LEVEL[finding.severity]} {rendered}::{escape_data(finding.message)}\n"
            )
