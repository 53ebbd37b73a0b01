"""``tactful check``: exit statuses, config discovery, inputs, folders, bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import CLEAN, DRAFT, REPO, SLANG_DRAFT, Run, lines, one_line_error, write

from tactful.cli import main


def test_exit_statuses(run: Run, tmp_path: Path) -> None:
    assert run("check", CLEAN, "--isolated", "--select", "INF001").returncode == 0
    assert run("check", DRAFT, "--isolated", "--select", "INF001").returncode == 1
    assert run("check", DRAFT, "--isolated", "--fail-on", "never").returncode == 0
    # INF001 findings are warnings: they block at "warning" and "info", not at "error".
    assert (
        run("check", DRAFT, "--isolated", "--select", "INF001", "--fail-on", "error").returncode
        == 0
    )
    assert (
        run("check", DRAFT, "--isolated", "--select", "INF001", "--fail-on", "info").returncode == 1
    )
    # --min-score blocks on the score alone.
    assert (
        run("check", DRAFT, "--isolated", "--fail-on", "never", "--min-score", "100").returncode
        == 1
    )
    assert (
        run("check", CLEAN, "--isolated", "--select", "INF001", "--min-score", "100").returncode
        == 0
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", "--format", "xml", "x.txt"], "invalid choice: 'xml'"),
        (["check", "--min-score", "150", "x.txt"], "--min-score must be between 0 and 100"),
        (["check", "--interview-at", "next Tuesday", "x.txt"], "is not an ISO 8601 date"),
        (["check", "--select", "NOSUCH", "examples/thank-you-clean.txt"], "'NOSUCH' is not a rule"),
        (["check", "--config", "a.toml", "--isolated", "x.txt"], "cannot be used together"),
        (["check", "--unsafe-fixes", "x.txt"], "--unsafe-fixes needs --fix or --diff"),
        (["check", "-", "-"], "only once"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["explain", "NOPE999"], "no rule has the code or name 'NOPE999'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    args: list[str],
    expected: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # In-process (the subprocess path is covered by the bad-input tests): argparse's own
    # errors exit through SystemExit, tactful's return 2.
    monkeypatch.chdir(REPO)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"")))
    try:
        status = main(args)
    except SystemExit as exit_:
        status = exit_.code
    assert status == 2
    error = capsys.readouterr().err
    assert "Traceback" not in error
    assert len(error.strip().splitlines()) == 1, error
    assert expected in error


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("binary.txt", b"Dear Dr. Patel,\x00\x01\x02\xff", "is binary data"),
        ("latin1.txt", "Dear Dr. Patel, café".encode("latin-1"), "is not UTF-8 text (byte 0xe9"),
        ("empty.txt", b"  \n\n", "is empty"),
        ("binary.eml", b"From: a@b.c\n\n\x00\x00PK\x03\x04", "is binary data"),
        (
            "bad-charset.eml",
            b"Content-Type: text/plain; charset=x-nope\n\nHello there",
            "unknown charset",
        ),
    ],
)
def test_bad_input_exits_2_naming_the_file(
    run: Run, tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = write(tmp_path / name, content)
    process = run("check", path, "--isolated")
    assert process.returncode == 2
    error = one_line_error(process)
    assert error.startswith(f"tactful: {path}: ")
    assert expected in error


def test_missing_file_exits_2_but_others_are_still_checked(run: Run, tmp_path: Path) -> None:
    process = run("check", tmp_path / "nope.txt", CLEAN, "--isolated", "--format", "concise")
    assert process.returncode == 2
    assert "nope.txt: no such file or folder" in one_line_error(process)


def test_utf8_bom_and_utf16_drafts_are_read(run: Run, tmp_path: Path) -> None:
    for name, data in (
        ("bom.txt", SLANG_DRAFT.encode("utf-8-sig")),
        ("wide.txt", SLANG_DRAFT.encode("utf-16")),
    ):
        path = write(tmp_path / name, data)
        process = run("check", path, "--isolated", "--select", "INF001", "--format", "concise")
        assert process.returncode == 1, process.stderr
        assert "INF001 “gonna”" in process.stdout.decode()


def test_config_discovery_and_overrides(run: Run, tmp_path: Path) -> None:
    project = tmp_path / "project"
    draft = write(project / "drafts" / "note.txt", SLANG_DRAFT)
    write(project / "tactful.toml", 'select = ["INF001"]\nignore = ["slang"]\n')
    assert run("check", draft, "--format", "concise").returncode == 0
    # --isolated ignores the file; --select on the command line replaces the config's.
    assert run("check", draft, "--isolated", "--select", "INF001").returncode == 1
    # [tool.tactful] in pyproject.toml is found too, nearer wins.
    write(project / "drafts" / "pyproject.toml", '[tool.tactful]\nselect = ["INF001"]\n')
    assert run("check", draft, "--format", "concise").returncode == 1
    # --config names the file explicitly.
    quiet = write(tmp_path / "other.toml", 'select = ["INF001"]\nfail-on = "error"\n')
    assert run("check", draft, "--config", quiet).returncode == 0
    # The config's fail-on is the default; the command line overrides it.
    assert run("check", draft, "--config", quiet, "--fail-on", "warning").returncode == 1


def test_bad_config_exits_2_naming_file_and_key(run: Run, tmp_path: Path) -> None:
    draft = write(tmp_path / "note.txt", SLANG_DRAFT)
    write(tmp_path / "tactful.toml", "selekt = ['INF001']\n")
    process = run("check", draft)
    assert process.returncode == 2
    error = one_line_error(process)
    assert "tactful.toml" in error
    assert "selekt" in error
    assert run("check", draft, "--config", tmp_path / "missing.toml").returncode == 2


def test_user_config_is_used_when_no_project_config(run: Run, home: Path, tmp_path: Path) -> None:
    draft = write(tmp_path / "loose" / "note.txt", SLANG_DRAFT)
    assert run("check", draft, "--select", "INF001").returncode == 1
    write(home / ".config" / "tactful" / "tactful.toml", 'ignore = ["INF001"]\n')
    assert run("check", draft, "--select", "INF001").returncode == 0


def test_standard_input(run: Run) -> None:
    data = SLANG_DRAFT.encode()
    process = run(
        "check", "-", "--isolated", "--select", "INF001", "--format", "concise", input=data
    )
    assert process.returncode == 1
    assert lines(process.stdout)[0].startswith("-:3:")
    named = run(
        "check",
        "-",
        "--stdin-filename",
        "drafts/patel.txt",
        "--isolated",
        "--select",
        "INF001",
        "--format",
        "jsonl",
        input=data,
    )
    assert json.loads(named.stdout)["id"] == "drafts/patel.txt"
    # No path at all reads standard input too.
    assert run("check", "--isolated", "--select", "INF001", input=data).returncode == 1


def test_standard_input_as_an_email(run: Run) -> None:
    eml = (REPO / "tests" / "corpus" / "culture" / "ty-bloodbank-maria-jose-clean.eml").read_bytes()
    process = run(
        "check", "-", "--stdin-filename", "m.eml", "--isolated", "--format", "jsonl", input=eml
    )
    report = json.loads(process.stdout)
    assert report["id"] == "m.eml"
    assert report["parts"]["has_attachment"] is not None  # read as an email, not a draft


def test_folder_of_mixed_files(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    write(folder / "a.txt", SLANG_DRAFT)
    write(folder / "b.md", "# Draft\n\nDear Dr. Patel,\n\nThank you so much.\n")
    write(
        folder / "nested" / "c.eml",
        b"From: j@example.com\nTo: a@example.com\nSubject: Thanks\n\nDear Dr. Patel,\n\nI'm gonna call.\n",
    )
    write(folder / "nested" / "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(folder / "notes.docx", b"PK\x03\x04\x00\x00")
    write(folder / ".git" / "COMMIT_EDITMSG.txt", "gonna")
    write(folder / ".hidden.txt", "gonna")
    process = run("check", folder, "--isolated", "--select", "INF001", "--format", "jsonl")
    assert process.returncode == 1, process.stderr
    ids = [json.loads(line)["id"] for line in lines(process.stdout)]
    assert ids == [str(folder / "a.txt"), str(folder / "b.md"), str(folder / "nested" / "c.eml")]
    # A binary file among them: reported, exit 2, the others still checked.
    write(folder / "broken.txt", b"\x00\x01binary")
    process = run("check", folder, "--isolated", "--select", "INF001", "--format", "jsonl")
    assert process.returncode == 2
    assert "broken.txt: is binary data" in one_line_error(process)
    assert len(lines(process.stdout)) == 3


def test_rules_explain_and_packs(run: Run, tmp_path: Path) -> None:
    table = lines(run("rules", "--isolated").stdout)
    assert table[0].split() == ["CODE", "NAME", "CATEGORY", "SEVERITY", "FIX", "STABILITY"]
    assert any(line.split()[:2] == ["INF001", "slang"] for line in table)
    rules = json.loads(run("rules", "--format", "json", "--isolated").stdout)
    slang = next(rule for rule in rules if rule["code"] == "INF001")
    assert slang["name"] == "slang"
    assert slang["url"].endswith("INF001-slang.md")
    for key in ("INF001", "slang", "inf001"):
        page = run("explain", key).stdout.decode()
        assert page.startswith("# INF001 slang")
        assert "## What it does" in page
    assert run("packs", "check", REPO / "rules" / "informal").returncode == 0
    bad = write(
        tmp_path / "pack" / "bad.toml",
        '[[rule]]\ncode = "ZZZ001"\nname = "bad-rule"\ncategory = "informal"\n'
        'severity = "warning"\nkind = "existence"\nmessage = "x"\ntokens = ["gonna"]\n\n'
        '[rule.docs]\nwhat = "x"\nwhy = "y"\n\n[rule.examples]\nbad = ["Nothing to see."]\ngood = ["Fine."]\n',
    )
    process = run("packs", "check", bad.parent)
    assert process.returncode == 1
    assert "ZZZ001" in process.stdout.decode()
    assert run("packs", "check", tmp_path / "nowhere").returncode == 2


def test_python_dash_m_and_version(run: Run) -> None:
    process = run("--version")
    assert process.returncode == 0
    assert process.stdout.decode().startswith("tactful ")


def test_a_concise_run_imports_no_other_format() -> None:
    code = (
        "import sys, io\n"
        "from tactful.cli import main\n"
        f"status = main(['check', {str(CLEAN)!r}, '--isolated', '--format', 'concise'])\n"
        "heavy = ['jsonschema', 'tactful.reporting.sarif', 'tactful.reporting.full',\n"
        "         'tactful.reporting.json', 'tactful.reporting.schema', 'tactful.presend',\n"
        "         'tactful._fixing', 'tactful._docs']\n"
        "print(status, [m for m in heavy if m in sys.modules])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert out.strip().splitlines()[-1] == "0 []"


def test_interactive_asks_for_what_is_missing(run: Run, tmp_path: Path) -> None:
    draft = write(tmp_path / "note.txt", SLANG_DRAFT)  # no To: header, no flags
    answers = b"Dr. Ana Patel\nClinical Laboratory Technician\nlast Monday\n2026-11-20\n"
    process = run(
        "check", draft, "--isolated", "--select", "INF001", "--interactive", input=answers
    )
    assert process.returncode == 1
    prompts = process.stderr.decode()
    assert "Recipient" in prompts
    assert "Position" in prompts
    assert "That is not a date like 2026-11-20." in prompts  # asked again after "last Monday"
    # Given on the command line, nothing is asked.
    given = run(
        "check",
        draft,
        "--isolated",
        "--select",
        "INF001",
        "--interactive",
        "--recipient",
        "Dr. Ana Patel",
        "--position",
        "Lab Tech",
        "--interview-at",
        "2026-11-20",
    )
    assert given.stderr == b""


def test_ask_missing_context_fills_the_context() -> None:
    from tactful import Context, check_message
    from tactful.cli import ask_missing_context

    report = check_message(SLANG_DRAFT)
    answers = io.StringIO("Dr. Ana Patel\n\n2026-11-20T10:00\n")
    context = ask_missing_context(Context(organization="Riverside"), report, lambda: answers)
    assert context.recipient == "Dr. Ana Patel"
    assert context.position is None  # a blank answer skips
    assert str(context.interview_at) == "2026-11-20 10:00:00"
    assert context.organization == "Riverside"


@pytest.mark.parametrize(
    "args", [["check", "--isolated", str(CLEAN)], ["check", "--isolated", "no-such.txt"]]
)
def test_check_resumes_the_garbage_collector(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The first check of a process pauses the collector for set-up; whatever happens, it
    # runs again afterwards (a long batch would otherwise never free a cycle).
    import gc

    from tactful import cli

    monkeypatch.chdir(REPO)
    monkeypatch.setattr(cli._SetUpGC, "used", False)
    paused: list[bool] = []
    original = cli._end_gc_pause
    monkeypatch.setattr(
        cli, "_end_gc_pause", lambda: (paused.append(not gc.isenabled()), original())
    )
    main(args)
    capsys.readouterr()
    assert gc.isenabled()
    assert paused[:1] == [True]
