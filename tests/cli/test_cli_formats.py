"""Every output format, through the real command."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import DRAFT, REPO, SLANG_DRAFT, Run, clean_env, lines, write

from tactful import Config, check_message
from tactful.reporting.full import caret_line, char_width
from tactful.reporting.github import escape_data, escape_property


def _sarif_schema_path() -> Path:
    """``../shared/schemas/`` beside the repository; from a git worktree, beside the main
    checkout (the worktree's common git folder says where that is)."""
    candidates = [REPO.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"]
    try:
        common = subprocess.run(
            ["git", "rev-parse", "--path-format=absolute", "--git-common-dir"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        candidates.append(Path(common).parent.parent / "shared" / "schemas" / candidates[0].name)
    except (OSError, subprocess.SubprocessError):
        pass
    return next((c for c in candidates if c.is_file()), candidates[0])


SARIF_SCHEMA = _sarif_schema_path()
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def library_report(path: Path, select: tuple[str, ...] = ("INF001",)):  # type: ignore[no-untyped-def]
    return check_message(
        path.read_text(encoding="utf-8"), config=Config(select=select), id=str(path)
    )


def test_full_shows_the_line_and_a_caret_under_the_span(run: Run) -> None:
    process = run("check", DRAFT, "--select", "INF001", "--isolated")
    assert process.returncode == 1
    out = process.stdout.decode()
    assert not ANSI.search(out), "no colour when piped"
    report = library_report(DRAFT)
    output_lines = out.splitlines()
    for finding in report.findings:
        header = f"{DRAFT}:{finding.line}:{finding.column}: INF001 slang [warning]"
        at = output_lines.index(header)
        assert output_lines[at + 1].strip() == finding.message
        source = output_lines[at + 3]
        carets = output_lines[at + 4]
        gutter = source.index("| ") + 2
        assert source[gutter:] == report.text.splitlines()[finding.line - 1]
        assert carets[gutter:].rstrip().endswith("^")
        # The caret run starts under the first flagged character (no wide characters
        # precede these spans on their lines except the one emoji, counted double).
        prefix = source[gutter : gutter + finding.column - 1]
        expected_lead = sum(char_width(c) for c in prefix)
        assert carets[gutter:].index("^") == expected_lead
        assert carets[gutter:].count("^") == len(finding.text)
    assert f"{DRAFT}: score {report.score}/100, {report.verdict}" in out
    assert "fix: Replace with" in out


def test_caret_counts_wide_and_combining_characters() -> None:
    assert caret_line("ab😊cd", 3, 5) == "    ^^"
    assert caret_line("研究所 gonna", 4, 9) == "       ^^^^^"
    assert caret_line("cafe\u0301 gonna", 6, 11) == "     ^^^^^"
    assert caret_line("\tgonna", 1, 6) == "\t^^^^^"
    assert caret_line("end", 3, 3) == "   ^"  # a zero-width span still gets one caret


def test_full_quiet_prints_findings_only(run: Run) -> None:
    process = run("check", DRAFT, "--select", "INF001", "--isolated", "--quiet")
    out = process.stdout.decode()
    assert "INF001 slang" in out
    assert "score" not in out
    assert "Found" not in out


def test_concise_is_one_errorformat_line_per_finding(run: Run) -> None:
    process = run("check", DRAFT, "--select", "INF001", "--isolated", "--format", "concise")
    assert process.returncode == 1
    report = library_report(DRAFT)
    expected = [f"{DRAFT}:{f.line}:{f.column}: INF001 {f.message}" for f in report.findings]
    assert lines(process.stdout) == expected
    assert expected  # the example has slang
    pattern = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): [A-Z]+\d+ .+$")
    assert all(pattern.match(line) for line in expected)


def test_json_is_an_array_of_reports_matching_the_library(run: Run, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    other = write(tmp_path / "second.txt", SLANG_DRAFT)
    process = run("check", DRAFT, other, "--select", "INF001", "--isolated", "--format", "json")
    assert process.returncode == 1
    reports = json.loads(process.stdout)
    assert [r["id"] for r in reports] == [str(DRAFT), str(other)]
    schema = json.loads((REPO / "docs" / "report-schema.json").read_text(encoding="utf-8"))
    for report in reports:
        jsonschema.validate(report, schema)
    assert reports[0] == library_report(DRAFT).model_dump(mode="json")


def test_jsonl_is_one_report_per_line(run: Run, tmp_path: Path) -> None:
    other = write(tmp_path / "second.txt", SLANG_DRAFT)
    process = run("check", DRAFT, other, "--select", "INF001", "--isolated", "--format", "jsonl")
    rows = [json.loads(line) for line in lines(process.stdout)]
    assert [row["id"] for row in rows] == [str(DRAFT), str(other)]
    assert all(row["schema_version"] == "1" for row in rows)
    assert [f["code"] for f in rows[1]["findings"]] == ["INF001"]


def test_sarif_is_valid_2_1_0(run: Run) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.is_file():
        message = f"the SARIF schema is not at {SARIF_SCHEMA} (../shared/schemas/)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    process = run("check", DRAFT, "--isolated", "--format", "sarif")
    log = json.loads(process.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(log)  # the schema is draft-07
    run_ = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = run_["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert ids == sorted(set(ids))
    for rule in rules:
        assert rule["helpUri"].endswith(f"/docs/rules/{rule['id']}-{rule['name']}.md")
        assert rule["shortDescription"]["text"]
    report = check_message(DRAFT.read_text(encoding="utf-8"), config=Config())
    assert len(run_["results"]) == len(report.findings)
    for result, finding in zip(run_["results"], report.findings, strict=True):
        assert result["ruleId"] == finding.code
        assert ids[result["ruleIndex"]] == finding.code
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding.line, finding.column)
        assert (region["endLine"], region["endColumn"]) == (finding.end_line, finding.end_column)
        assert region["snippet"]["text"] == finding.text


def test_sarif_columns_count_code_points_past_an_emoji(run: Run, tmp_path: Path) -> None:
    draft = write(tmp_path / "emoji.txt", "Dear Dr. Patel,\n\n😊😊 I'm gonna call.\n")
    process = run("check", draft, "--isolated", "--select", "INF001", "--format", "sarif")
    region = json.loads(process.stdout)["runs"][0]["results"][0]["locations"][0][
        "physicalLocation"
    ]["region"]
    assert region["startColumn"] == len("😊😊 I'm ") + 1


def test_github_annotations(run: Run, tmp_path: Path) -> None:
    draft = write(tmp_path / "odd, name: 100%.txt", SLANG_DRAFT)
    process = run("check", draft, "--isolated", "--select", "INF001", "--format", "github")
    assert process.returncode == 1
    [line] = lines(process.stdout)
    escaped = escape_property(str(draft))
    assert line.startswith(f"::warning file={escaped},line=3,col=")
    assert "%2C name%3A 100%25.txt" in line
    assert ",title=INF001 slang::“gonna” is casual" in line


def test_github_escaping() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert escape_data("a:b,c") == "a:b,c"


def test_colour_only_on_a_terminal_and_never_with_no_color(home: Path) -> None:
    pty = pytest.importorskip("pty")

    def run_on_terminal(extra: dict[str, str]) -> str:
        controller, terminal = pty.openpty()
        with subprocess.Popen(
            [sys.executable, "-m", "tactful", "check", str(DRAFT), "--isolated"],
            stdin=subprocess.DEVNULL,
            stdout=terminal,
            stderr=terminal,
            env={**clean_env(home), "TERM": "xterm", **extra},
        ) as process:
            os.close(terminal)
            chunks = []
            while True:
                try:
                    chunk = os.read(controller, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            process.wait(timeout=60)
        os.close(controller)
        return b"".join(chunks).decode("utf-8", "replace")

    coloured = run_on_terminal({})
    assert ANSI.search(coloured)
    assert "score" in ANSI.sub("", coloured)
    plain = run_on_terminal({"NO_COLOR": "1"})
    assert "score" in plain
    assert not ANSI.search(plain)


def test_statistics_counts_per_rule(run: Run) -> None:
    process = run("check", DRAFT, "--isolated", "--select", "INF001", "--statistics")
    report = library_report(DRAFT)
    assert lines(process.stdout) == [f"{len(report.findings)}  INF001  [*] slang"]
    assert process.returncode == 1
