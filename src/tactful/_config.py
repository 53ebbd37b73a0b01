"""Configuration: the pydantic ``Config`` model and config-file discovery.

Library calls read no file unless given a config or asked to discover one. The CLI
and the language server call :meth:`Config.discover`.
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tactful._errors import ConfigError
from tactful._model import Severity

CONFIG_FILE_NAMES = ("tactful.toml", ".tactful.toml", "pyproject.toml")
DEFAULT_MAX_CHARS = 200_000


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Config(BaseModel):
    """How tactful checks: which rules, with which options and limits.

    Keys may be written in kebab-case (``extend-select``) or snake_case.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        alias_generator=_kebab,
        validate_by_name=True,
        validate_by_alias=True,
    )

    select: tuple[str, ...] | None = Field(
        default=None,
        description="codes, prefixes, rule names or categories to run (default: all stable)",
    )
    extend_select: tuple[str, ...] = Field(default=(), description="added to select")
    ignore: tuple[str, ...] = Field(
        default=(), description="codes, prefixes, names or categories to skip"
    )
    severity: dict[str, Severity] = Field(
        default_factory=dict,
        description="severity overrides by code, prefix, rule name or category",
    )
    rules: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="per-rule options, keyed by code or rule name"
    )
    packs: tuple[Path, ...] = Field(default=(), description="extra rule-pack folders or files")
    allowed_words: tuple[str, ...] = Field(
        default=(), description="words and phrases no word-list rule flags"
    )
    max_chars: int = Field(default=DEFAULT_MAX_CHARS, gt=0)
    audience: str = Field(
        default="us", description="the reader's convention; culture rules speak for us"
    )
    pipeline: str | None = Field(
        default=None,
        description="an installed spaCy pipeline (name or path) to use instead of blank English",
    )
    plugins: bool = Field(
        default=True, description="load rules from the tactful.rules entry points"
    )
    fail_on: Severity | Literal["never"] = Field(default=Severity.WARNING)
    min_score: int | None = Field(default=None, ge=0, le=100)
    source: Path | None = Field(
        default=None, description="the file this came from (set by tactful)"
    )

    @field_validator("audience")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.strip().lower()

    @classmethod
    def from_toml(cls, path: str | os.PathLike[str], *, table: tuple[str, ...] = ()) -> Config:
        """Read a config file; ``table`` selects a nested table (``("tool", "tactful")``)."""
        file = Path(path)
        data = read_toml(file, "config")
        for name in table:
            data = data.get(name, {})
        return cls.from_mapping(data, path=file)

    @classmethod
    def from_mapping(cls, data: dict[str, Any], *, path: Path | None = None) -> Config:
        """Validate a mapping (a TOML table, LSP settings); errors name the key."""
        try:
            config = cls.model_validate(data)
        except ValidationError as error:
            raise config_error_from(error, path) from None
        if path is None:
            return config
        packs = tuple(p if p.is_absolute() else path.parent / p for p in config.packs)
        return config.model_copy(update={"source": path, "packs": packs})

    @classmethod
    def discover(cls, start: str | os.PathLike[str], *, user_config: bool = True) -> Config:
        """The config that applies to a file or folder: the nearest project config walking up.

        In each folder ``tactful.toml``, then ``.tactful.toml``, then ``[tool.tactful]`` in
        ``pyproject.toml``. When none is found, the user config in the platform's config
        folder (useful for drafts in temporary folders), else the defaults.
        """
        found = find_config_file(Path(start))
        if found is None and user_config:
            candidate = user_config_path()
            if candidate.is_file():
                found = (candidate, ())
        if found is None:
            return cls()
        file, table = found
        return cls.from_toml(file, table=table)

    def merged(self, **overrides: Any) -> Config:
        """A copy with command-line or editor settings laid over this one."""
        data = self.model_dump(exclude_unset=True, by_alias=False)
        data.update({key: value for key, value in overrides.items() if value is not None})
        try:
            merged = type(self).model_validate(data)
        except ValidationError as error:
            raise config_error_from(error, self.source) from None
        return merged.model_copy(update={"source": self.source})


def read_toml(file: Path, what: str, error: type[ConfigError] = ConfigError) -> dict[str, Any]:
    """A TOML file's tables; any problem is ``error`` naming the file."""
    try:
        return tomllib.loads(file.read_text(encoding="utf-8"))
    except OSError as problem:
        raise error(f"cannot read {what}: {problem.strerror}", path=str(file)) from None
    except UnicodeDecodeError:
        raise error(f"{what} is not UTF-8 text", path=str(file)) from None
    except tomllib.TOMLDecodeError as problem:
        raise error(f"invalid TOML: {problem}", path=str(file)) from None


def find_config_file(start: Path) -> tuple[Path, tuple[str, ...]] | None:
    """The nearest config file at or above ``start``, with the table holding the config."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for directory in (folder, *folder.parents):
        for name in CONFIG_FILE_NAMES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml":
                return candidate, ()
            if _pyproject_has_table(candidate):
                return candidate, ("tool", "tactful")
    return None


def _pyproject_has_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and "tactful" in tool


def user_config_path() -> Path:
    """``tactful/tactful.toml`` in the platform's per-user config folder."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "tactful" / "tactful.toml"


def config_error_from(
    error: ValidationError, path: Path | None, *, prefix: str | None = None
) -> ConfigError:
    first = error.errors()[0]
    parts = [prefix] if prefix else []
    parts += [_kebab(str(part)) for part in first["loc"]]
    key = ".".join(parts) or None
    message = first["msg"]
    if first["type"] == "extra_forbidden":
        message = "unknown key"
    extra = len(error.errors()) - 1
    if extra:
        message += f" (and {extra} more problem{'s' if extra > 1 else ''})"
    return ConfigError(message, path=str(path) if path else None, key=key)
