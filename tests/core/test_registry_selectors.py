"""Selectors that are not exact codes go through the registry's name index."""

from __future__ import annotations

import pytest

from tactful import Config, check_message


@pytest.mark.parametrize("selector", ["EMO", "emoji", "emoji-use"])
def test_prefix_category_and_name_selectors_work(selector: str) -> None:
    report = check_message(
        "Hi Dr. Patel, thanks 😀 gonna write soon.", config=Config(select=(selector,))
    )
    assert {finding.code for finding in report.findings} == {"EMO001"}
