"""Fixture emails per rule and their reviewed snapshots (Ruff's model).

tests/fixtures/<CODE>/<name>.txt (or .eml) is checked with only <CODE> selected; an
optional <name>.toml beside it holds `[context]` and `[config]` tables. The rendered
findings must equal tests/snapshots/<CODE>/<name>.snap. To accept new output, run
`TACTFUL_UPDATE_SNAPSHOTS=1 python -m pytest tests/rules/test_fixtures.py` and review the diff.

Every rule needs a fixture folder with at least one file it flags and one it does not.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from tactful import Config, Context, Report, check_message
from tactful._registry import build_registry
from tactful._text import LineIndex

ROOT = Path(__file__).parents[1]
FIXTURES = ROOT / "fixtures"
SNAPSHOTS = ROOT / "snapshots"
UPDATE = os.environ.get("TACTFUL_UPDATE_SNAPSHOTS") == "1"
REGISTRY = build_registry(plugins=False)


def fixture_files() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*/*") if p.suffix in {".txt", ".eml"})


def run_fixture(path: Path) -> Report:
    code = path.parent.name
    context = None
    config_data: dict[str, object] = {}
    sidecar = path.with_suffix(".toml")
    if sidecar.exists():
        data = tomllib.loads(sidecar.read_text(encoding="utf-8"))
        context = Context.model_validate(data.get("context", {}))
        config_data = data.get("config", {})
    config = Config.model_validate({**config_data, "select": [code], "plugins": False})
    raw = path.read_bytes()
    message: str | bytes = raw if path.suffix == ".eml" else raw.decode("utf-8")
    return check_message(message, context=context, config=config)


def render(report: Report, code: str) -> str:
    """Each finding: where, what, the line with carets, the help and the fix as a diff."""
    index = LineIndex(report.text)
    out: list[str] = []
    findings = [f for f in report.findings if f.code == code]
    for f in findings:
        out.append(
            f"{f.line}:{f.column}-{f.end_line}:{f.end_column} {f.code} {f.name} [{f.severity}]"
        )
        out.append(f"  {f.message}")
        start, end = index.line_bounds(f.line)
        line = report.text[start:end]
        out.append(f"  | {line}")
        width = (min(f.end, end) - f.start) if f.end > f.start else 0
        out.append("  | " + " " * (f.column - 1) + ("^" * max(width, 1) if width else "^ (here)"))
        if f.help:
            out.append(f"  help: {f.help}")
        for fix in f.fixes:
            out.append(f"  fix ({fix.applicability}): {fix.title}")
            for edit in fix.edits:
                out.append(f"    - {report.text[edit.start : edit.end]!r}")
                out.append(f"    + {edit.replacement!r}")
    if not findings:
        out.append("(no findings)")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_snapshot(path: Path) -> None:
    code = path.parent.name
    assert code in REGISTRY.rules, f"fixture folder {code} names no rule"
    rendered = render(run_fixture(path), code)
    snapshot = SNAPSHOTS / code / (path.stem + ".snap")
    if UPDATE:
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(rendered, encoding="utf-8")
    assert snapshot.exists(), (
        f"no snapshot {snapshot.relative_to(ROOT)}; run with TACTFUL_UPDATE_SNAPSHOTS=1"
    )
    assert rendered == snapshot.read_text(encoding="utf-8")


@pytest.mark.parametrize("code", list(REGISTRY.rules))
def test_every_rule_has_failing_and_clean_fixtures(code: str) -> None:
    files = sorted((FIXTURES / code).glob("*"))
    files = [p for p in files if p.suffix in {".txt", ".eml"}]
    assert files, f"{code} has no fixtures in tests/fixtures/{code}/"
    flagged = [any(f.code == code for f in run_fixture(p).findings) for p in files]
    assert any(flagged), f"no fixture of {code} is flagged"
    assert not all(flagged), f"every fixture of {code} is flagged; add a clean one"


def test_no_stale_snapshots() -> None:
    expected = {(p.parent.name, p.stem) for p in fixture_files()}
    stale = [p for p in SNAPSHOTS.glob("*/*.snap") if (p.parent.name, p.stem) not in expected]
    assert not stale, f"snapshots without fixtures: {stale}"
