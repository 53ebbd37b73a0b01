"""Every rule's docs examples run as tests: bad ones must be flagged, good ones must not."""

from __future__ import annotations

import pytest

from tactful._engine import run_examples
from tactful._registry import build_registry

REGISTRY = build_registry(plugins=False)


@pytest.mark.parametrize("code", list(REGISTRY.rules))
def test_docs_examples(code: str) -> None:
    rule = REGISTRY.rules[code]
    docs = rule.docs()
    assert docs.bad, f"{code} has no bad example"
    assert docs.good, f"{code} has no good example"
    assert run_examples(REGISTRY, rule) == []
