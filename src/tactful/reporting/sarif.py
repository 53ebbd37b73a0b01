"""SARIF 2.1.0: one run, the rules that judged the messages, one result per finding.

Columns count Unicode code points (``columnKind: unicodeCodePoints``), as tactful's do.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from tactful._docs import rule_doc_url
from tactful._model import Applicability, Finding, Severity
from tactful._text import LineIndex
from tactful._version import __version__
from tactful.reporting import CheckedMessage, OutputOptions
from tactful.rule import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/tactful-dev/tactful"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for a path: relative paths stay relative, absolute ones become file: URIs."""
    candidate = Path(path)
    if candidate.is_absolute():
        return candidate.as_uri()
    return quote(candidate.as_posix(), safe="/")


def rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "helpUri": rule_doc_url(rule),
        "defaultConfiguration": {"level": _LEVEL[Severity(rule.severity)]},
        "properties": {
            "category": rule.category,
            "fixAvailability": str(rule.fix_availability),
            "stability": str(rule.stability),
            "tags": [rule.category],
        },
    }
    try:
        docs = rule.docs()
    except ValueError:
        # A plugin rule with a malformed docstring still gets its id and link.
        return descriptor
    descriptor["shortDescription"] = {"text": rule.summary()}
    descriptor["fullDescription"] = {"text": " ".join(docs.what.split())}
    descriptor["help"] = {
        "text": " ".join(docs.why.split()),
        "markdown": f"{docs.why.strip()}\n\n[Rule documentation]({rule_doc_url(rule)})",
    }
    return descriptor


def _region(index: LineIndex, start: int, end: int) -> dict[str, Any]:
    start_line, start_column = index.line_col(start)
    end_line, end_column = index.line_col(end)
    return {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    }


def _fixes(finding: Finding, uri: str, index: LineIndex) -> list[dict[str, Any]]:
    fixes = []
    for fix in finding.fixes:
        if fix.applicability is Applicability.DISPLAY or not fix.edits:
            continue
        fixes.append(
            {
                "description": {"text": fix.title},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": uri},
                        "replacements": [
                            {
                                "deletedRegion": _region(index, edit.start, edit.end),
                                "insertedContent": {"text": edit.replacement},
                            }
                            for edit in fix.edits
                        ],
                    }
                ],
                "properties": {"applicability": str(fix.applicability)},
            }
        )
    return fixes


def sarif_log(results: Sequence[CheckedMessage]) -> dict[str, Any]:
    rules: dict[str, type[Rule]] = {}
    for result in results:
        for finding in result.report.findings:
            rule = result.rules.get(finding.code)
            if rule is not None:
                rules.setdefault(finding.code, rule)
    ordered = sorted(rules)
    rule_index = {code: i for i, code in enumerate(ordered)}
    sarif_results: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    for artifact_index, result in enumerate(results):
        uri = artifact_uri(result.path)
        artifacts.append({"location": {"uri": uri}, "roles": ["analysisTarget"]})
        index = LineIndex(result.report.text)
        for finding in result.report.findings:
            region = _region(index, finding.start, finding.end)
            region["snippet"] = {"text": finding.text}
            entry: dict[str, Any] = {
                "ruleId": finding.code,
                "level": _LEVEL[finding.severity],
                "message": {"text": finding.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri, "index": artifact_index},
                            "region": region,
                        }
                    }
                ],
                "properties": {
                    "name": finding.name,
                    "category": finding.category,
                    "penalty": finding.penalty,
                },
            }
            if finding.code in rule_index:
                entry["ruleIndex"] = rule_index[finding.code]
            if finding.help:
                entry["message"]["text"] += f" {finding.help}"
            fixes = _fixes(finding, uri, index)
            if fixes:
                entry["fixes"] = fixes
            sarif_results.append(entry)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "tactful",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [rule_descriptor(rules[code]) for code in ordered],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "artifacts": artifacts,
                "results": sarif_results,
            }
        ],
    }


def write(results: Sequence[CheckedMessage], stream: TextIO, options: OutputOptions) -> None:
    json.dump(sarif_log(results), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
