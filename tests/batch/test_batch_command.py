"""tactful batch: JSON Lines in, one report per line out, resumable, bad lines reported."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import OFFICE_HOURS, SENT_IN_OFFICE_HOURS

from tactful import Context, check_message
from tactful.batch import main, run
from tactful.cli import main as cli_main

EXAMPLES = Path(__file__).parents[2] / "examples"
CORPUS = Path(__file__).parents[1] / "corpus" / "culture"
DRAFT = (EXAMPLES / "thank-you-draft.txt").read_text(encoding="utf-8")
CLEAN = (EXAMPLES / "thank-you-clean.txt").read_text(encoding="utf-8")
EML_NAME = "fu-hematology-olumide-the-same.eml"


def write_lines(path: Path, *lines: object) -> Path:
    path.write_text(
        "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines),
        encoding="utf-8",
    )
    return path


def read_reports(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def run_quietly(source: Path, output: Path, **options: object) -> tuple[int, str]:
    from tactful import Config

    stderr = io.StringIO()
    status = run(source, output, config=Config(), stderr=stderr, **options)  # type: ignore[arg-type]
    return status, stderr.getvalue()


def test_each_line_becomes_the_report_the_library_gives(tmp_path: Path) -> None:
    (tmp_path / "mail").mkdir()
    (tmp_path / "mail" / EML_NAME).write_bytes((CORPUS / EML_NAME).read_bytes())
    context = {"recipient": "Dr. Ana Patel", "sent_at": SENT_IN_OFFICE_HOURS}
    source = write_lines(
        tmp_path / "in.jsonl",
        {"id": "draft", "text": DRAFT, "context": context},
        {"id": 7, "text": CLEAN, "context": {"sent_at": SENT_IN_OFFICE_HOURS}},
        {"id": "eml", "path": f"mail/{EML_NAME}"},
    )
    status, stderr = run_quietly(source, tmp_path / "out.jsonl")
    assert status == 0
    reports = read_reports(tmp_path / "out.jsonl")
    expected = [
        check_message(DRAFT, context=Context(**context), id="draft"),
        check_message(CLEAN, context=OFFICE_HOURS, id="7"),
        check_message((CORPUS / EML_NAME).read_bytes(), id="eml"),
    ]
    assert reports == [report.model_dump(mode="json") for report in expected]
    assert "checked 3, mean score" in stderr
    assert "informal" in stderr  # findings per category
    assert "\r" not in stderr  # no progress bar when stderr is not a terminal


def test_bad_lines_are_reported_by_number_and_the_run_goes_on(tmp_path: Path) -> None:
    source = write_lines(
        tmp_path / "in.jsonl",
        {"id": "a", "text": DRAFT},
        '{"id": "b", "text": ',
        {"id": "c"},
        {"id": "d", "text": "   "},
        {"id": "a", "text": CLEAN},
        {"id": "e", "text": CLEAN, "context": {"kind": "memo"}},
        {"id": "f", "path": "nowhere.txt"},
        ["not", "an", "object"],
        {"id": "g", "text": CLEAN},
    )
    status, stderr = run_quietly(source, tmp_path / "out.jsonl")
    assert status == 2
    assert [r["id"] for r in read_reports(tmp_path / "out.jsonl")] == ["a", "g"]
    for number, words in [
        (2, "not JSON"),
        (3, "exactly one of"),
        (4, "empty"),
        (5, "already used on line 1"),
        (6, "context.kind"),
        (7, "cannot read"),
        (8, "expected an object"),
    ]:
        assert f"in.jsonl:{number}: " in stderr
        assert words in stderr
    assert DRAFT.splitlines()[3] not in stderr  # never the message text
    assert "7 could not be checked" in stderr


def test_a_resumed_run_skips_done_ids_and_cuts_a_half_written_line(tmp_path: Path) -> None:
    lines = [{"id": f"m{i}", "text": DRAFT if i % 2 else CLEAN} for i in range(5)]
    source = write_lines(tmp_path / "in.jsonl", *lines)
    output = tmp_path / "out.jsonl"
    write_lines(tmp_path / "full.jsonl", *lines[:2])
    run_quietly(tmp_path / "full.jsonl", output)
    with output.open("a", encoding="utf-8") as file:
        file.write('{"schema_version":"1","id":"m2","te')  # the run was killed mid-line
    status, stderr = run_quietly(source, output)
    assert status == 0
    reports = read_reports(output)  # every line parses: the partial one is gone
    assert [r["id"] for r in reports] == ["m0", "m1", "m2", "m3", "m4"]
    assert "checked 3" in stderr
    assert "2 already in the output (skipped)" in stderr


def test_it_refuses_to_append_to_a_file_that_is_not_reports(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "in.jsonl", {"id": "a", "text": CLEAN})
    output = tmp_path / "out.jsonl"
    output.write_text("notes\n", encoding="utf-8")
    assert main([str(source), "-o", str(output)]) == 2
    assert output.read_text(encoding="utf-8") == "notes\n"


def test_the_progress_bar_draws_when_asked(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "in.jsonl", {"id": "a", "text": CLEAN})
    status, stderr = run_quietly(source, tmp_path / "out.jsonl", progress=True)
    assert status == 0
    assert "\r[" in stderr
    assert "1/1" in stderr


@pytest.mark.slow
def test_a_folder_of_eml_files_with_two_jobs(tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    (folder / "sent").mkdir(parents=True)
    emls = sorted(CORPUS.glob("*.eml"))
    for path in emls:
        (folder / "sent" / path.name).write_bytes(path.read_bytes())
    (folder / "broken.eml").write_bytes(b"\x00\x01binary")
    output = tmp_path / "out.jsonl"
    assert cli_main(["batch", str(folder), "-o", str(output), "--jobs", "2"]) == 2
    reports = read_reports(output)
    assert [r["id"] for r in reports] == [f"sent/{path.name}" for path in emls]
    for report, path in zip(reports, emls, strict=True):
        assert report == check_message(path.read_bytes(), id=report["id"]).model_dump(mode="json")


def test_python_dash_m_runs_it(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "in.jsonl", {"id": "a", "text": CLEAN})
    output = tmp_path / "out.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "tactful.batch", str(source), "-o", str(output)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert read_reports(output)[0]["id"] == "a"
    assert "checked 1" in done.stderr
