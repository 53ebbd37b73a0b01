"""Pieces of the server that need no client: the fix-all edit, finding keys, mail context."""

from __future__ import annotations

import pytest

from tactful import Config, check_message
from tactful._engine import RuleSet
from tactful.lsp._convert import finding_keys, hover_markdown, minimal_edit
from tactful.lsp._server import _recipient_from_headers


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("I'm gonna go", "I'm going to go"),
        ("a\r\nb", "a\r\nc\r\nb"),
        ("a\r\nb", "a\rb"),
        ("x😀y", "xy"),
        ("", "new"),
        ("same", "same"),
    ],
)
def test_minimal_edit_turns_old_into_new_without_splitting_crlf(old: str, new: str) -> None:
    start, end, replacement = minimal_edit(old, new)
    assert old[:start] + replacement + old[end:] == new
    for cut in (start, end):
        assert not (0 < cut < len(old) and old[cut - 1 : cut + 1] == "\r\n")


def test_finding_keys_count_repeated_text() -> None:
    report = check_message("Hi, gonna say gonna twice 😀", config=Config(select=("INF001",)))
    assert finding_keys(report.findings) == [("INF001", "gonna", 0), ("INF001", "gonna", 1)]


def test_hover_has_the_rule_sections() -> None:
    report = check_message("Hi, thanks 😀", config=Config(select=("EMO001",)))
    rule = RuleSet.for_config(Config()).registry.rules["EMO001"]
    text = hover_markdown(report.findings[0], rule)
    assert text.index("### What it does") < text.index("### Why it matters")
    assert text.index("### Why it matters") < text.index("### Use instead")
    assert "EMO001-emoji-use.md" in text


@pytest.mark.parametrize(
    ("headers", "recipient"),
    [
        ("To: Dr. Ana Patel <ana@example.org>\n", "Dr. Ana Patel"),
        ('To: "Patel, Ana" <ana@example.org>\n', "Patel, Ana"),
        ("To: ana@example.org\n", None),
        ("To: Ana <a@example.org>, Bo <b@example.org>\n", None),
        ("", None),
    ],
)
def test_recipient_comes_from_a_single_to_header(headers: str, recipient: str | None) -> None:
    text = f"{headers}Subject: Thank you\n\nDear Dr. Patel,\n\nThank you.\n\nBest,\nSam\n"
    assert _recipient_from_headers(RuleSet.for_config(Config()), text) == recipient
