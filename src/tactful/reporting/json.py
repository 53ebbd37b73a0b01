"""A JSON array of reports, each the JSON of ``Report`` (docs/json-schema.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from tactful.reporting import CheckedMessage, OutputOptions


def write(results: Sequence[CheckedMessage], stream: TextIO, options: OutputOptions) -> None:
    reports = [result.report.model_dump(mode="json") for result in results]
    json.dump(reports, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
