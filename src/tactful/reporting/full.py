"""The default, human format: each finding with its line and a caret under the span,
the suggestion and the fix, then the score, subscores, verdict and strengths.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TextIO

from tactful._model import Applicability, Finding, Report, Severity
from tactful._text import LineIndex
from tactful.reporting import CheckedMessage, OutputOptions

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_SEVERITY_COLOR = {
    Severity.ERROR: "\x1b[31m",
    Severity.WARNING: "\x1b[33m",
    Severity.INFO: "\x1b[36m",
}
_VERDICT_COLOR = {"ready": "\x1b[32m", "revise": "\x1b[33m", "not ready": "\x1b[31m"}
# Shown lines are cut around the span so a long paragraph on one line stays readable.
_MAX_LINE_WIDTH = 100


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *styles: str) -> str:
        if not self.enabled or not styles:
            return text
        return "".join(styles) + text + _RESET


def char_width(char: str) -> int:
    """Terminal columns of one code point: 2 for wide East Asian and emoji, 0 for marks."""
    if char == "\t":
        return 1  # callers copy tabs through, so the terminal lines them up itself
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if char in "\ufe0f\u200d":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def caret_line(line: str, start: int, end: int) -> str:
    """Spaces (tabs kept) up to ``start``, then one caret per column of ``line[start:end]``."""
    lead = "".join(c if c == "\t" else " " * char_width(c) for c in line[:start])
    width = sum(max(char_width(c), 1) if c != "\t" else 1 for c in line[start:end])
    return lead + "^" * max(width, 1)


def _window(line: str, start: int, end: int) -> tuple[str, int, int]:
    """Cut ``line`` to about _MAX_LINE_WIDTH characters around the span, marking cuts with …."""
    if len(line) <= _MAX_LINE_WIDTH:
        return line, start, end
    left = max(0, start - 30)
    right = max(min(len(line), left + _MAX_LINE_WIDTH), min(end, len(line)))
    shown = line[left:right]
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    return prefix + shown + suffix, start - left + len(prefix), end - left + len(prefix)


def _fix_line(finding: Finding) -> str | None:
    fix = next(iter(finding.fixes), None)
    if fix is None:
        return None
    how = {
        Applicability.SAFE: "fix",
        Applicability.UNSAFE: "fix (unsafe, with --unsafe-fixes)",
        Applicability.DISPLAY: "suggested change",
    }[fix.applicability]
    return f"{how}: {fix.title}"


def write_finding(
    path: str, report: Report, index: LineIndex, finding: Finding, stream: TextIO, paint: _Paint
) -> None:
    severity = paint(str(finding.severity), _BOLD, _SEVERITY_COLOR[finding.severity])
    location = paint(f"{path}:{finding.line}:{finding.column}:", _BOLD)
    stream.write(f"{location} {paint(finding.code, _BOLD)} {finding.name} [{severity}]\n")
    stream.write(f"  {' '.join(finding.message.split())}\n")
    line_start, line_end = index.line_bounds(finding.line)
    line = report.text[line_start:line_end]
    span_start = finding.start - line_start
    span_end = min(finding.end, line_end) - line_start
    shown, span_start, span_end = _window(line, span_start, span_end)
    gutter = " " * len(str(finding.line))
    stream.write(f"{gutter} {paint('|', _DIM)}\n")
    stream.write(f"{finding.line} {paint('|', _DIM)} {shown}\n")
    carets = paint(caret_line(shown, span_start, span_end), _SEVERITY_COLOR[finding.severity])
    stream.write(f"{gutter} {paint('|', _DIM)} {carets}\n")
    if finding.help:
        stream.write(f"{gutter} = help: {finding.help}\n")
    fix = _fix_line(finding)
    if fix:
        stream.write(f"{gutter} = {fix}\n")
    stream.write("\n")


def write_summary(path: str, report: Report, stream: TextIO, paint: _Paint) -> None:
    verdict = paint(report.verdict, _BOLD, _VERDICT_COLOR.get(report.verdict, ""))
    stream.write(f"{paint(path, _BOLD)}: score {report.score}/100, {verdict}\n")
    below = {name: value for name, value in report.subscores.items() if value < 100}
    if below:
        parts = ", ".join(
            f"{name} {value}" for name, value in sorted(below.items(), key=lambda i: i[1])
        )
        stream.write(f"  subscores below 100: {parts}\n")
    else:
        stream.write("  every subscore is 100\n")
    for strength in report.strengths:
        stream.write(f"  {paint('+', _VERDICT_COLOR['ready'])} {strength.message}\n")


def write(results: Sequence[CheckedMessage], stream: TextIO, options: OutputOptions) -> None:
    paint = _Paint(options.color)
    for result in results:
        report = result.report
        index = LineIndex(report.text)
        for finding in report.findings:
            write_finding(result.path, report, index, finding, stream, paint)
        if not options.quiet:
            write_summary(result.path, report, stream, paint)
            if len(results) > 1:
                stream.write("\n")
    if options.quiet or not results:
        return
    problems = sum(len(r.report.findings) for r in results)
    fixable = sum(
        1
        for r in results
        for f in r.report.findings
        if any(fix.applicability is Applicability.SAFE for fix in f.fixes)
    )
    noun = "problem" if problems == 1 else "problems"
    line = f"Found {problems} {noun} in {len(results)} message{'s' if len(results) != 1 else ''}"
    if fixable:
        line += f" ({fixable} fixable with --fix)"
    stream.write(line + ".\n")
