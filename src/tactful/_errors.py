"""Every error tactful raises on purpose derives from :class:`TactfulError`.

Callers that embed tactful catch one class; the CLI maps these to exit status 2
with a one-line message. No message text is ever put into an error message.
"""

from __future__ import annotations


class TactfulError(Exception):
    """Base class of every error tactful raises on purpose."""


class InputError(TactfulError):
    """The message could not be read: empty bytes, binary data, bad MIME, bad charset."""


class MessageTooLargeError(InputError):
    """The message is longer than the configured ``max_chars``."""

    def __init__(self, length: int, max_chars: int) -> None:
        super().__init__(
            f"message is {length:,} characters long, over the limit of {max_chars:,} "
            "(raise max-chars in the config to check it anyway)"
        )
        self.length = length
        self.max_chars = max_chars


class ConfigError(TactfulError):
    """A configuration file or value is invalid; names the file and the key."""

    def __init__(self, message: str, *, path: str | None = None, key: str | None = None) -> None:
        where = ""
        if path:
            where += f"{path}: "
        if key:
            where += f"{key}: "
        super().__init__(f"{where}{message}")
        self.path = path
        self.key = key


class PackError(ConfigError):
    """A declarative rule pack is invalid; names the file and the field."""


class PluginError(TactfulError):
    """A third-party rule plugin could not be loaded or declares a clashing rule."""


class RegistryError(TactfulError):
    """Two rules, or a rule and a category, claim the same code or name."""


class SelectorError(ConfigError):
    """A select/ignore entry names no code, prefix, rule or category."""


class RuleFailedError(TactfulError):
    """A rule raised an exception while checking a message."""

    def __init__(self, code: str, error: BaseException) -> None:
        super().__init__(f"rule {code} failed: {type(error).__name__}: {error}")
        self.code = code
        self.error = error
