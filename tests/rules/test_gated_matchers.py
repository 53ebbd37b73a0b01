"""A GatedMatcher skips the phrase matcher only on messages where it would find nothing."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import check_context
from tests.rules.test_fast_patterns import text_from

from tactful import Config
from tactful._engine import RuleSet
from tactful.checks._shared import GatedMatcher, message_words, normal
from tactful.packs._kinds import _PhraseRule

STRUCTURE_LISTS = (
    "thanks-phrases",
    "interest-phrases",
    "interest-desires",
    "interest-objects",
    "attachment-phrases",
    "attachment-words",
    "attachable-documents",
)


@pytest.fixture(scope="module")
def rule_set() -> RuleSet:
    return RuleSet.for_config(Config())


def phrase_lists(rule_set: RuleSet) -> list[tuple[str, list[str], str]]:
    """(name, phrases, attr) of every phrase list the built-in rules match with a gate."""
    lists = [(name, list(rule_set.resources.lexicon(name)), "LOWER") for name in STRUCTURE_LISTS]
    for active in rule_set.active:
        rule = active.rule
        if isinstance(rule, _PhraseRule) and hasattr(rule, "_matcher"):
            attr = "LOWER" if rule.spec.ignore_case else "ORTH"
            lists.append((rule.code, list(rule._phrases()), attr))
            if rule.spec.exceptions:
                lists.append((f"{rule.code} exceptions", list(rule.spec.exceptions), attr))
    return lists


def test_every_list_is_covered(rule_set: RuleSet) -> None:
    names = [name for name, _, _ in phrase_lists(rule_set)]
    assert len(names) > len(STRUCTURE_LISTS)
    assert all(phrases for _, phrases, _ in phrase_lists(rule_set))


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_the_gate_never_hides_a_match(data: st.DataObject) -> None:
    rule_set = RuleSet.for_config(Config())
    name, phrases, attr = data.draw(st.sampled_from(phrase_lists(rule_set)))
    gated = GatedMatcher(rule_set.nlp, phrases, attr, "phrase")
    ungated: Any = gated._matcher
    # Other phrases' words as well: a gate passing on a word that starts no match.
    text = text_from(phrases, data) + " " + text_from(phrases, data)
    ctx = check_context("Hi Sam,\n\n" + text, rule_set)
    if ctx is None:
        return
    assert gated(ctx) == ungated(ctx.doc), name
    spans = [(ctx.doc[s:e].start_char, ctx.doc[s:e].end_char) for _, s, e in ungated(ctx.doc)]
    assert gated.spans(ctx) == spans


def test_a_message_without_any_key_word_skips_the_matcher(rule_set: RuleSet) -> None:
    gated = GatedMatcher(rule_set.nlp, ["do the needful", "kindly do"], "LOWER", "phrase")
    ctx = check_context("Hi Sam,\n\nThank you for the tour.", rule_set)
    assert ctx is not None
    assert gated(ctx) == []
    ctx = check_context("Hi Sam,\n\nPlease DO THE NEEDFUL.", rule_set)
    assert ctx is not None
    assert gated.spans(ctx) == [(16, 30)]


def test_a_message_with_some_words_of_a_phrase_only_skips_the_matcher(
    rule_set: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    gated = GatedMatcher(rule_set.nlp, ["do the needful", "kindly do"], "LOWER", "phrase")

    def must_not_run(doc: Any) -> list[tuple[int, int, int]]:
        raise AssertionError("the matcher ran")

    with monkeypatch.context() as patched:
        patched.setattr(gated, "_matcher", must_not_run)
        ctx = check_context("Hi Sam,\n\nThe needful was done, and kindly.", rule_set)
        assert ctx is not None
        assert gated(ctx) == []
    ctx = check_context("Hi Sam,\n\nThe needful was done; kindly do it.", rule_set)
    assert ctx is not None
    assert gated.spans(ctx) == [(31, 40)]


def test_only_lower_and_orth_can_be_gated(rule_set: RuleSet) -> None:
    with pytest.raises(ValueError, match="LOWER or ORTH"):
        GatedMatcher(rule_set.nlp, ["x"], "NORM", "phrase")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"aZß’' .\n", "İ", "ﬁ", "Σ", "ς", "K"]), max_size=60))
def test_message_words_are_the_sets_of_the_token_tables(text: str) -> None:
    rule_set = RuleSet.for_config(Config())
    ctx = check_context("Hi Sam,\n\n" + text + " thanks", rule_set)
    assert ctx is not None
    assert message_words(ctx, "text") == frozenset(ctx.token_texts)
    assert message_words(ctx, "lower") == frozenset(ctx.token_lowers)
    assert message_words(ctx, "normal") == frozenset(ctx.token_normals)
    assert message_words(ctx, "normal") == frozenset(map(normal, ctx.token_texts))
