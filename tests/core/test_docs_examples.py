"""The configuration example in the docs is a working config."""

from __future__ import annotations

import tomllib
from pathlib import Path

import regex

from tactful import Config, check_message

DOCS = Path(__file__).parents[2] / "docs"


def test_configuration_example_is_valid_and_takes_effect() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    (block,) = regex.findall(r"```toml\n# tactful.toml\n(.*?)```", text, flags=regex.DOTALL)
    config = Config.from_mapping(tomllib.loads(block))
    report = check_message(
        "Dear Dr. Patel,\n\nI'm grateful for the tour of the core lab and the Sysmex line.\n"
        "I remain very interested in the role.\n\nSincerely,\nJess Miller\n555-0100\n",
        config=config,
    )
    assert "INF007" in {f.code for f in report.findings}
    assert not any(f.category == "timing" for f in report.findings)
