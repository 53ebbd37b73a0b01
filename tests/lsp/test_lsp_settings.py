"""Editor settings and what they do to the config and the context."""

from __future__ import annotations

from datetime import date

import pytest

from tactful import Config, ConfigError
from tactful.lsp._settings import layered, parse_settings


def test_nested_under_tactful_and_kebab_case() -> None:
    settings = parse_settings(
        {
            "tactful": {
                "extend-select": ["EMO001"],
                "max-chars": 900,
                "debounce-ms": 0,
                "score-diagnostic": False,
                "context": {"recipient": "Dr. Ana Patel", "interview-at": "2026-11-20"},
            }
        }
    )
    file_config = Config(ignore=("INF001",), max_chars=5000)
    config = settings.config_for(file_config)
    assert config.extend_select == ("EMO001",)
    assert config.max_chars == 900
    assert config.ignore == ("INF001",)  # not overridden: kept from the file
    assert settings.debounce_seconds == 0
    assert settings.score_diagnostic is False
    context = settings.context_with(recipient="Ana from the To: header")
    assert context.recipient == "Dr. Ana Patel"  # the editor's setting wins over the header
    assert context.interview_at == date(2026, 11, 20)


def test_document_facts_fill_what_settings_leave_unset() -> None:
    assert parse_settings({}).context_with(recipient="Dr. Ana Patel").recipient == "Dr. Ana Patel"
    assert parse_settings(None).context_with(recipient=None).recipient is None


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ({"selekt": ["EMO"]}, "selekt"),
        ({"max-chars": -1}, "max-chars"),
        ({"context": {"interview-at": "next week"}}, "context.interview-at"),
        ({"context": {"favourite": "x"}}, "context.favourite"),
        ({"context": "Dr. Patel"}, "context"),
        ({"debounce-ms": "soon"}, "debounce-ms"),
        ({"score-diagnostic": "yes"}, "score-diagnostic"),
    ],
)
def test_bad_settings_name_the_key(raw: dict[str, object], key: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_settings(raw)
    assert key in str(raised.value)


def test_settings_must_be_an_object() -> None:
    with pytest.raises(ConfigError):
        parse_settings(["EMO001"])


def test_null_means_unset() -> None:
    settings = parse_settings({"select": None, "ignore": None, "context": {"recipient": None}})
    assert settings.config_for(Config(ignore=("INF001",))).ignore == ("INF001",)
    assert settings.context_with(recipient="Dr. Ana Patel").recipient == "Dr. Ana Patel"


def test_pushed_settings_lie_over_initialization_options() -> None:
    initialization = {"tactful": {"select": ["EMO001"], "context": {"recipient": "Dr. Ana Patel"}}}
    # An empty push (what Neovim sends after initializing) keeps the initialization options.
    assert parse_settings(layered(initialization, {})).config_overrides == {"select": ["EMO001"]}
    pushed = {"tactful": {"max-chars": 900, "context": {"position": "lab technician"}}}
    settings = parse_settings(layered(initialization, pushed))
    assert settings.config_overrides == {"select": ["EMO001"], "max_chars": 900}
    assert settings.context == {"recipient": "Dr. Ana Patel", "position": "lab technician"}
