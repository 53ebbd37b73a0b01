"""Shared fixtures. Hypothesis strategies live in tests/strategies.py."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from tactful import Config, Context, TactfulError
from tactful._engine import RuleSet
from tactful.rule import CheckContext

settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")

IN_CI = os.environ.get("CI") == "true"

#: A weekday morning to send at. Without a send time a draft goes out "now", and at night or
#: at the weekend off-hours-send (TIM004) fires with the minute in its message: two checks
#: of one draft a minute apart would then differ, and a test comparing them would flake.
SENT_IN_OFFICE_HOURS = "2026-11-17T10:00"
OFFICE_HOURS = Context(sent_at=SENT_IN_OFFICE_HOURS)


def require_program(name: str) -> str:
    """Path of a system program an end-to-end test needs: skip locally, fail in CI."""
    import shutil

    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (.ci/run installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def check_context(text: str, rule_set: RuleSet | None = None) -> CheckContext | None:
    """What a rule is given for ``text`` (None for text that cannot be checked)."""
    rule_set = rule_set or RuleSet.for_config(Config())
    try:
        parsed = rule_set.parse(text)
    except TactfulError:
        return None
    return CheckContext(
        message=parsed,
        doc=rule_set.nlp(parsed.prose_text),
        context=Context(),
        config=rule_set.config,
        kind="thank_you",
        resources=rule_set.resources,
    )
