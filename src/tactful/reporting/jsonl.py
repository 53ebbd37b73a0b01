"""One report per line, each the JSON of ``Report`` (docs/json-schema.md)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from tactful.reporting import CheckedMessage, OutputOptions


def write(results: Sequence[CheckedMessage], stream: TextIO, options: OutputOptions) -> None:
    for result in results:
        # model_dump_json never emits a raw line break, so each report stays on one line.
        stream.write(result.report.model_dump_json() + "\n")
