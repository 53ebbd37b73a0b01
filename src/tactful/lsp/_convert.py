"""Findings, fixes and rule docs as LSP values."""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from tactful._docs import rule_doc_url
from tactful._model import Applicability, Finding, Fix, Report, Severity
from tactful.lsp._positions import PositionMapper
from tactful.rule import Rule

SOURCE = "tactful"
SCORE_CODE = "score"

_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}

FindingKey = tuple[str, str, int]


def finding_keys(findings: tuple[Finding, ...]) -> list[FindingKey]:
    """A key per finding that survives edits elsewhere in the text: code, flagged text and
    which occurrence of that pair it is (offsets would change with every keystroke above)."""
    seen: dict[tuple[str, str], int] = {}
    keys: list[FindingKey] = []
    for finding in findings:
        pair = (finding.code, finding.text)
        keys.append((*pair, seen.get(pair, 0)))
        seen[pair] = seen.get(pair, 0) + 1
    return keys


def to_range(mapper: PositionMapper, start: int, end: int) -> types.Range:
    start_line, start_character = mapper.position(start)
    end_line, end_character = mapper.position(end)
    return types.Range(
        start=types.Position(line=start_line, character=start_character),
        end=types.Position(line=end_line, character=end_character),
    )


def text_edits(fix: Fix, mapper: PositionMapper) -> list[types.TextEdit]:
    return [
        types.TextEdit(range=to_range(mapper, edit.start, edit.end), new_text=edit.replacement)
        for edit in fix.edits
    ]


def applicable_fixes(finding: Finding) -> tuple[Fix, ...]:
    return tuple(
        fix for fix in finding.fixes if fix.applicability is not Applicability.DISPLAY and fix.edits
    )


def to_diagnostic(
    finding: Finding, key: FindingKey, rule: type[Rule] | None, mapper: PositionMapper
) -> types.Diagnostic:
    fixes: list[dict[str, Any]] = [
        {
            "title": fix.title,
            "applicability": str(fix.applicability),
            "edits": [
                {
                    "range": {
                        "start": {
                            "line": edit.range.start.line,
                            "character": edit.range.start.character,
                        },
                        "end": {"line": edit.range.end.line, "character": edit.range.end.character},
                    },
                    "newText": edit.new_text,
                }
                for edit in text_edits(fix, mapper)
            ],
        }
        for fix in finding.fixes
    ]
    message = finding.message
    if finding.help:
        message = f"{message} ({finding.help})" if finding.help not in message else message
    return types.Diagnostic(
        range=to_range(mapper, finding.start, finding.end),
        severity=_SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=rule_doc_url(rule)) if rule else None,
        source=SOURCE,
        message=message,
        data={"key": list(key), "name": finding.name, "fixes": fixes},
    )


def score_diagnostic(report: Report, hidden: int) -> types.Diagnostic:
    """The score and verdict as an information diagnostic at the very start of the text."""
    message = f"Score {report.score}/100: {report.verdict}"
    weakest = sorted(report.subscores.items(), key=lambda item: item[1])[:3]
    if weakest and weakest[0][1] < 100:
        message += " (lowest: " + ", ".join(f"{name} {value}" for name, value in weakest) + ")"
    if hidden:
        message += f"; {hidden} finding{'s' if hidden != 1 else ''} ignored in this session"
    return types.Diagnostic(
        range=types.Range(
            start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
        ),
        severity=types.DiagnosticSeverity.Information,
        code=SCORE_CODE,
        source=SOURCE,
        message=message,
        data={"score": report.score, "verdict": report.verdict},
    )


def hover_markdown(finding: Finding, rule: type[Rule] | None) -> str:
    lines = [f"**{finding.code}** `{finding.name}`: {finding.message}"]
    if finding.help:
        lines += ["", finding.help]
    if rule is not None:
        try:
            docs = rule.docs()
        except ValueError:
            docs = None
        if docs is not None:
            lines += ["", "### What it does", "", docs.what.strip()]
            lines += ["", "### Why it matters", "", docs.why.strip()]
            if docs.good:
                lines += ["", "### Use instead", ""]
                for example in docs.good:
                    lines += ["```text", example.text.rstrip("\n"), "```", ""]
        lines += ["", f"[{finding.code} documentation]({rule_doc_url(rule)})"]
    return "\n".join(lines).strip() + "\n"


def minimal_edit(old: str, new: str) -> tuple[int, int, str]:
    """One replacement turning ``old`` into ``new``: the span between their common ends."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    end, new_end = len(old) - suffix, len(new) - suffix
    # Never split a \r\n: a position cannot point between its two characters.
    if 0 < prefix < len(old) and old[prefix - 1] == "\r" and old[prefix] == "\n":
        prefix -= 1
    if 0 < end < len(old) and old[end - 1] == "\r" and old[end] == "\n":
        end, new_end = end + 1, new_end + 1
    return prefix, end, new[prefix:new_end]
