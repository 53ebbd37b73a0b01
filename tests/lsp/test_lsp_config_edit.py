"""Writing a rule into ``ignore``: the smallest edit, every other byte kept, atomically."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from tactful import Config, ConfigError
from tactful.lsp._config_edit import add_to_ignore, ignore_rule


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("", 'ignore = ["EMO001"]\n'),
        ('select = ["EMO"]\n', 'select = ["EMO"]\nignore = ["EMO001"]\n'),
        ('select = ["EMO"]', 'select = ["EMO"]\nignore = ["EMO001"]\n'),
        ("ignore = []\n", 'ignore = ["EMO001"]\n'),
        (
            'ignore = ["INF001"]  # slang is fine\n',
            'ignore = ["INF001", "EMO001"]  # slang is fine\n',
        ),
        ('ignore = ["INF001",]\n', 'ignore = ["INF001", "EMO001",]\n'),
        (
            'ignore = [\n    "INF001",  # slang\n    "EAG002"  # bangs\n]\n',
            'ignore = [\n    "INF001",  # slang\n    "EAG002",  # bangs\n    "EMO001"\n]\n',
        ),
        (
            'ignore = [\r\n  "INF001",\r\n]\r\nmax-chars = 900\r\n',
            'ignore = [\r\n  "INF001",\r\n  "EMO001",\r\n]\r\nmax-chars = 900\r\n',
        ),
        (  # brackets and hashes inside strings are not structure
            'ignore = ["INF001", \'a]#b\', """x\n]"""]\n',
            'ignore = ["INF001", \'a]#b\', """x\n]""", "EMO001"]\n',
        ),
        (
            '# house style\nallowed-words = ["Thx"]\n\n[severity]\nEMO = "error"\n',
            '# house style\nallowed-words = ["Thx"]\nignore = ["EMO001"]\n\n[severity]\nEMO = "error"\n',
        ),
        ('ignore = ["emo001"]\n', 'ignore = ["emo001"]\n'),  # already there: untouched
    ],
)
def test_root_table(before: str, after: str) -> None:
    assert add_to_ignore(before, "EMO001", ()) == after


PYPROJECT = """\
[project]
name = "drafts"
ignore = "not ours"

[tool.tactful]
select = [
  "EMO",
  "INF",
]

[tool.tactful.severity]
EMO = "error"

[tool.ruff]
line-length = 100
"""


def test_pyproject_tool_tactful_only() -> None:
    edited = add_to_ignore(PYPROJECT, "EMO001", ("tool", "tactful"))
    assert edited == PYPROJECT.replace('  "INF",\n]\n', '  "INF",\n]\nignore = ["EMO001"]\n')
    data = tomllib.loads(edited)
    assert data["project"]["ignore"] == "not ours"
    assert data["tool"]["tactful"]["ignore"] == ["EMO001"]


def test_pyproject_with_only_sub_tables_gets_a_tool_tactful_table() -> None:
    text = '[tool.tactful.rules.EMO001]\nallow = ["🙂"]\n'
    edited = add_to_ignore(text, "EMO001", ("tool", "tactful"))
    assert edited.startswith(text)
    assert tomllib.loads(edited)["tool"]["tactful"]["ignore"] == ["EMO001"]


@pytest.mark.parametrize(
    ("text", "table"),
    [
        ("tool = {tactful = {ignore = []}}\n", ("tool", "tactful")),
        ('"ignore" = ["INF001"]\n', ()),
        ('ignore = "INF001"\n', ()),
        ("ignore = [\n", ()),
    ],
)
def test_what_cannot_be_edited_safely_is_refused(text: str, table: tuple[str, ...]) -> None:
    with pytest.raises(ConfigError):
        add_to_ignore(text, "EMO001", table)


def test_creates_tactful_toml_in_the_workspace(tmp_path: Path) -> None:
    document = tmp_path / "drafts" / "note.txt"
    document.parent.mkdir()
    written = ignore_rule(document, tmp_path, "EMO001")
    assert written == tmp_path / "tactful.toml"
    assert Config.discover(document, user_config=False).ignore == ("EMO001",)


def test_edits_the_nearest_existing_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    hidden = tmp_path / "drafts" / ".tactful.toml"
    hidden.parent.mkdir()
    hidden.write_text("max-chars = 5000\n", encoding="utf-8")
    os.chmod(hidden, 0o640)
    written = ignore_rule(hidden.parent / "note.txt", tmp_path, "INF001")
    assert written == hidden
    assert hidden.read_text(encoding="utf-8") == 'max-chars = 5000\nignore = ["INF001"]\n'
    assert hidden.stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "pyproject.toml").read_text(encoding="utf-8") == PYPROJECT
    assert [p.name for p in hidden.parent.iterdir()] == [".tactful.toml"]  # no temp file left


def test_pyproject_is_used_when_it_has_a_tool_tactful_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    written = ignore_rule(tmp_path / "note.txt", tmp_path, "EMO001")
    assert written == tmp_path / "pyproject.toml"
    assert Config.discover(tmp_path, user_config=False).ignore == ("EMO001",)


def test_a_failed_write_leaves_the_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "tactful.toml"
    config.write_text("max-chars = 5000\n", encoding="utf-8")

    def refuse(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        ignore_rule(tmp_path / "note.txt", tmp_path, "EMO001")
    assert config.read_text(encoding="utf-8") == "max-chars = 5000\n"
    assert [p.name for p in tmp_path.iterdir()] == ["tactful.toml"]


@pytest.mark.parametrize("code", ["EMO001\nselect = []", "EMO001\n", "emoji-use"])
def test_not_a_code_is_refused(tmp_path: Path, code: str) -> None:
    with pytest.raises(ConfigError):
        ignore_rule(tmp_path / "note.txt", tmp_path, code)
    assert not (tmp_path / "tactful.toml").exists()
