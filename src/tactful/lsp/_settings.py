"""Editor settings: ``initializationOptions`` and ``workspace/didChangeConfiguration``.

The shape, in kebab-case or snake_case, optionally under a ``tactful`` key::

    {"select": ["EMO001"], "max-chars": 20000,            # any key of the config file
     "context": {"recipient": "Dr. Ana Patel", "interview-at": "2026-11-20"},
     "debounce-ms": 300, "score-diagnostic": true}          # the server's own

Config keys lie over the discovered config file key by key (a list replaces the file's
list); ``context`` fills the facts the text does not carry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from tactful._config import Config, config_error_from
from tactful._context import Context
from tactful._errors import ConfigError

DEFAULT_DEBOUNCE_SECONDS = 0.3
_SERVER_KEYS = {"debounce_ms", "score_diagnostic", "context"}


def _snake(key: str) -> str:
    return key.replace("-", "_")


@dataclass(frozen=True)
class Settings:
    """What the editor asked for, validated."""

    config_overrides: dict[str, Any] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)
    debounce_seconds: float = DEFAULT_DEBOUNCE_SECONDS
    score_diagnostic: bool = True

    def config_for(self, discovered: Config) -> Config:
        return discovered.merged(**self.config_overrides) if self.config_overrides else discovered

    def context_with(self, **from_document: Any) -> Context:
        """The editor's context, with facts from the document filling only what is unset."""
        values = {k: v for k, v in from_document.items() if v is not None}
        values.update(self.context)
        return Context.model_validate(values)


def normalise(raw: Any) -> dict[str, Any]:
    """Settings as a flat snake_case mapping, unwrapped from a ``tactful`` key if present.

    null means "unset" (VS Code and Neovim settings use it): the file's value stays.
    """
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError("settings must be an object", path="editor settings")
    if isinstance(raw.get("tactful"), dict):
        raw = raw["tactful"]
    return {_snake(str(key)): value for key, value in raw.items() if value is not None}


def layered(initialization: Any, pushed: Any) -> dict[str, Any]:
    """``workspace/didChangeConfiguration`` settings laid over ``initializationOptions``.

    Clients such as Neovim send an empty settings object after initializing; that must not
    undo the initialization options. ``context`` is merged fact by fact.
    """
    base, top = normalise(initialization), normalise(pushed)
    merged = {**base, **top}
    if isinstance(base.get("context"), dict) and isinstance(top.get("context"), dict):
        merged["context"] = {**base["context"], **top["context"]}
    return merged


def parse_settings(raw: Any) -> Settings:
    """Validate editor settings; a :class:`ConfigError` names the offending key."""
    data = normalise(raw)
    overrides = {key: value for key, value in data.items() if key not in _SERVER_KEYS}
    Config.from_mapping(overrides)  # raises naming the key

    context = data.get("context") or {}
    if not isinstance(context, dict):
        raise ConfigError("must be an object", path="editor settings", key="context")
    context = {_snake(str(key)): value for key, value in context.items() if value is not None}
    try:
        Context.model_validate(context)
    except ValidationError as error:
        problem = config_error_from(error, None)
        raise ConfigError(
            str(problem).split(": ", 1)[-1],
            path="editor settings",
            key=f"context.{problem.key}" if problem.key else "context",
        ) from None

    debounce_ms = data.get("debounce_ms", DEFAULT_DEBOUNCE_SECONDS * 1000)
    if (
        not isinstance(debounce_ms, int | float)
        or isinstance(debounce_ms, bool)
        or not 0 <= debounce_ms <= 10_000
    ):
        raise ConfigError(
            "must be a number of milliseconds from 0 to 10000",
            path="editor settings",
            key="debounce-ms",
        )
    score_diagnostic = data.get("score_diagnostic", True)
    if not isinstance(score_diagnostic, bool):
        raise ConfigError("must be true or false", path="editor settings", key="score-diagnostic")
    return Settings(
        config_overrides=overrides,
        context=context,
        debounce_seconds=debounce_ms / 1000,
        score_diagnostic=score_diagnostic,
    )
