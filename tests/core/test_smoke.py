from __future__ import annotations

from pathlib import Path

from tactful import Context, check_message

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_flawed_example_is_not_ready() -> None:
    text = (EXAMPLES / "thank-you-draft.txt").read_text(encoding="utf-8")
    report = check_message(text, context=Context(recipient="Dr. Ana Patel"))
    codes = {f.code for f in report.findings}
    assert {"INF001", "EMO001", "PER002"} <= codes
    assert report.verdict == "not ready"
    for finding in report.findings:
        assert report.text[finding.start : finding.end] == finding.text
