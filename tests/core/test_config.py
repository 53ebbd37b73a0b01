"""Config: validation that names file and key, discovery order, selection and overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from tactful import Config, ConfigError, SelectorError, Severity, check_message
from tactful._config import user_config_path

GONNA = "Dear Dr. Patel,\n\nI'm gonna call, thx!\n\nSincerely,\nJess"


def codes(config: Config, text: str = GONNA) -> set[str]:
    return {f.code for f in check_message(text, config=config).findings}


def test_kebab_and_snake_keys_are_both_accepted() -> None:
    assert Config.from_mapping({"extend-select": ["INF"], "max_chars": 10}).max_chars == 10
    assert Config.from_mapping({"max-chars": 12}).max_chars == 12


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("colour = 1\n", r"tactful.toml: colour: unknown key"),
        ("max-chars = -5\n", r"tactful.toml: max-chars: Input should be greater than 0"),
        ("select = 'INF'\n", r"tactful.toml: select: "),
        ("[severity]\nINF001 = 'fatal'\n", r"tactful.toml: severity.INF001: "),
        ("select = [\n", r"tactful.toml: invalid TOML"),
    ],
)
def test_bad_config_names_file_and_key(tmp_path: Path, toml: str, expected: str) -> None:
    (tmp_path / "tactful.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=expected):
        Config.discover(tmp_path / "draft.txt", user_config=False)


def test_discovery_order_within_a_folder_and_walking_up(tmp_path: Path) -> None:
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("[tool.tactful]\nmax-chars = 3\n", encoding="utf-8")
    assert Config.discover(nested / "x.txt", user_config=False).max_chars == 3
    (tmp_path / "a" / ".tactful.toml").write_text("max-chars = 2\n", encoding="utf-8")
    assert Config.discover(nested / "x.txt", user_config=False).max_chars == 2
    (tmp_path / "a" / "tactful.toml").write_text("max-chars = 1\n", encoding="utf-8")
    found = Config.discover(nested / "x.txt", user_config=False)
    assert found.max_chars == 1
    assert found.source == (tmp_path / "a" / "tactful.toml").resolve()


def test_pyproject_without_a_tactful_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 80\n", encoding="utf-8")
    assert Config.discover(tmp_path, user_config=False) == Config()


def test_user_config_is_the_fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "conf"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "conf"))
    path = user_config_path()
    path.parent.mkdir(parents=True)
    path.write_text("audience = 'UK'\n", encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    assert Config.discover(drafts / "d.txt").audience == "uk"


def test_select_ignore_and_extend_select() -> None:
    assert codes(Config(select=("INF",))) == {"INF001", "INF002"}
    assert codes(Config(select=("informal",), ignore=("text-speak",))) == {"INF001"}
    assert codes(Config(select=("INF001",), extend_select=("INF002",))) == {"INF001", "INF002"}
    assert "EAG002" not in codes(Config(ignore=("eagerness",)), GONNA + " Great!")


def test_unknown_selector_is_an_error() -> None:
    with pytest.raises(SelectorError, match="'NOPE9' is not a rule code"):
        check_message(GONNA, config=Config(select=("NOPE9",)))


def test_severity_override_most_specific_wins() -> None:
    config = Config(severity={"informal": Severity.INFO, "INF001": Severity.ERROR})
    found = {f.code: f.severity for f in check_message(GONNA, config=config).findings}
    assert found["INF001"] is Severity.ERROR
    assert found["INF002"] is Severity.INFO


def test_options_for_an_unknown_rule_are_an_error() -> None:
    with pytest.raises(SelectorError, match="no-such-rule"):
        check_message(GONNA, config=Config(rules={"no-such-rule": {"x": 1}}))


def test_options_a_rule_does_not_take_name_the_key(tmp_path: Path) -> None:
    (tmp_path / "tactful.toml").write_text("[rules.slang]\nbudget = 3\n", encoding="utf-8")
    config = Config.discover(tmp_path, user_config=False)
    with pytest.raises(ConfigError, match=r"tactful.toml: rules.slang.budget: unknown key"):
        check_message(GONNA, config=config)


def test_allowed_words_silence_word_list_rules() -> None:
    assert "INF002" not in codes(Config(allowed_words=("thx",)))


def test_max_chars() -> None:
    from tactful import MessageTooLargeError

    with pytest.raises(MessageTooLargeError, match="over the limit of 10"):
        check_message(GONNA, config=Config(max_chars=10))
