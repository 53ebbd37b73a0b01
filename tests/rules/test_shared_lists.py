"""The structure rules' shared phrase lists find what a matcher of each list alone finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import check_context
from tests.rules.test_fast_patterns import text_from

from tactful import Config
from tactful._engine import RuleSet
from tactful.checks._shared import GatedMatcher
from tactful.checks._structure import SHARED_LISTS, shared_lists


@pytest.fixture(scope="module")
def rule_set() -> RuleSet:
    return RuleSet.for_config(Config())


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_each_list_matches_as_a_matcher_of_its_own(data: st.DataObject) -> None:
    rule_set = RuleSet.for_config(Config())
    lexicons = rule_set.resources.lexicons
    # Words of every list, so several lists match in one text.
    text = " ".join(text_from(list(lexicons[name]), data) for name in SHARED_LISTS)
    ctx = check_context("Hi Sam,\n\n" + text, rule_set)
    if ctx is None:
        return
    lists = shared_lists(rule_set.resources)
    for name in SHARED_LISTS:
        alone = GatedMatcher(rule_set.nlp, lexicons[name], "LOWER", "phrase")
        # The rules read these as sets (a minimum, any one, whether there is one).
        assert sorted(lists.spans(ctx, name)) == sorted(alone.spans(ctx)), name


def test_the_rules_share_one_pass(rule_set: RuleSet) -> None:
    thanks, interest = (
        active.rule
        for code in ("STR001", "STR005")
        for active in rule_set.active
        if active.rule.code == code
    )
    assert thanks.phrases is interest.phrases  # type: ignore[attr-defined]


def test_a_rule_still_needs_its_own_list(rule_set: RuleSet) -> None:
    with pytest.raises(KeyError, match="no-such-list"):
        shared_lists(rule_set.resources, "no-such-list")


def test_a_note_without_any_phrase_word_matches_nothing(rule_set: RuleSet) -> None:
    ctx = check_context("Hi Sam,\n\nThe samples are in the fridge.", rule_set)
    assert ctx is not None
    lists = shared_lists(rule_set.resources)
    assert all(lists.spans(ctx, name) == [] for name in SHARED_LISTS)
