"""Output formats, one module per format, kept apart from the checks.

Each format module has ``write(results, stream, options)``. Only the format a run asks
for is imported, so a run pays for nothing else (json, difflib, unicodedata ...).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from tactful._model import Report
    from tactful.rule import Rule

FORMATS = ("full", "concise", "json", "jsonl", "sarif", "github")


@dataclass(frozen=True)
class CheckedMessage:
    """One checked message: where it came from, its report and the rules that judged it."""

    path: str
    report: Report
    rules: Mapping[str, type[Rule]] = field(default_factory=dict)
    blocks: bool = False


@dataclass(frozen=True)
class OutputOptions:
    color: bool = False
    quiet: bool = False


class Writer(Protocol):
    def __call__(
        self, results: Sequence[CheckedMessage], stream: TextIO, options: OutputOptions
    ) -> None: ...


def get_writer(format_name: str) -> Writer:
    """The ``write`` function of one output format (imported on demand)."""
    if format_name not in FORMATS:
        raise ValueError(f"unknown output format {format_name!r}")
    module = importlib.import_module(f"{__name__}.{format_name}")
    writer: Writer = module.write
    return writer
