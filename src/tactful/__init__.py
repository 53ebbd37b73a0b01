"""tactful: checks a follow-up email after a lab-technician interview before you send it.

>>> from tactful import check_message, Context
>>> report = check_message(draft, context=Context(recipient="Dr. Ana Patel"))
>>> report.score, report.verdict, [f.code for f in report.findings]
"""

from tactful._config import Config
from tactful._context import Context
from tactful._engine import check_message, check_messages
from tactful._errors import (
    ConfigError,
    InputError,
    MessageTooLargeError,
    PackError,
    PluginError,
    RegistryError,
    RuleFailedError,
    SelectorError,
    TactfulError,
)
from tactful._model import (
    Applicability,
    Edit,
    Finding,
    Fix,
    FixAvailability,
    MessageParts,
    Report,
    Severity,
    Span,
    Stability,
    Strength,
)
from tactful._registry import Plugin
from tactful._version import __version__
from tactful.rule import CheckContext, Rule, Violation

__all__ = [
    "Applicability",
    "CheckContext",
    "Config",
    "ConfigError",
    "Context",
    "Edit",
    "Finding",
    "Fix",
    "FixAvailability",
    "InputError",
    "MessageParts",
    "MessageTooLargeError",
    "PackError",
    "Plugin",
    "PluginError",
    "RegistryError",
    "Report",
    "Rule",
    "RuleFailedError",
    "SelectorError",
    "Severity",
    "Span",
    "Stability",
    "Strength",
    "TactfulError",
    "Violation",
    "__version__",
    "check_message",
    "check_messages",
]
