"""No suggested fix introduces a finding of another rule.

Every fixture email in tests/fixtures/ is checked with every registered rule selected
(preview rules included). Each fix a finding offers (safe or unsafe; display-only fixes
are advice, not edits) is applied on its own, the text is checked again with the same
context and options, and no other rule may report more findings than before. A fix that
swaps "gonna" for "going to" must not, say, push the body over its word budget, and a fix
that removes "!!" must not leave a new exclamation mark count behind.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from tactful import Applicability, Config, Context, Report, check_message
from tactful._model import Fix
from tactful._registry import build_registry

FIXTURES = Path(__file__).parents[1] / "fixtures"
#: Findings a fix reveals rather than introduces: the problem was there all along, reported
#: as part of the fixed finding ("the same problem is reported once"). Keep this short.
REVEALED = {
    # No signature at all is one finding (STR003); once the name is added, the missing
    # phone or email under it is reported on its own (STR004, a notice).
    ("STR003", "STR004"): "a missing contact line is part of a missing signature",
}
REGISTRY = build_registry(plugins=False)
EVERY_RULE = tuple(REGISTRY.rules)


def fixture_files() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*/*") if p.suffix in {".txt", ".eml"})


def load(path: Path) -> tuple[str, Context | None, Config]:
    """The fixture as the text tactful reports on, its context, and a config running every rule."""
    context = None
    config_data: dict[str, object] = {}
    sidecar = path.with_suffix(".toml")
    if sidecar.exists():
        data = tomllib.loads(sidecar.read_text(encoding="utf-8"))
        context = Context.model_validate(data.get("context", {}))
        config_data = data.get("config", {})
    config = Config.model_validate({**config_data, "select": EVERY_RULE, "plugins": False})
    raw = path.read_bytes()
    message: str | bytes = raw if path.suffix == ".eml" else raw.decode("utf-8")
    # Fix offsets refer to report.text; compare the text with itself, before and after.
    text = check_message(message, context=context, config=config).text
    return text, context, config


def applied(text: str, fix: Fix) -> str:
    pieces: list[str] = []
    cursor = 0
    for edit in sorted(fix.edits, key=lambda e: (e.start, e.end)):
        pieces += [text[cursor : edit.start], edit.replacement]
        cursor = edit.end
    return "".join([*pieces, text[cursor:]])


def counts(report: Report) -> Counter[str]:
    return Counter(f.code for f in report.findings)


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_fix_introduces_a_finding_of_another_rule(path: Path) -> None:
    text, context, config = load(path)
    report = check_message(text, context=context, config=config)
    before = counts(report)
    problems: list[str] = []
    for finding in report.findings:
        for fix in finding.fixes:
            if fix.applicability is Applicability.DISPLAY:
                continue
            after = counts(check_message(applied(text, fix), context=context, config=config))
            introduced = {
                code: after[code] - before[code]
                for code in after
                if code != finding.code
                and after[code] > before[code]
                and (finding.code, code) not in REVEALED
            }
            if introduced:
                problems.append(
                    f"{finding.code} fix “{fix.title}” at {finding.line}:{finding.column} "
                    f"({finding.text!r}) introduces {introduced}"
                )
    assert not problems, "\n".join(problems)


def test_every_rule_is_exercised_by_some_fixture() -> None:
    """The test above only means something if the fixtures cover every rule's fixes."""
    with_fixtures = {p.parent.name for p in fixture_files()}
    assert set(EVERY_RULE) <= with_fixtures
